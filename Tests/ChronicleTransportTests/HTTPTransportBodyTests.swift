import ChronicleTestSupport
import ChronicleCore
import ChronicleGzip
import Foundation
import Testing

@testable import ChronicleTransport

@Suite struct HTTPTransportBodyTests {
    @Test func smallBodyStaysInMemoryAndTheRequestIsWellFormed() async throws {
        let tmp = try TransportFixture.temporaryDirectory("small")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let server = try await LoopbackServer.start(replies: [.init(text: "{\"agents\":[]}")])
        let request = TransportFixture.request(["agents", "a/b c", ".."], query: [.init("page_key", "x=1&y/2"), .init("limit", "3")])
        let (status, body, spooled) = try await TransportFixture.withTransport(server, temporaryDirectory: tmp) { t in
            let r = try await t.send(request)
            let spooled = TransportFixture.files(in: tmp)
            return (r.status, try await r.body.collect(upTo: 1 << 20), spooled)
        }
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self) == "{\"agents\":[]}")
        #expect(spooled.isEmpty)
        let arrival = try #require(server.arrivals.first)
        #expect(arrival.uri == "/v2/agents/a%2Fb%20c/%2E%2E?page_key=x%3D1%26y%2F2&limit=3")
        #expect(arrival.header("x-api-key") == TransportFixture.secretValue)
        #expect(arrival.header("accept-encoding")?.contains("gzip") == true)
        #expect(arrival.header("accept") == "application/json")
    }

    /// The spool file is unlinked as soon as it is created: the folder shows nothing even while
    /// the body is held, so a run killed at any moment leaves no `chronicle-body-*.tmp` behind.
    @Test func fiveMegabyteBodyIsSpooledToAnUnnamedFileAndReadInChunks() async throws {
        let tmp = try TransportFixture.temporaryDirectory("large")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var rng = SplitMix64(seed: 5)
        let big = (0..<(5 << 20)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let server = try await LoopbackServer.start(replies: [.init(headers: [("content-type", "application/octet-stream")], body: big)])
        try await TransportFixture.withTransport(server, temporaryDirectory: tmp) { t in
            let r = try await t.send(TransportFixture.request(["artifact"]))
            // The whole body arrived before send returned and sits in a temporary file no
            // name leads to.
            #expect(TransportFixture.files(in: tmp).isEmpty)
            #expect(r.header("content-length") == String(big.count))
            var received: [UInt8] = []
            var largestChunk = 0
            for try await chunk in r.body {
                largestChunk = max(largestChunk, chunk.count)
                received.append(contentsOf: chunk)
            }
            #expect(received == big)
            #expect(largestChunk <= 256 * 1024)
            #expect(TransportFixture.files(in: tmp).isEmpty, "the spool file is removed once read")
        }
    }

    @Test func aSpooledBodyDroppedUnreadIsRemoved() async throws {
        let tmp = try TransportFixture.temporaryDirectory("drop")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let server = try await LoopbackServer.start(replies: [.init(body: [UInt8](repeating: 0x41, count: 3 << 20))])
        try await TransportFixture.withTransport(server, temporaryDirectory: tmp) { t in
            do {
                let r = try await t.send(TransportFixture.request(["artifact"]))
                #expect(TransportFixture.files(in: tmp).isEmpty)
                #expect(await r.body.prefix(bytes: 10) == [UInt8](repeating: 0x41, count: 10))
            }
            #expect(TransportFixture.files(in: tmp).isEmpty)
        }
    }

    @Test func gzipEncodedResponseIsDecoded() async throws {
        let json = Array(("{\"events\":[" + (0..<2000).map { "{\"id\":\($0),\"text\":\"hello\"}" }.joined(separator: ",") + "]}").utf8)
        let gz = try Gzip.compress(json)
        let server = try await LoopbackServer.start(replies: [
            .init(headers: [("content-type", "application/json"), ("content-encoding", "gzip")], body: gz)
        ])
        let (body, encoding) = try await TransportFixture.withTransport(server) { t in
            let r = try await t.send(TransportFixture.request(["events"]))
            return (try await r.body.collect(upTo: 1 << 22), r.header("content-encoding"))
        }
        #expect(gz.count < json.count / 4)
        #expect(body == json)
        #expect(encoding == nil)
    }

    /// A body past the response size limit is refused at once and not retried (an endless
    /// chunked answer spooled 3 GB in a minute).
    @Test func aBodyOverTheLimitIsRefusedOnce() async throws {
        let tmp = try TransportFixture.temporaryDirectory("over")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let server = try await LoopbackServer.start(replies: [.init(body: [UInt8](repeating: 0x41, count: 3 << 20))])
        let outcome: TransportError? = try await TransportFixture.withTransport(server, readTimeout: .seconds(120), temporaryDirectory: tmp, maxResponseBytes: 1 << 20) { t in
            do {
                _ = try await t.send(TransportFixture.request(["artifact"]))
                return nil
            } catch let error as TransportError {
                return error
            }
        }
        #expect(outcome?.kind == .bodyTooLarge, "\(String(describing: outcome))")
        #expect(server.requestCount == 1, "not retried (the read timeout is long so that a loaded machine causes no transient retry)")
        #expect(TransportFixture.files(in: tmp).isEmpty)
    }

    /// A gzip bomb (8 MiB of zeros in 8 KB) stops at the limit and is not retried: it inflated to
    /// 4.25 GB, five times over.
    @Test func aGzipBombStopsAtTheLimitAndIsNotRetried() async throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0x30, count: 8 << 20))
        #expect(bomb.count < 64 << 10)
        let server = try await LoopbackServer.start(replies: [
            .init(headers: [("content-type", "application/json"), ("content-encoding", "gzip")], body: bomb)
        ])
        let outcome: TransportError? = try await TransportFixture.withTransport(server, readTimeout: .seconds(120), maxResponseBytes: 1 << 20) { t in
            do {
                _ = try await t.send(TransportFixture.request(["events"]))
                return nil
            } catch let error as TransportError {
                return error
            }
        }
        #expect(outcome?.kind == .bodyTooLarge)
        #expect(server.requestCount == 1, "not retried")
    }
}
