import ChronicleTestSupport
import ChronicleArtifacts
import Foundation
import Testing

/// Commit, verification, dedupe and cleanup behaviour of the content-addressed writer.
@Suite struct ArtifactFileWriterTests {
    static let helloSHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"

    @Test func commitNamesFileByContentAddress() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory)
        #expect(try TestSupport.listDirectory(directory).count == 1)
        #expect(try TestSupport.listDirectory(directory).allSatisfy { $0.hasPrefix(".") && $0.hasSuffix(".partial") })
        try TestSupport.write("hel", to: writer)
        try TestSupport.write("lo", to: writer)
        let stored = try writer.commit(expectedSize: 5, expectedSHA256: Self.helloSHA256, fileExtension: "txt")
        #expect(stored == StoredArtifact(sha256: Self.helloSHA256, size: 5, fileName: "\(Self.helloSHA256).txt", alreadyExisted: false))
        #expect(try TestSupport.listDirectory(directory) == ["\(Self.helloSHA256).txt"])
        let contents = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + stored.fileName))
        #expect(contents == Data("hello".utf8))
    }

    @Test func checksumComparisonIsCaseInsensitiveAndExpectationsOptional() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let upper = try ArtifactFileWriter(directory: directory)
        try TestSupport.write("hello", to: upper)
        _ = try upper.commit(expectedSize: nil, expectedSHA256: Self.helloSHA256.uppercased(), fileExtension: "txt")
        let unchecked = try ArtifactFileWriter(directory: directory + "/")
        try TestSupport.write("hello!", to: unchecked)
        let stored = try unchecked.commit(expectedSize: nil, expectedSHA256: nil, fileExtension: "bin")
        #expect(stored.size == 6)
        #expect(try TestSupport.listDirectory(directory).count == 2)
    }

    @Test func sizeMismatchThrowsAndLeavesNoFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory, artifactName: "session-7/screenshot.png")
        try TestSupport.write("hello", to: writer)
        let error = #expect(throws: ArtifactError.self) {
            try writer.commit(expectedSize: 6, expectedSHA256: Self.helloSHA256, fileExtension: "txt")
        }
        #expect(error?.kind == .sizeMismatch(expected: 6, actual: 5))
        #expect(error?.description.hasPrefix("artifact 'session-7/screenshot.png': size mismatch") == true)
        #expect(error?.description.contains("6 bytes") == true)
        #expect(try TestSupport.listDirectory(directory) == [])
        // The writer stays failed.
        let sticky = try #require(error)
        #expect(throws: sticky) { try writer.commit(expectedSize: nil, expectedSHA256: nil, fileExtension: "txt") }
    }

    @Test func checksumMismatchThrowsAndLeavesNoFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory, artifactName: "a1")
        try TestSupport.write("hello", to: writer)
        let wrong = String(repeating: "0", count: 64)
        let error = #expect(throws: ArtifactError.self) {
            try writer.commit(expectedSize: 5, expectedSHA256: wrong, fileExtension: "txt")
        }
        #expect(error?.kind == .checksumMismatch(expected: wrong, actual: Self.helloSHA256))
        #expect(error?.description.hasPrefix("artifact 'a1': checksum mismatch") == true)
        #expect(try TestSupport.listDirectory(directory) == [])
    }

    @Test(arguments: ["abc", "", String(repeating: "g", count: 64), String(repeating: "a", count: 65), " " + helloSHA256])
    func malformedExpectedChecksumIsAMismatch(expected: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory)
        try TestSupport.write("hello", to: writer)
        let error = #expect(throws: ArtifactError.self) {
            try writer.commit(expectedSize: 5, expectedSHA256: expected, fileExtension: "txt")
        }
        #expect(error?.kind == .checksumMismatch(expected: expected, actual: Self.helloSHA256))
        #expect(error?.description.hasPrefix("checksum mismatch: the declared SHA-256") == true)
        #expect(error?.description.contains("not 64 hex digits") == true)
        #expect(try TestSupport.listDirectory(directory) == [])
    }

    @Test func identicalArtifactIsDeduplicated() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let first = try ArtifactFileWriter(directory: directory)
        try TestSupport.writeBase64("aGVs", to: first)
        try TestSupport.writeBase64("bG8=", to: first)
        try first.finishBase64()
        let stored = try first.commit(expectedSize: 5, expectedSHA256: Self.helloSHA256, fileExtension: "txt")
        #expect(!stored.alreadyExisted)
        let second = try ArtifactFileWriter(directory: directory)
        try TestSupport.write("hello", to: second)
        let again = try second.commit(expectedSize: 5, expectedSHA256: nil, fileExtension: "txt")
        #expect(again.alreadyExisted)
        #expect(again.fileName == stored.fileName)
        #expect(try TestSupport.listDirectory(directory) == [stored.fileName])
    }

    @Test func invalidBase64FailsAndRemovesTemporaryFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory, artifactName: "tool-output-3")
        try TestSupport.writeBase64("Zm9v", to: writer)
        let error = #expect(throws: ArtifactError.self) { try TestSupport.writeBase64("Zm_v", to: writer) }
        #expect(error?.kind == .invalidBase64(Base64DecodingError(offset: 6, reason: "'_' is not in the standard alphabet (url-safe base64 is not accepted)")))
        #expect(error?.description.contains("tool-output-3") == true)
        #expect(try TestSupport.listDirectory(directory) == [])
        #expect(throws: ArtifactError.self) { try writer.commit(expectedSize: nil, expectedSHA256: nil, fileExtension: "txt") }
        #expect(try TestSupport.listDirectory(directory) == [])
    }

    @Test func commitFinishesBase64AndRejectsMissingPadding() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory)
        try TestSupport.writeBase64("Zm9vYg", to: writer)
        let error = #expect(throws: ArtifactError.self) {
            try writer.commit(expectedSize: nil, expectedSHA256: nil, fileExtension: "bin")
        }
        guard case let .invalidBase64(decodingError)? = error?.kind else {
            Issue.record("expected invalidBase64, got \(String(describing: error))")
            return
        }
        #expect(decodingError.offset == 6)
        #expect(decodingError.reason.contains("missing padding"))
        #expect(try TestSupport.listDirectory(directory) == [])
    }

    @Test(arguments: ["", "../x", "PNG", "tar.gz", "p%2f", "a b", "abcdefghijk"])
    func unsafeExtensionIsRefused(ext: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory)
        try TestSupport.write("hello", to: writer)
        let error = #expect(throws: ArtifactError.self) {
            try writer.commit(expectedSize: nil, expectedSHA256: nil, fileExtension: ext)
        }
        #expect(error?.kind == .unsafeFileExtension(ext))
        #expect(try TestSupport.listDirectory(directory) == [])
    }

    @Test func discardAndDeinitRemoveTemporaryFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try ArtifactFileWriter(directory: directory)
        try TestSupport.write("hello", to: writer)
        #expect(try TestSupport.listDirectory(directory).count == 1)
        writer.discard()
        #expect(try TestSupport.listDirectory(directory) == [])
        #expect(throws: ArtifactError.self) { try TestSupport.write("more", to: writer) }
        do {
            let abandoned = try ArtifactFileWriter(directory: directory)
            try TestSupport.write("hello", to: abandoned)
            #expect(try TestSupport.listDirectory(directory).count == 1)
        }
        #expect(try TestSupport.listDirectory(directory) == [])
    }

    @Test func largeWritesBypassTheBuffer() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        var rng = SplitMix64(seed: 9)
        var bytes: [UInt8] = []
        rng.fill(&bytes, count: 600_000)
        let writer = try ArtifactFileWriter(directory: directory)
        try bytes[0..<10].withUnsafeBytes { try writer.write($0) }
        try bytes[10..<500_010].withUnsafeBytes { try writer.write($0) }
        try bytes[500_010...].withUnsafeBytes { try writer.write($0) }
        let stored = try writer.commit(expectedSize: 600_000, expectedSHA256: nil, fileExtension: "bin")
        let contents = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + stored.fileName))
        #expect(contents == Data(bytes))
    }

    @Test func missingDirectoryIsAnIOError() throws {
        let error = #expect(throws: ArtifactError.self) {
            _ = try ArtifactFileWriter(directory: "/nonexistent-\(UUID().uuidString)", artifactName: "x")
        }
        guard case let .io(path, message)? = error?.kind else {
            Issue.record("expected io error, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix(".partial"))
        #expect(message.contains("No such file or directory"))
    }
}
