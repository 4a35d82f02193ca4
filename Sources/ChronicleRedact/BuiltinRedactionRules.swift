/// The rules `Redactor.builtin` applies: API keys of the common providers, bearer tokens, JWTs,
/// AWS keys, PEM private keys and email addresses.
///
/// Each rule is applied by a byte scanner (``BuiltinRuleScanner``) that finds exactly what its
/// regular expression finds, in time linear in the text. The expressions stay the definition:
/// the tests compare the scanners with them (``RegexReferenceRedaction``).
enum BuiltinRedactionRules {
    /// Each rule with the literals one of which any match must contain (see ``RedactionHint``).
    static let definitions: [(name: String, pattern: String, caseInsensitive: Bool, literals: [String])] = [
        ("private-key", #"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----"#, false, ["-----BEGIN "]),
        ("anthropic-key", #"\bsk-ant-[A-Za-z0-9_\-]{20,}"#, false, ["sk-ant-"]),
        ("openai-key", #"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"#, false, ["sk-"]),
        ("github-token", #"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"#, false, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        ("slack-token", #"\bxox[abposr]-[A-Za-z0-9\-]{10,}"#, false, ["xox"]),
        ("google-api-key", #"\bAIza[0-9A-Za-z_\-]{35}"#, false, ["AIza"]),
        ("stripe-key", #"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}"#, false, ["_live_", "_test_"]),
        ("aws-access-key", #"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"#, false, ["AKIA", "ASIA"]),
        (
            "aws-secret-key",
            #"(?:aws_?secret_?access_?key|aws_?secret|secret_?access_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"#,
            true,
            ["secret"]
        ),
        ("jwt", #"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}"#, false, ["eyJ"]),
        ("bearer-token", #"\bbearer\s+([A-Za-z0-9\-._~+/]{8,}=*)"#, true, ["bearer"]),
        ("email", #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#, false, ["@"]),
    ]

    /// The scanner of each rule, by name.
    static let scanners: [String: any BuiltinRuleScanner] = {
        let token = ASCIIByteClass("_-", ranges: ["AZ", "az", "09"])
        let alphanumerics = ASCIIByteClass.alphanumerics
        typealias Form = PrefixedTokenScanner.Form
        return [
            "private-key": PrivateKeyScanner(),
            "anthropic-key": PrefixedTokenScanner([Form(["sk-ant-"], token, minimum: 20)]),
            "openai-key": PrefixedTokenScanner([Form(["sk-"], token, minimum: 20)]),
            "github-token": PrefixedTokenScanner([
                Form(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], alphanumerics, minimum: 36),
                Form(["github_pat_"], ASCIIByteClass("_", ranges: ["AZ", "az", "09"]), minimum: 22),
            ]),
            "slack-token": PrefixedTokenScanner([
                Form(["xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-"], ASCIIByteClass("-", ranges: ["AZ", "az", "09"]), minimum: 10),
            ]),
            "google-api-key": PrefixedTokenScanner([Form(["AIza"], token, minimum: 35, exact: true)]),
            "stripe-key": PrefixedTokenScanner([
                Form(["sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_"], alphanumerics, minimum: 16),
            ]),
            "aws-access-key": PrefixedTokenScanner(
                [Form(["AKIA", "ASIA"], ASCIIByteClass(ranges: ["AZ", "09"]), minimum: 16, exact: true)], boundaryAfter: true),
            "aws-secret-key": AWSSecretKeyScanner(),
            "jwt": JWTScanner(),
            "bearer-token": BearerTokenScanner(),
            "email": EmailScanner(),
        ]
    }()

    static let all: [RedactionRule] = definitions.compactMap {
        try? RedactionRule(
            name: $0.name, pattern: $0.pattern, caseInsensitive: $0.caseInsensitive,
            hint: RedactionHint($0.literals, caseInsensitive: $0.caseInsensitive), scanner: scanners[$0.name]
        )
    }
}
