import ChronicleCore
import Testing

@Suite("Secrets never print themselves")
struct SecretTests {
    let value = "sk-live-5b0c7a0e3f5e4a559f7e"

    @Test func everyWayOfPrintingShowsRedacted() {
        let secret = Secret(value)
        let credential = Credential(style: .bearer, secret: secret)
        var dumped = ""
        dump(secret, to: &dumped)
        var dumpedCredential = ""
        dump(credential, to: &dumpedCredential)
        let texts = [
            "\(secret)", String(describing: secret), String(reflecting: secret), secret.description, secret.debugDescription,
            "\(credential)", String(reflecting: credential), dumped, dumpedCredential, "\([secret])", "\(Optional(secret) as Any)",
        ]
        for text in texts {
            #expect(!text.contains(value), "leaked in: \(text)")
        }
        #expect(Mirror(reflecting: secret).children.isEmpty)
    }

    @Test func headerValueIsTheOnlyWayOut() {
        #expect(Credential(style: .bearer, secret: Secret(value)).headerValue() == "Bearer \(value)")
        #expect(Credential(style: .apiKey, secret: Secret(value)).headerValue() == value)
        #expect(Credential(style: .userID, secret: Secret(value)).headerName == "x-user-id")
    }

    @Test func scrubRemovesPlainAndPercentEncodedForms() {
        let secret = Secret("tok/en+with=chars")
        let text = "bad key tok/en+with=chars; retry at https://x/?t=tok%2Fen%2Bwith%3Dchars"
        let scrubbed = secret.scrub(text)
        #expect(!scrubbed.contains("tok/en+with=chars"))
        #expect(!scrubbed.contains("tok%2Fen%2Bwith%3Dchars"))
        #expect(scrubbed.contains("<redacted>"))
        #expect(secret.occurs(in: text))
        #expect(!secret.occurs(in: scrubbed))
    }

    @Test func environmentSecretsAreTrimmedAndEmptyIsAbsent() {
        #expect(Secret.fromEnvironment("K", environment: ["K": "abc\n"])?.withValue { $0 } == "abc")
        #expect(Secret.fromEnvironment("K", environment: ["K": ""]) == nil)
        #expect(Secret.fromEnvironment("K", environment: [:]) == nil)
    }
}
