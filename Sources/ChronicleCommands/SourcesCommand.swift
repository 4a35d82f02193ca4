import ArgumentParser
import ChronicleConfig
import ChronicleCore
import ChroniclePlatforms
import ChronicleTransport
import Foundation

/// `chronicle sources`: lists the sources and checks each one: reachable, the credential
/// accepted, how many agents and sessions it sees. Exits 77 when a source refuses its
/// credential, 69 when one cannot be reached (the worst over all sources), else 0.
public struct SourcesCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources and check each: reachable, credential accepted, agents and sessions seen.",
        discussion: """
            With --config FILE, checks the file (exit 78 with its file and line when it is wrong) and \
            then each of its sources, without exporting. With --platform, checks the one source given \
            by flags; with neither, every replay tree under --samples (default ./samples). Nothing is \
            written.

            Examples:
              chronicle sources --config /etc/chronicle/chronicle.toml
              chronicle sources --platform vectara --base-url https://api.vectara.io/v2 --token-env VECTARA_API_KEY
            """
    )

    @OptionGroup(title: "Source") var sourceFlags: SourceFlags

    @Option(help: "Configuration file (TOML) whose sources are checked; nothing is exported.")
    var config: String?

    @Option(help: "Folder of replay trees checked when no --platform is given.")
    var samples: String = "samples"

    @Option(name: .customLong("page-size"), help: "Page size sent as `limit` on paged listings (default: the replay tree's, else 100).")
    var pageSize: Int?

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to connect to an http(s) source.")
    var connectTimeout: Int = 10

    @Option(name: .customLong("read-timeout"), help: "Seconds of silence allowed while reading from an http(s) source.")
    var readTimeout: Int = 60

    public init() {}

    public func run() async throws {
        let result = await check()
        for line in result.lines {
            print(line)
        }
        if result.status != 0 { throw ExitCode(result.status) }
    }

    /// What `sources` printed and its exit status.
    public struct Report: Sendable {
        public var status: Int32
        public var lines: [String]
    }

    /// Checks every source; failures are also written to standard error, one line each.
    public func check(environment: [String: String] = ProcessInfo.processInfo.environment) async -> Report {
        let resolver = sourceFlags.resolver(
            record: nil, samples: samples, pageSize: pageSize, concurrency: 4, connectTimeout: connectTimeout, readTimeout: readTimeout
        )
        let plans: [SourcePlan]
        var configurationLine: String?
        do {
            if let pageSize, !(1...1000).contains(pageSize) { throw UsageError("--page-size must be between 1 and 1000, not \(pageSize)") }
            guard connectTimeout >= 1, connectTimeout <= 600 else { throw UsageError("--connect-timeout must be between 1 and 600 seconds, not \(connectTimeout)") }
            guard readTimeout >= 1, readTimeout <= 3600 else { throw UsageError("--read-timeout must be between 1 and 3600 seconds, not \(readTimeout)") }
            if let config {
                if sourceFlags.platform != nil { throw UsageError("give either --config or --platform, not both") }
                let configuration = try ConfigurationLoader.load(path: SourceResolver.absolute(config))
                let configured = ConfiguredSourceResolver(
                    sourceFlags: sourceFlags, pageSize: pageSize, concurrency: nil, connectTimeout: connectTimeout,
                    readTimeout: readTimeout, maxResponseMB: HTTPTransportConfiguration.defaultMaxResponseBytes >> 20
                )
                plans = try await configured.plans(configuration, environment: environment)
                configurationLine = "configuration \(configuration.file): valid, \(plans.count) \(plans.count == 1 ? "source" : "sources")"
            } else {
                plans = try await resolver.plans(environment: environment)
            }
        } catch {
            let line = "chronicle: \(error)"
            FileHandle.standardError.write(Data((line + "\n").utf8))
            return Report(status: ExitCodes.code(for: error), lines: [line])
        }
        var lines: [String] = configurationLine.map { [$0] } ?? []
        var worst: Int32 = ExitCodes.complete
        for plan in plans {
            let (status, line) = await check(plan)
            await plan.transport.shutdown()
            lines.append(line)
            if status != 0 { FileHandle.standardError.write(Data("chronicle: \(line)\n".utf8)) }
            if Self.rank(status) > Self.rank(worst) { worst = status }
        }
        return Report(status: worst, lines: lines)
    }

    /// Checks one source: lists its agents and counts every agent's sessions.
    func check(_ plan: SourcePlan) async -> (Int32, String) {
        let source = plan.source
        let name = "source \(source.name) (\(source.platform.rawValue))"
        guard let adapter = AdapterFactory.make(source: source, transport: plan.transport, credential: plan.credential, oauth: plan.oauth) else {
            return (ExitCodes.configuration, "\(name): this build has no adapter for the platform")
        }
        let replay = source.baseURL.hasPrefix("file:")
        do {
            let agents = try await adapter.agents()
            var sessions = 0
            var problems = 0
            for agent in agents {
                try await adapter.listSessions(of: agent, problem: { _ in problems += 1 }) { _ in sessions += 1 }
            }
            var line = "\(name): " + (replay ? "replay tree readable, no credential needed" : "reachable, credential accepted")
            line += ", \(agents.count) \(agents.count == 1 ? "agent" : "agents")\(source.agents.isEmpty ? "" : " (configured)")"
            line += ", \(sessions) \(sessions == 1 ? "session" : "sessions")"
            if problems > 0 { line += ", \(problems) unreadable listing \(problems == 1 ? "record" : "records")" }
            return (ExitCodes.complete, line)
        } catch let error as PlatformError {
            let what: String
            switch error.kind {
            case .credentialsRefused: what = "credential refused"
            case .unreachable: what = "unreachable"
            case .badConfiguration: what = "bad configuration"
            default: what = "listing failed"
            }
            return (ExitCodes.code(for: error), "\(name): \(what): \(error)")
        } catch {
            return (ExitCodes.code(for: error), "\(name): \(error)")
        }
    }

    /// Which status wins when sources fail differently: refused credentials first.
    static func rank(_ status: Int32) -> Int {
        switch status {
        case ExitCodes.credentials: return 4
        case ExitCodes.unavailable, ExitCodes.configuration: return 3
        case ExitCodes.complete: return 0
        default: return 2
        }
    }
}
