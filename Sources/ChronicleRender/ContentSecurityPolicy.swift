import Crypto
import Foundation

/// The Content-Security-Policy of every page: nothing may load or run except inline styles,
/// images from the bag (or only `data:` images in a shared file) and, when the page has one,
/// its own inline script, allowed by the SHA-256 of its exact text.
enum ContentSecurityPolicy {
    static func policy(script: String?, bagImages: Bool) -> String {
        var parts = ["default-src 'none'", bagImages ? "img-src 'self' data:" : "img-src data:", "style-src 'unsafe-inline'"]
        if let script { parts.append("script-src '\(hashSource(script))'") }
        parts += ["base-uri 'none'", "form-action 'none'", "frame-src 'none'", "object-src 'none'"]
        return parts.joined(separator: "; ")
    }

    /// `sha256-<base64>` of the script's UTF-8 bytes, as CSP wants it.
    static func hashSource(_ script: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
    }
}
