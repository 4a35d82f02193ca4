import ChronicleFuzzSupport
@_spi(RedactionReference) import ChronicleRedact

private let token = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)
private let alphanumerics = Array(token.prefix(62))
private let upperDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
private let awsSecret = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+".utf8)
private let bearer = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/".utf8)
private let lower = Array("abcdefghijklmnopqrstuvwxyz".utf8)

/// `count` characters of `alphabet` chosen by the input.
private func draw(_ alphabet: [UInt8], _ count: Int, _ input: inout FuzzInput) -> String {
    String(decoding: (0..<count).map { _ in alphabet[Int(input.byte()) % alphabet.count] }, as: UTF8.self)
}

/// A secret of the built-in rule `kind` picks: the text planted and the part that must not
/// survive (for rules that keep a label, like `Bearer`, only the credential itself).
private func secret(_ kind: Int, _ input: inout FuzzInput) -> (planted: String, sensitive: String) {
    let extra = Int(input.byte() % 16)
    switch kind {
    case 0:
        let body = draw(alphanumerics, 40 + extra, &input)
        return ("-----BEGIN RSA PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----", body)
    case 1: let s = "sk-ant-api03-" + draw(token, 20 + extra, &input); return (s, s)
    case 2: let s = "sk-proj-" + draw(token, 20 + extra, &input); return (s, s)
    case 3: let s = "ghp_" + draw(alphanumerics, 36 + extra, &input); return (s, s)
    case 4: let s = "github_pat_" + draw(alphanumerics, 22 + extra, &input); return (s, s)
    case 5: let s = "xoxb-" + draw(alphanumerics, 10 + extra, &input); return (s, s)
    case 6: let s = "AIza" + draw(token, 35, &input); return (s, s)
    case 7: let s = "sk_live_" + draw(alphanumerics, 16 + extra, &input); return (s, s)
    case 8: let s = "AKIA" + draw(upperDigits, 16, &input); return (s, s)
    case 9:
        let value = draw(awsSecret, 40, &input)
        return ("aws_secret_access_key = \"\(value)\"", value)
    case 10:
        let s = "eyJ" + draw(token, 5 + extra, &input) + ".eyJ" + draw(token, 5 + extra, &input) + "." + draw(token, 5 + extra, &input)
        return (s, s)
    case 11:
        let value = draw(bearer, 8 + extra, &input)
        return ("Authorization: Bearer \(value)", value)
    default:
        let s = draw(alphanumerics, 1 + extra, &input) + "@" + draw(lower, 3, &input) + "." + draw(lower, 2 + extra % 3, &input)
        return (s, s)
    }
}

/// Input: a mode byte, then text. Even modes plant a secret of every kind in turn between two
/// pieces of the text (separated by a space, so that the rules' word boundaries hold) and require
/// that the secret is gone from the output; odd modes compare the byte scanners with the rules'
/// regular expressions on the text (short texts only: the expressions are not linear).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    if mode & 1 == 1 {
        let text = String(decoding: input.rest(), as: UTF8.self)
        var counts = RedactionCounts()
        let out = Redactor.builtin.redact(text, counts: &counts)
        guard text.utf8.count <= 1024 else { return 0 }
        var expected = RedactionCounts()
        let reference = Redactor.builtin.redactWithExpressions(text, counts: &expected)
        if out != reference || counts != expected {
            fuzzFailure("scanner \(out.debugDescription) \(counts.byRule) but expressions \(reference.debugDescription) \(expected.byRule) for \(text.debugDescription)")
        }
        return 0
    }
    let kind = Int(mode >> 1) % 13
    let (planted, sensitive) = secret(kind, &input)
    let rest = input.rest()
    let cut = rest.isEmpty ? 0 : Int(mode) % (rest.count + 1)
    let before = String(decoding: rest[..<cut], as: UTF8.self)
    let after = String(decoding: rest[cut...], as: UTF8.self)
    // Text that holds the credential already is no test of the planted one.
    if containsBytes(before + "\u{0}" + after, sensitive) { return 0 }
    let separators = ["\n", " ", "\t", "\"", "(", ", "]
    let left = separators[Int(mode >> 4) % separators.count], right = separators[Int(mode >> 5) % separators.count]
    let text = before + left + planted + right + after
    let out = Redactor.builtin.redact(text)
    if containsBytes(out, sensitive) {
        fuzzFailure("secret \(sensitive.debugDescription) survives in \(out.debugDescription) from \(text.debugDescription)")
    }
    return 0
}
