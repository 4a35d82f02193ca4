import ChronicleBag
import ChronicleJSON
import ChronicleMarkdown
import ChronicleRedact
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Hostile inputs at 1, 4 and 16 MB for redaction, Markdown, `verify` and the JSON record
// splitter: CPU time and peak memory per MB, and the ratio of the time per MB at 16 MB to that
// at 1 MB (1.0 is linear; a quadratic cost would give 16). See docs/pathological.md.
//
//   swift run -c release --scratch-path .build-release chronicle-pathological-bench [MB...]
//
// Each case and size runs in a fresh child process (`--one CASE BYTES`). Time is the process's
// CPU time for the operation alone (the input is made before; best of three), so other work on
// the machine counts little. Peak RSS is how far the high-water mark rose above the resident set
// at the start of the operation (reset through /proc/self/clear_refs), input excluded.

/// CPU time of the process, in seconds.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// A `kB` field of /proc/self/status, in bytes.
func statusField(_ name: String) -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix(name + ":") {
            let digits = text.filter { $0.isNumber }
            return (Int(digits) ?? 0) * 1024
        }
    }
    return 0
}

/// Resets the high-water mark of the resident set (VmHWM) to the current resident set.
func resetPeak() {
    guard let file = fopen("/proc/self/clear_refs", "w") else { return }
    fputs("5", file)
    fclose(file)
}

struct Measurement {
    var seconds: Double
    var peakBytes: Int
}

/// Runs `body` once, measuring CPU time and the rise of the peak resident set.
func measure(_ body: () -> Void) -> Measurement {
    resetPeak()
    let before = statusField("VmRSS")
    let start = cpuSeconds()
    body()
    let seconds = cpuSeconds() - start
    return Measurement(seconds: seconds, peakBytes: max(0, statusField("VmHWM") - before))
}

/// Keeps a result alive so the optimizer cannot drop the work.
nonisolated(unsafe) var sink = 0

struct Case {
    let name: String
    /// What the input is, for the table's legend.
    let input: String
    /// Sizes in KB for a case that must stay under a limit below 1 MB; nil: the MB sizes.
    var kilobytes: [Int]? = nil
    /// Makes the input of `bytes` bytes, then returns the operation to measure.
    let prepare: (_ bytes: Int) -> () -> Void
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

func repeated(_ unit: String, toBytes bytes: Int) -> String {
    String(repeating: unit, count: max(1, bytes / unit.utf8.count))
}

/// Reports what failed on standard error and ends the benchmark with status 1 (a file, the
/// input or a child process went wrong: not a crash).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("chronicle-pathological-bench: \(message)\n".utf8))
    exit(1)
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    guard let file = fopen(path, "w") else { fail("cannot write \(path): \(String(cString: strerror(errno)))") }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

/// A bag whose payload manifest (`bytes` long) lists files that are all missing.
func bagWithMissingFiles(bytes: Int) -> String {
    let root = "/tmp/chronicle-pathological-\(getpid())"
    _ = mkdir(root, 0o755)
    _ = mkdir(root + "/data", 0o755)
    writeFile(root + "/bagit.txt", Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8))
    writeFile(root + "/bag-info.txt", Array("Payload-Oxum: 0.0\n".utf8))
    let digest = String(repeating: "0", count: 64)
    var manifest: [UInt8] = []
    manifest.reserveCapacity(bytes + 128)
    var i = 0
    while manifest.count < bytes {
        manifest += Array("\(digest) data/sessions/session-\(i)/transcript.json\n".utf8)
        i += 1
    }
    writeFile(root + "/manifest-sha256.txt", manifest)
    writeFile(root + "/tagmanifest-sha256.txt", Array("\(digest) bagit.txt\n".utf8))
    return root
}

func split(_ document: [UInt8], maxRecordBytes: Int = RecordLimits.maxRecordBytes) -> Int {
    var splitter = JSONRecordSplitter(recordArray: .member("data"), maxRecordBytes: maxRecordBytes)
    var records = 0
    var start = 0
    do {
        try document.withUnsafeBytes { all in
            while start < all.count {
                let end = min(all.count, start + 64 * 1024)
                try splitter.feed(UnsafeRawBufferPointer(rebasing: all[start..<end])) { _ in records += 1 }
                start = end
            }
        }
        _ = try splitter.finish()
    } catch {
        fail("the splitter rejected the input: \(error)")
    }
    return records
}

let cases: [Case] = [
    Case(name: "redact: a…a@", input: "\"a\" × n then \"@\" (an e-mail local part that never ends)") { n in
        let text = String(repeating: "a", count: n - 1) + "@"
        return { sink &+= Redactor.builtin.redact(text).utf8.count }
    },
    Case(name: "redact: BEGIN…", input: "\"-----BEGIN PRIVATE KEY-----\\n\" repeated, no END") { n in
        let text = repeated("-----BEGIN PRIVATE KEY-----\n", toBytes: n)
        return { sink &+= Redactor.builtin.redact(text).utf8.count }
    },
    Case(name: "markdown: [[[", input: "\"[\" × n") { n in
        let text = String(repeating: "[", count: n)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    Case(name: "markdown: table row", input: "a table header and one row of n bytes (\"|a\" repeated)") { n in
        let text = "|a|b|\n|-|-|\n" + repeated("|a", toBytes: n)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    // Over 128 KB (or with a line over 32 KB) a text is shown preformatted, not rendered: the
    // cases above measure that guard. These stay under it, so cmark-gfm and the allowlist run.
    Case(name: "md rendered: [[[ lines", input: "lines of 16 KB of \"[\", 16 to 128 KB in all (rendered)", kilobytes: [16, 32, 64, 128]) { n in
        let text = repeated(String(repeating: "[", count: 16 * 1024 - 1) + "\n", toBytes: n)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    Case(name: "md rendered: table rows", input: "a table of rows of 16 KB (\"|a\" repeated), 16 to 128 KB in all (rendered)", kilobytes: [16, 32, 64, 128]) { n in
        let text = "|a|b|\n|-|-|\n" + repeated(repeated("|a", toBytes: 16 * 1024 - 1) + "\n", toBytes: n)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    Case(name: "md rendered: 32 KB rows", input: "a table of rows of 32 KB of \"|a\" (16,384 cells; preformatted since the 256-cell limit), 32 to 128 KB", kilobytes: [32, 64, 128]) { n in
        let text = "|a|b|\n|-|-|\n" + repeated(repeated("|a", toBytes: 32 * 1024 - 2) + "\n", toBytes: n - 16)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    Case(name: "md rendered: 256-cell rows", input: "a table of rows of 256 cells of 127 bytes (32 KB rows, the most rendered), 32 to 128 KB", kilobytes: [32, 64, 128]) { n in
        let row = String(repeating: "|" + String(repeating: "a", count: 126), count: 256) + "\n"
        let text = "|a|b|\n|-|-|\n" + repeated(row, toBytes: n - 16)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    Case(name: "md rendered: 256-cell short", input: "a table of rows of 256 one-byte cells (\"|a\" × 128, 513 bytes), 32 to 128 KB", kilobytes: [32, 64, 128]) { n in
        let row = String(repeating: "|a", count: 128) + "|\n"
        let text = "|a|b|\n|-|-|\n" + repeated(row, toBytes: n - 16)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    Case(name: "md rendered: *_ runs", input: "\"*_\" repeated in lines of 16 KB, 16 to 128 KB in all (rendered)", kilobytes: [16, 32, 64, 128]) { n in
        let text = repeated(repeated("*_", toBytes: 16 * 1024 - 1) + "\n", toBytes: n)
        return { sink &+= MarkdownRenderer.safeHTML(text).utf8.count }
    },
    Case(name: "verify: missing files", input: "a manifest of n bytes listing files that are all missing") { n in
        let bag = bagWithMissingFiles(bytes: n)
        return {
            let report = BagVerifier().verify(bagAt: bag)
            sink &+= report.damages.count
        }
    },
    Case(name: "splitter: one string", input: "{\"data\":[\"x…x\"]}: one record, a string of n bytes") { n in
        let document = Array("{\"data\":[\"".utf8) + [UInt8](repeating: 0x78, count: n) + Array("\"]}".utf8)
        return { sink &+= split(document) }
    },
    Case(name: "splitter: deep nesting", input: "records nested 500 deep ([[[…]]], the parser's limit is 512)") { n in
        let record = Array(repeating: UInt8(ascii: "["), count: 500) + Array(repeating: UInt8(ascii: "]"), count: 500)
        var document = Array("{\"data\":[".utf8)
        document.reserveCapacity(n + 1100)
        while document.count < n {
            document += record
            document.append(UInt8(ascii: ","))
        }
        document += Array("0]}".utf8)
        return { sink &+= split(document) }
    },
]

let mb = 1 << 20

/// Child mode (`--one CASE BYTES`): one case at one size in a fresh process, so that memory
/// freed by an earlier case cannot hide this one's peak. A warm-up on 1 KB first (lazy tables);
/// the time is the best of three runs, the peak that of the first. Prints "seconds peakBytes".
@MainActor func runOne(_ index: Int, _ bytes: Int) {
    cases[index].prepare(1024)()
    let run = cases[index].prepare(bytes)
    var m = measure(run)
    for _ in 0..<2 { m.seconds = min(m.seconds, measure(run).seconds) }
    print("\(m.seconds) \(m.peakBytes)")
}

/// Runs `--one index bytes` in a child process and reads its measurement.
@MainActor func measureInChild(_ index: Int, _ bytes: Int) -> Measurement {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["--one", String(index), String(bytes)]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { fail("cannot run \(process.executableURL?.path ?? "?"): \(error)") }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard process.terminationStatus == 0, fields.count == 2, let seconds = Double(fields[0]), let peak = Int(fields[1]) else {
        fail("case \(cases[index].name) at \(bytes) bytes failed (status \(process.terminationStatus)): \(output)")
    }
    return Measurement(seconds: seconds, peakBytes: peak)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--one", arguments.count == 3, let index = Int(arguments[1]), let bytes = Int(arguments[2]) {
    runOne(index, bytes)
    exit(0)
}
let megabytes = arguments.compactMap { Int($0) }.isEmpty ? [1, 4, 16] : arguments.compactMap { Int($0) }

print("case                         size   CPU s   s/MB    peak RSS MB  RSS MB/MB")
var ratios: [(String, Double, String)] = []
for (index, c) in cases.enumerated() {
    var perMB: [Double] = []
    let sizes = c.kilobytes.map { $0.map { $0 << 10 } } ?? megabytes.map { $0 * mb }
    for bytes in sizes {
        // Rendered cases stay just under the 128 KB limit (MarkdownRenderer.maxMarkdownBytes).
        let m = measureInChild(index, c.kilobytes == nil ? bytes : bytes - 64)
        let size = Double(bytes) / Double(mb)
        let secondsPerMB = m.seconds / size
        perMB.append(secondsPerMB)
        let peak = Double(m.peakBytes) / Double(mb)
        let label = bytes < mb ? "\(bytes >> 10) KB" : "\(bytes / mb) MB"
        print(
            c.name.padding(toLength: 27, withPad: " ", startingAt: 0) + label.leftPadded(to: 7)
                + String(format: " %7.3f %7.4f %10.1f %10.2f", m.seconds, secondsPerMB, peak, peak / size))
    }
    if let first = perMB.first, let last = perMB.last, first > 0, let small = sizes.first, let large = sizes.last {
        ratios.append((c.name, last / first, "\(large / small)x the input"))
    }
}
print("\ntime per MB at the largest size / at the smallest (1.0 = linear):")
for (name, ratio, span) in ratios {
    print("  " + name.padding(toLength: 27, withPad: " ", startingAt: 0) + String(format: "%6.2f", ratio) + "  (\(span))")
}
print("\ninputs:")
for c in cases { print("  \(c.name): \(c.input)") }
_ = sink
