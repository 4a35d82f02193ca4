import ChronicleTestSupport
import Foundation
import Testing

/// The real `chronicle` binary, alone in its own process, exporting a 50 MB artifact: its peak
/// resident memory must stay flat (the artifact is decoded in chunks straight to disk).
@Suite("Binary memory", .serialized)
struct BinaryMemoryTests {
    /// `.build/<config>/chronicle`, beside the test bundle.
    static var binary: String { Repository.chronicleBinary }

    @Test func fiftyMegabyteArtifactWithFlatMemory() async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the chronicle binary first (swift build): \(binary)")
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = tmp.path + "/tree"
        let builder = ReplayTreeBuilder(root: tree)
        // 50 MB of bytes, base64 wrapped at 76 columns with JSON "\n" escapes, written by Python.
        let script = """
            import base64, hashlib, json, os, sys
            size = 50 * 1024 * 1024
            data = (hashlib.sha256(b"seed").digest() * (size // 32 + 1))[:size]
            data = bytes((b + i) & 0xFF for i, b in enumerate(data[:4096])) + data[4096:]
            sha = hashlib.sha256(data).hexdigest()
            b64 = base64.encodebytes(data).decode().replace("\\n", "\\\\n")
            out = sys.argv[1]
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, "w") as f:
                f.write('{"artifact_id": "art_big", "filename": "big.bin", "mime_type": "application/octet-stream", "size_bytes": %d, "checksum_sha256": "%s", "data": "' % (size, sha))
                f.write(b64)
                f.write('"}')
            print(sha)
            """
        try builder.build(sessions: ["s1"], artifacts: ["s1": [(meta: #"{"artifact_id": "art_big", "filename": "big.bin", "size_bytes": 52428800}"#, full: "placeholder", status: nil)]])
        let artifactFile = tree + "/agents/agt/sessions/s1/artifacts/art_big/GET.json"
        let made = try run("python3", ["-c", script, artifactFile])
        try #require(made.status == 0, "\(made.output)")
        let sha = made.output.trimmingCharacters(in: .whitespacesAndNewlines)
        // Peak RSS of the child, measured by the kernel (getrusage of children).
        let measure = """
            import resource, subprocess, sys
            r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let result = try run("python3", ["-c", measure, binary, "export", "--platform", "vectara", "--base-url", "file:" + tree, "--out", tmp.path + "/out", "--formats", "archive"])
        let parts = result.output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        try #require(parts.count == 2, "\(result.output)")
        #expect(parts[0] == "0", "export exit status")
        let peakKB = Int(parts[1]) ?? Int.max
        // Holding the base64 (70 MB) or the decoded bytes (50 MB) would push far past this.
        #expect(peakKB < 60 * 1024, "peak RSS \(peakKB) kB")
        let bag = try #require(try bags(in: tmp.path + "/out", source: "vectara").first)
        #expect(FileManager.default.fileExists(atPath: "\(bag)/data/artifacts/\(sha).bin"))
    }
}
