/// An error from writing or committing an artifact with ``ArtifactFileWriter``.
///
/// When the writer was created with an artifact name (or the caller attached one with
/// ``withArtifact(_:)``), the description names it, so a user can tell which artifact of
/// which session failed.
public struct ArtifactError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The number of bytes written differs from the size the source declared.
        case sizeMismatch(expected: Int64, actual: Int64)
        /// The SHA-256 of the bytes written differs from the declared checksum, or the
        /// declared checksum is not 64 hex digits.
        case checksumMismatch(expected: String, actual: String)
        /// A file-system call failed; `message` names the operation and the errno text.
        case io(path: String, message: String)
        /// The artifact's base64 payload was rejected.
        case invalidBase64(Base64DecodingError)
        /// The file extension passed to ``ArtifactFileWriter/commit(expectedSize:expectedSHA256:fileExtension:)``
        /// is not 1–10 characters of `a-z0-9` (use ``ArtifactFileExtension/choose(mediaType:fileName:)``).
        case unsafeFileExtension(String)
    }

    /// What went wrong.
    public let kind: Kind
    /// The artifact's name or id as given by the caller, if known.
    public let artifact: String?

    /// Creates an error of the given kind for an optional artifact name or id.
    public init(_ kind: Kind, artifact: String? = nil) {
        self.kind = kind
        self.artifact = artifact
    }

    /// Returns this error naming `artifact` (the caller's name or id for the artifact).
    public func withArtifact(_ artifact: String) -> ArtifactError {
        ArtifactError(kind, artifact: artifact)
    }

    /// What failed, for which artifact, and what to do about it.
    public var description: String {
        let subject = artifact.map { "artifact '\($0)': " } ?? ""
        switch kind {
        case let .sizeMismatch(expected, actual):
            return "\(subject)size mismatch: the source declares \(expected) bytes but \(actual) bytes were decoded; "
                + "the export or download is probably truncated or corrupted, so fetch the session again. Nothing was stored."
        case let .checksumMismatch(expected, actual):
            if !ArtifactError.isSHA256Hex(expected) {
                return "\(subject)checksum mismatch: the declared SHA-256 '\(expected)' is not 64 hex digits "
                    + "(actual SHA-256 is \(actual)); the source metadata is malformed, so check the exporter or report it to the platform. Nothing was stored."
            }
            return "\(subject)checksum mismatch: the source declares SHA-256 \(expected.lowercased()) but the decoded bytes hash to \(actual); "
                + "the payload is corrupted or altered, so fetch the session again and do not trust this artifact. Nothing was stored."
        case let .io(path, message):
            return "\(subject)I/O error at '\(path)': \(message); check that the directory exists, is writable and has free space, then retry. Nothing was stored."
        case let .invalidBase64(error):
            return "\(subject)\(error); the payload is not strict standard base64, so the export is corrupted or in an unsupported encoding. Nothing was stored."
        case let .unsafeFileExtension(ext):
            return "\(subject)refusing unsafe file extension '\(ext)' (must be 1-10 characters of a-z0-9); "
                + "choose it with ArtifactFileExtension.choose(mediaType:fileName:). Nothing was stored."
        }
    }

    /// True when `text` is exactly 64 hex digits (either case).
    static func isSHA256Hex(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count == 64 && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
                return true
            default:
                return false
            }
        }
    }
}
