import ChronicleTransport
import Foundation

/// Prints each retry of a source's requests on standard error, one line each:
/// `chronicle: source 'vectara': GET /agents failed (attempt 1 of 5): …; next attempt in 0.4 s`.
enum RetryLines {
    static func printer(source: String) -> @Sendable (RetryNotice) -> Void {
        { notice in
            FileHandle.standardError.write(Data("chronicle: source '\(source)': \(notice)\n".utf8))
        }
    }
}
