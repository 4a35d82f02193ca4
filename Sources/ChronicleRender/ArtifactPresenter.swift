import ChronicleCore
import Foundation

/// Builds the template view of an artifact: a link and inline image into the bag, or (for a
/// shared file) the artifact itself while the size budget lasts: images as `data:` images,
/// other files as `data:` links, text files also as a readable block.
final class ArtifactPresenter {
    /// Media types shown as images; only ever through `<img>` (SVG too: no script runs there).
    static let imageTypes: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp", "image/svg+xml"]

    let mode: ArtifactMode
    private var remaining: Int
    private var embedded: [String: String] = [:]
    private var embeddedText: [String: String] = [:]

    init(mode: ArtifactMode) {
        self.mode = mode
        if case .embedded(_, let budget) = mode { remaining = max(0, budget) } else { remaining = 0 }
    }

    /// A stored path Chronicle wrote: `artifacts/<64 hex>.<ext>`; anything else (a damaged or
    /// edited archive) is never used as a link.
    static func isStoredPath(_ path: String) -> Bool {
        // Bytes, not Characters: a combining mark must not join a letter it follows.
        let bytes = Array(path.utf8)
        let prefix = Array("artifacts/".utf8)
        guard bytes.count >= prefix.count + 64 + 2, bytes.starts(with: prefix) else { return false }
        let hash = bytes[prefix.count..<(prefix.count + 64)]
        guard hash.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return false }
        let rest = bytes[(prefix.count + 64)...]
        guard rest.first == UInt8(ascii: "."), (2...11).contains(rest.count) else { return false }
        return rest.dropFirst().allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }

    static func anchor(_ ref: ArtifactReference) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in (ref.artifactID ?? ref.sha256 ?? ref.name ?? "").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return "artifact-" + String(h, radix: 16)
    }

    /// - Parameter inSection: the artifacts section (carries the anchor and, when sharing, the
    ///   embedded image) rather than an event's inline mention.
    func view(_ ref: ArtifactReference, inSection: Bool) -> [String: Any] {
        let mediaType = (ref.mediaType ?? "").lowercased()
        let isImage = Self.imageTypes.contains(mediaType)
        let label = ref.name ?? ref.artifactID ?? "unnamed artifact"
        // An event that mentions an artifact fetched later: a link to its entry under Artifacts.
        if !inSection, ref.state == .notFetched {
            return ["label": label, "href": "#" + Self.anchor(ref), "hint": "(under Artifacts)"]
        }
        var view: [String: Any] = [
            "label": label,
            "mediaType": ref.mediaType ?? "unknown type",
            "sizeText": ref.size.map(DisplayFormat.bytes) ?? "size unknown",
        ]
        if let sha = ref.sha256 { view["sha256"] = sha }
        if inSection { view["anchor"] = Self.anchor(ref) }
        if ref.state != .stored { view["problem"] = ref.problem ?? ref.state.rawValue.replacingOccurrences(of: "_", with: " ") }
        let stored = ref.state == .stored ? ref.storedPath.flatMap { Self.isStoredPath($0) ? $0 : nil } : nil
        switch mode {
        case .linked(let prefix):
            if let stored {
                view["href"] = prefix + stored
                // Everything but a raster image is downloaded rather than opened (SVG and HTML
                // opened from the bag would be documents of their own).
                view["download"] = !isImage || mediaType == "image/svg+xml"
                if isImage { view["src"] = prefix + stored }
            } else if !inSection {
                view["href"] = "#" + Self.anchor(ref)
            }
        case .embedded(let dataDirectory, _):
            if !inSection {
                view["href"] = "#" + Self.anchor(ref)
                // An image the section embeds is shown where the event mentions it too.
                if let stored, isImage, let uri = embedded[dataDirectory + "/" + stored] { view["src"] = uri }
            } else if let stored {
                if let uri = dataURI(dataDirectory: dataDirectory, stored: stored, mediaType: Self.plainMediaType(mediaType)) {
                    if isImage {
                        view["src"] = uri
                    } else if Self.isText(mediaType), let text = embeddedText[dataDirectory + "/" + stored] {
                        // Shown as text, redacted like every text of the page (a data: link
                        // would carry the bytes unredacted).
                        view["textContent"] = text
                    } else {
                        view["href"] = uri
                        view["download"] = true
                    }
                } else {
                    view["note"] = "not embedded: over the size budget of this file"
                }
            }
        }
        return view
    }

    /// `type/subtype` of letters, digits and `.+-` as a `data:` URI may carry it, else
    /// `application/octet-stream` (a platform's media type is data: no parameters, no commas).
    static func plainMediaType(_ mediaType: String) -> String {
        let parts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        let ok = parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D }
        }
        return ok ? mediaType : "application/octet-stream"
    }

    /// Media types shown as a readable block when embedded (UTF-8 text).
    static func isText(_ mediaType: String) -> Bool {
        mediaType.hasPrefix("text/") || mediaType.hasSuffix("+json") || mediaType.hasSuffix("+xml")
            || ["application/json", "application/xml", "application/x-yaml", "application/yaml", "application/x-ndjson", "application/javascript", "application/toml", "application/sql"].contains(mediaType)
    }

    /// The artifact as a `data:` URI while the budget lasts; nil when over budget or when the
    /// file is not the sound, regular file its name promises (see ``BagArtifactFile``).
    private func dataURI(dataDirectory: String, stored: String, mediaType: String) -> String? {
        let key = dataDirectory + "/" + stored
        if let cached = embedded[key] { return cached }
        guard let bytes = BagArtifactFile.read(dataDirectory: dataDirectory, storedPath: stored, limit: remaining) else { return nil }
        remaining -= bytes.count
        if Self.isText(mediaType), let text = String(bytes: bytes, encoding: .utf8) { embeddedText[key] = text }
        let uri = "data:\(mediaType);base64," + Data(bytes).base64EncodedString()
        embedded[key] = uri
        return uri
    }
}
