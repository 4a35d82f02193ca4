/// Incremental extractor for one huge string member of a top-level JSON object, e.g. the
/// base64 `data` of an artifact download.
///
/// The decoded content of the string (escapes resolved, UTF-8 bytes) is handed to the callback
/// in pieces (at most 64 KiB are buffered internally) and never held whole; everything else is
/// kept as the envelope (bounded by `maxEnvelopeBytes`) and returned by ``finish()`` with the
/// member's value replaced by `null`.
///
/// - The top-level value must be an object.
/// - If the key occurs more than once at top level, the FIRST occurrence is extracted; later ones
///   stay in the envelope verbatim.
/// - If the member's value is neither a string nor `null`, that is a ``JSONStreamError``.
/// - Errors carry absolute stream offsets; after an error the extractor keeps failing.
public struct JSONLargeStringExtractor: Sendable {
    private static let nullBytes: [UInt8] = [0x6E, 0x75, 0x6C, 0x6C]

    private let memberKey: String
    private var tracker: JSONEnvelopeTracker
    private var decoder = JSONStringStreamDecoder()
    private var streamOffset = 0
    private var failure: JSONStreamError?
    private var finished = false
    private var inString = false
    private var valueStart = 0
    private var memberFound = false
    private var memberWasNull = false

    /// Creates an extractor for the top-level member `memberKey`.
    /// - Parameter maxEnvelopeBytes: maximum size of everything except the extracted string.
    public init(memberKey: String, maxEnvelopeBytes: Int = 1 << 20) {
        self.memberKey = memberKey
        self.tracker = JSONEnvelopeTracker(target: .member(Array(memberKey.utf8)), requireObjectRoot: true,
                                           maxBytes: maxEnvelopeBytes)
    }

    /// Feeds the next chunk. The decoded content (JSON escapes resolved, UTF-8 bytes) of the
    /// top-level member `memberKey`'s string value goes to `onStringChunk` in pieces, never
    /// buffered whole. Each buffer is only valid during the call.
    /// - Throws: ``JSONStreamError`` for malformed or oversized input, or whatever the callback throws.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, onStringChunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let failure { throw failure }
        if finished {
            throw JSONStreamError(offset: streamOffset, message: "feed called after finish")
        }
        guard let raw = chunk.baseAddress, chunk.count > 0 else { return }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        let n = chunk.count
        let base = streamOffset
        do {
            var i = 0
            while i < n {
                if inString {
                    guard let end = try decoder.decode(p, from: i, count: n, base: base, emit: onStringChunk) else { break }
                    inString = false
                    try tracker.completeTarget(replacement: JSONLargeStringExtractor.nullBytes,
                                               streamStart: valueStart, streamLength: base + end + 1 - valueStart)
                    i = end + 1
                    continue
                }
                guard let t = try tracker.scan(p, from: i, count: n, base: base) else { break }
                let b = p[t]
                if b == JSONBytes.quote {
                    inString = true
                    memberFound = true
                    valueStart = base + t
                    i = t + 1
                } else if b == 0x6E {
                    memberWasNull = true
                    tracker.declineTarget()
                    i = t
                } else {
                    throw JSONStreamError(offset: base + t,
                                          message: "member \"\(memberKey)\" must be a string or null, found \(JSONBytes.typeName(startingWith: b))")
                }
            }
        } catch let error as JSONStreamError {
            failure = error
            throw error
        } catch {
            failure = JSONStreamError(offset: base + n, message: "aborted after an error in the string handler")
            throw error
        }
        streamOffset += n
    }

    /// After the last chunk: checks the document was complete and well-formed and returns the envelope.
    /// - Throws: ``JSONStreamError`` (with the absolute offset) if the document is truncated or malformed.
    public mutating func finish() throws -> JSONExtractedEnvelope {
        if let failure { throw failure }
        finished = true
        do throws(JSONStreamError) {
            if inString {
                throw JSONStreamError(offset: streamOffset, message: "unexpected end of input in string member \"\(memberKey)\"")
            }
            let value = try tracker.finishParse()
            return JSONExtractedEnvelope(raw: tracker.envelope, value: value, memberFound: memberFound,
                                         memberWasNull: memberWasNull, stringByteCount: decoder.deliveredCount)
        } catch {
            failure = error
            throw error
        }
    }
}
