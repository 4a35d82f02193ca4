import ChronicleTOML
import Testing

/// Messages never echo raw control characters: keys and characters from the input are escaped.
@Suite("TOML: error messages")
struct TOMLErrorMessageTests {
    @Test func aKeyWithEscapedControlCharactersIsShownEscaped() {
        let error = parseError("\"a\\nb\\u001B[31m\" = 1\n\"a\\nb\\u001B[31m\" = 2")
        #expect(error?.line == 2)
        #expect(error.map { isOneLine($0.description) } == true, "\(String(describing: error))")
        #expect(error?.message.contains(#""a\nb\u001B[31m""#) == true, "\(String(describing: error))")
    }

    @Test func controlCharactersAreNamed() {
        #expect(parseError("a = \"\u{1B}\"")?.message.contains("U+001B") == true)
        #expect(parseError("a = 1\u{0}")?.message.contains("NUL byte (U+0000)") == true)
        #expect(parseError("a\u{7F} = 1")?.message.contains("U+007F") == true)
    }

    @Test func theErrorItselfEscapesWhatItIsGiven() {
        let error = TOMLError(line: 3, column: 1, message: "two\nlines\u{2028}and\u{85}more")
        #expect(error.description == "line 3: two\\nlines\\u2028and\\u0085more")
    }

    @Test func unquotedWordsAreExplained() {
        #expect(parseError("platform = vectara")?.message.contains("must be quoted (\"vectara\")") == true)
    }
}
