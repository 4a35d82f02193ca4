/// An error raised while building, finalising or reading a bag.
///
/// Every error says what failed, on which path, and what to do next, so that
/// an operator reading a log line can act without reading the source.
public struct BagError: Error, Sendable, CustomStringConvertible {
    /// What failed, e.g. "disk full while writing".
    public let what: String
    /// The file or directory concerned.
    public let path: String
    /// What the operator should do next.
    public let remedy: String

    /// Creates an error from its three parts.
    public init(what: String, path: String, remedy: String) {
        self.what = what
        self.path = path
        self.remedy = remedy
    }

    /// A one-line, human readable message: "<what> <path>: <remedy>".
    public var description: String {
        "\(what) \(path): \(remedy)"
    }
}
