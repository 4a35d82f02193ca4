/// A credential (API key, bearer token, user id used as identity). It never prints itself:
/// `description`, `debugDescription`, string interpolation, `dump` and reflection all show
/// `<redacted>`. Only a transport reads the value, through ``withValue(_:)``, to put it on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, CustomLeafReflectable
{
    private let storage: [UInt8]

    public init(_ value: String) {
        storage = Array(value.utf8)
    }

    /// Reads a secret from an environment variable; trailing newlines are removed.
    public static func fromEnvironment(_ name: String, environment: [String: String]) -> Secret? {
        guard let value = environment[name] else { return nil }
        let trimmed = value.trimmingTrailingNewlines()
        return trimmed.isEmpty ? nil : Secret(trimmed)
    }

    /// Gives the value to `body` for the shortest possible time.
    public func withValue<R>(_ body: (String) throws -> R) rethrows -> R {
        try body(String(decoding: storage, as: UTF8.self))
    }

    /// Removes every occurrence of this secret (and of its percent-encoded form) from `text`.
    public func scrub(_ text: String) -> String {
        guard storage.count >= 4 else { return text }
        return withValue { value in
            var result = text.replacingAll(value, with: "<redacted>")
            let encoded = percentEncodedForms(value)
            for e in encoded where e != value {
                result = result.replacingAll(e, with: "<redacted>")
            }
            return result
        }
    }

    /// True when `text` contains the secret.
    public func occurs(in text: String) -> Bool {
        guard !storage.isEmpty else { return false }
        return withValue { text.replacingAll($0, with: "") != text }
    }

    public var isEmpty: Bool { storage.isEmpty }

    /// Whether the value holds a control character (C0, DEL) — never part of a real token, and
    /// a header value with one breaks the request or ends up printed: refused at start.
    public var containsControlCharacters: Bool {
        storage.contains { $0 < 0x20 || $0 == 0x7F }
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    private func percentEncodedForms(_ value: String) -> [String] {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return [out]
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" || last == "\r\n" { s = s.dropLast() }
        return String(s)
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard !t.isEmpty else { return self }
        let s = Array(utf8)
        let r = Array(replacement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        var changed = false
        while i < s.count {
            if s[i] == t[0], i + t.count <= s.count, s[i..<(i + t.count)].elementsEqual(t) {
                out.append(contentsOf: r)
                i += t.count
                changed = true
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : self
    }
}
