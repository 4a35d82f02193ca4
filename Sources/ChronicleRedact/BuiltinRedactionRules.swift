/// The rules `Redactor.builtin` applies: API keys of the common providers, bearer tokens, JWTs,
/// AWS keys, PEM private keys and email addresses.
enum BuiltinRedactionRules {
    static let definitions: [(name: String, pattern: String, caseInsensitive: Bool)] = [
        ("private-key", #"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----"#, false),
        ("anthropic-key", #"\bsk-ant-[A-Za-z0-9_\-]{20,}"#, false),
        ("openai-key", #"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"#, false),
        ("github-token", #"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"#, false),
        ("slack-token", #"\bxox[abposr]-[A-Za-z0-9\-]{10,}"#, false),
        ("google-api-key", #"\bAIza[0-9A-Za-z_\-]{35}"#, false),
        ("stripe-key", #"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}"#, false),
        ("aws-access-key", #"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"#, false),
        (
            "aws-secret-key",
            #"(?:aws_?secret_?access_?key|aws_?secret|secret_?access_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"#,
            true
        ),
        ("jwt", #"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}"#, false),
        ("bearer-token", #"\bbearer\s+([A-Za-z0-9\-._~+/]{8,}=*)"#, true),
        ("email", #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#, false),
    ]

    static let all: [RedactionRule] = definitions.compactMap { try? RedactionRule(name: $0.name, pattern: $0.pattern, caseInsensitive: $0.caseInsensitive) }
}
