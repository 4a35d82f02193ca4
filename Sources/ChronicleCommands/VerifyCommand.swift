import ArgumentParser
import ChronicleBag
import Foundation

/// `chronicle verify`: re-checks bags, stricter than common BagIt validators.
public struct VerifyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check bags: full SHA-256 of every file, no missing or extra files, strict gzip, every archive parses, the run chain intact.",
        discussion: "Exits 0 when every bag is sound, 65 when any is damaged (each damaged file is named)."
    )

    @Argument(help: "Bag folders (<out>/<source>/<run-id>), or bags in object storage (s3://bucket/prefix/<source>/<run-id>).")
    var bags: [String] = []

    @Option(name: .customLong("state"), help: "The output folder's state database (<out>/.chronicle/state.sqlite): each bag's tagmanifest digest must be the one committed for its run, so a rewritten newest bag is caught, not only a broken chain.")
    var state: String?

    @OptionGroup(title: "Bags in object storage (s3://bucket/prefix/<source>/<run-id>)") var remote: RemoteVerifyFlags

    public init() {}

    public func run() async throws {
        let status: Int32
        if bags.contains(where: RemoteVerify.isRemote) { status = await RemoteVerify.execute(bags, flags: remote) } else { status = execute() }
        if status != 0 { throw ExitCode(status) }
    }

    public func execute() -> Int32 {
        guard !bags.isEmpty else {
            FileHandle.standardError.write(Data("chronicle: verify needs at least one bag folder\n".utf8))
            return ExitCodes.usage
        }
        let verifier = BagVerifier(inspectors: [(suffix: ".json.gz", inspector: ArchiveInspector())])
        var committed: CommittedDigests?
        if let state {
            guard FileManager.default.fileExists(atPath: state) else {
                FileHandle.standardError.write(Data("chronicle: --state \(state): no such file; give the output folder's .chronicle/state.sqlite\n".utf8))
                return ExitCodes.usage
            }
            do {
                committed = try CommittedDigests(statePath: state)
            } catch {
                FileHandle.standardError.write(Data("chronicle: --state \(state) cannot be read: \(error)\n".utf8))
                return ExitCodes.usage
            }
        }
        var damaged = 0
        for bag in bags {
            var damages = verifier.verify(bagAt: bag).damages
            if let committed { damages += committed.problems(bag: bag) }
            if damages.isEmpty {
                print("sound: \(bag)")
            } else {
                damaged += 1
                print("DAMAGED: \(bag)")
                for d in damages { print("  \(d.file): \(d.problem)") }
            }
        }
        if damaged > 0 {
            FileHandle.standardError.write(Data("chronicle: \(damaged) of \(bags.count) bag\(bags.count == 1 ? "" : "s") damaged\n".utf8))
            return ExitCodes.damaged
        }
        return ExitCodes.complete
    }
}
