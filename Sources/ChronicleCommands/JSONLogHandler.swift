import ChronicleJSON
import Foundation
import Logging

/// A swift-log handler writing one JSON object per line to stderr (`--log-format json`):
/// `{"ts": …, "level": …, "logger": …, "msg": …, <metadata>…}`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .notice
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let extra = event.metadata
        var members = JSONLogHandler.head(level: level, logger: label, message: message.description)
        let all = metadata.merging(extra ?? [:]) { $1 }
        for key in all.keys.sorted() {
            if let value = all[key] { members.append(.init(key, .string("\(value)"))) }
        }
        JSONLogHandler.emit(.object(members))
    }

    /// The members every line starts with: `ts`, `level`, `logger`, `msg`.
    static func head(level: Logger.Level, logger: String, message: String) -> [JSONMember] {
        [
            .init("ts", .string(timestamp())),
            .init("level", .string(level.rawValue)),
            .init("logger", .string(logger)),
            .init("msg", .string(message)),
        ]
    }

    static func emit(_ value: JSONValue) {
        var bytes: [UInt8] = []
        JSONWriter.append(value, to: &bytes)
        bytes.append(0x0A)
        FileHandle.standardError.write(Data(bytes))
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
