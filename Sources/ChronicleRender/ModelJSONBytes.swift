import ChronicleCore
import ChronicleJSON

/// The archive's event and artifact objects (format version 1) written straight to UTF-8 bytes,
/// in the members' fixed order, without building a ``JSONValue`` tree, its member arrays and
/// their copies of every string for each event. A golden file recorded from the tree writer that
/// defined the format holds the bytes (`ModelJSONBytesTests`).
public enum ModelJSONBytes {
    /// Appends an event's compact JSON.
    public static func appendEvent(_ e: Event, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"index":"#.utf8)
        appendInteger(Int64(e.index), to: &out)
        out.append(contentsOf: #","id":"#.utf8)
        appendOptional(e.id, to: &out)
        out.append(contentsOf: #","kind":"#.utf8)
        JSONWriter.appendString(e.kind.rawValue, to: &out)
        out.append(contentsOf: #","platform_type":"#.utf8)
        JSONWriter.appendString(e.platformType, to: &out)
        out.append(contentsOf: #","created_at":"#.utf8)
        appendTimestamp(e.createdAt, to: &out)
        out.append(contentsOf: #","speaker":"#.utf8)
        appendOptional(e.speaker, to: &out)
        out.append(contentsOf: e.hidden ? #","hidden":true,"hidden_reason":"#.utf8 : #","hidden":false,"hidden_reason":"#.utf8)
        appendOptional(e.hiddenReason, to: &out)
        out.append(contentsOf: #","model":"#.utf8)
        appendOptional(e.model, to: &out)
        out.append(contentsOf: #","request_id":"#.utf8)
        appendOptional(e.requestID, to: &out)
        out.append(contentsOf: #","usage":"#.utf8)
        if let u = e.usage {
            out.append(contentsOf: #"{"input_tokens":"#.utf8)
            appendOptionalInteger(u.inputTokens, to: &out)
            out.append(contentsOf: #","output_tokens":"#.utf8)
            appendOptionalInteger(u.outputTokens, to: &out)
            out.append(contentsOf: #","cache_read_tokens":"#.utf8)
            appendOptionalInteger(u.cacheReadTokens, to: &out)
            out.append(contentsOf: #","cache_write_tokens":"#.utf8)
            appendOptionalInteger(u.cacheWriteTokens, to: &out)
            out.append(0x7D)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: #","blocks":["#.utf8)
        for (i, block) in e.blocks.enumerated() {
            if i > 0 { out.append(0x2C) }
            appendBlock(block, to: &out)
        }
        out.append(contentsOf: "]}".utf8)
    }

    /// Appends a content block's compact JSON.
    static func appendBlock(_ b: ContentBlock, to out: inout [UInt8]) {
        switch b {
        case .text(let text, let markdown):
            out.append(contentsOf: markdown ? #"{"type":"text","markdown":true,"text":"#.utf8 : #"{"type":"text","markdown":false,"text":"#.utf8)
            JSONWriter.appendString(text, to: &out)
        case .thinking(let text):
            out.append(contentsOf: #"{"type":"thinking","text":"#.utf8)
            JSONWriter.appendString(text, to: &out)
        case .toolCall(let id, let name, let input):
            out.append(contentsOf: #"{"type":"tool_call","id":"#.utf8)
            appendOptional(id, to: &out)
            out.append(contentsOf: #","name":"#.utf8)
            JSONWriter.appendString(name, to: &out)
            out.append(contentsOf: #","input":"#.utf8)
            JSONWriter.append(input, to: &out)
        case .toolResult(let id, let name, let output, let isError):
            out.append(contentsOf: #"{"type":"tool_result","id":"#.utf8)
            appendOptional(id, to: &out)
            out.append(contentsOf: #","name":"#.utf8)
            appendOptional(name, to: &out)
            out.append(contentsOf: #","output":"#.utf8)
            JSONWriter.append(output, to: &out)
            out.append(contentsOf: #","is_error":"#.utf8)
            switch isError {
            case true?: out.append(contentsOf: "true".utf8)
            case false?: out.append(contentsOf: "false".utf8)
            case nil: out.append(contentsOf: "null".utf8)
            }
        case .artifact(let ref):
            out.append(contentsOf: #"{"type":"artifact","artifact":"#.utf8)
            appendArtifact(ref, to: &out)
        case .json(let value):
            out.append(contentsOf: #"{"type":"json","value":"#.utf8)
            JSONWriter.append(value, to: &out)
        case .rawText(let text):
            out.append(contentsOf: #"{"type":"raw_text","text":"#.utf8)
            JSONWriter.appendString(text, to: &out)
        }
        out.append(0x7D)
    }

    /// Appends an artifact reference's compact JSON.
    public static func appendArtifact(_ a: ArtifactReference, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"artifact_id":"#.utf8)
        appendOptional(a.artifactID, to: &out)
        out.append(contentsOf: #","name":"#.utf8)
        appendOptional(a.name, to: &out)
        out.append(contentsOf: #","media_type":"#.utf8)
        appendOptional(a.mediaType, to: &out)
        out.append(contentsOf: #","size":"#.utf8)
        appendOptionalInteger(a.size, to: &out)
        out.append(contentsOf: #","sha256":"#.utf8)
        appendOptional(a.sha256, to: &out)
        out.append(contentsOf: #","path":"#.utf8)
        appendOptional(a.storedPath, to: &out)
        out.append(contentsOf: #","state":"#.utf8)
        JSONWriter.appendString(a.state.rawValue, to: &out)
        out.append(contentsOf: #","problem":"#.utf8)
        appendOptional(a.problem, to: &out)
        out.append(0x7D)
    }

    /// ``ModelJSON/timestamp(_:)``: `{"original":…,"utc":…}` or `null`.
    static func appendTimestamp(_ t: Timestamp?, to out: inout [UInt8]) {
        guard let t else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(contentsOf: #"{"original":"#.utf8)
        JSONWriter.appendString(t.original, to: &out)
        out.append(contentsOf: #","utc":"#.utf8)
        if let ms = t.epochMilliseconds {
            JSONWriter.appendString(Timestamp.formatUTC(ms), to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(0x7D)
    }

    @inline(__always)
    static func appendOptional(_ s: String?, to out: inout [UInt8]) {
        if let s { JSONWriter.appendString(s, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    @inline(__always)
    static func appendOptionalInteger(_ n: Int64?, to out: inout [UInt8]) {
        if let n { appendInteger(n, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// The decimal digits of `n`, as `String(n)` writes them (always a valid JSON number).
    static func appendInteger(_ n: Int64, to out: inout [UInt8]) {
        if n == 0 {
            out.append(0x30)
            return
        }
        var magnitude = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            }
            if n < 0 { out.append(0x2D) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }
}
