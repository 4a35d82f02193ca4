import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import ChronicleTestSupport
import Foundation
import Testing

/// Vectara sessions carry no `updated_at`: each night re-reads their event pages and artifact
/// listings, and artifacts an earlier bag holds are never downloaded again.
@Suite("Vectara incremental runs", .serialized)
struct VectaraIncrementalTests {
    /// `GET /v2/agents/{a}/sessions/{s}/artifacts/{id}`: one artifact's bytes.
    static func artifactDownloads(_ server: TestServer) -> [String] {
        server.log.requests.compactMap { r in
            let parts = r.path.split(separator: "/").map(String.init)
            return parts.count == 7 && parts[5] == "artifacts" ? parts[6] : nil
        }
    }

    @Test("A second, unchanged night downloads no artifact and costs only event and artifact-listing pages")
    func unchangedNightDownloadsNothing() async throws {
        try await ServerHarness.with(.vectara) { h in
            #expect(try await h.export() == 0)
            let first = Self.artifactDownloads(h.server)
            #expect(first.count == h.dataset.sessions.reduce(0) { $0 + $1.artifacts.count })
            h.server.log.clear()
            #expect(try await h.export() == 0)
            #expect(Self.artifactDownloads(h.server) == [], "an unchanged night downloaded artifacts again")
            let events = h.server.log.requests.filter { $0.path.hasSuffix("/events") }
            #expect(events.allSatisfy { $0.query.contains("include_hidden=true") })
            #expect(!events.isEmpty)
            let all = try bags(in: h.out, source: h.source)
            #expect(all.count == 2)
            let run = try readJSON(try #require(all.last) + "/data/run.json")
            #expect(run["counts"]?["sessions"]?.int64Value == 0)
            #expect(run["counts"]?["skipped_unchanged"]?.int64Value == Int64(h.dataset.sessions.count))
            #expect(try verify(all) == 0)
        }
    }

    @Test("A changed session downloads only its new artifact; the ones held are copied from the earlier bag")
    func changedSessionDownloadsOnlyNewArtifacts() async throws {
        try await ServerHarness.with(.vectara) { h in
            #expect(try await h.export() == 0)
            let target = try #require(h.dataset.sessions.first)
            let bytes = Array("a new artifact, made by a tool\n".utf8)
            h.server.mutateDataset { d in
                d.sessions[0].artifacts.append(DatasetArtifact(id: "art_new", filename: "new.txt", mediaType: "text/plain", bytes: bytes, createdAtMs: 1_795_500_000_000))
            }
            h.server.log.clear()
            #expect(try await h.export() == 0)
            #expect(Self.artifactDownloads(h.server) == ["art_new"])
            let all = try bags(in: h.out, source: h.source)
            let latest = try #require(all.last)
            let run = try readJSON(latest + "/data/run.json")
            let sessions = run["sessions"]?.arrayValue ?? []
            #expect(sessions.map { $0["id"]?.stringValue } == [target.id], "only the changed session is exported again")
            #expect(sessions.first?["artifacts"]?.int64Value == Int64(target.artifacts.count + 1))
            // Every artifact of the session is in the new bag, the held ones copied byte for byte.
            for artifact in target.artifacts + [DatasetArtifact(id: "art_new", filename: "new.txt", mediaType: "text/plain", bytes: bytes, createdAtMs: 0)] {
                let files = try FileManager.default.contentsOfDirectory(atPath: latest + "/data/artifacts").filter { $0.hasPrefix(artifact.sha256) }
                #expect(files.count == 1, "artifact \(artifact.id) is not in the new bag")
            }
            #expect(try verify(all) == 0)
        }
    }

    @Test("A damaged earlier copy is not reused: the artifact is downloaded again, with a warning")
    func damagedEarlierCopyIsDownloadedAgain() async throws {
        try await ServerHarness.with(.vectara) { h in
            #expect(try await h.export() == 0)
            let first = try #require(try bags(in: h.out, source: h.source).first)
            let target = try #require(h.dataset.sessions.first)
            let victim = try #require(target.artifacts.last)
            // The same size, other bytes: only the digest can tell.
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: first + "/data/artifacts").first { $0.hasPrefix(victim.sha256) })
            let path = first + "/data/artifacts/" + name
            var bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
            bytes[bytes.count / 2] ^= 0xFF
            try FileManager.default.removeItem(atPath: path)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            h.server.mutateDataset { d in
                d.sessions[0].listing = .object((d.sessions[0].listing.objectMembers ?? []).map { m in
                    m.key == "current_step_name" ? JSONMember(m.key, .string("follow-up")) : m
                })
            }
            h.server.log.clear()
            #expect(try await h.export() == 0)
            #expect(Self.artifactDownloads(h.server) == [victim.id], "only the damaged one is fetched again")
            let latest = try #require(try bags(in: h.out, source: h.source).last)
            let warnings = try readJSON(latest + "/data/run.json")["warnings"]?.arrayValue ?? []
            #expect(warnings.contains { $0["item"]?.stringValue == "artifact \(victim.id)" && ($0["message"]?.stringValue ?? "").contains("cannot be reused") })
            #expect(try verify([latest]) == 0)
        }
    }
}
