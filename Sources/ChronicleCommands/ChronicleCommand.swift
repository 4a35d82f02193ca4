import ArgumentParser

/// `chronicle`: export AI-agent platform sessions into verifiable bags.
public struct ChronicleCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "chronicle",
        abstract: "Export AI-agent platform sessions into HTML transcripts, CSV usage and verifiable gzipped JSON archives.",
        version: version,
        subcommands: [ExportCommand.self, VerifyCommand.self, RenderCommand.self, ShareCommand.self, SourcesCommand.self, UsageCommand.self]
    )

    public init() {}
}
