import ArgumentParser
import ChronicleBuildInfo

/// `chronicle`: export AI-agent platform sessions into verifiable bags.
public struct ChronicleCommand: AsyncParsableCommand {
    /// The release version (written once, in `BuildInfo`).
    public static let version = BuildInfo.version

    public static let configuration = CommandConfiguration(
        commandName: "chronicle",
        abstract: "Export AI-agent platform sessions into HTML transcripts, CSV usage and verifiable gzipped JSON archives.",
        // `chronicle --version`: one line with the version and the commit (see BuildInfo.versionLine).
        version: BuildInfo.versionLine,
        subcommands: [ExportCommand.self, VerifyCommand.self, RenderCommand.self, ShareCommand.self, SourcesCommand.self, UsageCommand.self]
    )

    public init() {}
}
