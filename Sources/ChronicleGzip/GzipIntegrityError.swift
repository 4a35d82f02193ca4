/// An error raised while *reading* gzip data strictly (``GzipStrictReader`` or
/// ``Gzip/decompress(_:)``): the input is not exactly one valid, complete gzip member.
public struct GzipIntegrityError: Error, Sendable, CustomStringConvertible {
    /// The category of integrity failure.
    public enum Kind: Sendable, Hashable {
        /// The input does not start with the gzip magic bytes `1f 8b` (or is empty).
        case notGzip
        /// The gzip header is malformed (method, reserved flags, header CRC, ...).
        case badHeader
        /// The deflate stream is invalid.
        case corruptDeflate
        /// The input ends before the member is complete.
        case truncated
        /// The CRC-32 in the trailer does not match the decompressed data.
        case crcMismatch
        /// The ISIZE in the trailer does not match the decompressed length (mod 2^32).
        case sizeMismatch
        /// Bytes (even zeros) follow the single member.
        case trailingData
        /// A second gzip member follows the first.
        case multipleMembers
        /// The file could not be opened or read.
        case io
    }

    /// The category of integrity failure.
    public let kind: Kind
    /// The file being read, or `nil` for in-memory input.
    public let path: String?
    /// Byte offset in the compressed input where the problem was detected, when known.
    public let offset: UInt64?
    /// What went wrong, in words.
    public let message: String

    /// Creates an error. Normally only produced by this module.
    public init(kind: Kind, path: String?, offset: UInt64?, message: String) {
        self.kind = kind
        self.path = path
        self.offset = offset
        self.message = message
    }

    /// A human-readable, single-line explanation including location and remedy.
    public var description: String {
        var text = "gzip integrity check failed (\(kind))"
        if let path {
            text += " for '\(path)'"
        } else {
            text += " (in memory)"
        }
        if let offset {
            text += " at byte offset \(offset)"
        }
        text += ": \(message). "
        switch kind {
        case .io:
            text += "Check that the file exists, is readable, and the storage is healthy."
        default:
            text += "The archive is not byte-for-byte what was written; restore it from a verified copy."
        }
        return text
    }
}
