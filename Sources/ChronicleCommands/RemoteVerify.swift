import ArgumentParser
import ChronicleBag
import ChronicleS3
import ChronicleUpload
import Foundation

/// `verify`'s options for bags in object storage (`chronicle verify s3://bucket/prefix/<source>/<run-id>`).
struct RemoteVerifyFlags: ParsableArguments {
    @Flag(help: "For s3:// bags: also stream every archive from the store and check its gzip and JSON (else sizes, checksums kept by the store, retention and the chain).")
    var deep = false

    @Option(name: .customLong("endpoint"), help: "For s3:// bags: S3-compatible endpoint, http(s)://host[:port] (default AWS by --region).")
    var endpoint: String?

    @Option(name: .customLong("region"), help: "For s3:// bags: the bucket's region (default us-east-1).")
    var region: String?

    @Option(name: .customLong("credentials-file"), help: "For s3:// bags: AWS shared-credentials file (else the AWS_* variables).")
    var credentialsFile: String?

    @Option(name: .customLong("profile"), help: "For s3:// bags: profile of --credentials-file (default AWS_PROFILE, else default).")
    var profile: String?
}

/// Verifies bags given as `s3://bucket/prefix/<source>/<run-id>`; exits like a local verify
/// (0 sound, 65 damaged), 69 when the store cannot be asked, 77 for refused credentials.
enum RemoteVerify {
    static func isRemote(_ argument: String) -> Bool { argument.hasPrefix("s3://") }

    static func execute(_ urls: [String], flags: RemoteVerifyFlags, environment: [String: String] = ProcessInfo.processInfo.environment) async -> Int32 {
        let credentials: S3Credentials
        do {
            credentials = try S3Credentials.resolve(environment: environment, credentialsFile: flags.credentialsFile.map(SourceResolver.absolute), profile: flags.profile,
                fileSetting: "--credentials-file FILE")
        } catch {
            FileHandle.standardError.write(Data("chronicle: \(error)\n".utf8))
            return ExitCodes.usage
        }
        var damaged = 0
        var unreachable: Int32?
        for url in urls {
            let location: S3Location
            switch S3Location.parse(url) {
            case .success(let l): location = l
            case .failure(let e):
                FileHandle.standardError.write(Data("chronicle: verify \(url): \(e.message)\n".utf8))
                return ExitCodes.usage
            }
            guard let last = location.prefix.split(separator: "/").last, RunID.isRunID(String(last)) else {
                FileHandle.standardError.write(Data("chronicle: verify \(url): expected s3://bucket/prefix/<source>/<run-id>\n".utf8))
                return ExitCodes.usage
            }
            let store: S3ObjectStore
            do {
                store = try S3ObjectStore(bucket: location.bucket, region: flags.region ?? "us-east-1", endpoint: flags.endpoint, credentials: credentials)
            } catch {
                FileHandle.standardError.write(Data("chronicle: verify \(url): \(error)\n".utf8))
                return ExitCodes.usage
            }
            let verifier = RemoteBagVerifier(store: store, inspectors: [(suffix: ".json.gz", inspector: ArchiveInspector())], deep: flags.deep)
            do {
                let damages = try await verifier.verify(bagPrefix: location.prefix)
                if damages.isEmpty {
                    print("sound: \(url)")
                } else {
                    damaged += 1
                    print("DAMAGED: \(url)")
                    for d in damages { print("  \(d.file): \(d.problem)") }
                }
            } catch {
                FileHandle.standardError.write(Data("chronicle: verify \(url): \(credentials.scrub(String(describing: error)))\n".utf8))
                unreachable = ExitCodes.code(for: error)
            }
            await store.shutdown()
        }
        if damaged > 0 {
            FileHandle.standardError.write(Data("chronicle: \(damaged) of \(urls.count) bag\(urls.count == 1 ? "" : "s") damaged\n".utf8))
            return ExitCodes.damaged
        }
        return unreachable ?? ExitCodes.complete
    }
}
