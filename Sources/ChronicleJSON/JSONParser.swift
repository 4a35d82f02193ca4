/// Strict RFC 8259 JSON parser.
///
/// Accepts exactly one value with optional surrounding whitespace; rejects trailing commas,
/// comments, leading zeros, `NaN`/`Infinity`, unescaped control characters and invalid UTF-8
/// (overlongs, UTF-8-encoded surrogates, code points above U+10FFFF). All escapes are
/// supported; `\uXXXX` surrogate pairs are combined and a lone surrogate escape becomes
/// U+FFFD. Containers may nest at most 512 deep (an error, never a stack overflow).
/// Number literals are kept verbatim (see ``JSONValue/number(_:)``).
public enum JSONParser {
    /// Parses one JSON document.
    /// - Throws: ``JSONSyntaxError`` with the byte offset of the first problem.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        try JSONByteScanner.parse(bytes)
    }

    /// Parses one JSON document.
    /// - Throws: ``JSONSyntaxError`` with the byte offset of the first problem.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withUnsafeBytes { raw -> Result<JSONValue, JSONSyntaxError> in
            do throws(JSONSyntaxError) {
                return .success(try JSONByteScanner.parse(raw))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Checks that `bytes` is one well-formed JSON document without building a tree.
    /// - Throws: ``JSONSyntaxError`` with the byte offset of the first problem.
    public static func validate(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        try JSONByteScanner.validate(bytes)
    }
}
