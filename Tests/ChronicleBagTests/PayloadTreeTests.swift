import Foundation
import Testing
@testable import ChronicleBag

/// The streamed walk sorts one directory at a time; its order must be the order of sorting every
/// relative path at once (the manifest's order), also where names hold bytes below `/`.
@Suite struct PayloadTreeTests {
    @Test func walkOrderIsTheBytewiseOrderOfWholePaths() throws {
        let root = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = [
            "a", "a-b", "a.b", "a0", "ab", "A", "z", "é", "e\u{301}", "a b",
            "d/x", "d-x", "d.x", "d0", "d/y/z", "d/y-z", "d/y.z", "d/y0",
            "sessions/ses-1/transcript.html", "sessions/ses-1-x/transcript.html", "sessions/ses-10/t", "sessions/ses-1.x",
        ]
        for file in files {
            let path = root + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(file.utf8)))
        }
        var walked: [String] = []
        PayloadTree.walk(root, file: { walked.append($0.relativePath) }, directory: { _ in }, problem: { _, _ in })
        let sorted = files.sorted { POSIXIO.bytewiseLess($0, $1) }
        #expect(walked == sorted)
        #expect(PayloadTree(walking: root).files.map(\.relativePath) == sorted)
    }
}
