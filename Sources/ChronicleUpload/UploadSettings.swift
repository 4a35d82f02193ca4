import ChronicleS3
import Foundation

/// The `[upload]` table (and `export`'s upload flags) after checking: where bags go and how they
/// are locked there.
public struct UploadSettings: Sendable {
    public var location: S3Location
    /// An S3-compatible endpoint (`http(s)://host[:port]`, path-style); nil for AWS by region.
    public var endpoint: String?
    public var region: String
    public var retentionDays: Int
    public var retentionMode: ObjectLockMode
    public var legalHold: Bool
    public var storageClass: String?
    /// Local bags archived and verified remotely may be removed once older than this; nil keeps them.
    public var keepLocalDays: Int?
    /// Files larger than this go by multipart upload (16 MiB).
    public var multipartThreshold: Int = 16 << 20
    /// Part size of a multipart upload (8 MiB; memory use is bounded by it).
    public var partSize: Int = 8 << 20
    /// Test hook (`CHRONICLE_TEST_UPLOAD_PAUSE_AFTER_WRITES`): after this many write requests
    /// (objects or parts), the uploader says so on stderr and waits, so a test can kill it there.
    public var pauseAfterWrites: Int?

    public init(location: S3Location, endpoint: String?, region: String, retentionDays: Int, retentionMode: ObjectLockMode, legalHold: Bool = false, storageClass: String? = nil, keepLocalDays: Int? = nil) {
        self.location = location
        self.endpoint = endpoint
        self.region = region
        self.retentionDays = retentionDays
        self.retentionMode = retentionMode
        self.legalHold = legalHold
        self.storageClass = storageClass
        self.keepLocalDays = keepLocalDays
    }

    /// The key prefix of one run's bag: `prefix/<source>/<run-id>`.
    public func bagPrefix(source: String, runID: String) -> String {
        location.key(source + "/" + runID)
    }

    /// The retention every object of run `runID` must have at least: the run's start + the days.
    public func requiredRetainUntil(runID: String) -> Date {
        let start = RunDate.parse(runID) ?? Date()
        return start.addingTimeInterval(Double(retentionDays) * 86_400)
    }

    /// The date sent: the required one, or (if a resumed upload comes so late that it has passed)
    /// now + the days.
    public func retainUntilToSend(runID: String, now: Date) -> Date {
        let required = requiredRetainUntil(runID: runID)
        return required > now.addingTimeInterval(3600) ? required : now.addingTimeInterval(Double(retentionDays) * 86_400)
    }
}

/// The start time of a run from its id (`yyyyMMdd'T'HHmmss'Z'`, maybe with `-NN`).
public enum RunDate {
    public static func parse(_ runID: String) -> Date? {
        let bytes = Array(runID.utf8)
        guard bytes.count >= 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func n(_ r: Range<Int>) -> Int? { Int(String(decoding: bytes[r], as: UTF8.self)) }
        guard let y = n(0..<4), let mo = n(4..<6), let d = n(6..<8), let h = n(9..<11), let mi = n(11..<13), let s = n(13..<15) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
    }
}
