import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Recognises failures of the output folder itself in a problem's message: the system's texts for
/// a full disk, a read-only file system and an exceeded quota.
enum OutputFailure {
    static let texts: [String] = [ENOSPC, EROFS, EDQUOT].map { String(cString: strerror($0)) }

    static func isOutputFailure(_ message: String) -> Bool {
        texts.contains { message.contains($0) }
    }
}
