import ChronicleCore
import Testing

@Suite("URL encoding")
struct URLEncodingTests {
    @Test func encodesEverythingButUnreserved() {
        #expect(URLEncoding.encode("agent:main/telegram 4411") == "agent%3Amain%2Ftelegram%204411")
        #expect(URLEncoding.encode("é") == "%C3%A9")
        #expect(URLEncoding.encode("a-b.c_d~e") == "a-b.c_d~e")
    }

    @Test func decodeInvertsEncode() {
        for s in ["pk_YXJ0cy8z/Mw==", "a b+c%d", "ü/..", "%zz"] {
            #expect(URLEncoding.decode(URLEncoding.encode(s)) == s)
        }
        #expect(URLEncoding.decode("%zz") == "%zz")
    }

    @Test func requestDescriptionCarriesNoCredential() {
        let r = TransportRequest(path: ["agents", "a b"], query: [.init("limit", "3")], credential: Credential(style: .apiKey, secret: Secret("zzsecretzz")))
        #expect(r.description == "GET /agents/a%20b?limit=3")
        #expect(!"\(r)".contains("zzsecretzz"))
    }
}
