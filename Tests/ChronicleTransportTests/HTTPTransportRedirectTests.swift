import ChronicleCore
import ChroniclePlatforms
import Foundation
import Testing

@testable import ChronicleTransport

@Suite struct HTTPTransportRedirectTests {
    @Test func sameOriginRedirectIsFollowedWithTheCredential() async throws {
        let server = try await LoopbackServer.start { arrival in
            arrival.uri.hasPrefix("/v2/old")
                ? .init(status: 301, headers: [("location", "/v2/new?page=2")], text: "")
                : .init(text: "{\"moved\":true}")
        }
        let body = try await TransportFixture.withTransport(server) { t in
            try await t.send(TransportFixture.request(["old"])).body.collect(upTo: 1000)
        }
        #expect(String(decoding: body, as: UTF8.self) == "{\"moved\":true}")
        let arrivals = server.arrivals
        #expect(arrivals.map(\.uri) == ["/v2/old", "/v2/new?page=2"])
        #expect(arrivals.last?.header("x-api-key") == TransportFixture.secretValue)
    }

    @Test func crossHostRedirectIsRefusedAndTheOtherHostGetsNothing() async throws {
        let other = try await LoopbackServer.start(host: "127.0.0.2", replies: [.init(text: "{\"stolen\":true}")])
        let leak = "\(other.baseURL)/collect?token=\(TransportFixture.secretValue)&t2=\(URLEncoding.encode(TransportFixture.secretValue))"
        let server = try await LoopbackServer.start(replies: [.init(status: 302, headers: [("location", leak)], text: "")])
        let error = await #expect(throws: TransportError.self) {
            try await TransportFixture.withTransport(server, extraServers: [other]) { t in
                _ = try await t.send(TransportFixture.request(["agents"]))
            }
        }
        #expect(error?.kind == .redirectRefused)
        #expect(error?.description.contains("127.0.0.1:\(server.port)") == true)
        #expect(error?.description.contains("127.0.0.2:\(other.port)") == true)
        #expect(error?.description.contains(TransportFixture.secretValue) == false)
        #expect(error?.description.contains(URLEncoding.encode(TransportFixture.secretValue)) == false)
        #expect(server.requestCount == 1, "a refused redirect is not retried")
        #expect(other.requestCount == 0)
        #expect(!other.arrivals.contains { $0.headers.contains { $0.1.contains(TransportFixture.secretValue) } })
    }

    @Test func localhostIsAnotherHostThan127001() async throws {
        let server = try await LoopbackServer.start { arrival in
            .init(status: 307, headers: [("location", "http://localhost:\(arrival.index)/v2/x")], text: "")
        }
        let error = await #expect(throws: TransportError.self) {
            try await TransportFixture.withTransport(server) { t in
                _ = try await t.send(TransportFixture.request(["agents"]))
            }
        }
        #expect(error?.kind == .redirectRefused)
        #expect(error?.description.contains("localhost") == true)
    }

    @Test func redirectLoopStopsAfterTheLimit() async throws {
        let server = try await LoopbackServer.start { _ in .init(status: 302, headers: [("location", "/v2/again")], text: "") }
        let error = await #expect(throws: TransportError.self) {
            try await TransportFixture.withTransport(server) { t in
                _ = try await t.send(TransportFixture.request(["agents"]))
            }
        }
        #expect(error?.kind == .redirectRefused)
        #expect(server.requestCount == 6)
    }

    @Test func theCredentialAppearsInNoErrorEvenWhenTheServerEchoesIt() async throws {
        let secret = TransportFixture.secretValue
        let echo = "{\"error\":{\"message\":\"invalid key \(secret)\"},\"k\":\"\(URLEncoding.encode(secret))\"}"
        let other = try await LoopbackServer.start(host: "127.0.0.2", replies: [.init(text: "{}")])
        let server = try await LoopbackServer.start { arrival in
            switch arrival.uri {
            case "/v2/unauthorized": return .init(status: 401, headers: [("www-authenticate", "key=\(secret)")], text: echo)
            case "/v2/broken": return .init(status: 500, text: echo)
            case "/v2/gone": return .init(status: 404, text: echo)
            default: return .init(status: 302, headers: [("location", "http://127.0.0.2:\(other.port)/?key=\(secret)")], text: echo)
            }
        }
        var descriptions: [String] = []
        try await TransportFixture.withTransport(server, retry: TransportFixture.fastRetry(attempts: 2), extraServers: [other]) { t in
            let client = PlatformClient(
                source: SourceDescriptor(name: "s", platform: .vectara, baseURL: server.baseURL, agents: [], pageSize: 10),
                transport: t, credential: TransportFixture.credential,
                errorMessage: { String(decoding: $0, as: UTF8.self) }
            )
            for path in ["unauthorized", "broken", "gone", "redirect"] {
                do {
                    _ = try await client.send(client.request("GET", [path]))
                    Issue.record("\(path) succeeded")
                } catch {
                    descriptions.append(String(describing: error))
                    descriptions.append(String(reflecting: error))
                    descriptions.append("\(error)")
                }
                do {
                    let r = try await t.send(TransportFixture.request([path]))
                    _ = await r.body.prefix(bytes: 10)
                } catch {
                    descriptions.append(String(reflecting: error))
                }
            }
        }
        #expect(descriptions.count == 14)
        for d in descriptions {
            #expect(!d.contains(secret), "\(d)")
            #expect(!d.contains(URLEncoding.encode(secret)), "\(d)")
        }
        #expect(other.requestCount == 0)
        // The request description never carries the credential either.
        #expect(!TransportFixture.request(["x"]).description.contains(secret))
        #expect(!String(reflecting: TransportFixture.request(["x"])).contains(secret))
    }
}
