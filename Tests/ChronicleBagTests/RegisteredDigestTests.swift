@testable import ChronicleBag
import ChronicleTestSupport
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

/// The compact registry answers as a dictionary of paths would: the later registration of a
/// path wins, each is met once, and what no file met is reported.
@Suite("Registered digest registry")
struct RegisteredDigestsTests {
    @Test func answersAsADictionaryWould() {
        var generator = SplitMix64(seed: 11)
        var registry = RegisteredDigests()
        var reference: [String: (String, Int64)] = [:]
        let folders = ["archive/", "artifacts/", "sessions/"]
        var names: [String] = []
        for i in 0..<3000 {
            let suffix = i % 5 == 0 ? "/transcript.html" : ".json.gz"
            names.append(folders[i % 3] + "f" + String(i * 7919 % 1000) + suffix)
        }
        registry.reserve(count: 100, pathBytes: 1000)
        for (i, name) in names.enumerated() {
            let hex = String(repeating: String("0123456789abcdef".randomElement(using: &generator) ?? "0"), count: 64)
            registry.add(path: name, digest: RegisteredDigest(hex), size: Int64(i))
            reference[name] = (hex, Int64(i))
        }
        var asked = Array(reference.keys) + ["archive/absent", "sessions/f1"]
        asked.shuffle(using: &generator)
        var met = 0
        for name in asked.prefix(asked.count - 40) {
            let got = registry.take(name)
            #expect(got?.digest.hex == reference[name]?.0 && got?.size == reference[name]?.1, "\(name)")
            if got != nil { met += 1 }
            #expect(registry.take(name) == nil, "met twice: \(name)")
        }
        #expect(met > 0)
        let unmet = registry.firstUnmet()
        #expect(unmet.map { reference[$0] != nil && asked.suffix(40).contains($0) } == true)
    }
}
