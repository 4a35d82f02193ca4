import ChronicleTOML
import Testing

/// Random documents from a TOML-ish alphabet never crash the parser: each gives a table or a
/// one-line error whose line exists in the document.
@Suite("TOML: random documents")
struct TOMLFuzzTests {
    /// Brackets, quotes, escapes, separators, digits, letters of keywords, blanks, line breaks,
    /// control characters and multi-byte characters.
    static let alphabet: [[UInt8]] = {
        var pieces = "[]{}\"'\\=.,#+-_:0123456789abefinrtuxzTZ \t\n".utf8.map { [$0] }
        pieces += [[0x0D], [0x00], [0x7F], [0x1B], Array("é".utf8), Array("😀".utf8), [0xFF]]
        pieces += ["[[", "]]", "\"\"\"", "'''", "true", "inf", "nan", "1979-05-27", "07:32:00", "a = ", "\n[a]\n", "0x", "1e"].map { Array($0.utf8) }
        return pieces
    }()

    /// SplitMix64: the same documents every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomDocumentsGiveATableOrAOneLineError() {
        var random = Generator(state: 0x70_4D4C)
        var parsedCount = 0
        var errorCount = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                bytes += Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &random)]
            }
            do {
                _ = try TOML.parse(bytes)
                parsedCount += 1
            } catch {
                errorCount += 1
                let lines = 1 + bytes.filter { $0 == 0x0A }.count
                #expect((1...lines).contains(error.line), "\(bytes): \(error)")
                #expect(error.column >= 1)
                #expect(isOneLine(error.description), "\(bytes): \(error)")
            }
        }
        // Both outcomes occur, so the test exercises the parser and not only its first check.
        #expect(parsedCount > 100)
        #expect(errorCount > 100)
    }

    /// Valid documents with one byte replaced: the same guarantees.
    @Test func mutatedValidDocumentsGiveATableOrAOneLineError() {
        let valid = Array("""
            out = "/srv" # c
            a.b = [1, 2.5, 'x', {c = true}, 1979-05-27T07:32:00Z]
            [[source]]
            name = \"\"\"m\\
              n\"\"\"
            [source.options]
            k = 0x1F
            """.utf8)
        var random = Generator(state: 42)
        for _ in 0..<20_000 {
            var bytes = valid
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &random)][0]
            do {
                _ = try TOML.parse(bytes)
            } catch {
                #expect(isOneLine(error.description), "\(bytes): \(error)")
            }
        }
    }
}
