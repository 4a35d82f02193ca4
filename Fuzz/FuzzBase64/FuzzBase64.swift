import ChronicleArtifacts
import ChronicleFuzzSupport

private let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

/// Standard padded base64 of `bytes`, a line break (LF or CRLF) after every `wrap` characters
/// when `wrap > 0`.
private func encode(_ bytes: [UInt8], wrap: Int, crlf: Bool) -> [UInt8] {
    var out: [UInt8] = []
    var column = 0
    func put(_ c: UInt8) {
        if wrap > 0 && column == wrap {
            if crlf { out.append(0x0D) }
            out.append(0x0A)
            column = 0
        }
        out.append(c)
        column += 1
    }
    var i = 0
    while i < bytes.count {
        let b0 = UInt32(bytes[i])
        let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
        let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
        let n = b0 << 16 | b1 << 8 | b2
        put(alphabet[Int(n >> 18 & 63)])
        put(alphabet[Int(n >> 12 & 63)])
        put(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
        put(i + 2 < bytes.count ? alphabet[Int(n & 63)] : UInt8(ascii: "="))
        i += 3
    }
    return out
}

/// The reference: what a strict decoder must accept (RFC 4648 §4, CR and LF skipped anywhere,
/// canonical final quad), and what it decodes to; nil when the input must be rejected.
private func reference(_ text: [UInt8]) -> [UInt8]? {
    var values: [UInt8] = []
    var padding = 0
    for c in text {
        if c == 0x0D || c == 0x0A { continue }
        if c == UInt8(ascii: "=") {
            padding += 1
            continue
        }
        guard padding == 0, let v = alphabet.firstIndex(of: c) else { return nil }
        values.append(UInt8(v))
    }
    guard (values.count + padding) % 4 == 0, padding <= 2 else { return nil }
    if padding > 0 && (values.count % 4) + padding != 4 { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < values.count {
        let left = min(4, values.count - i)
        var n: UInt32 = 0
        for k in 0..<4 { n = n << 6 | (k < left ? UInt32(values[i + k]) : 0) }
        let produced = left == 4 ? 3 : left - 1
        if left < 4 {
            // Unused bits of the final quad must be zero (canonical encoding).
            let mask: UInt32 = left == 2 ? 0xFFFF : 0xFF
            if n & mask != 0 { return nil }
        }
        for k in 0..<produced { out.append(UInt8(n >> (16 - 8 * UInt32(k)) & 0xFF)) }
        i += 4
    }
    return out
}

/// Decodes `chunks` with ``StrictBase64Decoder``; nil when it throws a decoding error.
private func decode(_ chunks: [ArraySlice<UInt8>]) -> [UInt8]? {
    var decoder = StrictBase64Decoder()
    var out: [UInt8] = []
    do {
        for chunk in chunks {
            try chunk.withUnsafeBytes { raw in
                try decoder.decode(raw) { out.append(contentsOf: $0) }
            }
        }
        try decoder.finish { out.append(contentsOf: $0) }
    } catch is Base64DecodingError {
        return nil
    } catch {
        fuzzFailure("unexpected error type \(type(of: error)): \(error)")
    }
    if decoder.decodedByteCount != out.count {
        fuzzFailure("decodedByteCount \(decoder.decodedByteCount) but \(out.count) bytes delivered")
    }
    return out
}

/// Input: a mode byte, eight bytes seeding the chunking, then the payload. Even modes encode the
/// payload (wrapped at a column the mode picks) and require decode(encode(x)) == x; odd modes
/// decode the payload as text and compare with the reference (same acceptance, same bytes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    var seed: UInt64 = 0
    for _ in 0..<8 { seed = seed << 8 | UInt64(input.byte()) }
    let payload = input.rest()
    var random = FuzzRandom(seed: seed)
    if mode & 1 == 0 {
        let wrap = [0, 0, 4, 76, 64, 1, 3, 7][Int(mode >> 1 & 7)]
        let text = encode(payload, wrap: wrap, crlf: mode & 0x10 != 0)
        guard let decoded = decode(randomChunks(text, &random)) else {
            fuzzFailure("rejected a valid encoding of \(payload.count) bytes")
        }
        if decoded != payload { fuzzFailure("decode(encode(x)) != x for \(payload.count) bytes") }
    } else {
        let expected = reference(payload)
        let whole = decode([payload[...]])
        let chunked = decode(randomChunks(payload, &random))
        if whole != expected { fuzzFailure("decoder \(whole.map { "\($0.count) bytes" } ?? "rejects"), reference \(expected.map { "\($0.count) bytes" } ?? "rejects")") }
        if chunked != whole { fuzzFailure("chunking changed the result") }
    }
    return 0
}
