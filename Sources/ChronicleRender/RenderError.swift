/// A renderer failed to write a file.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "rendering \(path): \(message)" }
}
