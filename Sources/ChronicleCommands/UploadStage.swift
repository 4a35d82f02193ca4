import ChronicleConfig
import ChronicleCore
import ChronicleExport
import ChronicleJSON
import ChronicleS3
import ChronicleUpload
import Foundation

/// The export's last stage when `[upload]` (or `--upload-url`) is set: archives each source's
/// pending bags (the one just published and any whose upload did not finish), says what is
/// missing, and prunes old local copies by `keep_local_days`.
struct UploadStage {
    let settings: UploadSettings
    let archiver: BagArchiver
    let store: S3ObjectStore
    let outputDirectory: String
    let state: any StateStore
    let format: LogFormat

    /// Builds the stage from the merged settings; credentials are read here.
    static func resolve(
        flags: UploadFlags, configuration: Configuration?, environment: [String: String]
    ) throws -> (UploadSettings, S3Credentials)? {
        let file = configuration?.upload
        guard flags.url != nil || file != nil else {
            if flags.isGiven { throw UsageError("the upload flags need --upload-url s3://bucket/prefix (or [upload] url in the configuration)") }
            return nil
        }
        func fail(_ key: String, _ message: String) -> any Error {
            if let configuration, let file { return ConfigurationError(file: configuration.file, line: file.line, key: "upload." + key, message: message) }
            let flag = ["url": "upload-url", "endpoint": "upload-endpoint", "region": "upload-region"][key] ?? key.replacingOccurrences(of: "_", with: "-")
            return UsageError("--\(flag): \(message)")
        }
        let url = flags.url ?? file?.url ?? ""
        let location: S3Location
        switch S3Location.parse(url) {
        case .success(let l): location = l
        case .failure(let e): throw fail("url", e.message)
        }
        let endpoint = flags.endpoint ?? file?.endpoint
        if let endpoint, !(endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://")) { throw fail("endpoint", "expected an http(s)://host[:port] URL") }
        guard let region = flags.region ?? file?.region ?? (endpoint != nil ? "us-east-1" : nil) else {
            throw fail("region", "give the bucket's region (or an endpoint for an S3-compatible store)")
        }
        guard let days = flags.retentionDays ?? file?.retentionDays else { throw fail("retention_days", "missing: how many days every object is locked") }
        guard (1...36_500).contains(days) else { throw fail("retention_days", "\(days) is out of range; expected 1…36500") }
        let modeText = flags.retentionMode ?? file?.retentionMode ?? "COMPLIANCE"
        guard let mode = ObjectLockMode(rawValue: modeText) else { throw fail("retention_mode", "'\(modeText)' is not COMPLIANCE or GOVERNANCE") }
        let storageClass = flags.storageClass ?? file?.storageClass
        if let storageClass, !UploadConfiguration.storageClasses.contains(storageClass) {
            throw fail("storage_class", "'\(storageClass)' is not one of \(UploadConfiguration.storageClasses.joined(separator: ", "))")
        }
        let keep = flags.keepLocalDays ?? file?.keepLocalDays
        if let keep, keep < 0 { throw fail("keep_local_days", "must not be negative") }
        var settings = UploadSettings(
            location: location, endpoint: endpoint, region: region, retentionDays: days, retentionMode: mode,
            legalHold: flags.legalHold || (file?.legalHold ?? false), storageClass: storageClass, keepLocalDays: keep
        )
        // Test hooks (never documented for users): a small multipart threshold and part size, and
        // a pause after N writes so a test can kill the process half way through an upload.
        if let n = environment["CHRONICLE_TEST_MULTIPART_THRESHOLD"].flatMap(Int.init), n > 0 { settings.multipartThreshold = n }
        if let n = environment["CHRONICLE_TEST_PART_SIZE"].flatMap(Int.init), n > 0 { settings.partSize = n }
        if let n = environment["CHRONICLE_TEST_UPLOAD_PAUSE_AFTER_WRITES"].flatMap(Int.init), n > 0 { settings.pauseAfterWrites = n }
        let credentials: S3Credentials
        do {
            let credentialsFile = (flags.credentialsFile ?? file?.credentialsFile).map(SourceResolver.absolute)
            credentials = try S3Credentials.resolve(
                environment: environment, credentialsFile: credentialsFile, profile: file?.profile,
                fileSetting: "--credentials-file FILE or [upload] credentials_file")
        } catch let error as S3Error {
            throw fail("credentials_file", error.message)
        }
        return (settings, credentials)
    }

    /// Archives `source`'s pending bags; true when every one is archived.
    func run(source: String) async -> Bool {
        let outcomes = await archiver.archivePending(source: source)
        var complete = true
        for o in outcomes {
            if o.isComplete {
                report(o, line: "  archived: \(o.location) (\(o.objects) objects: \(o.sent) sent, \(o.alreadyPresent) already stored; each checked by HEAD)")
            } else {
                complete = false
                let first = o.missing.prefix(3).joined(separator: ", ") + (o.missing.count > 3 ? ", …" : "")
                let why = o.failure.map { ": \($0)" } ?? ""
                let line = "chronicle: source '\(source)': run \(o.runID) is not fully archived to \(o.location): \(o.missing.count) of \(o.objects) objects missing (\(first))\(why); the local bag is kept and the next run resumes the upload"
                FileHandle.standardError.write(Data((line + "\n").utf8))
                if format == .json { report(o, line: nil) }
            }
        }
        if complete, let keep = settings.keepLocalDays {
            do {
                for run in try LocalBagPruner.prune(source: source, outputDirectory: outputDirectory, state: state, keepLocalDays: keep) {
                    if format == .text { print("  pruned the local bag \(source)/\(run) (archived, older than \(keep) days)") }
                }
            } catch {
                FileHandle.standardError.write(Data("chronicle: source '\(source)': local bags could not be pruned: \(error)\n".utf8))
            }
        }
        return complete
    }

    func report(_ o: BagUploader.Outcome, line: String?) {
        if format == .json {
            var members: [JSONMember] = [
                .init("event", .string("upload")), .init("source", .string(o.source)), .init("run", .string(o.runID)),
                .init("location", .string(o.location)), .init("complete", .bool(o.isComplete)),
                .init("objects", .number(String(o.objects))), .init("sent", .number(String(o.sent))),
                .init("already_stored", .number(String(o.alreadyPresent))), .init("missing", .number(String(o.missing.count))),
            ]
            if let f = o.failure { members.append(.init("error", .string("\(f)"))) }
            var bytes: [UInt8] = []
            JSONWriter.append(.object(members), to: &bytes)
            print(String(decoding: bytes, as: UTF8.self))
        } else if let line {
            print(line)
        }
    }
}
