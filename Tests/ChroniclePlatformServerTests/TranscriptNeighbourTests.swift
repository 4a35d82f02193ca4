import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import ChronicleTestSupport
import Foundation
import Testing

/// Every transcript of a bag links to the sessions before and after it in the run's index
/// (older and newer), computed from what the bag finally holds; the bag still verifies.
@Suite("Links between a run's transcripts", .serialized)
struct TranscriptNeighbourTests {
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    /// Checks every transcript's navigation block against the order of the run index
    /// (`data/index.html`): the older link is the row below, the newer one the row above, each
    /// resolving to a transcript of the bag; no transcript is outside the index, no `.partial`
    /// file is left. Returns the transcripts in the index's order.
    @discardableResult
    static func checkNeighbours(bag: String) throws -> [String] {
        let data = bag + "/data"
        let index = try read(data + "/index.html")
        let order = matches(#"<a href="(sessions/[^"]*/transcript\.html)">"#, in: index).map { $0[1] }
        let all = files(under: data)
        #expect(Set(order) == Set(all.filter { $0.hasPrefix("sessions/") && $0.hasSuffix("/transcript.html") }), "transcripts vs the index's rows")
        #expect(all.filter { $0.hasSuffix(".partial") }.isEmpty, "unfinished files in the bag")
        for (i, page) in order.enumerated() {
            let html = try read(data + "/" + page)
            let navs = matches(#"<nav class="neighbours"[^>]*>(.*?)</nav>"#, in: html)
            #expect(navs.count == (order.count > 1 ? 1 : 0), "\(page): \(navs.count) navigation blocks")
            let nav = navs.first?[1] ?? ""
            let older = matches(#"<a class="older" rel="prev" href="([^"]*)">← Older session: "#, in: nav).map { $0[1] }
            let newer = matches(#"<a class="newer" rel="next" href="([^"]*)">Newer session: "#, in: nav).map { $0[1] }
            #expect(older == (i + 1 < order.count ? ["../../" + order[i + 1]] : []), "\(page): older link")
            #expect(newer == (i > 0 ? ["../../" + order[i - 1]] : []), "\(page): newer link")
            for href in older + newer {
                let target = URL(fileURLWithPath: data + "/" + page).deletingLastPathComponent().appendingPathComponent(href).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: target), "\(page): \(href) leads nowhere")
                #expect(target.hasPrefix(URL(fileURLWithPath: data).standardizedFileURL.path + "/sessions/"), "\(page): \(href) leaves the bag")
            }
            // Below the events and the artifacts, above the footer.
            if let nav = html.range(of: #"<nav class="neighbours""#), let main = html.range(of: "</main>"), let footer = html.range(of: "<footer>") {
                #expect(main.upperBound <= nav.lowerBound && nav.upperBound <= footer.lowerBound, "\(page): the links are not between the events and the footer")
            }
        }
        return order
    }

    @Test func eachTranscriptLinksToItsNeighboursInTheRunIndex() async throws {
        try await ServerHarness.with(.managedAgents) { h in
            #expect(try await h.export() == 0)
            try h.checkBagIsSound()
            let order = try Self.checkNeighbours(bag: try h.bag())
            #expect(order.count == h.dataset.sessions.count)
            #expect(order.count >= 3, "too few sessions to have a middle one")
        }
    }

    /// A session deleted between listing and fetching is in the bag (its listing record, its
    /// transcript saying it is missing) and in the index: it is linked like any other row, and
    /// every link resolves.
    @Test func aVanishedSessionIsLinkedAsTheIndexListsIt() async throws {
        let victim = try #require(PlatformDataset.generate(.managedAgents).sessions.dropFirst().first)
        try await ServerHarness.with(.managedAgents, faults: [FaultRule(.notFound, on: "sessions/\(victim.id)/events", times: nil)]) { h in
            #expect(try await h.export() == 3)
            try h.checkBagIsSound()
            let order = try Self.checkNeighbours(bag: try h.bag())
            #expect(order.count == h.dataset.sessions.count)
        }
    }

    /// Vectara sessions have no update time: the second night fetches every session and removes
    /// those unchanged from the bag. The two changed ones link to each other only, across the
    /// removed ones between them in the listing; none links to a removed page.
    @Test func sessionsRemovedAfterFetchingAreNeverLinked() async throws {
        try await ServerHarness.with(.vectara) { h in
            #expect(try await h.export() == 0)
            try Self.checkNeighbours(bag: try #require(try bags(in: h.out, source: h.source).first))
            let count = h.dataset.sessions.count
            #expect(count >= 4)
            let changed = [0, count - 1]
            h.server.mutateDataset { d in
                for i in changed {
                    d.sessions[i].artifacts.append(DatasetArtifact(id: "art_new_\(i)", filename: "new.txt", mediaType: "text/plain", bytes: Array("new \(i)\n".utf8), createdAtMs: 1_795_500_000_000))
                }
            }
            #expect(try await h.export() == 0)
            let all = try bags(in: h.out, source: h.source)
            let latest = try #require(all.last)
            #expect(all.count == 2)
            let order = try Self.checkNeighbours(bag: latest)
            #expect(order.count == 2)
            let doc = try readJSON(latest + "/data/run.json")
            #expect(Set((doc["sessions"]?.arrayValue ?? []).compactMap { $0["transcript"]?.stringValue }) == Set(order))
            #expect(try verify(all) == 0)
            try ensurePythonBagit()
            let bagit = try run("python3", ["-m", "bagit", "--validate", latest])
            #expect(bagit.status == 0, "bagit: \(bagit.output)")
        }
    }
}
