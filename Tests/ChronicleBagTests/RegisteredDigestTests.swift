@testable import ChronicleBag
import Testing

@Suite("Registered digests")
struct RegisteredDigestTests {
    @Test(arguments: [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "00000000000000010000000000000f000000000000a00000b000000000000001",
    ])
    func hexSurvivesTheCompactForm(hex: String) {
        #expect(RegisteredDigest(hex).hex == hex)
        #expect(RegisteredDigest(hex.uppercased()).hex == hex)
    }

    @Test(arguments: ["", "abc", String(repeating: "g", count: 64), String(repeating: "a", count: 65), " " + String(repeating: "a", count: 63)])
    func anythingElseIsKeptForTheError(text: String) {
        #expect(RegisteredDigest(text).hex == nil)
        #expect(RegisteredDigest(text).text == text)
    }
}
