/// A strict, streaming decoder for standard base64 (RFC 4648 §4).
///
/// Input may be split into chunks at any boundary (inside a quad, between `\r` and `\n`, …).
/// Accepted: the standard alphabet `A–Z a–z 0–9 + /`, `=` padding in the final quad only,
/// and `\r` / `\n` anywhere (line-wrapped input such as 76-column MIME). Everything else is
/// rejected with a ``Base64DecodingError`` naming the absolute offset of the offending byte:
/// url-safe characters (`-`, `_`), spaces, tabs, any other byte, missing padding, extra
/// padding, data after padding, and non-zero unused bits in the final quad (non-canonical
/// encodings such as `QR==`).
///
/// Decoded bytes are delivered in pieces through a fixed-size scratch buffer; no memory is
/// allocated per input byte. The buffer passed to `output` is only valid during that call.
///
/// Once a ``Base64DecodingError`` has been thrown, every later call throws the same error.
/// If `output` throws, its error propagates unchanged and the decoder must not be used again.
public struct StrictBase64Decoder: Sendable {
    /// Size of the scratch buffer decoded bytes are collected in (a multiple of 3).
    static let outputCapacity = 3 * 4096

    /// Absolute offset of the first byte of the next chunk.
    private var consumed = 0
    /// Bits of the data characters of the current, incomplete quad.
    private var accumulator: UInt32 = 0
    /// Number of data characters in the current quad (0...3).
    private var pending = 0
    /// Number of `=` seen in the final quad.
    private var padCount = 0
    /// True once a padded final quad is complete; only line breaks may follow.
    private var complete = false
    /// Offset and value of the most recent data character handled by the byte-wise path.
    private var lastDataOffset = 0
    private var lastDataByte: UInt8 = 0
    private var finished = false
    private var failure: Base64DecodingError?

    /// Number of decoded bytes handed to `output` so far.
    public private(set) var decodedByteCount = 0

    /// Creates a decoder at the start of an input.
    public init() {}

    /// Decodes the next chunk (any size, any boundary, even splitting a quad or a CRLF) and
    /// passes decoded bytes to `output` in pieces.
    ///
    /// - Throws: ``Base64DecodingError`` for invalid input, or whatever `output` throws (unchanged).
    public mutating func decode(
        _ chunk: UnsafeRawBufferPointer,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        if let failure { throw failure }
        if finished {
            throw reject(at: consumed, "decode(_:output:) called after finish(output:); the input had already ended")
        }
        if chunk.isEmpty { return }
        try Base64Alphabet.decodeTable.withUnsafeBufferPointer { table in
            try withUnsafeTemporaryAllocation(byteCount: Self.outputCapacity, alignment: 16) { buffer in
                try self.run(chunk, table: table, buffer: buffer, output: output)
            }
        }
    }

    /// End of input: validates the final state (an incomplete quad is a "missing padding"
    /// error at the end offset). Decoded bytes are always delivered by `decode`, so `output`
    /// is currently never called; it is kept so callers need not depend on that.
    public mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let failure { throw failure }
        if finished { return }
        if padCount > 0 && !complete {
            throw reject(at: consumed, "missing padding: the final quad has \(pending) base64 characters and \(padCount) '=', expected \(4 - pending) '='")
        }
        if pending > 0 {
            throw reject(at: consumed, "missing padding: the input ends inside a quad (\(pending) base64 character\(pending == 1 ? "" : "s") after the last complete quad; without line breaks the length must be a multiple of 4)")
        }
        finished = true
    }

    /// Records and returns an input error; later calls rethrow it.
    private mutating func reject(at offset: Int, _ reason: String) -> Base64DecodingError {
        let error = Base64DecodingError(offset: offset, reason: reason)
        failure = error
        return error
    }

    private mutating func run(
        _ input: UnsafeRawBufferPointer,
        table: UnsafeBufferPointer<UInt8>,
        buffer: UnsafeMutableRawBufferPointer,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let count = input.count
        let base = consumed
        let capacity = buffer.count - buffer.count % 3
        var acc = accumulator
        var pending = self.pending
        var filled = 0
        var i = 0
        defer {
            accumulator = acc
            self.pending = pending
        }

        while i < count {
            if filled > capacity - 3 {
                decodedByteCount += filled
                try output(UnsafeRawBufferPointer(start: buffer.baseAddress, count: filled))
                filled = 0
            }

            // Fast path: whole quads of alphabet characters, four table lookups at a time.
            if pending == 0 && padCount == 0 && !complete {
                var quads = min((count - i) / 4, (capacity - filled) / 3)
                while quads > 0 {
                    let a = table[Int(input[i])]
                    let b = table[Int(input[i &+ 1])]
                    let c = table[Int(input[i &+ 2])]
                    let d = table[Int(input[i &+ 3])]
                    if (a | b | c | d) & 0xC0 != 0 { break }
                    let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    buffer[filled] = UInt8(truncatingIfNeeded: v >> 16)
                    buffer[filled &+ 1] = UInt8(truncatingIfNeeded: v >> 8)
                    buffer[filled &+ 2] = UInt8(truncatingIfNeeded: v)
                    filled &+= 3
                    i &+= 4
                    quads &-= 1
                }
                if i >= count { break }
                if filled > capacity - 3 { continue }
            }

            // Byte-wise path: line breaks, partial quads, padding and errors.
            let byte = input[i]
            let value = table[Int(byte)]
            let offset = base + i
            i += 1
            if value < 64 {
                if complete {
                    throw reject(at: offset, "data after padding: '=' may only appear at the end of the final quad")
                }
                if padCount > 0 {
                    throw reject(at: offset, "data after padding: expected '=' to complete the padded final quad")
                }
                acc = acc << 6 | UInt32(value)
                pending += 1
                lastDataOffset = offset
                lastDataByte = byte
                if pending == 4 {
                    buffer[filled] = UInt8(truncatingIfNeeded: acc >> 16)
                    buffer[filled + 1] = UInt8(truncatingIfNeeded: acc >> 8)
                    buffer[filled + 2] = UInt8(truncatingIfNeeded: acc)
                    filled += 3
                    pending = 0
                    acc = 0
                }
            } else if value == Base64Alphabet.lineBreak {
                continue
            } else if value == Base64Alphabet.padding {
                if complete {
                    throw reject(at: offset, "extra padding: the final quad is already complete")
                }
                if padCount == 0 {
                    switch pending {
                    case 0:
                        throw reject(at: offset, "extra padding: '=' cannot start a quad")
                    case 1:
                        throw reject(at: offset, "extra padding: a padded quad needs at least two base64 characters before '='")
                    case 2:
                        if acc & 0x0F != 0 {
                            throw reject(at: lastDataOffset, nonCanonical(lastDataByte, padding: "=="))
                        }
                        buffer[filled] = UInt8(truncatingIfNeeded: acc >> 4)
                        filled += 1
                    default:
                        if acc & 0x03 != 0 {
                            throw reject(at: lastDataOffset, nonCanonical(lastDataByte, padding: "="))
                        }
                        buffer[filled] = UInt8(truncatingIfNeeded: acc >> 10)
                        buffer[filled + 1] = UInt8(truncatingIfNeeded: acc >> 2)
                        filled += 2
                    }
                }
                padCount += 1
                if pending + padCount == 4 {
                    complete = true
                    pending = 0
                    acc = 0
                }
            } else {
                throw reject(at: offset, Base64Alphabet.describeInvalid(byte))
            }
        }

        consumed = base + count
        if filled > 0 {
            decodedByteCount += filled
            try output(UnsafeRawBufferPointer(start: buffer.baseAddress, count: filled))
        }
    }

    private func nonCanonical(_ byte: UInt8, padding: String) -> String {
        "non-canonical encoding: the unused low bits of '\(Character(Unicode.Scalar(byte)))' before '\(padding)' must be zero"
    }
}
