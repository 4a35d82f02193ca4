import ChronicleTOML

/// A configuration file that cannot be used (exit 78): says which file, line and key, on one line.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based; 0 when the problem is the file itself (it cannot be read).
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

    /// `FILE:LINE: key 'KEY': MESSAGE`, with any control character from the file (a key or value
    /// written with escapes such as `\n`) shown escaped so the message stays one line.
    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        let text = key.isEmpty ? "\(location): \(message)" : "\(location): key '\(key)': \(message)"
        return TOMLText.escapingControlCharacters(text)
    }
}
