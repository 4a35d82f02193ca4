import ChronicleCore
import ChronicleJSON
@testable import ChronicleRender
import ChronicleTestSupport
import Foundation
import Testing

/// An archive larger than the whole-buffer bound streams through igzip: Python's gzip module
/// (nobody here wrote it) reads it back whole, and Chronicle's reader finds every event in order.
@Suite("Archives above the whole-buffer bound")
struct ArchiveWriterTests {
    @Test func aSessionOfTwelveMegabytesRoundTrips() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let path = tmp.path + "/big.json.gz"
        let session = Session(id: "s-big", agentID: "a")
        let source = SourceDescriptor(name: "test", platform: .vectara, baseURL: "file:/x")
        let writer = try ArchiveWriter(path: path, session: session, source: source)
        var rng = SplitMix64(seed: 12)
        let count = 120
        var rawBytes = 0
        for i in 0..<count {
            // ~100 kB per record: text that compresses, and a run of random letters that does not.
            let letters = (0..<20_000).map { _ in Character(UnicodeScalar(UInt8(97 + rng.next() % 26))) }
            let text = String(repeating: "record \(i) ünïcödé <b>&amp;</b> ", count: 2_000) + String(letters)
            var raw: [UInt8] = []
            JSONWriter.append(.object([.init("id", .string("e\(i)")), .init("text", .string(text))]), to: &raw)
            rawBytes += raw.count
            let event = Event(id: "e\(i)", index: i, kind: .assistantMessage, platformType: "message", blocks: [.text(text, markdown: true)])
            try writer.append(SessionItem(record: RawRecord(kind: "event", request: "GET /x", bytes: raw), events: [event]))
        }
        let summary = try writer.finish(summary: .object([.init("events", .number(String(count)))]), sync: false)
        #expect(summary.uncompressedBytes > UInt64(ArchiveWriter.wholeBufferLimit * 2), "\(summary.uncompressedBytes) bytes")
        #expect(rawBytes > 10_000_000)

        let python = try ChronicleTestSupport.run("python3", ["-c", """
            import gzip, json, sys
            doc = json.loads(gzip.open(sys.argv[1]).read())
            print(len(doc["items"]), doc["items"][-1]["record"]["raw"]["id"], doc["summary"]["events"])
            """, path])
        #expect(python.status == 0, "\(python.output)")
        #expect(python.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(count) e\(count - 1) \(count)")

        var seen: [String] = []
        _ = try ArchiveReader.read(path: path) { seen.append($0.id ?? "no id") }
        #expect(seen == (0..<count).map { "e\($0)" })
    }
}
