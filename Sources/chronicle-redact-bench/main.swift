@_spi(RedactionReference) import ChronicleRedact
import Foundation

// Redaction throughput and memory: the byte scanners against the regular expressions they
// replaced (Redactor.redactWithExpressions), in one run, so the ratios hold on any machine.
// Build in release mode: swift run -c release chronicle-redact-bench
//
// 1. Realistic text: transcript messages with e-mail addresses, `@@` hunks, decorators,
//    handles, prose with `secret`/`bearer`, some keys, non-ASCII. Best of 5 passes each way.
// 2. Pathological inputs at 1, 4 and 16 MB with the scanners (time per MB must stay flat), and
//    at 8, 16 and 32 KB with the expressions (time per KB grows with the size: quadratic).
// Times are CPU time of the thread. Peak RSS is how far the process's high-water mark rose
// above its resident set at the start of the case (reset through /proc/self/clear_refs); the
// input text itself is made before that.

/// Deterministic generator (SplitMix64).
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick(_ items: [String]) -> String { items[below(items.count)] }
    mutating func word(_ n: Int) -> String {
        String((0..<n).map { _ in Character(UnicodeScalar(UInt8(0x61 + below(26)))) })
    }
}

func realisticMessages(bytes target: Int) -> [String] {
    var g = Generator(state: 0x0BE4C4)
    let lines = [
        "Let me look at the failing test first.", "The function returns early when the secret is missing from the config.",
        "I updated the bearer handling so the header is only set once.", "Running the suite again after the fix:",
        "All 214 tests passed.", "Refactor: move the parser into its own module and keep the public API.",
        "Les données sont enregistrées dans la base — vérifiez le journal.", "日本語のテキストも含まれます。", "🚀 Deployed to staging.",
    ]
    var messages: [String] = []
    var total = 0
    while total < target {
        var m = ""
        for _ in 0..<(3 + g.below(25)) {
            switch g.below(12) {
            case 0: m += "Contact \(g.word(5)).\(g.word(6))@\(g.word(7)).com or \(g.word(4))@example.org for access.\n"
            case 1: m += "@@ -\(g.below(400)),\(g.below(30)) +\(g.below(400)),\(g.below(30)) @@ func \(g.word(8))() {\n-    let a = \(g.word(4))\n+    let a = \(g.word(5))\n"
            case 2: m += "@MainActor\n@Test func \(g.word(9))() async throws {\n    #expect(x == y)\n}\n"
            case 3: m += "cc @\(g.word(6)) @\(g.word(5))-\(g.word(4)) — can you review?\n"
            case 4: m += "curl -H 'Authorization: Bearer \(g.word(24))' https://api.\(g.word(6)).io/v1/items\n"
            case 5: m += "export OPENAI_API_KEY=sk-proj-\(g.word(40))\n"
            case 6: m += "git log --author=\(g.word(5))@\(g.word(6)).dev --since=2.weeks\n"
            default: m += g.pick(lines) + "\n"
            }
        }
        total += m.utf8.count
        messages.append(m)
    }
    return messages
}

func resetPeakRSS() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// A field of /proc/self/status in MiB: `VmHWM` (peak resident set since the last reset) or
/// `VmRSS` (resident now).
func statusMiB(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

/// The CPU time `body` takes on this thread, in seconds: the machine may be shared, so wall
/// time would measure the neighbours.
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

func format(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

let redactor = Redactor.builtin
/// `CHRONICLE_REDACT_BENCH=profile` runs the scanners on the realistic text only, for a profiler.
if ProcessInfo.processInfo.environment["CHRONICLE_REDACT_BENCH"] == "profile" {
    let messages = realisticMessages(bytes: 8 << 20)
    var counts = RedactionCounts()
    let t = seconds { for _ in 0..<20 { for m in messages { _ = redactor.redact(m, counts: &counts) } } }
    print("scanners: \(format(Double(messages.reduce(0) { $0 + $1.utf8.count }) * 20 / 1_000_000 / t, 1)) MB/s")
    exit(0)
}

// 1. Realistic text (in a function, so its texts are freed before the next part).
func realisticText() {
    let messages = realisticMessages(bytes: 8 << 20)
    let realisticBytes = messages.reduce(0) { $0 + $1.utf8.count }
    var newCounts = RedactionCounts(), oldCounts = RedactionCounts()
    var newOut: [String] = [], oldOut: [String] = []
    var newBest = Double.infinity, oldBest = Double.infinity
    for pass in 0..<5 {
        var counts = RedactionCounts()
        var out: [String] = []
        out.reserveCapacity(messages.count)
        newBest = min(newBest, seconds { for m in messages { out.append(redactor.redact(m, counts: &counts)) } })
        if pass == 0 { newCounts = counts; newOut = out }
        counts = RedactionCounts()
        out = []
        out.reserveCapacity(messages.count)
        oldBest = min(oldBest, seconds { for m in messages { out.append(redactor.redactWithExpressions(m, counts: &counts)) } })
        if pass == 0 { oldCounts = counts; oldOut = out }
    }
    let mb = Double(realisticBytes) / 1_000_000
    print("realistic text: \(messages.count) messages, \(format(mb)) MB, replacements \(newCounts.sorted.map { "\($0.rule)=\($0.count)" }.joined(separator: " "))")
    print("  same output and counts as the expressions: \(newOut == oldOut && newCounts == oldCounts)")
    print("  scanners:    \(format(mb / newBest, 1)) MB/s")
    print("  expressions: \(format(mb / oldBest, 1)) MB/s")
    print("  time scanners/expressions: \(format(newBest / oldBest, 3))  (expressions take \(format(oldBest / newBest, 1))x as long)")
}
realisticText()

// 2. Pathological inputs.
let cases: [(name: String, make: (Int) -> String)] = [
    ("\"a\"*n + \"@\"", { String(repeating: "a", count: $0) + "@" }),
    ("\"-----BEGIN RSA PRIVATE KEY-----\\n\" repeated, no END", { String(repeating: "-----BEGIN RSA PRIVATE KEY-----\n", count: $0 / 32) }),
    ("\"sk-ant-\" repeated (one run of key characters)", { String(repeating: "sk-ant-", count: $0 / 7) }),
    ("\"eyJ-\" repeated", { String(repeating: "eyJ-", count: $0 / 4) }),
]
print("pathological inputs, scanners (time per MB flat = linear):")
for c in cases {
    var line = "  \(c.name):"
    for size in [1, 4, 16] {
        let text = c.make(size * 1_000_000)
        resetPeakRSS()
        let before = statusMiB("VmRSS")
        var counts = RedactionCounts()
        let t = seconds { _ = redactor.redact(text, counts: &counts) }
        line += "  \(size) MB: \(format(t, 3)) s = \(format(t / Double(size) * 1000, 1)) ms/MB, peak RSS \(format(statusMiB("VmHWM"), 0)) MiB (+\(format(max(0, statusMiB("VmHWM") - before), 0)));"
    }
    print(line)
}
print("pathological inputs, expressions (time per KB growing = superlinear):")
for c in cases {
    var line = "  \(c.name):"
    for size in [8, 16, 32] {
        let text = c.make(size * 1000)
        resetPeakRSS()
        let before = statusMiB("VmRSS")
        var counts = RedactionCounts()
        let t = seconds { _ = redactor.redactWithExpressions(text, counts: &counts) }
        line += "  \(size) KB: \(format(t, 3)) s = \(format(t / Double(size) * 1000, 2)) ms/KB, peak RSS \(format(statusMiB("VmHWM"), 0)) MiB (+\(format(max(0, statusMiB("VmHWM") - before), 0)));"
    }
    print(line)
}
