import ChronicleArtifacts
import Testing

/// Safe extension choice from media types and (possibly hostile) file names.
@Suite struct ArtifactFileExtensionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let mediaType: String?
        let fileName: String?
        let expected: String
        var testDescription: String { "\(mediaType ?? "nil") / \(fileName ?? "nil") → \(expected)" }
    }

    static let cases: [Case] = [
        Case(mediaType: "image/png", fileName: nil, expected: "png"),
        Case(mediaType: "image/jpeg", fileName: "photo.jpeg", expected: "jpg"),
        Case(mediaType: "image/gif", fileName: nil, expected: "gif"),
        Case(mediaType: "image/webp", fileName: nil, expected: "webp"),
        Case(mediaType: "image/svg+xml", fileName: nil, expected: "svg"),
        Case(mediaType: "application/pdf", fileName: "x.exe", expected: "pdf"),
        Case(mediaType: "text/plain; charset=utf-8", fileName: nil, expected: "txt"),
        Case(mediaType: "Text/Markdown", fileName: nil, expected: "md"),
        Case(mediaType: "text/csv", fileName: nil, expected: "csv"),
        Case(mediaType: " application/json ", fileName: nil, expected: "json"),
        Case(mediaType: "text/html", fileName: nil, expected: "html"),
        Case(mediaType: "application/zip", fileName: nil, expected: "zip"),
        Case(mediaType: "application/octet-stream", fileName: "data.parquet", expected: "parquet"),
        Case(mediaType: "application/x-unknown", fileName: nil, expected: "bin"),
        Case(mediaType: nil, fileName: nil, expected: "bin"),
        Case(mediaType: nil, fileName: "../../etc/passwd", expected: "bin"),
        Case(mediaType: nil, fileName: "a.PNG", expected: "png"),
        Case(mediaType: nil, fileName: "x.tar.gz", expected: "gz"),
        Case(mediaType: nil, fileName: "evil.p%2Fhp", expected: "bin"),
        Case(mediaType: nil, fileName: "name.", expected: "bin"),
        Case(mediaType: nil, fileName: ".bashrc", expected: "bin"),
        Case(mediaType: nil, fileName: "a." + String(repeating: "x", count: 300), expected: "bin"),
        Case(mediaType: nil, fileName: "a.abcdefghij", expected: "abcdefghij"),
        Case(mediaType: nil, fileName: "a.abcdefghijk", expected: "bin"),
        Case(mediaType: nil, fileName: "dir.d/file", expected: "bin"),
        Case(mediaType: nil, fileName: "C:\\dir.d\\file.Txt", expected: "txt"),
        Case(mediaType: nil, fileName: "report.p df", expected: "bin"),
        Case(mediaType: nil, fileName: "x.a\u{0}b", expected: "bin"),
        Case(mediaType: nil, fileName: "x.pn\u{212A}", expected: "bin"),
        Case(mediaType: "../../png", fileName: "x.sh\n", expected: "bin"),
    ]

    @Test(arguments: cases)
    func chooses(testCase: Case) {
        let ext = ArtifactFileExtension.choose(mediaType: testCase.mediaType, fileName: testCase.fileName)
        #expect(ext == testCase.expected)
        #expect(ArtifactFileExtension.isSafe(ext))
        #expect(!ext.contains { $0 == "/" || $0 == "." || $0 == "%" || $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true })
    }
}
