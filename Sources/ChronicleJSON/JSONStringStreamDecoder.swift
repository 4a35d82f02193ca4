/// Incremental decoder for the contents of one JSON string (after the opening quote):
/// resolves escapes (including surrogate pairs split across chunks; lone surrogates become
/// U+FFFD), validates UTF-8 and rejects control characters. Decoded bytes are collected in a
/// bounded buffer and handed out in pieces.
struct JSONStringStreamDecoder: Sendable {
    private static let flushThreshold = 64 << 10

    private enum EscapeState: UInt8, Sendable {
        case none, backslash, hex
    }

    private var escapeState = EscapeState.none
    private var hexCount = 0
    private var hexValue: UInt32 = 0
    private var pendingHigh: UInt32 = 0
    private var utf8Needed = 0
    private var utf8Low: UInt8 = 0x80
    private var utf8High: UInt8 = 0xBF
    private var utf8LeadOffset = 0
    private var out: [UInt8] = []
    private(set) var deliveredCount = 0

    init() {}

    private mutating func flush(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !out.isEmpty else { return }
        deliveredCount += out.count
        try out.withUnsafeBytes { try emit($0) }
        out.removeAll(keepingCapacity: true)
    }

    private mutating func appendRun(_ p: UnsafePointer<UInt8>, count: Int, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if out.count + count > JSONStringStreamDecoder.flushThreshold {
            try flush(emit)
            if count >= JSONStringStreamDecoder.flushThreshold {
                deliveredCount += count
                try emit(UnsafeRawBufferPointer(start: p, count: count))
                return
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
    }

    private mutating func resolvePendingHigh() {
        if pendingHigh != 0 {
            JSONBytes.appendScalar(0xFFFD, to: &out)
            pendingHigh = 0
        }
    }

    private mutating func handleCodeUnit(_ unit: UInt32) {
        if pendingHigh != 0 {
            if unit >= 0xDC00 && unit < 0xE000 {
                JSONBytes.appendScalar(0x10000 + ((pendingHigh - 0xD800) << 10) + (unit - 0xDC00), to: &out)
                pendingHigh = 0
                return
            }
            resolvePendingHigh()
        }
        if unit >= 0xD800 && unit < 0xDC00 {
            pendingHigh = unit
        } else if unit >= 0xDC00 && unit < 0xE000 {
            JSONBytes.appendScalar(0xFFFD, to: &out)
        } else {
            JSONBytes.appendScalar(unit, to: &out)
        }
    }

    /// Decodes `p[start..<n]` (stream offset of `p[0]` is `base`). Returns the index of the
    /// closing quote (everything decoded has then been emitted) or `nil` if the chunk ended first.
    mutating func decode(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int, base: Int,
                         emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Int? {
        var i = start
        while i < n {
            if utf8Needed > 0 {
                let b = p[i]
                guard b >= utf8Low && b <= utf8High else {
                    throw JSONStreamError(offset: utf8LeadOffset, message: "invalid UTF-8 sequence")
                }
                out.append(b)
                utf8Needed -= 1
                utf8Low = 0x80
                utf8High = 0xBF
                i += 1
                continue
            }
            switch escapeState {
            case .none:
                if pendingHigh != 0 && p[i] != JSONBytes.backslash { resolvePendingHigh() }
                let runStart = i
                i = JSONBytes.skipPlainASCII(p, from: i, to: n)
                if i > runStart { try appendRun(p + runStart, count: i - runStart, emit: emit) }
                guard i < n else { break }
                let b = p[i]
                if b == JSONBytes.quote {
                    try flush(emit)
                    return i
                }
                if b == JSONBytes.backslash {
                    escapeState = .backslash
                    i += 1
                    continue
                }
                if b < 0x20 {
                    throw JSONStreamError(offset: base + i, message: "unescaped control character \(JSONBytes.describe(b)) in string")
                }
                guard let lead = JSONBytes.utf8Lead(b) else {
                    throw JSONStreamError(offset: base + i, message: "invalid UTF-8: \(JSONBytes.describe(b))")
                }
                out.append(b)
                utf8Needed = lead.count
                utf8Low = lead.low
                utf8High = lead.high
                utf8LeadOffset = base + i
                i += 1
            case .backslash:
                let e = p[i]
                if e == 0x75 {
                    escapeState = .hex
                    hexCount = 0
                    hexValue = 0
                    i += 1
                    continue
                }
                guard let simple = JSONBytes.simpleEscape(e) else {
                    throw JSONStreamError(offset: base + i, message: "invalid escape sequence '\\\(Character(Unicode.Scalar(e)))'")
                }
                resolvePendingHigh()
                out.append(simple)
                escapeState = .none
                i += 1
            case .hex:
                guard let d = JSONBytes.hexValue(p[i]) else {
                    throw JSONStreamError(offset: base + i, message: "invalid hex digit \(JSONBytes.describe(p[i])) in \\u escape")
                }
                hexValue = hexValue << 4 | d
                hexCount += 1
                i += 1
                if hexCount == 4 {
                    escapeState = .none
                    handleCodeUnit(hexValue)
                }
            }
            if out.count >= JSONStringStreamDecoder.flushThreshold { try flush(emit) }
        }
        return nil
    }
}
