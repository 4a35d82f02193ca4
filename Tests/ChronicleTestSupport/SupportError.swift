/// A test helper could not do what it was asked (a file missing, a tool not installable).
public struct SupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
