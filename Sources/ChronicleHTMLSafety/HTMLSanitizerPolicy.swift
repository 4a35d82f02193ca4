/// Configuration for ``HTMLSanitizer/sanitize(_:policy:)``.
///
/// The policy only *narrows or widens* what is accepted inside the fixed allowlist;
/// it can never re-enable scripts, event handlers, styles or dangerous URL schemes.
public struct HTMLSanitizerPolicy: Sendable {
    /// Decides whether a relative URL (one without a scheme, e.g. `"../../artifacts/<sha>.png"`)
    /// may be kept in `a[href]` / `img[src]`.
    ///
    /// The sanitizer calls this only after its own hard checks have passed: the value has been
    /// cleaned of control characters, trimmed, contains no tab/newline, does not start with
    /// `"//"` (protocol-relative URLs are always rejected) and contains no `"\\"`.
    public var allowsRelativeURL: @Sendable (String) -> Bool

    /// Whether `<img src>` may carry an inline `data:image/(png|jpeg|gif|webp);base64,…` URL.
    ///
    /// `false` by default: Chronicle adds its own inline images elsewhere. SVG data URLs and
    /// data URLs in links are never accepted, whatever this flag says.
    public var allowDataImages: Bool

    /// Decides whether an `<img src>` that passed the URL checks is loaded as an image. Anything
    /// else is written as a link to the same URL (when links may carry it) with the image's alt
    /// text: a page must never load what is not the bag's own (a remote image is a tracking
    /// request in a mail client or PDF converter; `/etc/hostname` or `../../…` loads a local file
    /// on a `file://` page, which CSP's `'self'` allows).
    public var allowsImageSource: @Sendable (String) -> Bool

    /// Creates a policy.
    /// - Parameters:
    ///   - allowDataImages: Accept base64 PNG/JPEG/GIF/WebP `data:` URLs in `<img src>`.
    ///   - allowsRelativeURL: Decides whether a scheme-less URL is kept; see ``allowsRelativeURL``.
    ///   - allowsImageSource: Decides whether an image is loaded; see ``allowsImageSource``.
    public init(
        allowDataImages: Bool = false,
        allowsRelativeURL: @escaping @Sendable (String) -> Bool = HTMLSanitizerPolicy.isPlainRelativeURL,
        allowsImageSource: @escaping @Sendable (String) -> Bool = HTMLSanitizerPolicy.isBagArtifactPath
    ) {
        self.allowDataImages = allowDataImages
        self.allowsRelativeURL = allowsRelativeURL
        self.allowsImageSource = allowsImageSource
    }

    /// The policy for Chronicle transcripts: relative paths such as `"../../artifacts/<sha>.png"`
    /// are allowed when they contain no `"\\"`, no control characters and don't start with `"//"`;
    /// `data:` images are not allowed.
    public static let transcript = HTMLSanitizerPolicy()

    /// The default image check: a path into the bag's content-addressed artifacts,
    /// `(../)*artifacts/<64 lowercase hex>` with an optional extension of 1–10 letters or digits
    /// (how Chronicle stores and links artifacts), or an allowed inline `data:image/…` URL.
    public static func isBagArtifactPath(_ url: String) -> Bool {
        var rest = Substring(url)
        if rest.hasPrefix("data:") { return true }  // only reaches here when the policy allows data images
        while rest.hasPrefix("../") { rest = rest.dropFirst(3) }
        guard rest.hasPrefix("artifacts/") else { return false }
        let name = Array(rest.dropFirst("artifacts/".count).utf8)
        guard name.count >= 64 else { return false }
        for b in name[0..<64] where !((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66)) { return false }
        let ext = name[64...]
        if ext.isEmpty { return true }
        guard ext.first == UInt8(ascii: "."), (2...11).contains(ext.count) else { return false }
        return ext.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    /// The default relative-URL check: `true` when `url` contains no `"\\"`, no control
    /// characters (C0, DEL, C1) and does not start with `"//"`.
    public static func isPlainRelativeURL(_ url: String) -> Bool {
        if url.hasPrefix("//") { return false }
        for scalar in url.unicodeScalars {
            let v = scalar.value
            if scalar == "\\" || v < 0x20 || (v >= 0x7F && v <= 0x9F) { return false }
        }
        return true
    }
}
