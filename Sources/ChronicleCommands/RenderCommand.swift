import ArgumentParser
import ChronicleExport
import ChronicleRender
import Foundation

/// `chronicle render`: rebuilds the HTML of bags from their archives alone, offline.
public struct RenderCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Rebuild HTML transcripts and index pages from bags' archives alone (offline).",
        discussion: "Writes <out>/<source>/<run-id>/ per bag (index.html, sessions/*/transcript.html, the artifacts shown, run.json and usage/*.csv copied from the bag) and rebuilds <out>/index.html over every run in <out>, earlier renders included."
    )

    @Argument(help: "Bag folders (<out>/<source>/<run-id>).")
    var bags: [String] = []

    @Option(help: "Output folder.")
    var out: String?

    @OptionGroup var render: RenderOptionFlags

    public init() {}

    public func run() async throws {
        let status = execute()
        if status != 0 { throw ExitCode(status) }
    }

    public func execute() -> Int32 {
        guard !bags.isEmpty, let out else {
            FileHandle.standardError.write(Data("chronicle: render needs at least one bag folder and --out DIR\n".utf8))
            return ExitCodes.usage
        }
        do {
            let options = try render.make(software: "Chronicle \(ChronicleCommand.version)")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let renderer = ArchiveRenderer(options: options)
            for bag in bags {
                let result = try renderer.render(bag: bag, outDirectory: out)
                print("rendered: \(bag) -> \(result.directory)/index.html (\(result.sessions) session\(result.sessions == 1 ? "" : "s"))")
            }
            // From every run in the folder, earlier renders and exports included: merged, never replaced.
            print("index: \(try CumulativeIndex.rebuild(outputDirectory: out, options: options))")
            return ExitCodes.complete
        } catch {
            FileHandle.standardError.write(Data("chronicle: render failed: \(error)\n".utf8))
            return ExitCodes.code(for: error)
        }
    }
}
