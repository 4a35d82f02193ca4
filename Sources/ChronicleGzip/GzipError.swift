/// An error raised while *producing* gzip data (``GzipFileWriter`` or ``Gzip/compress(_:level:)``).
///
/// The description states what failed, where (file path and byte offset when known),
/// the underlying cause, and what to do about it.
public struct GzipError: Error, Sendable, CustomStringConvertible {
    /// The category of failure.
    public enum Kind: Sendable, Hashable {
        /// The output file could not be created or opened.
        case open
        /// Writing compressed bytes to the output file failed.
        case write
        /// `fsync` of the output file failed; the data may not be durable.
        case sync
        /// Closing the output file failed; the data may not be durable.
        case close
        /// zlib reported an error (initialisation, memory, or internal state).
        case zlib
        /// An argument was out of range (for example the compression level).
        case invalidArgument
        /// The writer was already finished, or failed earlier and cannot continue.
        case unusable
    }

    /// The category of failure.
    public let kind: Kind
    /// The file being written, or `nil` for in-memory compression.
    public let path: String?
    /// Byte offset in the compressed output at which the failure happened, when known.
    public let offset: UInt64?
    /// The POSIX `errno` value, when the failure came from a system call.
    public let errno: Int32?
    /// What went wrong.
    public let message: String
    /// What the caller can do about it.
    public let suggestion: String

    /// Creates an error. Normally only produced by this module.
    public init(
        kind: Kind,
        path: String?,
        offset: UInt64?,
        errno: Int32? = nil,
        message: String,
        suggestion: String
    ) {
        self.kind = kind
        self.path = path
        self.offset = offset
        self.errno = errno
        self.message = message
        self.suggestion = suggestion
    }

    /// A human-readable, single-line explanation including location and remedy.
    public var description: String {
        var text = "gzip \(kind) failed"
        if let path {
            text += " for '\(path)'"
        } else {
            text += " (in memory)"
        }
        if let offset {
            text += " at byte offset \(offset)"
        }
        text += ": \(message)"
        if let errno {
            text += " (errno \(errno): \(POSIX.errorString(errno)))"
        }
        text += ". \(suggestion)"
        return text
    }
}
