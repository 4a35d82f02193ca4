@testable import ChronicleHTMLSafety
import ChronicleTestSupport
import Testing

/// ``HTMLURLFilter/filter(_:usage:policy:)`` passes a plain http(s) URL through without running
/// its rules: the shortcut must give what the rules give, for URLs at the shortcut's edges
/// (schemes in other cases, spaces, controls, non-ASCII, `\`, `//`, `javascript:`).
@Suite("URL filter shortcut")
struct URLFilterShortcutTests {
    static let pieces: [String] = [
        "http://", "https://", "HTTP://", "Https://", "http:", "https:/", "javascript:", "mailto:", "data:image/png;base64,",
        "//", "/", "\\", "?", "#", ":", "example.com", "a", "%20", " ", "\t", "\n", "\r", "\u{0C}", "\u{7F}", "\u{85}", "\u{1}",
        "é", "\u{FFFE}", "\u{2028}", "&", "'", "\"", "<", ">", "~", "!", "=",
    ]

    @Test func shortcutGivesWhatTheRulesGive() {
        var rng = SplitMix64(seed: 0x0411)
        let policies = [HTMLSanitizerPolicy.transcript, HTMLSanitizerPolicy(allowsRelativeURL: { _ in true })]
        var shortcuts = 0
        var differences: [String] = []
        for round in 0..<20_000 {
            var url = round % 3 == 0 ? "" : (round % 3 == 1 ? "http://" : "https://")
            for _ in 0..<Int(rng.next() % 6) { url += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            if HTMLURLFilter.isPlainWebURL(url) { shortcuts += 1 }
            for policy in policies {
                for usage in [HTMLURLFilter.Usage.link, .image] {
                    let fast = HTMLURLFilter.filter(url, usage: usage, policy: policy)
                    let slow = HTMLURLFilter.filterByRules(url, usage: usage, policy: policy)
                    if fast != slow { differences.append(url.debugDescription) }
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        // The shortcut is taken often enough for the comparison to mean something.
        #expect(shortcuts > 1_000)
    }
}
