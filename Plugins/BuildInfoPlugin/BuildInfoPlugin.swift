import Foundation
import PackagePlugin

/// Writes `GeneratedCommit.swift` into the target before every build, with scripts/build-info:
/// the commit the package directory is checked out at (`git rev-parse HEAD`, with `-dirty` when
/// tracked files differ from it) and that commit's date. Without git, or outside a git checkout
/// of this package (a source tarball, even one unpacked inside some other repository), both are
/// "unknown".
///
/// A prebuild command runs on every build (one `git rev-parse`, `git log` and
/// `git status --untracked-files=no`: milliseconds); the file is replaced only when its content
/// changes, so an unchanged commit recompiles nothing. The alternative, a C define passed with
/// `-Xcc -D…` by scripts/package, would change every module's command line and rebuild the whole
/// package for each commit, and would leave developer builds "unknown".
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [
            .prebuildCommand(
                displayName: "Reading the commit \(target.name) is built from",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [context.package.directoryURL.appending(path: "scripts/build-info").path, context.package.directoryURL.path, output.path],
                outputFilesDirectory: output
            )
        ]
    }
}
