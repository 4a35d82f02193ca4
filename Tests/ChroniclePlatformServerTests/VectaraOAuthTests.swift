import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import ChronicleTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Vectara with OAuth client credentials: the client id and secret from the environment, tokens
/// from the test server's token endpoint, sent as Bearer, renewed before expiry and after a 401.
@Suite("Vectara OAuth client credentials", .serialized)
struct VectaraOAuthTests {
    static let idVariable = "CHRONICLE_TEST_CLIENT_ID"
    static let secretVariable = "CHRONICLE_TEST_CLIENT_SECRET"

    func export(_ h: ServerHarness, secret: String? = nil, extra: [String] = []) async throws -> Int32 {
        try await ChronicleTestSupport.export([
            "--platform", "vectara", "--base-url", h.server.baseURL, "--client-id-env", Self.idVariable, "--client-secret-env", Self.secretVariable,
            "--token-url", h.server.origin + "/oauth2/token", "--out", h.out, "--page-size", "2",
        ] + extra, environment: [Self.idVariable: h.dataset.vectaraClientID, Self.secretVariable: secret ?? h.dataset.vectaraClientSecret])
    }

    func tokenRequests(_ h: ServerHarness) -> Int { h.server.log.requests(pathSuffix: "/oauth2/token").count }

    /// Every request below /v2 carried a Bearer token, none an API key.
    func apiRequestsUsedBearer(_ h: ServerHarness) -> Bool {
        let api = h.server.log.requests.filter { $0.path.hasPrefix("/v2/") }
        return !api.isEmpty && api.allSatisfy { $0.credentialHeaders == ["authorization"] }
    }

    @Test("One token serves a whole export; no secret or token reaches the bag")
    func exportWithClientCredentials() async throws {
        try await ServerHarness.with(.vectara) { h in
            #expect(try await export(h) == 0)
            #expect(tokenRequests(h) == 1)
            #expect(apiRequestsUsedBearer(h))
            try h.checkMatchesTruth(h.dataset.truth)
            // Neither the client secret nor an access token appears in any file of the bag.
            let bag = try h.bag()
            let secret = Array(h.dataset.vectaraClientSecret.utf8)
            for case let file as String in FileManager.default.enumerator(atPath: bag) ?? NSEnumerator() {
                guard let data = FileManager.default.contents(atPath: bag + "/" + file) else { continue }
                let bytes = [UInt8](data)
                #expect(!bytes.contains(subsequence: secret), "\(file) holds the client secret")
                #expect(!bytes.contains(subsequence: Array("vat_".utf8)), "\(file) holds an access token")
            }
        }
    }

    @Test("A token within 2 minutes of its expiry is renewed before the next request")
    func tokenRenewedBeforeExpiry() async throws {
        try await ServerHarness.with(.vectara) { h in
            // Tokens that live 120 s are due for renewal at once: with one request at a time,
            // every request needs a new one (with 3,600 s one token serves the whole export).
            h.server.mutateDataset { d in d.accessTokenLifetimeSeconds = 120 }
            let status = try await export(h, extra: ["--concurrency", "1"])
            #expect(status == 0)
            let api = h.server.log.requests.filter { $0.path.hasPrefix("/v2/") }.count
            // Requests in flight together share one renewal (listing pages overlap a session's export).
            #expect(tokenRequests(h) * 4 >= api * 3, "tokens: \(tokenRequests(h)), API requests: \(api)")
        }
    }

    @Test("A 401 to a token renews it once and the request is sent again")
    func renewedOnceAfter401() async throws {
        try await ServerHarness.with(.vectara, faults: [FaultRule(.status(401, retryAfter: nil), on: "agents", times: 1)]) { h in
            #expect(try await export(h) == 0)
            #expect(tokenRequests(h) == 2)
            try h.checkMatchesTruth(h.dataset.truth)
        }
    }

    @Test("A refused client secret ends the source with exit 77 and the secret in no message")
    func refusedSecret() async throws {
        try await ServerHarness.with(.vectara) { h in
            let wrong = "vcs_wrong_secret_0123456789"
            var environment = ProcessInfo.processInfo.environment
            environment[Self.idVariable] = h.dataset.vectaraClientID
            environment[Self.secretVariable] = wrong
            let result = try run(Repository.chronicleBinary, [
                "export", "--platform", "vectara", "--base-url", h.server.baseURL, "--client-id-env", Self.idVariable,
                "--client-secret-env", Self.secretVariable, "--token-url", h.server.origin + "/oauth2/token", "--out", h.out,
            ], environment: environment)
            #expect(result.status == 77, "\(result.output)")
            #expect(result.output.contains("refused the client credentials"), "\(result.output)")
            #expect(!result.output.contains(wrong), "the secret appears in the output")
            #expect(h.server.log.requests.filter { $0.path.hasPrefix("/v2/") }.isEmpty, "no API request without a token")
        }
    }
}

extension ServerHarness {
    /// An access token from the Vectara test server's token endpoint, as a client that manages
    /// its own OAuth would hold one.
    func vectaraAccessToken() async throws -> String {
        var request = URLRequest(url: try #require(URL(string: server.origin + "/oauth2/token")))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "content-type")
        request.httpBody = Data("grant_type=client_credentials&client_id=\(dataset.vectaraClientID)&client_secret=\(dataset.vectaraClientSecret)".utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        let value = try JSONParser.parse([UInt8](data))
        return try #require(value["access_token"]?.stringValue)
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        for i in 0...(count - needle.count) where self[i] == needle[0] && Array(self[i..<(i + needle.count)]) == needle { return true }
        return false
    }
}
