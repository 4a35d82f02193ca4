@testable import ChronicleRedact
import Foundation
import Testing

/// The scanners' Unicode classes against ICU itself, for every scalar: what `\b` sees before
/// and after a word character, what `\s` is, and what a case-insensitive ASCII class or literal
/// accepts. A Unicode version of the Swift standard library that differs from ICU's shows here.
@Suite("Unicode classes as ICU has them")
struct UnicodeCharacterClassesTests {
    static let scalars: [Unicode.Scalar] = (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }

    /// UTF-16 offsets where `pattern` matches in `text`.
    static func matchOffsets(_ pattern: String, in text: String, caseInsensitive: Bool = false) throws -> Set<Int> {
        let expression = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        let length = (text as NSString).length
        return Set(expression.matches(in: text, range: NSRange(location: 0, length: length)).map(\.range.location))
    }

    /// For each scalar `c` (not `x`): a segment `before + c + after`, the UTF-16 and UTF-8 offsets
    /// of the `x` probing it.
    static func probe(before: String, after: String, xAfterScalar: Bool) -> (text: String, utf16: [Int], utf8: [Int], scalars: [Unicode.Scalar]) {
        var text = ""
        var utf16: [Int] = [], utf8: [Int] = [], used: [Unicode.Scalar] = []
        var u16 = 0, u8 = 0
        for c in scalars where c != "x" {
            let segment = before + String(Character(c)) + after
            let prefix = xAfterScalar ? before + String(Character(c)) : before
            utf16.append(u16 + prefix.utf16.count)
            utf8.append(u8 + prefix.utf8.count)
            used.append(c)
            text += segment
            u16 += segment.utf16.count
            u8 += segment.utf8.count
        }
        return (text, utf16, utf8, used)
    }

    @Test(arguments: ["\n", "a"])
    func boundaryBeforeAWordCharacter(_ before: String) throws {
        // "\n" c x: x starts a word unless c is a word character that `\b` does not look through;
        // "a" c x: also unless `\b` looks through c to the `a`.
        let probe = Self.probe(before: before, after: "x", xAfterScalar: true)
        let icu = try Self.matchOffsets(#"\bx"#, in: probe.text)
        var text = probe.text
        let differing: [String] = text.withUTF8 { bytes in
            let text = UTF8Text(bytes)
            return probe.scalars.indices.compactMap { k in
                text.isWordBoundary(beforeWordCharacterAt: probe.utf8[k]) == icu.contains(probe.utf16[k])
                    ? nil : String(probe.scalars[k].value, radix: 16)
            }
        }
        #expect(differing.isEmpty, "\(differing.count) scalars differ: \(differing.prefix(20))")
    }

    @Test func boundaryAfterAWordCharacter() throws {
        // "\n" x c: a boundary after x unless c is a word character or one `\b` looks through.
        var text = ""
        var utf16: [Int] = [], utf8: [Int] = [], used: [Unicode.Scalar] = []
        var u16 = 0, u8 = 0
        for c in Self.scalars where c != "x" {
            let segment = "\nx" + String(Character(c))
            utf16.append(u16 + 1)
            utf8.append(u8 + 2)
            used.append(c)
            text += segment
            u16 += segment.utf16.count
            u8 += segment.utf8.count
        }
        let icu = try Self.matchOffsets(#"x\b"#, in: text)
        let differing: [String] = text.withUTF8 { bytes in
            let scan = UTF8Text(bytes)
            return used.indices.compactMap { k in
                scan.isWordBoundary(afterWordCharacterBefore: utf8[k]) == icu.contains(utf16[k]) ? nil : String(used[k].value, radix: 16)
            }
        }
        #expect(differing.isEmpty, "\(differing.count) scalars differ: \(differing.prefix(20))")
    }

    @Test func whitespaceIsICUs() throws {
        let text = String(String.UnicodeScalarView(Self.scalars))
        let icu = try Self.matchOffsets(#"\s"#, in: text)
        var offset = 0
        var differing: [String] = []
        for c in Self.scalars {
            if UnicodeCharacterClasses.isWhitespace(c.value) != icu.contains(offset) { differing.append(String(c.value, radix: 16)) }
            offset += c.utf16.count
        }
        #expect(differing.isEmpty, "\(differing)")
    }

    @Test func caseInsensitiveClassGainsOnlyLongSAndKelvin() throws {
        let text = String(String.UnicodeScalarView(Self.scalars))
        let icu = try Self.matchOffsets(#"[A-Za-z0-9/+=]"#, in: text, caseInsensitive: true)
        let ours = CaseInsensitiveASCIIClass(ascii: ASCIIByteClass("/+=", ranges: ["AZ", "az", "09"]))
        var offset = 0
        var differing: [String] = []
        var mutable = text
        mutable.withUTF8 { bytes in
            let utf8 = UTF8Text(bytes)
            var i = 0
            for c in Self.scalars {
                if (ours.memberLength(at: i, in: utf8) != nil) != icu.contains(offset) { differing.append(String(c.value, radix: 16)) }
                offset += c.utf16.count
                i += c.utf8.count
            }
        }
        #expect(differing.isEmpty, "\(differing)")
    }

    /// ``FoldedLiteral``'s table is every non-ASCII scalar whose full case folding is all ASCII,
    /// with that folding (Python's `casefold` is Unicode's full case folding, as ICU's), and ICU
    /// matches each scalar with its folding ignoring case.
    @Test func foldedLiteralsTableIsComplete() throws {
        let script = """
            for cp in range(0x80, 0x110000):
                if 0xD800 <= cp <= 0xDFFF: continue
                f = chr(cp).casefold()
                if all(ord(c) < 0x80 for c in f): print("%X %s" % (cp, f))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let python = Set(output.split(separator: "\n").map(String.init))
        let ours = Set(FoldedLiteral.asciiFoldings.map { entry in
            let value = String(decoding: entry.bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0
            return String(value, radix: 16, uppercase: true) + " " + String(decoding: entry.folding, as: UTF8.self)
        })
        #expect(ours == python)
        for entry in FoldedLiteral.asciiFoldings {
            let scalar = String(decoding: entry.bytes, as: UTF8.self)
            let folding = String(decoding: entry.folding, as: UTF8.self)
            let expression = try NSRegularExpression(pattern: "^\(folding)$", options: [.caseInsensitive])
            #expect(expression.firstMatch(in: scalar, range: NSRange(location: 0, length: (scalar as NSString).length)) != nil, "\(scalar) \(folding)")
        }
    }
}
