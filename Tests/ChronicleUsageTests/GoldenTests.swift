import Foundation
import Testing

/// Each sample's usage CSVs are byte for byte the recorded golden files. Set
/// `CHRONICLE_RECORD_GOLDEN=1` to re-record them (then review the diff).
@Suite("Usage CSV golden files", .serialized)
struct GoldenTests {
    @Test func samplesMatchTheGoldenFiles() async throws {
        let tmp = try ScratchFolder("chronicle-usage-golden")
        defer { tmp.remove() }
        let bags = try await exportSamples(into: tmp.path, extra: ["--timezone", "Europe/Berlin"])
        let record = ProcessInfo.processInfo.environment["CHRONICLE_RECORD_GOLDEN"] == "1"
        for (folder, source) in UsageRepository.platforms {
            for table in ["sessions", "daily", "models"] {
                let got = try #require(FileManager.default.contents(atPath: "\(bags[source] ?? "")/data/usage/\(table).csv"))
                let golden = "\(UsageRepository.golden)/\(folder).\(table).csv"
                if record {
                    try got.write(to: URL(fileURLWithPath: golden))
                    continue
                }
                let want = FileManager.default.contents(atPath: golden)
                #expect(want == got, "\(golden) differs (CHRONICLE_RECORD_GOLDEN=1 re-records it):\n\(String(decoding: got, as: UTF8.self))")
            }
        }
    }
}
