/// A failure of the export pipeline itself (output folder, disk, lock): the export layer's one
/// error type. Platform failures stay ``PlatformError``s.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case output
        case lockHeld = "lock_held"
        case interrupted
        /// The state store could not be read or written.
        case state
    }

    public var kind: Kind
    public var path: String?
    public var message: String

    public init(_ kind: Kind, path: String? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String {
        (path.map { "\($0): " } ?? "") + message
    }
}
