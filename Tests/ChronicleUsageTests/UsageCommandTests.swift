import ChronicleCore
import ChronicleTestSupport
import Foundation
import Testing

/// `chronicle usage` (the real binary) against a Python truth over a simulated week with a
/// `--full` rerun, and its usage errors.
@Suite("chronicle usage", .serialized)
struct UsageCommandTests {
    /// Seven nights of a growing managed-agents platform (across a month's end, a `--full` rerun
    /// on night 5): `--by month`, `--by week` and `--by day --group source,agent,model` equal the
    /// truth that `usage_week.py` computes from the raw platform JSON, with state and from the
    /// bags alone; the totals equal the newest sessions.csv rows.
    @Test(arguments: ["Europe/Berlin", "UTC"])
    func aWeekWithARerunEqualsTheTruth(timezone: String) throws {
        let tmp = try ScratchFolder("chronicle-usage-week")
        defer { tmp.remove() }
        let r = try run("python3", [
            UsageRepository.scripts + "/usage_week.py", Repository.chronicleBinary, tmp.path, "--timezone", timezone,
        ])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("all equal"), "\(r.output)")
        print(r.output)
    }

    @Test func aFolderWithoutStateOrBagsIsAUsageError() throws {
        let tmp = try ScratchFolder("chronicle-usage-empty")
        defer { tmp.remove() }
        let empty = try run(Repository.chronicleBinary, ["usage", "--out", tmp.path])
        #expect(empty.status == 64, "\(empty.output)")
        #expect(empty.output.contains(tmp.path) && empty.output.contains("neither"), "\(empty.output)")
        let missing = try run(Repository.chronicleBinary, ["usage", "--out", tmp.path + "/nowhere"])
        #expect(missing.status == 64, "\(missing.output)")
        #expect(missing.output.contains(tmp.path + "/nowhere"), "\(missing.output)")
        let badPeriod = try run(Repository.chronicleBinary, ["usage", "--out", tmp.path, "--by", "year"])
        #expect(badPeriod.status == 64 && badPeriod.output.contains("--by year"), "\(badPeriod.output)")
        let badGroup = try run(Repository.chronicleBinary, ["usage", "--out", tmp.path, "--group", "source,team"])
        #expect(badGroup.status == 64 && badGroup.output.contains("team"), "\(badGroup.output)")
    }

    /// The samples, exported twice (the second time with `--full`): the report counts every
    /// request once and its totals equal the sum of one bag's sessions.csv.
    @Test func theSamplesExportedTwiceAreCountedOnce() throws {
        let tmp = try ScratchFolder("chronicle-usage-samples")
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        for extra in [[], ["--full"]] {
            let e = try run(Repository.chronicleBinary, ["export", "--samples", UsageRepository.samples, "--out", out, "--formats", "csv,archive"] + extra)
            try #require(e.status == 0 || e.status == 3, "\(e.output)")
            Thread.sleep(forTimeInterval: 1.1)
        }
        let r = try run(Repository.chronicleBinary, ["usage", "--out", out, "--by", "month", "--format", "csv"])
        try #require(r.status == 0, "\(r.output)")
        let rows = FigureConsistencyTests.csvRows(r.output)
        var sums: [String: Int64] = [:]
        for (_, source) in UsageRepository.platforms {
            let bag = try #require(try bags(in: out, source: source).last)
            for row in FigureConsistencyTests.csvRows(try read(bag + "/data/usage/sessions.csv")) {
                for name in ["model_requests", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens"] {
                    sums[name, default: 0] += Int64(row[name] ?? "") ?? 0
                }
            }
        }
        for name in ["model_requests", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens"] {
            let got = rows.reduce(Int64(0)) { $0 + (Int64($1[name] ?? "") ?? 0) }
            #expect(got == sums[name, default: 0], "\(name): chronicle usage \(got) != one export's sessions.csv \(sums[name, default: 0])")
        }
        #expect(rows.allSatisfy { $0["timezone"] == "UTC" })
    }
}
