import ArgumentParser
import ChronicleBag
import Foundation

/// `chronicle verify`: re-checks bags, stricter than common BagIt validators.
public struct VerifyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check bags: full SHA-256 of every file, no missing or extra files, strict gzip, every archive parses, the run chain intact.",
        discussion: """
            Each argument is a bag folder (<out>/<source>/<run-id>) or an output folder: then every \
            bag under it is verified, each source's chain with it, and its .chronicle/state.sqlite \
            (when there) must hold each bag's committed digest.
            A valid BagIt bag that Chronicle did not write (no Chronicle-… field in bag-info.txt) gets \
            the BagIt checks only (manifests of any common algorithm, Payload-Oxum, full hashes).
            Exits 0 when every bag is sound, 65 when any is damaged (each damaged file is named), \
            4 when none is damaged but some bag was not written by Chronicle, 64 when a path is \
            neither a bag nor an output folder.

            Examples:
              chronicle verify /var/lib/chronicle
              chronicle verify /var/lib/chronicle/support/20261122T020000Z
              chronicle verify s3://archive/nightly/support/20261122T020000Z --deep
            """
    )

    @Argument(help: "Bag folders (<out>/<source>/<run-id>), output folders, or bags in object storage (s3://bucket/prefix/<source>/<run-id>).")
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

    /// Tallies over every bag verified.
    private struct Tally {
        var bags = 0
        var damaged = 0
        var foreign = 0
    }

    public func execute() -> Int32 {
        guard !bags.isEmpty else {
            FileHandle.standardError.write(Data("chronicle: verify needs at least one bag folder or output folder\n".utf8))
            return ExitCodes.usage
        }
        var targets: [VerifyTarget] = []
        for path in bags {
            do {
                targets.append(try VerifyTarget.classify(path))
            } catch {
                FileHandle.standardError.write(Data("chronicle: \(error)\n".utf8))
                return ExitCodes.usage
            }
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
        var total = Tally()
        for target in targets {
            switch target {
            case .bag(let bag):
                verifyBag(bag, verifier: verifier, committed: committed, insideOutputFolder: false, tally: &total)
            case .outputFolder(let path, let sources, let stateFile):
                var folderState = committed
                if folderState == nil, let stateFile {
                    do {
                        folderState = try CommittedDigests(statePath: stateFile)
                    } catch {
                        FileHandle.standardError.write(Data("chronicle: \(stateFile) cannot be read: \(error); give --state or move it aside\n".utf8))
                        return ExitCodes.usage
                    }
                }
                var tally = Tally()
                for source in sources {
                    for bag in source.bags {
                        verifyBag(bag, verifier: verifier, committed: folderState, insideOutputFolder: true, tally: &tally)
                    }
                    // A deleted newest bag breaks no chain: only the state knows it was written.
                    for missing in folderState?.missingBags(source: source.name, present: source.bags) ?? [] {
                        tally.damaged += 1
                        print("DAMAGED: \(path)/\(source.name)/\(missing)")
                        print("  (state): run \(missing) of source '\(source.name)' is committed in the state but its bag is gone: deleted or moved")
                    }
                }
                let checks = "each source's chain" + (folderState == nil ? "" : " and the state's digests")
                let verdict = tally.damaged == 0 ? "all intact" : "\(tally.damaged) damaged"
                print("output folder \(path): \(tally.bags) \(tally.bags == 1 ? "bag" : "bags") in \(sources.count) \(sources.count == 1 ? "source" : "sources") verified with \(checks): \(verdict)")
                total.bags += tally.bags
                total.damaged += tally.damaged
                total.foreign += tally.foreign
            }
        }
        if total.damaged > 0 {
            FileHandle.standardError.write(Data("chronicle: \(total.damaged) of \(total.bags) bag\(total.bags == 1 ? "" : "s") damaged\n".utf8))
            return ExitCodes.damaged
        }
        if total.foreign > 0 {
            FileHandle.standardError.write(Data("chronicle: \(total.foreign) of \(total.bags) bag\(total.bags == 1 ? "" : "s") valid BagIt but not written by Chronicle (BagIt checks only)\n".utf8))
            return ExitCodes.foreignBag
        }
        return ExitCodes.complete
    }

    /// Verifies one bag, prints its verdict (and each damage) and counts it.
    private func verifyBag(_ bag: String, verifier: BagVerifier, committed: CommittedDigests?, insideOutputFolder: Bool, tally: inout Tally) {
        let report = verifier.verify(bagAt: bag, requireChronicle: insideOutputFolder)
        var damages = report.damages
        if let committed, report.origin == .chronicle { damages += committed.problems(bag: bag) }
        tally.bags += 1
        switch (damages.isEmpty, report.origin) {
        case (true, .chronicle):
            print("sound: \(bag)")
        case (true, .foreign):
            tally.foreign += 1
            print("foreign: \(bag) — a valid BagIt bag not written by Chronicle: manifests, Payload-Oxum and full hashes checked; archives, run chain and run.json not checked")
        case (false, _):
            tally.damaged += 1
            print("DAMAGED: \(bag)" + (report.origin == .foreign ? " (a BagIt bag not written by Chronicle; BagIt checks only)" : ""))
            for d in damages { print("  \(d.file): \(d.problem)") }
        }
    }
}
