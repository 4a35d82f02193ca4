/// A caller-defined error used to check that `consume` errors propagate unchanged.
struct StopReading: Error, Equatable {
    let afterBytes: Int
}
