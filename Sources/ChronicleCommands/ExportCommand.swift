import ArgumentParser
import ChronicleCore
import ChronicleExport
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Foundation
import Logging

/// `chronicle export`: one run, one new bag per source.
public struct ExportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export sessions, events and artifacts into a new bag per source.",
        discussion: """
            With --platform, exports one source given by flags. Without it, exports every replay tree \
            under --samples (default ./samples): no network, no credentials.
            --base-url takes http(s) URLs or file:DIR, a replay tree of recorded responses. \
            --record DIR writes every response of the run into DIR as a replay tree (no request \
            headers, the credential scrubbed from bodies), which --base-url file:DIR replays.
            """
    )

    @Option(help: "Platform of the source: \(PlatformID.allCases.map(\.rawValue).joined(separator: ", ")).")
    var platform: String?

    @Option(name: .customLong("base-url"), help: "The platform's base URL, or file:DIR for a replay tree.")
    var baseURL: String?

    @Option(name: .customLong("token-env"), help: "Environment variable holding the credential.")
    var tokenEnv: String?

    @Option(name: .customLong("token-file"), help: "File holding the credential.")
    var tokenFile: String?

    @Option(name: .customLong("auth-style"), help: "How to send the credential: bearer, x-api-key or x-user-id (default: the platform's).")
    var authStyle: String?

    @Option(name: .customLong("agent"), help: "Export only this agent (repeatable).")
    var agents: [String] = []

    @Option(help: "Output folder.")
    var out: String = "chronicle-out"

    @Option(help: "Sessions exported at the same time per source; also the bound on HTTP requests in flight per source.")
    var concurrency: Int = 4

    @Option(help: "Record every response into this folder as a replay tree (replay it with --base-url file:DIR).")
    var record: String?

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to connect to an http(s) source.")
    var connectTimeout: Int = 10

    @Option(name: .customLong("read-timeout"), help: "Seconds of silence allowed while reading from an http(s) source.")
    var readTimeout: Int = 60

    @Option(name: .customLong("page-size"), help: "Page size sent as `limit` on paged listings.")
    var pageSize: Int = 100

    @Option(help: "Outputs to write, comma-separated: html,csv,archive (the archive is always written).")
    var formats: String = "html,csv,archive"

    @Option(help: "IANA time zone of the day buckets in usage/daily.csv (e.g. Europe/Berlin).")
    var timezone: String = "UTC"

    @Flag(name: .customLong("csv-bom"), help: "Start each usage CSV with a UTF-8 byte order mark (for Excel).")
    var csvBOM = false

    @Option(help: "Folder of replay trees exported when no --platform is given.")
    var samples: String = "samples"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.")
    var logLevel: String = "notice"

    public init() {}

    public func run() async throws {
        let status = await execute()
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the export and returns its exit status (printing one clear line on failure).
    public func execute(environment: [String: String] = ProcessInfo.processInfo.environment) async -> Int32 {
        var logger = Logger(label: "chronicle")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .notice
        let plans: [SourcePlan]
        let outputFormats: OutputFormats
        let usageOptions: UsageOptions
        do {
            guard let calendar = UsageCalendar(identifier: timezone) else {
                throw UsageError("--timezone '\(timezone)' is not an IANA time zone name (e.g. UTC, Europe/Berlin, America/New_York)")
            }
            usageOptions = UsageOptions(calendar: calendar, csvBOM: csvBOM)
            guard concurrency >= 1, concurrency <= 256 else { throw UsageError("--concurrency must be between 1 and 256, not \(concurrency)") }
            guard connectTimeout >= 1, connectTimeout <= 600 else { throw UsageError("--connect-timeout must be between 1 and 600 seconds, not \(connectTimeout)") }
            guard readTimeout >= 1, readTimeout <= 3600 else { throw UsageError("--read-timeout must be between 1 and 3600 seconds, not \(readTimeout)") }
            guard pageSize >= 1, pageSize <= 1000 else { throw UsageError("--page-size must be between 1 and 1000, not \(pageSize)") }
            switch OutputFormats.parse(formats) {
            case .success(let f): outputFormats = f
            case .failure(let e): throw UsageError("--formats: unknown format '\(e.name)'; use html, csv and archive")
            }
            plans = try await resolvePlans(environment: environment)
        } catch {
            return fail(error)
        }
        let outDir = Self.absolute(out)
        let lock: RunLock
        do {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            lock = try RunLock(outputDirectory: outDir)
        } catch let error as ExportError {
            for plan in plans { await plan.transport.shutdown() }
            return fail(error)
        } catch {
            for plan in plans { await plan.transport.shutdown() }
            return fail(ExportError(.output, path: outDir, message: "cannot create the output folder: \(error.localizedDescription)"))
        }
        var results: [SourceRunResult] = []
        for plan in plans {
            guard let adapter = AdapterFactory.make(source: plan.source, transport: plan.transport, credential: plan.credential) else {
                results.append(SourceRunResult(source: plan.source, status: .failed, sessions: 0, events: 0, artifacts: 0, problems: [], failure: UsageError("source '\(plan.source.name)': this build has no adapter for platform '\(plan.source.platform)' yet"), durationSeconds: 0))
                await plan.transport.shutdown()
                continue
            }
            let export = SourceExport(
                adapter: adapter, outputDirectory: outDir, concurrency: concurrency, formats: outputFormats,
                software: "Chronicle \(ChronicleCommand.version)", logger: logger, usage: usageOptions
            )
            let result = await export.run()
            await plan.transport.shutdown()
            results.append(result)
            printSummary(result)
        }
        if outputFormats.html, results.contains(where: { $0.bagPath != nil }) {
            do {
                let index = try CumulativeIndex.rebuild(outputDirectory: outDir)
                print("cumulative index: \(index)")
            } catch {
                FileHandle.standardError.write(Data("chronicle: the cumulative index could not be rebuilt: \(error)\n".utf8))
            }
        }
        for r in results where r.tagManifestSHA256 != nil {
            print("chain: \(r.source.name) \(r.runID ?? "") tagmanifest-sha256 \(r.tagManifestSHA256 ?? "")")
        }
        withExtendedLifetime(lock) {}
        return ExitCodes.code(for: results)
    }

    func printSummary(_ r: SourceRunResult) {
        if let failure = r.failure {
            FileHandle.standardError.write(Data("chronicle: source '\(r.source.name)' failed: \(failure)\n".utf8))
            return
        }
        let missing = r.problems.filter { $0.kind == .missing }.count
        let problems = r.problems.filter(\.makesRunPartial).count
        print("source \(r.source.name) (\(r.source.platform)): \(r.status.rawValue) — \(r.sessions) sessions, \(r.events) events, \(r.artifacts) artifacts, \(missing) missing, \(problems) problems, \(String(format: "%.1f", r.durationSeconds)) s")
        if let bag = r.bagPath {
            print("  bag: \(bag)")
            print("  index: \(bag)/data/index.html")
        }
        for p in r.problems where p.makesRunPartial {
            print("  \(p.kind.rawValue): \(p.message)")
        }
        for line in UsageSummary.lines(r.usageByModel) { print(line) }
    }

    func fail(_ error: any Error) -> Int32 {
        FileHandle.standardError.write(Data("chronicle: \(error)\n".utf8))
        return ExitCodes.code(for: error)
    }

    /// The flags that name sources, for ``SourceResolver``.
    var sourceFlags: SourceResolver {
        SourceResolver(
            platform: platform, baseURL: baseURL, tokenEnv: tokenEnv, tokenFile: tokenFile, authStyle: authStyle, agents: agents,
            record: record, samples: samples, pageSize: pageSize, concurrency: concurrency,
            connectTimeout: connectTimeout, readTimeout: readTimeout
        )
    }

    func resolvePlans(environment: [String: String]) async throws -> [SourcePlan] {
        try await sourceFlags.plans(environment: environment)
    }

    static func absolute(_ path: String) -> String {
        SourceResolver.absolute(path)
    }
}
