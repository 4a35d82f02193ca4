import ChronicleTOML
import Testing

/// The one-character typos that hit assertions inside toml++ (SIGABRT, exit 134, via TOMLKit;
/// undefined behaviour in a release build) are ordinary one-line errors with a line.
@Suite("TOML: inputs that crashed toml++")
struct TOMLCrashInputTests {
    static let inputs: [(text: String, line: Int)] = [
        ("[", 1),
        ("[.]", 1),
        ("[..]", 1),
        ("[!]", 1),
        ("[[[\\\t[", 1),
        ("T=[}", 1),
        ("inf=.![[}", 1),
        ("out = \"x\"\n[", 2),
        ("a = 1\n\n[.]\n", 3),
    ]

    @Test(arguments: inputs.indices)
    func aTypoIsAnErrorWithItsLine(_ i: Int) {
        let (text, line) = Self.inputs[i]
        guard let error = parseError(text) else { return }
        #expect(error.line == line, "\(error)")
        #expect(error.description.hasPrefix("line \(line): "))
        #expect(isOneLine(error.description), "\(error)")
    }

    @Test func theMessageSaysWhatWasExpectedAndFound() {
        #expect(parseError("[")?.message.contains("the end of the file") == true)
        #expect(parseError("[!]")?.message.contains("'!'") == true)
        #expect(parseError("T=[}")?.message.contains("'}'") == true)
    }
}
