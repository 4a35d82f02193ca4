/// An `errno` value carried through a `Result`.
struct SystemError: Error {
    /// The errno value.
    let code: Int32
}
