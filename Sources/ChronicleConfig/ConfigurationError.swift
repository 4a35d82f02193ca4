/// A configuration file that cannot be used (exit 78): says which file, line and key.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    /// The dotted key, e.g. `source[2].concurrency` (empty for a syntax error).
    public var key: String
    public var message: String

    public init(file: String, line: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        key.isEmpty ? "\(file):\(line): \(message)" : "\(file):\(line): key '\(key)': \(message)"
    }
}
