import Foundation

// chronicle-bench: helpers for scripts/bench.
//   chronicle-bench serve --root DIR [--latency-ms 20]   serve a replay tree over loopback HTTP
let arguments = Array(CommandLine.arguments.dropFirst())

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: chronicle-bench serve --root DIR [--latency-ms N]\n".utf8))
    exit(64)
}

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

guard arguments.first == "serve", let root = option("--root") else { usage() }
let latency = option("--latency-ms").flatMap { Int64($0) } ?? 20
do {
    try await LatencyReplayServer(root: root, latencyMilliseconds: latency).run()
} catch {
    FileHandle.standardError.write(Data("chronicle-bench: \(error)\n".utf8))
    exit(1)
}
