import ChronicleHTMLSafety
import Testing

@Suite("Idempotency")
struct IdempotencyTests {
    static let corpus = TestCorpus.injections + TestCorpus.literalText + TestCorpus.benign

    @Test("sanitize(sanitize(x)) == sanitize(x)", arguments: IdempotencyTests.corpus)
    func sanitizeIsIdempotent(_ input: String) {
        let once = HTMLSanitizer.sanitize(input)
        #expect(HTMLSanitizer.sanitize(once) == once)
        #expect(HTMLSanitizer.sanitize(input) == once, "deterministic")
    }

    @Test func tagSoupIsIdempotentAndSafe() throws {
        var failures = 0
        for input in TestCorpus.tagSoup(count: 2_000, seed: 0xC0FFEE) {
            let once = HTMLSanitizer.sanitize(input)
            if HTMLSanitizer.sanitize(once) != once {
                failures += 1
                Issue.record("not idempotent: \(input.debugDescription) -> \(once.debugDescription)")
                if failures > 5 { break }
            }
            try TestCorpus.expectSafe(once, input: input)
        }
    }
}
