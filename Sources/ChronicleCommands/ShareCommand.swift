import ArgumentParser
import ChronicleRender
import Foundation

/// `chronicle share`: one self-contained, redacted transcript of one session.
public struct ShareCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Write one self-contained, redacted HTML transcript of a session (images inlined up to a size budget).",
        discussion: "The file loads nothing from anywhere: its CSP allows only inline styles, its own script and data: images."
    )

    @Argument(help: "The bag folder (<out>/<source>/<run-id>).")
    var bag: String

    @Argument(help: "The platform's session id.")
    var sessionID: String

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String

    @Option(name: .customLong("image-budget"), help: "Most bytes of artifacts embedded (default 5 MB): images inline, text files as readable text, others as data: links; the rest are listed only.")
    var imageBudget: Int = 5 << 20

    @OptionGroup var render: RenderOptionFlags

    public init() {}

    public func run() async throws {
        let status = execute()
        if status != 0 { throw ExitCode(status) }
    }

    public func execute() -> Int32 {
        guard imageBudget >= 0 else {
            FileHandle.standardError.write(Data("chronicle: --image-budget must not be negative\n".utf8))
            return ExitCodes.usage
        }
        do {
            let options = try render.make(software: "Chronicle \(ChronicleCommand.version)")
            try ArchiveRenderer(options: options).share(bag: bag, sessionID: sessionID, output: output, imageBudget: imageBudget)
            print("shared: \(output)")
            return ExitCodes.complete
        } catch let error as RenderError where error.message.hasPrefix("no session") {
            FileHandle.standardError.write(Data("chronicle: share failed: \(error)\n".utf8))
            return ExitCodes.usage
        } catch {
            FileHandle.standardError.write(Data("chronicle: share failed: \(error)\n".utf8))
            return ExitCodes.code(for: error)
        }
    }
}
