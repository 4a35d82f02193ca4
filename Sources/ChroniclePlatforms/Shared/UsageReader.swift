import ChronicleCore
import ChronicleJSON

/// Reads the `usage` object that Anthropic-style platforms put on a message or event:
/// `input_tokens`, `output_tokens`, `cache_read_input_tokens` (or `cache_read_tokens`) and
/// `cache_creation_input_tokens` (or `cache_write_tokens`). Absent, null or empty usage is
/// unknown (nil), never zero; a wrongly typed count is an error naming `usage.<key>`.
enum UsageReader {
    static func usage(of r: RecordReader) throws(RecordError) -> Usage? {
        guard let value = r.value["usage"], !value.isNull else { return nil }
        guard value.objectMembers != nil else { throw r.error("usage", "should be an object, found \(value.typeName)") }
        let u = RecordReader(value, kind: r.kind, sessionID: r.sessionID)
        func count(_ keys: String...) throws(RecordError) -> Int64? {
            for key in keys {
                do {
                    if let n = try u.optionalInt(key) { return n }
                } catch {
                    throw r.error("usage.\(key)", error.message)
                }
            }
            return nil
        }
        let usage = Usage(
            inputTokens: try count("input_tokens"), outputTokens: try count("output_tokens"),
            cacheReadTokens: try count("cache_read_input_tokens", "cache_read_tokens"),
            cacheWriteTokens: try count("cache_creation_input_tokens", "cache_write_tokens")
        )
        return usage.isUnknown ? nil : usage
    }
}
