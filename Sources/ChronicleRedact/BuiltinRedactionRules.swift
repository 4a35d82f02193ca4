/// The rules `Redactor.builtin` applies: API keys of the common providers, bearer tokens, JWTs,
/// AWS keys, PEM private keys and email addresses.
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

    static let all: [RedactionRule] = definitions.compactMap {
        try? RedactionRule(
            name: $0.name, pattern: $0.pattern, caseInsensitive: $0.caseInsensitive,
            hint: RedactionHint($0.literals, caseInsensitive: $0.caseInsensitive)
        )
    }
}
