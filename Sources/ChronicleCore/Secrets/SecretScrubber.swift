import ChronicleJSON

/// Removes a source's secrets (its API key or token) from what a platform sent back, wherever it
/// would be shown or kept in readable form: the normalised events of the archive, transcripts,
/// CSVs (which are made from the same events) and, as a marked elision, the raw records.
///
/// A secret is found in the text as it will be *read*, not only as it was sent: JSON string
/// escapes (`\u002B`, `\/`), HTML character references (`&#47;`, `&#x2F;`, `&plus;`) and
/// Markdown backslash escapes (`\/`) are decoded before matching, and the match is mapped back to
/// the bytes it came from. A token echoed as `abc\u002Bdef` reached transcript.html and the
/// archive's normalised events as `abc+def`.
///
/// Only whole tokens are replaced (the bytes around a match are not letters, digits, `_` or
/// `-`), and only secrets of at least ``minimumLength`` bytes: an identity such as AgentScope's
/// `x-user-id` is no password and can be a common word (`user`), so it is never given here.
public struct SecretScrubber: Sendable {
    /// What a secret is replaced with.
    /// (Shown as it is in Markdown, too: `<redacted>` was taken for an HTML tag and vanished.)
    public static let replacement = "[REDACTED:credential]"
    /// Shorter values are not looked for in bodies (they would match ordinary words).
    public static let minimumLength = 8

    private let patterns: [[UInt8]]

    /// A scrubber for `secrets`; values shorter than ``minimumLength`` are left out.
    public init(secrets: [Secret]) {
        patterns = secrets.compactMap { secret in
            let bytes = secret.withValue { Array($0.utf8) }
            return bytes.count >= Self.minimumLength ? bytes : nil
        }
    }

    /// A scrubber that finds nothing.
    public static let none = SecretScrubber(secrets: [])

    public var isEmpty: Bool { patterns.isEmpty }

    /// `text` with every whole-token occurrence of a secret, as it reads after HTML character
    /// references and Markdown backslash escapes are decoded, replaced; and how many there were.
    public func scrubText(_ text: String) -> (text: String, count: Int) {
        guard !patterns.isEmpty, !text.isEmpty else { return (text, 0) }
        let bytes = Array(text.utf8)
        // Cheap exit: without an escape, a secret's letters and digits appear as they are.
        guard patterns.contains(where: { Self.mayContain(bytes, $0) }) else { return (text, 0) }
        let decoded = DisplayDecoder.decode(bytes)
        let ranges = matches(in: decoded)
        guard !ranges.isEmpty else { return (text, 0) }
        return (String(decoding: Self.replace(bytes, ranges), as: UTF8.self), ranges.count)
    }

    /// The raw JSON `bytes` with every whole-token occurrence of a secret inside a string value
    /// (matched after JSON escapes, then HTML references and Markdown escapes, are decoded)
    /// replaced by ``replacement``; and how many.
    /// The result is valid JSON whenever `bytes` is.
    public func scrubJSON(_ bytes: [UInt8]) -> (bytes: [UInt8], count: Int) {
        guard !patterns.isEmpty, patterns.contains(where: { Self.mayContain(bytes, $0) }) else { return (bytes, 0) }
        var ranges: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\"") else {
                i += 1
                continue
            }
            // One string: decode its escapes, then what a reader decodes (HTML references,
            // Markdown escapes), keeping where each byte came from in the raw record.
            let decoded = JSONStringDecoder.decode(bytes, from: i + 1)
            var shown = DisplayDecoder.decode(decoded.text.bytes)
            shown.sources = shown.sources.map { r in
                decoded.text.sources[r.lowerBound].lowerBound..<decoded.text.sources[r.upperBound - 1].upperBound
            }
            ranges += matches(in: shown)
            i = decoded.end + 1
        }
        guard !ranges.isEmpty else { return (bytes, 0) }
        return (Self.replace(bytes, ranges), ranges.count)
    }

    /// Decoded bytes with, for each, the range of source bytes it came from.
    struct Mapped {
        var bytes: [UInt8] = []
        var sources: [Range<Int>] = []

        mutating func append(_ byte: UInt8, from source: Range<Int>) {
            bytes.append(byte)
            sources.append(source)
        }

        mutating func append(scalar: UInt32, from source: Range<Int>) {
            guard let s = Unicode.Scalar(scalar) else { return }
            for b in String(Character(s)).utf8 { append(b, from: source) }
        }
    }

    /// Source ranges of whole-token matches, in order, not overlapping.
    private func matches(in decoded: Mapped) -> [Range<Int>] {
        var found: [Range<Int>] = []
        let d = decoded.bytes
        var i = 0
        while i < d.count {
            var matched = false
            for p in patterns where i + p.count <= d.count && d[i] == p[0] {
                guard d[i..<(i + p.count)].elementsEqual(p) else { continue }
                let before = i > 0 ? d[i - 1] : nil
                let after = i + p.count < d.count ? d[i + p.count] : nil
                guard !Self.isTokenByte(before), !Self.isTokenByte(after) else { continue }
                let start = decoded.sources[i].lowerBound
                let end = decoded.sources[i + p.count - 1].upperBound
                if let last = found.last, last.upperBound > start { continue }
                found.append(start..<end)
                i += p.count
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        return found
    }

    private static func isTokenByte(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    private static func replace(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        for r in ranges {
            out += bytes[at..<r.lowerBound]
            out += Array(replacement.utf8)
            at = r.upperBound
        }
        out += bytes[at...]
        return out
    }

    /// False when `bytes` cannot hold `pattern` in any form: it has no escape at all (`&` or a
    /// backslash) and not the pattern's longest run of ASCII letters and digits either.
    private static func mayContain(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        if bytes.contains(UInt8(ascii: "&")) || bytes.contains(UInt8(ascii: "\\")) { return true }
        var best = 0..<0
        var start = 0
        for i in 0...pattern.count {
            let plain = i < pattern.count && ((pattern[i] >= 0x30 && pattern[i] <= 0x39) || (pattern[i] | 0x20 >= 0x61 && pattern[i] | 0x20 <= 0x7A))
            if !plain {
                if i - start > best.count { best = start..<i }
                start = i + 1
            }
        }
        guard !best.isEmpty else { return true }
        let run = pattern[best]
        let first = pattern[best.lowerBound]
        var i = 0
        while i + run.count <= bytes.count {
            if bytes[i] == first, bytes[i..<(i + run.count)].elementsEqual(run) { return true }
            i += 1
        }
        return false
    }
}

/// Decodes what a reader of a transcript sees: HTML character references and Markdown backslash
/// escapes.
enum DisplayDecoder {
    static func decode(_ s: [UInt8]) -> SecretScrubber.Mapped {
        var out = SecretScrubber.Mapped()
        out.bytes.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: "\\"), i + 1 < s.count, isASCIIPunctuation(s[i + 1]) {
                out.append(s[i + 1], from: i..<(i + 2))
                i += 2
                continue
            }
            if b == UInt8(ascii: "&"), let (scalar, length) = characterReference(s, at: i) {
                out.append(scalar: scalar, from: i..<(i + length))
                i += length
                continue
            }
            out.append(b, from: i..<(i + 1))
            i += 1
        }
        return out
    }

    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }

    /// Named references whose character can stand in a token.
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "sol": 0x2F, "plus": 0x2B, "equals": 0x3D,
        "lowbar": 0x5F, "UnderBar": 0x5F, "hyphen": 0x2010, "dash": 0x2010, "period": 0x2E, "colon": 0x3A, "num": 0x23,
        "percnt": 0x25, "tilde": 0x7E, "Tilde": 0x223C,
    ]

    /// `&#NN;`, `&#xHH;` or a named reference at `i`: its scalar and length.
    static func characterReference(_ s: [UInt8], at i: Int) -> (UInt32, Int)? {
        var j = i + 1
        guard j < s.count else { return nil }
        if s[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < s.count, s[j] | 0x20 == UInt8(ascii: "x") {
                hex = true
                j += 1
            }
            var value: UInt32 = 0
            let digitsStart = j
            while j < s.count, j - digitsStart < 8 {
                let c = s[j]
                let d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
                else if hex, c | 0x20 >= 0x61, c | 0x20 <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
                else { break }
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > digitsStart, j < s.count, s[j] == UInt8(ascii: ";"), value > 0, value <= 0x10FFFF else { return nil }
            return (value, j + 1 - i)
        }
        let nameStart = j
        while j < s.count, j - nameStart < 10, s[j] | 0x20 >= 0x61, s[j] | 0x20 <= 0x7A { j += 1 }
        guard j > nameStart, j < s.count, s[j] == UInt8(ascii: ";"),
            let value = named[String(decoding: s[nameStart..<j], as: UTF8.self)]
        else { return nil }
        return (value, j + 1 - i)
    }
}

/// Decodes one JSON string's content (escapes resolved), keeping the source bytes of each byte.
enum JSONStringDecoder {
    /// The content from `start` (just after the opening quote) to the closing quote at `end`.
    static func decode(_ s: [UInt8], from start: Int) -> (text: SecretScrubber.Mapped, end: Int) {
        var out = SecretScrubber.Mapped()
        var i = start
        while i < s.count {
            let b = s[i]
            if b == UInt8(ascii: "\"") { return (out, i) }
            guard b == UInt8(ascii: "\\"), i + 1 < s.count else {
                out.append(b, from: i..<(i + 1))
                i += 1
                continue
            }
            let e = s[i + 1]
            switch e {
            case UInt8(ascii: "u"):
                guard let (scalar, length) = unicodeEscape(s, at: i) else {
                    out.append(e, from: i..<(i + 2))
                    i += 2
                    continue
                }
                out.append(scalar: scalar, from: i..<(i + length))
                i += length
            case UInt8(ascii: "n"): out.append(0x0A, from: i..<(i + 2)); i += 2
            case UInt8(ascii: "t"): out.append(0x09, from: i..<(i + 2)); i += 2
            case UInt8(ascii: "r"): out.append(0x0D, from: i..<(i + 2)); i += 2
            case UInt8(ascii: "b"): out.append(0x08, from: i..<(i + 2)); i += 2
            case UInt8(ascii: "f"): out.append(0x0C, from: i..<(i + 2)); i += 2
            default: out.append(e, from: i..<(i + 2)); i += 2
            }
        }
        return (out, s.count)
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at `i`.
    static func unicodeEscape(_ s: [UInt8], at i: Int) -> (UInt32, Int)? {
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= s.count else { return nil }
            var v: UInt32 = 0
            for c in s[at..<(at + 4)] {
                let d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
                else if c | 0x20 >= 0x61, c | 0x20 <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
                else { return nil }
                v = v * 16 + d
            }
            return v
        }
        guard let high = hex4(i + 2) else { return nil }
        if (0xD800...0xDBFF).contains(high), i + 12 <= s.count, s[i + 6] == UInt8(ascii: "\\"), s[i + 7] == UInt8(ascii: "u"),
            let low = hex4(i + 8), (0xDC00...0xDFFF).contains(low)
        {
            return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), 12)
        }
        return (high, 6)
    }
}

extension SecretScrubber {
    /// `event` with the secret replaced in every text it shows; adds the occurrences to `count`.
    public func scrub(_ event: Event, count: inout Int) -> Event {
        guard !patterns.isEmpty else { return event }
        var e = event
        e.blocks = event.blocks.map { scrub($0, count: &count) }
        if let speaker = e.speaker { e.speaker = text(speaker, &count) }
        return e
    }

    /// A string with the secret replaced; adds the occurrences to `count`.
    public func text(_ s: String, _ count: inout Int) -> String {
        let (clean, n) = scrubText(s)
        count += n
        return clean
    }

    func scrub(_ block: ContentBlock, count: inout Int) -> ContentBlock {
        switch block {
        case .text(let s, let markdown): return .text(text(s, &count), markdown: markdown)
        case .thinking(let s): return .thinking(text(s, &count))
        case .rawText(let s): return .rawText(text(s, &count))
        case .toolCall(let id, let name, let input): return .toolCall(id: id, name: name, input: scrub(input, &count))
        case .toolResult(let id, let name, let output, let isError): return .toolResult(id: id, name: name, output: scrub(output, &count), isError: isError)
        case .json(let value): return .json(scrub(value, &count))
        case .artifact: return block
        }
    }

    /// Every string (and member name) of a JSON value with the secret replaced.
    func scrub(_ value: JSONValue, _ count: inout Int) -> JSONValue {
        switch value {
        case .string(let s): return .string(text(s, &count))
        case .array(let items): return .array(items.map { scrub($0, &count) })
        case .object(let members): return .object(members.map { JSONMember(text($0.key, &count), scrub($0.value, &count)) })
        default: return value
        }
    }
}
