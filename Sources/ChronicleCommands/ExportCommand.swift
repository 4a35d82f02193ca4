import ArgumentParser
import ChronicleConfig
import ChronicleCore
import ChronicleExport
import ChronicleJSON
import ChroniclePlatforms
import ChronicleRedact
import ChronicleRender
import ChronicleS3
import ChronicleStateSQLite
import ChronicleUpload
import ChronicleTransport
import Foundation
import Logging

/// `chronicle export`: one run, one new bag per source.
public struct ExportCommand: AsyncParsableCommand, Sendable {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export sessions, events and artifacts into a new bag per source.",
        discussion: """
            With --config FILE, exports the file's sources (--source NAME picks some); flags override \
            the file. With --platform, exports one source given by flags. With neither, exports every \
            replay tree under --samples (default ./samples): no network, no credentials.
            --base-url takes http(s) URLs or file:DIR, a replay tree of recorded responses. \
            --record DIR writes every response of the run into DIR as a replay tree (no request \
            headers, the credential scrubbed from bodies), which --base-url file:DIR replays.
            Runs are incremental: only sessions new or changed since their last export are fetched \
            (state in <out>/.chronicle/state.sqlite); --full exports everything.

            Examples:
              chronicle export                      # ./samples, offline
              chronicle export --config /etc/chronicle/chronicle.toml
              chronicle export --config chronicle.toml --source support --full
              chronicle export --platform vectara --base-url https://api.vectara.io/v2 \\
                --token-env VECTARA_API_KEY --out /var/lib/chronicle
            """
    )

    @OptionGroup(title: "Source") var sourceFlags: SourceFlags

    @OptionGroup(title: "Source") var sourceChoice: ExportSourceChoice

    @OptionGroup(title: "Output") var output: ExportOutputOptions

    @OptionGroup(title: "Incremental") var incremental: ExportIncrementalOptions

    @OptionGroup(title: "Rendering") var render: RenderOptionFlags

    @OptionGroup(title: "Operation") var operation: ExportOperationOptions

    // The groups' values under the names the run reads.
    var config: String? { sourceChoice.config }
    var sourceNames: [String] { sourceChoice.sourceNames }
    var samples: String { sourceChoice.samples }
    var record: String? { sourceChoice.record }
    var pageSize: Int? { sourceChoice.pageSize }
    var out: String? { output.out }
    var formats: String? { output.formats }
    var csvBOM: Bool { output.csvBOM }
    var full: Bool { incremental.full }
    var since: String? { incremental.since }
    var until: String? { incremental.until }
    var dryRun: Bool { incremental.dryRun }
    var state: String? { incremental.state }
    var concurrency: Int? { operation.concurrency }
    var connectTimeout: Int { operation.connectTimeout }
    var readTimeout: Int { operation.readTimeout }
    var maxResponseMB: Int { operation.maxResponseMB }
    var logFormat: String { operation.logFormat }
    var logLevel: String { operation.logLevel }
    var metricsFile: String? { operation.metricsFile }
    var replayDelayMilliseconds: Int { operation.replayDelayMilliseconds }
    var commitDelayMilliseconds: Int { operation.commitDelayMilliseconds }

    @OptionGroup(title: "Archive to object storage") var upload: UploadFlags

    public init() {}

    public func run() async throws {
        let watcher = SignalWatcher()
        let task = Task { await execute() }
        watcher.start { task.cancel() }
        var status = await task.value
        if let signal = watcher.received { status = 128 + signal }
        if status != 0 { throw ExitCode(status) }
    }

    /// The run's settings after the configuration file and the flags are merged.
    struct Settings {
        var plans: [SourcePlan]
        var out: String
        var formats: OutputFormats
        var policy: IncrementalPolicy
        var logFormat: LogFormat
        var configuration: Configuration?
        var usage: UsageOptions
        var render: RenderOptions
        /// `[upload]`/`--upload-url`: where bags are archived, and the credentials for it.
        var upload: (UploadSettings, S3Credentials)?
    }

    /// Runs the export and returns its exit status (printing one clear line on failure).
    /// `wrapTransport` lets tests observe every request (e.g. count them).
    public func execute(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        wrapTransport: @Sendable (any Transport) -> any Transport = { $0 }
    ) async -> Int32 {
        let clock = ContinuousClock.now
        let settings: Settings
        do {
            settings = try await resolveSettings(environment: environment, wrapTransport: wrapTransport)
        } catch {
            return fail(error)
        }
        var logger: Logger
        if settings.logFormat == .json {
            logger = Logger(label: "chronicle") { JSONLogHandler(label: $0) }
        } else {
            logger = Logger(label: "chronicle")
        }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .notice
        var outDir = settings.out
        let lock: RunLock
        let store: any StateStore
        do {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            // An output folder reached through a link is worked in where it really is: the
            // folder's own fsync (which never follows a link) failed after publishing.
            outDir = Self.realPath(outDir)
            lock = try RunLock(outputDirectory: outDir)
            store = try SQLiteStateStore(path: state.map(Self.absolute) ?? outDir + "/.chronicle/state.sqlite")
        } catch let error as ExportError {
            for plan in settings.plans { await plan.transport.shutdown() }
            return fail(error)
        } catch {
            for plan in settings.plans { await plan.transport.shutdown() }
            return fail(ExportError(.output, path: outDir, message: "cannot create the output folder: \(error.localizedDescription)"))
        }
        let progress = ProgressReporter(format: settings.logFormat)
        var results: [SourceRunResult] = []
        var uploadStage: UploadStage?
        if let upload = settings.upload, !dryRun {
            let (uploadSettings, credentials) = upload
            do {
                let objectStore = try S3ObjectStore(
                    bucket: uploadSettings.location.bucket, region: uploadSettings.region, endpoint: uploadSettings.endpoint, credentials: credentials
                )
                uploadStage = UploadStage(
                    settings: uploadSettings, archiver: BagArchiver(uploader: BagUploader(store: objectStore, settings: uploadSettings), state: store, outputDirectory: outDir),
                    store: objectStore, outputDirectory: outDir, state: store, format: settings.logFormat
                )
            } catch {
                for plan in settings.plans { await plan.transport.shutdown() }
                return fail(error)
            }
        }
        var uploadIncomplete = false
        for plan in settings.plans {
            if Task.isCancelled { break }
            guard let adapter = AdapterFactory.make(source: plan.source, transport: plan.transport, credential: plan.credential, oauth: plan.oauth) else {
                results.append(SourceRunResult(source: plan.source, status: .failed, sessions: 0, events: 0, artifacts: 0, problems: [], failure: UsageError("source '\(plan.source.name)': this build has no adapter for platform '\(plan.source.platform)' yet"), durationSeconds: 0))
                await plan.transport.shutdown()
                continue
            }
            var export = SourceExport(
                adapter: adapter, outputDirectory: outDir, concurrency: plan.concurrency, formats: settings.formats,
                software: "Chronicle \(ChronicleCommand.version)", logger: logger, usage: settings.usage, store: store, policy: settings.policy,
                dryRun: dryRun, progress: dryRun ? nil : progress
            )
            export.commitDelayMilliseconds = commitDelayMilliseconds
            export.renderOptions = settings.render
            // An identity (AgentScope's x-user-id) is no password and may be a common word:
            // bodies are never rewritten for it.
            var secrets: [Secret] = []
            if let credential = plan.credential, credential.style != .userID { secrets.append(credential.secret) }
            if let oauth = plan.oauth { secrets.append(oauth.clientSecret) }
            if !secrets.isEmpty { export.secretScrubber = SecretScrubber(secrets: secrets) }
            let result = await export.run()
            await plan.transport.shutdown()
            results.append(result)
            printSummary(result, format: settings.logFormat)
            if let uploadStage, !Task.isCancelled, !(await uploadStage.run(source: plan.source.name)) { uploadIncomplete = true }
        }
        await uploadStage?.store.shutdown()
        // The cumulative index is an output like any other: whatever stops it (a folder in its
        // place, a full disk) exits 73, as the run's own files do; the bags stay published.
        var indexFailed = false
        if !dryRun, settings.formats.html, results.contains(where: { $0.bagPath != nil || !$0.adoptedRuns.isEmpty }) {
            do {
                let index = try CumulativeIndex.rebuild(outputDirectory: outDir, store: store, options: settings.render)
                if settings.logFormat == .text { print("cumulative index: \(index)") }
            } catch {
                indexFailed = true
                FileHandle.standardError.write(Data("chronicle: the cumulative index \(outDir)/index.html could not be rebuilt (the bags are published and committed): \(error)\n".utf8))
            }
        }
        if settings.logFormat == .text {
            for r in results where r.tagManifestSHA256 != nil {
                print("chain: \(r.source.name) \(r.runID ?? "") tagmanifest-sha256 \(r.tagManifestSHA256 ?? "")")
            }
        }
        withExtendedLifetime(lock) {}
        var code = ExitCodes.code(for: results)
        if indexFailed, code == ExitCodes.complete || code == ExitCodes.partial { code = ExitCodes.cantCreate }
        // A bag published but not (fully) archived: partial; the next run resumes the upload.
        if uploadIncomplete, code == ExitCodes.complete { code = ExitCodes.partial }
        if let metricsFile, !dryRun {
            let text = MetricsFile.render(results: results, exitCode: code, finished: Date(), durationSeconds: SourceExport.seconds(ContinuousClock.now - clock))
            do {
                try MetricsFile.write(text, to: Self.absolute(metricsFile))
            } catch {
                FileHandle.standardError.write(Data("chronicle: cannot write the metrics file \(metricsFile): \(error)\n".utf8))
            }
        }
        return code
    }

    func printSummary(_ r: SourceRunResult, format: LogFormat) {
        let missing = r.problems.filter { $0.kind == .missing }.count
        let problems = r.problems.filter(\.makesRunPartial).count
        if format == .json {
            var members: [JSONMember] = [
                .init("event", .string("summary")),
                .init("source", .string(r.source.name)),
                .init("platform", .string(r.source.platform.rawValue)),
                .init("status", .string(r.status.rawValue)),
                .init("exported", .number(String(r.sessions))),
                .init("skipped", .number(String(r.skipped))),
                .init("out_of_range", .number(String(r.outOfRange))),
                .init("missing", .number(String(missing))),
                .init("problems", .number(String(problems))),
                .init("events", .number(String(r.events))),
                .init("artifacts", .number(String(r.artifacts))),
                .init("bytes", .number(String(r.payloadBytes))),
                .init("tokens", r.tokens.map { .number(String($0)) } ?? .null),
                .init("bag", r.bagPath.map(JSONValue.string) ?? .null),
                .init("chain_sha256", r.tagManifestSHA256.map(JSONValue.string) ?? .null),
                .init("duration_seconds", .number(String(format: "%.3f", r.durationSeconds))),
                .init("adopted", .array(r.adoptedRuns.map(JSONValue.string))),
            ]
            if let failure = r.failure { members.append(.init("error", .string("\(failure)"))) }
            if dryRun { members.append(.init("would_export", .array(r.wouldExport.map(JSONValue.string)))) }
            var bytes: [UInt8] = []
            JSONWriter.append(.object(members), to: &bytes)
            print(String(decoding: bytes, as: UTF8.self))
            return
        }
        if let failure = r.failure {
            // A platform's error names the source itself: said once.
            var text = "\(failure)"
            let named = "source '\(r.source.name)': "
            if text.hasPrefix(named) { text.removeFirst(named.count) }
            FileHandle.standardError.write(Data("chronicle: source '\(r.source.name)' failed: \(text)\n".utf8))
            if r.bagPath == nil { return }
        }
        if dryRun {
            print("source \(r.source.name) (\(r.source.platform)): dry run — \(r.wouldExport.count) sessions would be exported, \(r.skipped) unchanged, \(r.outOfRange) outside --since/--until")
            for line in r.wouldExport { print("  would export \(line)") }
            return
        }
        for run in r.adoptedRuns { print("source \(r.source.name): adopted the uncommitted bag \(run)") }
        let tokens = r.tokens.map(String.init) ?? "unknown"
        print("source \(r.source.name) (\(r.source.platform)): \(r.status.rawValue) — \(r.sessions) sessions exported, \(r.skipped) skipped unchanged, \(missing) missing, \(problems) problems, \(r.events) events, \(r.artifacts) artifacts, \(tokens) tokens, \(String(format: "%.1f", r.durationSeconds)) s")
        if let bag = r.bagPath {
            print("  bag: \(bag)")
            print("  index: \(bag)/data/index.html")
            print("  chain digest: \(r.tagManifestSHA256 ?? "")")
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

    func resolveSettings(environment: [String: String], wrapTransport: (any Transport) -> any Transport) async throws -> Settings {
        if let concurrency, !(1...256).contains(concurrency) { throw UsageError("--concurrency must be between 1 and 256, not \(concurrency)") }
        if let pageSize, !(1...1000).contains(pageSize) { throw UsageError("--page-size must be between 1 and 1000, not \(pageSize)") }
        guard let format = LogFormat(rawValue: logFormat) else { throw UsageError("--log-format must be text or json, not '\(logFormat)'") }
        guard (1...600).contains(connectTimeout) else { throw UsageError("--connect-timeout must be between 1 and 600 seconds, not \(connectTimeout)") }
        guard (1...65_536).contains(maxResponseMB) else { throw UsageError("--max-response-mb must be between 1 and 65536, not \(maxResponseMB)") }
        guard (1...3600).contains(readTimeout) else { throw UsageError("--read-timeout must be between 1 and 3600 seconds, not \(readTimeout)") }
        guard replayDelayMilliseconds >= 0 else { throw UsageError("--replay-delay-ms must not be negative") }
        let since = try self.since.map { try Self.instant($0, flag: "--since") }
        let until = try self.until.map { try Self.instant($0, flag: "--until") }
        if let since, let until, since >= until { throw UsageError("--since must be before --until") }
        var configuration: Configuration?
        if let config {
            if sourceFlags.platform != nil { throw UsageError("give either --config or --platform, not both") }
            configuration = try ConfigurationLoader.load(path: Self.absolute(config))
        }
        let formatList = formats ?? configuration?.formats?.joined(separator: ",") ?? "html,csv,archive"
        let outputFormats: OutputFormats
        switch OutputFormats.parse(formatList) {
        case .success(let f): outputFormats = f
        case .failure(let e): throw UsageError("--formats: unknown format '\(e.name)'; use html, csv and archive")
        }
        let render = try RenderSettings.options(flags: self.render, configuration: configuration, software: "Chronicle \(ChronicleCommand.version)")
        var usage = try UsageSettings.options(timezone: self.render.timezone, csvBOM: csvBOM, configuration: configuration)
        let redactor = render.redactor
        if redactor.isEnabled { usage.textTransform = { redactor.redact($0) } }
        var plans: [SourcePlan]
        if let configuration {
            plans = try await configuredPlans(configuration, environment: environment, retryFormat: format)
        } else {
            plans = try await resolvePlans(environment: environment, retryFormat: format)
            for i in plans.indices { plans[i].concurrency = concurrency ?? 4 }
        }
        if !sourceNames.isEmpty {
            let known = Set(plans.map(\.source.name))
            let unknown = sourceNames.filter { !known.contains($0) }
            // Transports hold connections: release those of the sources not exported.
            for plan in plans where !unknown.isEmpty || !sourceNames.contains(plan.source.name) { await plan.transport.shutdown() }
            if let name = unknown.first {
                throw UsageError("--source \(name): no such source; known: \(known.sorted().joined(separator: ", "))")
            }
            plans = plans.filter { sourceNames.contains($0.source.name) }
        }
        for i in plans.indices {
            var transport = plans[i].transport
            if replayDelayMilliseconds > 0 { transport = DelayedTransport(base: transport, milliseconds: replayDelayMilliseconds) }
            plans[i].transport = wrapTransport(transport)
        }
        let upload: (UploadSettings, S3Credentials)?
        do {
            upload = try UploadStage.resolve(flags: self.upload, configuration: configuration, environment: environment)
        } catch {
            for plan in plans { await plan.transport.shutdown() }
            throw error
        }
        return Settings(
            plans: plans, out: Self.absolute(out ?? configuration?.out ?? "chronicle-out"), formats: outputFormats,
            policy: IncrementalPolicy(full: full, since: since, until: until), logFormat: format, configuration: configuration,
            usage: usage, render: render, upload: upload
        )
    }

    /// Sources from a configuration file; flags (`--concurrency`, `--page-size`, `--agent`) override.
    func configuredPlans(_ configuration: Configuration, environment: [String: String], retryFormat: LogFormat) async throws -> [SourcePlan] {
        let resolver = ConfiguredSourceResolver(
            sourceFlags: sourceFlags, pageSize: pageSize, concurrency: concurrency, connectTimeout: connectTimeout,
            readTimeout: readTimeout, maxResponseMB: maxResponseMB, retryFormat: retryFormat
        )
        return try await resolver.plans(configuration, environment: environment)
    }

    /// Reads `--since`/`--until`: an ISO 8601 date-time, or a date (midnight UTC).
    static func instant(_ text: String, flag: String) throws -> Int64 {
        let full = text.count == 10 ? text + "T00:00:00Z" : text
        guard let ms = Timestamp.iso8601(full).epochMilliseconds else {
            throw UsageError("\(flag) \(text): expected an ISO 8601 date (2026-11-20) or date-time (2026-11-20T02:00:00Z)")
        }
        return ms
    }

    func resolvePlans(environment: [String: String], retryFormat: LogFormat) async throws -> [SourcePlan] {
        var resolver = sourceFlags.resolver(
            record: record, samples: samples, pageSize: pageSize, concurrency: concurrency ?? 4,
            connectTimeout: connectTimeout, readTimeout: readTimeout, maxResponseBytes: maxResponseMB << 20
        )
        resolver.retryFormat = retryFormat
        return try await resolver.plans(environment: environment)
    }

    /// The path with every link resolved (`realpath`), or the path itself when it cannot be.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func absolute(_ path: String) -> String {
        SourceResolver.absolute(path)
    }
}
