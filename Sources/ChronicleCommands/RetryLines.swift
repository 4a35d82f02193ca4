import ChronicleJSON
import ChronicleTransport
import Foundation

/// Prints each retry of a source's requests on standard error, one line each: in text,
/// `chronicle: source 'vectara': GET /agents failed (attempt 1 of 5): …; next attempt in 0.4 s`;
/// with `--log-format json`, one object as the log handler writes them (level `warning`, `msg`
/// the same sentence, and the parts as members: `source`, `request`, `reason`, `attempt`,
/// `max_attempts`, `next_attempt_s`).
enum RetryLines {
    static func printer(source: String, format: LogFormat = .text) -> @Sendable (RetryNotice) -> Void {
        switch format {
        case .text:
            return { notice in
                FileHandle.standardError.write(Data("chronicle: source '\(source)': \(notice)\n".utf8))
            }
        case .json:
            return { notice in JSONLogHandler.emit(json(notice, source: source)) }
        }
    }

    static func json(_ notice: RetryNotice, source: String) -> JSONValue {
        .object(JSONLogHandler.head(level: .warning, logger: "chronicle", message: "source '\(source)': \(notice)") + [
            .init("source", .string(source)),
            .init("request", .string(notice.request)),
            .init("reason", .string(notice.reason)),
            .init("attempt", .number(String(notice.attempt))),
            .init("max_attempts", .number(String(notice.maxAttempts))),
            .init("next_attempt_s", .number(RetryNotice.seconds(notice.delay))),
        ])
    }
}
