import ArgumentParser
import ChronicleCore
import ChronicleExport
import ChronicleJSON
import ChroniclePlatforms
import ChronicleRender
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
            --base-url takes http(s) URLs or file:DIR, a replay tree of recorded responses.
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

    @Option(help: "Sessions exported at the same time per source.")
    var concurrency: Int = 4

    @Option(name: .customLong("page-size"), help: "Page size sent as `limit` on paged listings.")
    var pageSize: Int = 100

    @Option(help: "Outputs to write, comma-separated: html,csv,archive (the archive is always written).")
    var formats: String = "html,csv,archive"

    @Option(help: "Folder of replay trees exported when no --platform is given.")
    var samples: String = "samples"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.")
    var logLevel: String = "notice"

    @OptionGroup var render: RenderOptionFlags

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
        let renderOptions: RenderOptions
        do {
            renderOptions = try render.make(software: "Chronicle \(ChronicleCommand.version)")
            guard concurrency >= 1, concurrency <= 256 else { throw UsageError("--concurrency must be between 1 and 256, not \(concurrency)") }
            guard pageSize >= 1, pageSize <= 1000 else { throw UsageError("--page-size must be between 1 and 1000, not \(pageSize)") }
            switch OutputFormats.parse(formats) {
            case .success(let f): outputFormats = f
            case .failure(let e): throw UsageError("--formats: unknown format '\(e.name)'; use html, csv and archive")
            }
            plans = try resolvePlans(environment: environment)
        } catch {
            return fail(error)
        }
        let outDir = Self.absolute(out)
        let lock: RunLock
        do {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            lock = try RunLock(outputDirectory: outDir)
        } catch let error as ExportError {
            return fail(error)
        } catch {
            return fail(ExportError(.output, path: outDir, message: "cannot create the output folder: \(error.localizedDescription)"))
        }
        var results: [SourceRunResult] = []
        for plan in plans {
            guard let adapter = AdapterFactory.make(source: plan.source, transport: plan.transport, credential: plan.credential) else {
                results.append(SourceRunResult(source: plan.source, status: .failed, sessions: 0, events: 0, artifacts: 0, problems: [], failure: UsageError("source '\(plan.source.name)': this build has no adapter for platform '\(plan.source.platform)' yet"), durationSeconds: 0))
                continue
            }
            var export = SourceExport(
                adapter: adapter, outputDirectory: outDir, concurrency: concurrency, formats: outputFormats,
                software: "Chronicle \(ChronicleCommand.version)", logger: logger
            )
            export.renderOptions = renderOptions
            let result = await export.run()
            await plan.transport.shutdown()
            results.append(result)
            printSummary(result)
        }
        if outputFormats.html, results.contains(where: { $0.bagPath != nil }) {
            do {
                let index = try CumulativeIndex.rebuild(outputDirectory: outDir, options: renderOptions)
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
    }

    func fail(_ error: any Error) -> Int32 {
        FileHandle.standardError.write(Data("chronicle: \(error)\n".utf8))
        if error is TemplateError { return ExitCodes.configuration }
        return ExitCodes.code(for: error)
    }

    /// One source to export, with its transport and credential.
    struct SourcePlan {
        var source: SourceDescriptor
        var transport: any Transport
        var credential: Credential?
    }

    func resolvePlans(environment: [String: String]) throws -> [SourcePlan] {
        guard let platformName = platform else {
            if baseURL != nil || tokenEnv != nil || tokenFile != nil || !agents.isEmpty {
                throw UsageError("--base-url, --token-env, --token-file and --agent need --platform")
            }
            return try samplePlans()
        }
        guard let platformID = PlatformID(rawValue: platformName) else {
            throw UsageError("--platform '\(platformName)' is not known; use one of \(PlatformID.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let baseURL else { throw UsageError("--platform needs --base-url (an http(s) URL or file:DIR)") }
        if tokenEnv != nil, tokenFile != nil { throw UsageError("give either --token-env or --token-file, not both") }
        var secret: Secret?
        if let tokenEnv {
            guard let s = Secret.fromEnvironment(tokenEnv, environment: environment) else {
                throw UsageError("--token-env \(tokenEnv): the environment variable is not set or empty")
            }
            secret = s
        } else if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw UsageError("--token-file \(tokenFile): the file cannot be read")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw UsageError("--token-file \(tokenFile): the file is empty") }
            secret = Secret(text)
        }
        var style = AdapterFactory.defaultCredentialStyle(for: platformID)
        if let authStyle {
            guard let s = Credential.Style(rawValue: authStyle) else { throw UsageError("--auth-style must be bearer, x-api-key or x-user-id") }
            style = s
        }
        let transport: any Transport
        var options: [String: String] = [:]
        if baseURL.hasPrefix("file:") {
            let dir = String(baseURL.dropFirst("file:".count))
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw UsageError("--base-url \(baseURL): the replay folder \(dir) does not exist")
            }
            transport = ReplayTransport(root: dir)
            // The recorded requests depend on the tree's adapter options (e.g. a history limit).
            if let data = FileManager.default.contents(atPath: dir + "/replay.json"), let doc = try? JSONParser.parse([UInt8](data)) {
                options = try Self.sampleOptions(doc["options"], file: dir + "/replay.json")
            }
        } else if baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") {
            throw UsageError("--base-url \(baseURL): the HTTP transport is not in this build yet; use a replay tree (file:DIR)")
        } else {
            throw UsageError("--base-url \(baseURL): expected an http(s) URL or file:DIR")
        }
        if secret == nil, !baseURL.hasPrefix("file:") {
            throw UsageError("source '\(platformID)' needs a credential: --token-env VAR or --token-file FILE")
        }
        let source = SourceDescriptor(name: platformID.rawValue, platform: platformID, baseURL: baseURL, agents: agents, pageSize: pageSize, options: options)
        return [SourcePlan(source: source, transport: transport, credential: secret.map { Credential(style: style, secret: $0) })]
    }

    /// Every `<samples>/<dir>/replay.json` becomes a source: `{"platform": "vectara", "source":
    /// "vectara-sample", "page_size": 3}`, optionally with `"options": {"history_limit": "5"}`
    /// (adapter settings; string or number values).
    func samplePlans() throws -> [SourcePlan] {
        let fm = FileManager.default
        let root = Self.absolute(samples)
        guard let entries = try? fm.contentsOfDirectory(atPath: root) else {
            throw UsageError("no --platform given and no samples folder at \(root): give --platform, --base-url and --token-env, or --samples DIR")
        }
        var plans: [SourcePlan] = []
        for entry in entries.sorted() {
            let dir = root + "/" + entry
            guard let data = fm.contents(atPath: dir + "/replay.json") else { continue }
            guard let doc = try? JSONParser.parse([UInt8](data)), let p = doc["platform"]?.stringValue, let platformID = PlatformID(rawValue: p) else {
                throw UsageError("\(dir)/replay.json: expected {\"platform\": \"<id>\", \"source\": \"<name>\", \"page_size\": N}")
            }
            let name = doc["source"]?.stringValue ?? "\(p)-sample"
            let size = doc["page_size"]?.int64Value.map(Int.init) ?? pageSize
            let options = try Self.sampleOptions(doc["options"], file: dir + "/replay.json")
            let source = SourceDescriptor(
                name: name, platform: platformID, baseURL: "file:" + dir,
                agents: doc["agents"]?.arrayValue?.compactMap(\.stringValue) ?? [], pageSize: size, options: options
            )
            plans.append(SourcePlan(source: source, transport: ReplayTransport(root: dir), credential: nil))
        }
        guard !plans.isEmpty else { throw UsageError("\(root) holds no replay tree (a folder with replay.json)") }
        return plans
    }

    /// Reads a replay tree's optional `options` object: each member a string or a number.
    static func sampleOptions(_ value: JSONValue?, file: String) throws -> [String: String] {
        guard let value, !value.isNull else { return [:] }
        guard let members = value.objectMembers else {
            throw UsageError("\(file): \"options\" should be an object of strings or numbers")
        }
        var options: [String: String] = [:]
        for member in members {
            switch member.value {
            case .string(let text): options[member.key] = text
            case .number(let literal): options[member.key] = literal
            default: throw UsageError("\(file): option '\(member.key)' should be a string or a number")
            }
        }
        return options
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return url.standardizedFileURL.path
    }
}
