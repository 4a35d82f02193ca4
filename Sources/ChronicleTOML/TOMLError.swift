/// Why a document is not TOML 1.0, and where: `line N: <what>`, always one line.
///
/// Every part of a message that comes from the input goes through ``TOMLText`` first; the
/// initialiser escapes whatever control character is left, so no input can make the message span
/// two lines or carry a terminal escape.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    /// What is wrong and, where it helps, what to write instead; one line.
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = TOMLText.escapingControlCharacters(message)
    }

    init(at position: TOMLPosition, _ message: String) {
        self.init(line: position.line, column: position.column, message: message)
    }

    public var description: String { "line \(line): \(message)" }
}
