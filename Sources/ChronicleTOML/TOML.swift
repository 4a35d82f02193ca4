/// Reads TOML 1.0 documents (https://toml.io/en/v1.0.0): exactly the language, every value with
/// its line and column, every error one line (`line N: <what>`).
///
/// Written for Chronicle's configuration file instead of a wrapper over a C++ parser, whose
/// assertions aborted the process on one-character typos. Nesting is bounded
/// (``maximumDepth``), so hostile input cannot exhaust the stack; time is linear in the input.
public enum TOML {
    /// The deepest nesting of tables and arrays accepted.
    public static var maximumDepth: Int { TOMLParser.maximumDepth }

    /// Parses a document given as bytes (UTF-8; a leading byte order mark is skipped).
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        var parser = try TOMLParser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// Parses a document given as text.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        try parse(Array(text.utf8))
    }
}
