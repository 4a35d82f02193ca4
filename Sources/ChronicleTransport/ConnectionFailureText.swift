import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to connect, in words, each reason once: `connection refused`, or `could not connect
/// to host:port: …` for every address tried. NIO's own text said it twice, with its errno
/// (`connection reset (error set): Connection refused) (errno: 111)`), which reads as a crash
/// report in a cron mail.
enum ConnectionFailureText {
    /// The words for `error`, or nil when it is no connection failure this knows.
    static func describe(_ error: any Error) -> String? {
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return "the host name \(error.host) could not be resolved (check the base URL and DNS)"
            }
            var reasons: [String] = []
            for failure in error.connectionErrors {
                let reason = words(failure.error)
                if !reasons.contains(reason) { reasons.append(reason) }
            }
            let why = reasons.isEmpty ? "no address to connect to" : reasons.joined(separator: "; ")
            return "could not connect to \(error.host):\(error.port): \(why)"
        }
        if let error = error as? IOError { return words(error) }
        return nil
    }

    /// `connection refused` for an `IOError` of `ECONNREFUSED`; other errors as they describe
    /// themselves.
    static func words(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        return String(describing: error)
    }
}
