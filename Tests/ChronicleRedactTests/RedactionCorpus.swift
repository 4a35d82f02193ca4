/// Texts built to sit on the edges of every built-in rule: secrets of each kind and near misses
/// at each length boundary, e-mail addresses and what only looks like one (`@@` hunks,
/// decorators, handles), PEM blocks whole, unterminated and nested, bearer tokens after every
/// kind of whitespace and with letters that fold to ASCII, characters that are word characters
/// only to Unicode next to every `\b`, CJK, right-to-left text, emoji and long runs.
struct RedactionCorpus {
    private var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let lower = (0x61...0x7A).map { String(UnicodeScalar(UInt8($0))) }
    static let upper = (0x41...0x5A).map { String(UnicodeScalar(UInt8($0))) }
    static let digits = (0x30...0x39).map { String(UnicodeScalar(UInt8($0))) }
    static let alphanumerics = lower + upper + digits
    static let token = alphanumerics + ["_", "-"]
    /// Characters ICU treats specially next to a boundary or inside a class ignoring case.
    static let tricky = [
        "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{200C}", "\u{AD}", "\u{FE0F}", "٣", "߀", "‿", "_", "中", "ß", "ẞ", "ſ", "\u{212A}", "İ", "ı",
        "ﬆ", "ﬅ", "ﬁ", "א", "ب", "\u{200F}", "👩‍👩‍👧", "😀", "🏻", "\u{A0}", "\u{2003}", "\u{3000}", "\u{2028}", "\u{85}", "\u{1680}", "\u{202F}",
        "\u{0}", "\t", "\n", "\r\n", " ", "-", ".", "/", "+", "=", "~", "@", ":", "\"", "'", "[", "]", "Ⅻ", "²", "Å", "ǅ",
    ]
    static let spaces = [" ", "  ", "\t", "\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{2028}", "\u{202F}", "\u{1680}", "\u{B}", "\u{C}", "\r", "\u{200B}", ""]
    static let prose = [
        "The quick brown fox ", "中文文本，", "日本語のテキスト。", "مرحبا بالعالم ", "שלום עולם ", "Ünïcödé wörds ", "emoji 🎉🚀 ", "x", " ", "\n",
        "@@ -12,7 +12,9 @@ ", "@Test func x() ", "@MainActor ", "@alice and @bob ", "cc: @team-leads ", "diff --git a/x b/x\n", "ssh-rsa AAAA ",
    ]

    mutating func text() -> String {
        var s = ""
        for _ in 0..<(1 + rng.below(8)) { s += piece() }
        return s
    }

    private mutating func around(_ core: String) -> String {
        let before = rng.chance(50) ? rng.pick(Self.tricky) : (rng.chance(50) ? " " : "")
        let after = rng.chance(50) ? rng.pick(Self.tricky) : (rng.chance(50) ? " " : "")
        return before + core + after
    }

    private mutating func run(_ alphabet: [String], near boundary: Int) -> String {
        rng.string(of: alphabet, count: max(0, boundary - 2 + rng.below(5)))
    }

    mutating func piece() -> String {
        switch rng.below(22) {
        case 0, 1: return rng.pick(Self.prose)
        case 2: return rng.pick(Self.tricky)
        case 3: return around(email())
        case 4: return around(email())
        case 5: return around(rng.pick(["sk-ant-", "sk-ant-api03-", "sk-", "sk-proj-", "sk-svcacct-", "sk-admin-", "SK-"]) + run(Self.token, near: 20))
        case 6: return around(rng.pick(["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "ghx_", "GHP_"]) + run(Self.alphanumerics + (rng.chance(20) ? ["_"] : []), near: 36))
        case 7: return around("github_pat_" + run(Self.alphanumerics + ["_"], near: 22))
        case 8: return around(rng.pick(["xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxz-", "xox-"]) + run(Self.alphanumerics + ["-"], near: 10))
        case 9: return around("AIza" + run(Self.token, near: 35))
        case 10: return around(rng.pick(["sk", "rk", "pk", "xk"]) + rng.pick(["_live_", "_test_", "_prod_"]) + run(Self.alphanumerics, near: 16))
        case 11: return around(rng.pick(["AKIA", "ASIA", "AKIB"]) + run(Self.upper + Self.digits, near: 16))
        case 12: return around(awsSecret())
        case 13: return around(jwt())
        case 14: return around(bearer())
        case 15: return pem()
        case 16: return longRun()
        case 17: return rng.string(of: Self.tricky + Self.token + ["@", ".", " "], count: rng.below(30))
        case 18: return around(rng.pick(["-----BEGIN ", "-----END ", "PRIVATE KEY-----", "eyJ", "bearer", "secret", "@", "sk-", "AKIA"]))
        case 19: return "[REDACTED:" + rng.pick(["email", "jwt", "x"]) + "]"
        case 20: return around(email()) + rng.pick(["@", ".", "", "@x.io"]) + around(email())
        default: return rng.pick(Self.prose) + rng.pick(Self.tricky)
        }
    }

    private mutating func email() -> String {
        let localAlphabet = Self.alphanumerics + [".", "_", "%", "+", "-"]
        let local = rng.chance(10) ? "" : rng.string(of: localAlphabet, count: 1 + rng.below(12))
        var domain = rng.chance(10) ? "" : rng.string(of: Self.alphanumerics + ["-"], count: 1 + rng.below(8))
        for _ in 0..<rng.below(4) {
            domain += rng.pick([".", ".", ".", "..", "-."])
            let label = rng.pick([
                rng.string(of: Self.lower, count: rng.below(4)), rng.string(of: Self.alphanumerics, count: 1 + rng.below(5)),
                "co" + rng.string(of: Self.digits, count: 1), "c", "com", "io", "Co-1",
            ])
            domain += label
        }
        return local + rng.pick(["@", "@", "@", "@@", "＠"]) + domain
    }

    private mutating func awsSecret() -> String {
        let names = [
            "aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "awssecretaccesskey", "aws_secret", "AwsSecret", "secret_access_key", "secretaccesskey",
            "ſecret_access_key", "aws_ſecret", "secret_acceß_key", "secret_acceẞkey", "secret_access_\u{212A}ey", "aws_secret_access", "secret",
            "aws_secret__access_key", "aws-secret", "ﬆsecret",
        ]
        let quote = { (rng: inout SplitMix64) in rng.pick(["", "", "\"", "'"]) }
        let valueAlphabet = Self.alphanumerics + ["/", "+", "="] + (rng.chance(20) ? ["ſ", "\u{212A}", "é"] : [])
        return rng.pick(names) + quote(&rng) + rng.pick(Self.spaces) + rng.pick([":", "=", ":=", "-", ""]) + rng.pick(Self.spaces) + quote(&rng)
            + run(valueAlphabet, near: 40) + quote(&rng)
    }

    private mutating func jwt() -> String {
        let part = { (rng: inout SplitMix64) -> String in rng.string(of: RedactionCorpus.token, count: 3 + rng.below(6)) }
        var s = rng.pick(["eyJ", "eyJ", "eyj", "xeyJ"]) + part(&rng) + rng.pick([".", ".", "-", ".."]) + rng.pick(["eyJ", "eyJ", "eyX"]) + part(&rng)
        if rng.chance(80) { s += "." + part(&rng) }
        return s
    }

    private mutating func bearer() -> String {
        let word = rng.pick(["bearer", "Bearer", "BEARER", "bEaReR", "ßearer", "bearers", "xbearer", "bearer:"])
        let tokenAlphabet = Self.alphanumerics + ["-", ".", "_", "~", "+", "/"] + (rng.chance(30) ? ["ſ", "\u{212A}", "é", "="] : [])
        return word + rng.pick(Self.spaces) + (rng.chance(30) ? rng.pick(Self.spaces) : "") + run(tokenAlphabet, near: 8) + rng.string(of: ["="], count: rng.below(3))
    }

    private mutating func pem() -> String {
        let kinds = ["", "RSA ", "EC ", "OPENSSH ", "ENCRYPTED ", "A B ", "rsa ", "RSA  ", "PRIVATE "]
        let header = "-----BEGIN " + rng.pick(kinds) + rng.pick(["PRIVATE KEY-----", "PRIVATE KEY----", "PUBLIC KEY-----", "CERTIFICATE-----"])
        let footer = "-----END " + rng.pick(kinds) + rng.pick(["PRIVATE KEY-----", "PRIVATE KEY----", "PUBLIC KEY-----"])
        let body = "\n" + rng.string(of: Self.alphanumerics + ["+", "/", "\n"], count: rng.below(40)) + "\n"
        switch rng.below(5) {
        case 0: return header + body
        case 1: return header + body + header + body + footer
        case 2: return header + body + footer + body + footer
        default: return header + body + footer
        }
    }

    private mutating func longRun() -> String {
        let n = 200 + rng.below(1800)
        switch rng.below(6) {
        case 0: return String(repeating: "a", count: n) + rng.pick(["@", "@b", "@b.c", "@b.co"])
        case 1: return String(repeating: "-----BEGIN ", count: n / 50) + rng.pick(["", "RSA PRIVATE KEY-----", "PRIVATE KEY-----\n-----END PRIVATE KEY-----"])
        case 2: return rng.pick(["sk-", "ghp_", "xoxb-", "eyJ", "bearer "]) + rng.string(of: Self.token, count: n)
        case 3: return String(repeating: "sk-ant-", count: n / 7)
        case 4: return rng.string(of: Self.spaces.filter { !$0.isEmpty }, count: n / 4) + rng.pick(["", "x", "bearer", "="])
        default: return String(repeating: "eyJ-", count: n / 4) + ".eyJabcdef.abcdef"
        }
    }
}
