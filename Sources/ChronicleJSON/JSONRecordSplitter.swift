/// Incremental splitter that delivers the original bytes of each element of one "record array"
/// as soon as the element is complete, without holding the whole document.
///
/// Feed the response body in chunks of any size with ``feed(_:onRecord:)``, then call
/// ``finish()`` to get the ``JSONEnvelope`` (the document minus the record array's contents).
///
/// - Each record is validated as a complete JSON value before it is delivered.
/// - The record array may appear anywhere among the top-level members (e.g. after `metadata`).
/// - If several top-level members carry the record-array key, the FIRST one is the record array;
///   later ones are kept verbatim as part of the envelope.
/// - If the member is absent or `null`, or the top-level value does not have the expected shape
///   (not an object for ``ArrayLocation/member(_:)``, not an array for ``ArrayLocation/root``),
///   the whole document is the envelope and ``JSONEnvelope/foundRecordArray`` is `false`.
///   If the member exists with another non-array value, that is a ``JSONStreamError``.
/// - Memory is bounded by `maxRecordBytes` (counted from a record's first byte up to its
///   separator, trailing whitespace included) and `maxEnvelopeBytes`; exceeding either is an error.
/// - Every error carries the absolute byte offset in the stream. After an error (including one
///   thrown by `onRecord`) the splitter is unusable and keeps failing.
public struct JSONRecordSplitter: Sendable {
    /// Where the record array is.
    public enum ArrayLocation: Sendable, Hashable {
        /// The top-level value is the record array.
        case root
        /// The array value of the top-level object member with this key.
        case member(String)
    }

    private enum RecordState: UInt8, Sendable {
        case expectFirst, expectNext, inRecord, afterRecord
    }

    private let location: ArrayLocation
    private let maxRecordBytes: Int
    private var tracker: JSONEnvelopeTracker
    private var streamOffset = 0
    private var failure: JSONStreamError?
    private var finished = false

    private var inRecords = false
    private var foundArray = false
    private var arrayStart = 0
    private var recordState = RecordState.expectFirst
    private var recordDepth = 0
    private var recordInString = false
    private var recordEscaped = false
    private var recordStart = 0
    private var recordSegmentStart = 0
    private var recordBuffer: [UInt8] = []
    private var recordCount = 0

    /// Creates a splitter.
    /// - Parameters:
    ///   - recordArray: where the record array is.
    ///   - maxRecordBytes: maximum size of a single record.
    ///   - maxEnvelopeBytes: maximum size of everything outside the record array.
    public init(recordArray: ArrayLocation, maxRecordBytes: Int = RecordLimits.maxRecordBytes, maxEnvelopeBytes: Int = 1 << 20) {
        self.location = recordArray
        self.maxRecordBytes = maxRecordBytes
        let target: JSONEnvelopeTracker.Target
        switch recordArray {
        case .root: target = .root
        case .member(let key): target = .member(Array(key.utf8))
        }
        self.tracker = JSONEnvelopeTracker(target: target, requireObjectRoot: false, maxBytes: maxEnvelopeBytes)
    }

    /// Feed the next chunk; `onRecord` gets the raw bytes of each complete element of the record
    /// array (exactly the bytes between the separators, leading/trailing whitespace trimmed).
    /// The buffer passed to `onRecord` is only valid during the call.
    ///
    /// An element whose bounds are clear (strings and brackets balance) but that is not valid JSON
    /// inside (a control character in a string, invalid UTF-8, `NaN`) goes to `onInvalid` with
    /// what is wrong, when it is given, and the split goes on: one bad event no longer costs the
    /// valid ones after it on the same page. Without `onInvalid` it fails the stream.
    /// - Throws: ``JSONStreamError`` for malformed or oversized input, or whatever `onRecord` throws.
    public mutating func feed(
        _ chunk: UnsafeRawBufferPointer, onRecord: (_ raw: UnsafeRawBufferPointer) throws -> Void,
        onInvalid: ((_ raw: UnsafeRawBufferPointer, _ problem: JSONStreamError) throws -> Void)? = nil
    ) throws {
        try feed(chunk, parsing: false, onRecord: { raw, _ in try onRecord(raw) }, onInvalid: onInvalid)
    }

    /// ``feed(_:onRecord:onInvalid:)`` for a caller that parses every record: each valid record
    /// comes with its parsed value, built by the same pass that checks it (the check alone costs
    /// as much again as the parse would, so a caller parsing afterwards paid twice).
    public mutating func feedParsing(
        _ chunk: UnsafeRawBufferPointer, onRecord: (_ raw: UnsafeRawBufferPointer, _ value: JSONValue) throws -> Void,
        onInvalid: ((_ raw: UnsafeRawBufferPointer, _ problem: JSONStreamError) throws -> Void)? = nil
    ) throws {
        try feed(chunk, parsing: true, onRecord: { raw, value in
            // A parsing feed always passes the value.
            guard let value else { return }
            try onRecord(raw, value)
        }, onInvalid: onInvalid)
    }

    private mutating func feed(
        _ chunk: UnsafeRawBufferPointer, parsing: Bool, onRecord: (_ raw: UnsafeRawBufferPointer, _ value: JSONValue?) throws -> Void,
        onInvalid: ((_ raw: UnsafeRawBufferPointer, _ problem: JSONStreamError) throws -> Void)?
    ) throws {
        if let failure { throw failure }
        if finished {
            throw JSONStreamError(offset: streamOffset, message: "feed called after finish")
        }
        guard let raw = chunk.baseAddress, chunk.count > 0 else { return }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        let n = chunk.count
        let base = streamOffset
        do {
            if inRecords && recordState == .inRecord { recordSegmentStart = 0 }
            var i = 0
            while i < n {
                if inRecords {
                    i = try scanRecords(p, from: i, count: n, base: base, parsing: parsing, onRecord: onRecord, onInvalid: onInvalid)
                    continue
                }
                guard let t = try tracker.scan(p, from: i, count: n, base: base) else { break }
                let b = p[t]
                if b == JSONBytes.openBracket {
                    inRecords = true
                    foundArray = true
                    arrayStart = base + t
                    recordState = .expectFirst
                    i = t + 1
                } else if case .member(let key) = location, b != 0x6E {
                    throw JSONStreamError(offset: base + t,
                                          message: "member \"\(key)\" must be an array, found \(JSONBytes.typeName(startingWith: b))")
                } else {
                    tracker.declineTarget()
                    i = t
                }
            }
        } catch let error as JSONStreamError {
            failure = error
            throw error
        } catch {
            failure = JSONStreamError(offset: base + n, message: "aborted after an error in the record handler")
            throw error
        }
        streamOffset += n
    }

    private mutating func scanRecords(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int, base: Int, parsing: Bool,
                                      onRecord: (_ raw: UnsafeRawBufferPointer, _ value: JSONValue?) throws -> Void,
                                      onInvalid: ((_ raw: UnsafeRawBufferPointer, _ problem: JSONStreamError) throws -> Void)?) throws -> Int {
        var i = start
        while i < n {
            if recordState == .inRecord {
                var j = i
                var ended = false
                while j < n {
                    if recordInString {
                        if recordEscaped {
                            recordEscaped = false
                            j += 1
                            continue
                        }
                        j = JSONBytes.skipToQuoteOrBackslash(p, from: j, to: n)
                        guard j < n else { break }
                        if p[j] == JSONBytes.backslash { recordEscaped = true } else { recordInString = false }
                        j += 1
                        continue
                    }
                    switch p[j] {
                    case JSONBytes.quote:
                        recordInString = true
                    case JSONBytes.openBrace, JSONBytes.openBracket:
                        recordDepth += 1
                    case JSONBytes.closeBrace, JSONBytes.closeBracket:
                        if recordDepth == 0 { ended = true } else { recordDepth -= 1 }
                    case JSONBytes.comma:
                        if recordDepth == 0 { ended = true }
                    default:
                        break
                    }
                    if ended { break }
                    j += 1
                }
                if !ended {
                    let count = n - recordSegmentStart
                    if recordBuffer.count + count > maxRecordBytes { throw recordTooLarge() }
                    recordBuffer.append(contentsOf: UnsafeBufferPointer(start: p + recordSegmentStart, count: count))
                    return n
                }
                try emitRecord(p, end: j, parsing: parsing, onRecord: onRecord, onInvalid: onInvalid)
                recordState = .afterRecord
                i = j
                continue
            }
            let b = p[i]
            if JSONBytes.isWhitespace(b) {
                i += 1
                continue
            }
            if b == JSONBytes.closeBracket {
                if recordState == .expectNext {
                    throw JSONStreamError(offset: base + i, message: "expected an array element after ',' (trailing comma)")
                }
                inRecords = false
                try tracker.completeTarget(replacement: [JSONBytes.openBracket, JSONBytes.closeBracket],
                                           streamStart: arrayStart, streamLength: base + i + 1 - arrayStart)
                return i + 1
            }
            if b == JSONBytes.comma {
                guard recordState == .afterRecord else {
                    throw JSONStreamError(offset: base + i, message: "unexpected ',' in record array")
                }
                recordState = .expectNext
                i += 1
                continue
            }
            if recordState == .afterRecord {
                throw JSONStreamError(offset: base + i, message: "unexpected \(JSONBytes.describe(b)), expected ',' or ']' in record array")
            }
            if b == JSONBytes.closeBrace {
                throw JSONStreamError(offset: base + i, message: "unexpected '}' in record array")
            }
            recordState = .inRecord
            recordDepth = 0
            recordInString = false
            recordEscaped = false
            recordStart = base + i
            recordSegmentStart = i
        }
        return n
    }

    private func recordTooLarge() -> JSONStreamError {
        JSONStreamError(offset: recordStart + maxRecordBytes, message: "record exceeds maxRecordBytes (\(maxRecordBytes))")
    }

    private mutating func emitRecord(_ p: UnsafePointer<UInt8>, end: Int, parsing: Bool,
                                     onRecord: (_ raw: UnsafeRawBufferPointer, _ value: JSONValue?) throws -> Void,
                                     onInvalid: ((_ raw: UnsafeRawBufferPointer, _ problem: JSONStreamError) throws -> Void)?) throws {
        let count = end - recordSegmentStart
        if recordBuffer.count + count > maxRecordBytes { throw recordTooLarge() }
        if recordBuffer.isEmpty {
            try deliver(p + recordSegmentStart, count: count, parsing: parsing, onRecord: onRecord, onInvalid: onInvalid)
        } else {
            recordBuffer.append(contentsOf: UnsafeBufferPointer(start: p + recordSegmentStart, count: count))
            let buffer = recordBuffer
            try buffer.withUnsafeBufferPointer { buf in
                guard let bp = buf.baseAddress else { return }
                try deliver(bp, count: buf.count, parsing: parsing, onRecord: onRecord, onInvalid: onInvalid)
            }
            if recordBuffer.capacity > 4 << 20 {
                recordBuffer = []
            } else {
                recordBuffer.removeAll(keepingCapacity: true)
            }
        }
        recordCount += 1
    }

    private func deliver(_ p: UnsafePointer<UInt8>, count: Int, parsing: Bool,
                         onRecord: (_ raw: UnsafeRawBufferPointer, _ value: JSONValue?) throws -> Void,
                         onInvalid: ((_ raw: UnsafeRawBufferPointer, _ problem: JSONStreamError) throws -> Void)?) throws {
        var length = count
        while length > 0 && JSONBytes.isWhitespace(p[length - 1]) { length -= 1 }
        let record = UnsafeRawBufferPointer(start: p, count: length)
        let value: JSONValue?
        do throws(JSONSyntaxError) {
            // Parsing and validating find the same first problem (JSONParserTests holds them to it).
            if parsing {
                value = try JSONParser.parse(record)
            } else {
                try JSONParser.validate(record)
                value = nil
            }
        } catch {
            let problem = JSONStreamError(offset: recordStart + error.offset, message: "invalid record: \(error.message)")
            guard let onInvalid else { throw problem }
            try onInvalid(record, problem)
            return
        }
        try onRecord(record, value)
    }

    /// After the last chunk: checks the document was complete and well-formed and returns the envelope.
    /// - Throws: ``JSONStreamError`` (with the absolute offset) if the document is truncated or malformed.
    public mutating func finish() throws -> JSONEnvelope {
        if let failure { throw failure }
        finished = true
        do throws(JSONStreamError) {
            if inRecords {
                throw JSONStreamError(offset: streamOffset, message: "unexpected end of input inside the record array")
            }
            let value = try tracker.finishParse()
            return JSONEnvelope(raw: tracker.envelope, value: value, recordCount: recordCount, foundRecordArray: foundArray)
        } catch {
            failure = error
            throw error
        }
    }
}
