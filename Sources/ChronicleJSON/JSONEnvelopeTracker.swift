/// Incremental structural scanner for the "envelope" of a streamed document: everything that is
/// not the one value being streamed out (a record array or a large string).
///
/// It keeps the envelope bytes (bounded by `maxBytes`), tracks just enough structure to find the
/// value of the first top-level member with the target key (or the root value), and stops right
/// before that value's first byte so the owner can take over. Full validation of the envelope
/// happens once, in ``finishParse()``; offsets are mapped back to absolute stream offsets.
struct JSONEnvelopeTracker: Sendable {
    enum Target: Sendable {
        case root
        case member([UInt8])
    }

    private enum MemberState: UInt8, Sendable {
        case expectKey, inKey, expectColon, expectValue, inValue
    }

    let target: Target
    let requireObjectRoot: Bool
    let maxBytes: Int

    private(set) var envelope: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var rootStarted = false
    private var rootDone = false
    private var rootIsObject = false
    private var memberState = MemberState.expectKey
    private var keyStart = 0
    private var keyIsTarget = false
    private(set) var targetResolved = false

    // The single replaced region: envelope[gapEnvStart ..< gapEnvStart + gapEnvLength] stands for
    // stream[gapStreamStart ..< gapStreamStart + gapStreamLength].
    private var gapEnvStart = Int.max
    private var gapEnvLength = 0
    private var gapStreamStart = 0
    private var gapStreamLength = 0

    init(target: Target, requireObjectRoot: Bool, maxBytes: Int) {
        self.target = target
        self.requireObjectRoot = requireObjectRoot
        self.maxBytes = maxBytes
    }

    /// Maps an offset in ``envelope`` to an absolute stream offset.
    func streamOffset(forEnvelopeOffset e: Int) -> Int {
        if e < gapEnvStart { return e }
        if e >= gapEnvStart + gapEnvLength { return e - gapEnvLength + gapStreamLength }
        return gapStreamStart
    }

    private mutating func append(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, base: Int) throws(JSONStreamError) {
        let count = end - start
        guard count > 0 else { return }
        if envelope.count + count > maxBytes {
            throw JSONStreamError(offset: base + start + (maxBytes - envelope.count),
                                  message: "envelope exceeds maxEnvelopeBytes (\(maxBytes))")
        }
        envelope.append(contentsOf: UnsafeBufferPointer(start: p + start, count: count))
    }

    /// Scans `p[start..<n]` (stream offset of `p[0]` is `base`). Returns the index of the target
    /// value's first byte (not consumed) or `nil` when the chunk is exhausted.
    mutating func scan(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int, base: Int) throws(JSONStreamError) -> Int? {
        var i = start
        var seg = start
        while i < n {
            if inString {
                if escaped {
                    escaped = false
                    i += 1
                    continue
                }
                i = JSONBytes.skipToQuoteOrBackslash(p, from: i, to: n)
                guard i < n else { break }
                i += 1
                if p[i - 1] == JSONBytes.backslash {
                    escaped = true
                    continue
                }
                inString = false
                if depth == 1 && rootIsObject && memberState == .inKey {
                    try append(p, from: seg, to: i, base: base)
                    seg = i
                    keyIsTarget = matchesTargetKey()
                    memberState = .expectColon
                } else if depth == 0 {
                    rootDone = true
                }
                continue
            }
            let b = p[i]
            if JSONBytes.isWhitespace(b) {
                i += 1
                continue
            }
            if rootDone {
                try append(p, from: seg, to: i, base: base)
                throw JSONStreamError(offset: base + i, message: "unexpected \(JSONBytes.describe(b)) after the end of the JSON document")
            }
            if !rootStarted {
                if requireObjectRoot && b != JSONBytes.openBrace {
                    throw JSONStreamError(offset: base + i, message: "the top-level value must be an object, found \(JSONBytes.typeName(startingWith: b))")
                }
                if case .root = target, !targetResolved {
                    try append(p, from: seg, to: i, base: base)
                    return i
                }
                rootStarted = true
                rootIsObject = b == JSONBytes.openBrace
            }
            let atMember = depth == 1 && rootIsObject
            switch b {
            case JSONBytes.openBrace, JSONBytes.openBracket:
                if atMember {
                    if memberState == .expectValue && keyIsTarget && !targetResolved {
                        try append(p, from: seg, to: i, base: base)
                        return i
                    }
                    memberState = .inValue
                }
                depth += 1
                if depth == 1 && rootIsObject { memberState = .expectKey }
            case JSONBytes.closeBrace, JSONBytes.closeBracket:
                if depth == 0 {
                    try append(p, from: seg, to: i, base: base)
                    throw JSONStreamError(offset: base + i, message: "unexpected \(JSONBytes.describe(b))")
                }
                depth -= 1
                if depth == 0 { rootDone = true }
            case JSONBytes.quote:
                if atMember {
                    if memberState == .expectKey {
                        keyStart = envelope.count + (i - seg)
                        memberState = .inKey
                    } else if memberState == .expectValue {
                        if keyIsTarget && !targetResolved {
                            try append(p, from: seg, to: i, base: base)
                            return i
                        }
                        memberState = .inValue
                    }
                }
                inString = true
            case JSONBytes.colon:
                if atMember && memberState == .expectColon { memberState = .expectValue }
            case JSONBytes.comma:
                if atMember {
                    memberState = .expectKey
                    keyIsTarget = false
                }
            default:
                if atMember && memberState == .expectValue {
                    if keyIsTarget && !targetResolved {
                        try append(p, from: seg, to: i, base: base)
                        return i
                    }
                    memberState = .inValue
                }
            }
            i += 1
        }
        try append(p, from: seg, to: n, base: base)
        return nil
    }

    /// Whether the key just closed (`envelope[keyStart...]`, quotes included) equals the target.
    private func matchesTargetKey() -> Bool {
        guard !targetResolved, case .member(let wanted) = target else { return false }
        let inner = envelope[(keyStart + 1)..<(envelope.count - 1)]
        if !inner.contains(JSONBytes.backslash) {
            return inner.elementsEqual(wanted)
        }
        let slice = Array(envelope[keyStart...])
        guard case .string(let key)? = try? JSONParser.parse(slice) else { return false }
        return key.utf8.elementsEqual(wanted)
    }

    /// The owner will not treat the value at the returned index specially; scanning resumes
    /// normally from that byte and no further target is looked for.
    mutating func declineTarget() {
        targetResolved = true
    }

    /// The owner consumed the target value (`streamLength` bytes from `streamStart`) and wants
    /// `replacement` in the envelope in its place.
    mutating func completeTarget(replacement: [UInt8], streamStart: Int, streamLength: Int) throws(JSONStreamError) {
        if envelope.count + replacement.count > maxBytes {
            throw JSONStreamError(offset: streamStart, message: "envelope exceeds maxEnvelopeBytes (\(maxBytes))")
        }
        gapEnvStart = envelope.count
        gapEnvLength = replacement.count
        gapStreamStart = streamStart
        gapStreamLength = streamLength
        envelope.append(contentsOf: replacement)
        targetResolved = true
        if !rootStarted {
            rootStarted = true
            rootDone = true
        } else {
            memberState = .inValue
        }
    }

    /// Parses the collected envelope, mapping syntax errors to stream offsets.
    func finishParse() throws(JSONStreamError) -> JSONValue {
        do throws(JSONSyntaxError) {
            return try JSONParser.parse(envelope)
        } catch {
            throw JSONStreamError(offset: streamOffset(forEnvelopeOffset: error.offset), message: error.message)
        }
    }
}
