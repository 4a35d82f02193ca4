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

    /// Creates a policy.
    /// - Parameters:
    ///   - allowDataImages: Accept base64 PNG/JPEG/GIF/WebP `data:` URLs in `<img src>`.
    ///   - allowsRelativeURL: Decides whether a scheme-less URL is kept; see ``allowsRelativeURL``.
    public init(
        allowDataImages: Bool = false,
        allowsRelativeURL: @escaping @Sendable (String) -> Bool = HTMLSanitizerPolicy.isPlainRelativeURL
    ) {
        self.allowDataImages = allowDataImages
        self.allowsRelativeURL = allowsRelativeURL
    }

    /// The policy for Chronicle transcripts: relative paths such as `"../../artifacts/<sha>.png"`
    /// are allowed when they contain no `"\\"`, no control characters and don't start with `"//"`;
    /// `data:` images are not allowed.
    public static let transcript = HTMLSanitizerPolicy()

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
