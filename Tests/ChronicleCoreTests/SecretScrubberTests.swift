import ChronicleCore
import ChronicleJSON
import Testing

@Suite struct SecretScrubberTests {
    static let token = "zqt_Secret+Token/1234"
    let scrubber = SecretScrubber(secrets: [Secret(Self.token)])

    /// The token as a reader sees it, whatever escapes carried it: HTML character references
    /// (decimal, hex, named) and Markdown backslash escapes.
    @Test(arguments: [
        "zqt_Secret+Token/1234", "zqt_Secret&#43;Token&#47;1234", "zqt_Secret&#x2b;Token&#X2F;1234", "zqt_Secret&plus;Token&sol;1234",
        "zqt_Secret\\+Token\\/1234", "&#122;qt_Secret+Token/1234",
    ])
    func displayFormsAreReplaced(_ form: String) {
        let (clean, n) = scrubber.scrubText("key: \(form).")
        #expect(n == 1)
        #expect(clean == "key: [REDACTED:credential].")
    }

    /// JSON string escapes in raw records: `\u002B`, `\/`, a surrogate-free `\u0031`.
    @Test func jsonEscapesAreDecodedAndTheRecordStaysValid() throws {
        let raw = Array(#"{"a":"x zqt_Secret\u002BToken\/123\u0034 y","b":["zqt_Secret+Token/1234"],"zqt_Secret+Token/1234":1}"#.utf8)
        let (clean, n) = scrubber.scrubJSON(raw)
        #expect(n == 3)
        let value = try JSONParser.parse(clean)
        #expect(value["a"]?.stringValue == "x [REDACTED:credential] y")
        #expect(value["b"]?.arrayValue?.first?.stringValue == "[REDACTED:credential]")
        #expect(value["[REDACTED:credential]"] != nil)
    }

    /// Only whole tokens: the same bytes inside a longer token are not the credential.
    @Test func onlyWholeTokens() {
        #expect(scrubber.scrubText("azqt_Secret+Token/1234").count == 0)
        #expect(scrubber.scrubText("zqt_Secret+Token/12345").count == 0)
        #expect(scrubber.scrubText("(zqt_Secret+Token/1234)").count == 1)
    }

    /// Short values (an identity like `user`) are never looked for.
    @Test func shortSecretsAreIgnored() {
        let s = SecretScrubber(secrets: [Secret("user")])
        #expect(s.isEmpty)
        #expect(s.scrubText("role user").count == 0)
    }
}
