import ChronicleCore
import Foundation
import Testing

@testable import ChronicleTransport

@Suite struct RedirectRuleTests {
    func target(_ from: String, _ location: String) -> Result<URL, TransportError> {
        RedirectRule.target(from: URL(string: from)!, location: location, request: "GET /x", scrub: TransportFixture.credential.secret.scrub)
    }

    @Test func sameOriginIsFollowed() throws {
        let url = try target("https://api.example.com/v2/agents", "/v2/agents?page=2").get()
        #expect(url.absoluteString == "https://api.example.com/v2/agents?page=2")
        #expect(try target("https://api.example.com:443/v2/a", "https://API.example.com/v2/b").get().path == "/v2/b")
    }

    @Test func httpToHTTPSUpgradeOnTheSameHostIsFollowed() throws {
        #expect(try target("http://api.example.com/v2/a", "https://api.example.com/v2/a").get().scheme == "https")
    }

    @Test func httpsToHTTPIsRefused() {
        guard case .failure(let e) = target("https://api.example.com/v2/a", "http://api.example.com/v2/a") else {
            Issue.record("the downgrade was followed")
            return
        }
        #expect(e.kind == .redirectRefused)
        #expect(e.description.contains("https://api.example.com:443"))
        #expect(e.description.contains("http://api.example.com:80"))
    }

    @Test func anotherHostOrPortIsRefusedAndTheTokenIsNotPrinted() {
        let leak = "https://evil.example.net/collect?key=\(TransportFixture.secretValue)&k2=\(URLEncoding.encode(TransportFixture.secretValue))"
        for location in [leak, "//evil.example.net/x", "https://api.example.com:8443/v2/a", "ftp://api.example.com/x"] {
            guard case .failure(let e) = target("https://api.example.com/v2/a", location) else {
                Issue.record("\(location) was followed")
                continue
            }
            #expect(e.kind == .redirectRefused)
            #expect(!e.description.contains(TransportFixture.secretValue))
            #expect(!e.description.contains("collect"))
        }
        if case .failure(let e) = target("https://api.example.com/v2/a", leak) {
            #expect(e.description.contains("api.example.com"))
            #expect(e.description.contains("evil.example.net"))
        }
    }
}
