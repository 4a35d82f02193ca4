/// Chooses a safe file extension for an artifact's content-addressed file name.
public enum ArtifactFileExtension {
    /// The extension used when neither the media type nor the file name gives a safe one.
    public static let fallback = "bin"

    /// Known media types (lowercased, without parameters) and their extensions.
    static let byMediaType: [String: String] = [
        "image/png": "png", "image/jpeg": "jpg", "image/jpg": "jpg", "image/pjpeg": "jpg",
        "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg", "image/bmp": "bmp",
        "image/tiff": "tiff", "image/x-icon": "ico", "image/vnd.microsoft.icon": "ico",
        "image/heic": "heic", "image/heif": "heif", "image/avif": "avif",
        "application/pdf": "pdf", "application/json": "json", "application/zip": "zip",
        "application/gzip": "gz", "application/x-gzip": "gz", "application/x-tar": "tar",
        "application/xml": "xml", "text/xml": "xml", "application/yaml": "yaml",
        "application/x-yaml": "yaml", "text/yaml": "yaml", "application/x-ndjson": "ndjson",
        "application/javascript": "js", "text/javascript": "js", "application/wasm": "wasm",
        "application/msword": "doc", "application/vnd.ms-excel": "xls", "application/vnd.ms-powerpoint": "ppt",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
        "text/plain": "txt", "text/markdown": "md", "text/x-markdown": "md", "text/csv": "csv",
        "text/tab-separated-values": "tsv", "text/html": "html", "text/css": "css",
        "audio/mpeg": "mp3", "audio/wav": "wav", "audio/x-wav": "wav", "audio/ogg": "ogg",
        "audio/flac": "flac", "audio/webm": "weba", "audio/mp4": "m4a",
        "video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov", "video/ogg": "ogv",
    ]

    /// Safe extension: from the media type (image/png→png, image/jpeg→jpg, application/pdf→pdf,
    /// text/plain→txt, …), else from the file name's last extension if it matches
    /// `^[a-z0-9]{1,10}$` after ASCII lowercasing, else `"bin"`.
    ///
    /// The result never contains `/`, `.`, `%`, whitespace or control characters. Only the
    /// last path component of `fileName` is considered, and a leading dot (`.bashrc`) marks a
    /// hidden file, not an extension.
    public static func choose(mediaType: String?, fileName: String?) -> String {
        if let mediaType, let ext = byMediaType[normalize(mediaType: mediaType)] {
            return ext
        }
        if let fileName, let ext = extensionOf(fileName: fileName) {
            return ext
        }
        return fallback
    }

    /// True when `ext` is 1–10 characters of `a-z0-9`.
    public static func isSafe(_ ext: String) -> Bool {
        let bytes = ext.utf8
        return (1...10).contains(bytes.count) && bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// `"Image/PNG; charset=x"` → `"image/png"`.
    static func normalize(mediaType: String) -> String {
        let essence = mediaType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let bytes = asciiLowercased(Array(essence.utf8))
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    static func extensionOf(fileName: String) -> String? {
        let bytes = Array(fileName.utf8)
        let slash = bytes.lastIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
        let component = bytes[(slash.map { $0 + 1 } ?? 0)...]
        guard let dot = component.lastIndex(of: UInt8(ascii: ".")), dot != component.startIndex else {
            return nil
        }
        let ext = String(decoding: asciiLowercased(Array(component[(dot + 1)...])), as: UTF8.self)
        return isSafe(ext) ? ext : nil
    }

    private static func asciiLowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
    }
}
