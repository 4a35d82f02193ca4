import ChronicleArtifacts
import Testing

/// Invalid input is rejected with the absolute offset of the offending byte, however it is chunked.
@Suite struct Base64RejectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let offset: Int
        let reasonContains: String
        var testDescription: String { "\(input.debugDescription) @\(offset)" }
    }

    static let cases: [Case] = [
        Case(input: "Zm9vYm-y", offset: 6, reasonContains: "url-safe base64 is not accepted"),
        Case(input: "Zm9v_mFy", offset: 4, reasonContains: "url-safe base64 is not accepted"),
        Case(input: "Zm*v", offset: 2, reasonContains: "'*' is not in the standard alphabet"),
        Case(input: "Zm9v Zg==", offset: 4, reasonContains: "space"),
        Case(input: "Zm9v\tZg==", offset: 4, reasonContains: "tab"),
        Case(input: "Zm9v\r\nYm-y", offset: 8, reasonContains: "url-safe"),
        Case(input: "Zm9v\u{0}", offset: 4, reasonContains: "0x00"),
        Case(input: "Zm9vYg", offset: 6, reasonContains: "missing padding"),
        Case(input: "Zm9vYg\r\n", offset: 8, reasonContains: "missing padding"),
        Case(input: "Z", offset: 1, reasonContains: "missing padding"),
        Case(input: "Zg=", offset: 3, reasonContains: "missing padding"),
        Case(input: "Zm9vYg===", offset: 8, reasonContains: "extra padding"),
        Case(input: "====", offset: 0, reasonContains: "extra padding"),
        Case(input: "x===", offset: 1, reasonContains: "extra padding"),
        Case(input: "QQ===", offset: 4, reasonContains: "extra padding"),
        Case(input: "Zm8==", offset: 4, reasonContains: "extra padding"),
        Case(input: "Zg==Zg==", offset: 4, reasonContains: "data after padding"),
        Case(input: "Zg=Zg==", offset: 3, reasonContains: "data after padding"),
        Case(input: "Zm9v=Zg==", offset: 4, reasonContains: "extra padding"),
        Case(input: "QR==", offset: 1, reasonContains: "non-canonical"),
        Case(input: "Zm9vZm9=", offset: 6, reasonContains: "non-canonical"),
        Case(input: "Zm\r\n9=", offset: 4, reasonContains: "non-canonical"),
    ]

    @Test(arguments: cases)
    func rejectedWithExactOffsetAtEverySplit(testCase: Case) throws {
        let whole = try #require(TestSupport.decodingError(testCase.input))
        #expect(whole.offset == testCase.offset)
        #expect(whole.reason.contains(testCase.reasonContains), "\(whole)")
        #expect(whole.description.hasPrefix("invalid base64 at offset \(testCase.offset): "))
        let count = testCase.input.utf8.count
        for cut in 0...count {
            #expect(TestSupport.decodingError(testCase.input, cuts: [cut]) == whole, "cut \(cut)")
        }
        #expect(TestSupport.decodingError(testCase.input, cuts: Array(0..<count)) == whole, "byte-wise")
    }

    @Test func canonicalPaddedQuadsAreAccepted() throws {
        #expect(try TestSupport.decode("QQ==") == [0x41])
        #expect(try TestSupport.decode("Zm8=") == Array("fo".utf8))
    }

    @Test func urlSafeMessage() throws {
        let error = try #require(TestSupport.decodingError("Zm9v-A=="))
        #expect(error.description == "invalid base64 at offset 4: '-' is not in the standard alphabet (url-safe base64 is not accepted)")
    }

    @Test func badByteInSecondChunkReportsAbsoluteOffset() throws {
        var decoder = StrictBase64Decoder()
        var output: [UInt8] = []
        try Array("Zm9vYmFy\r\n".utf8).withUnsafeBytes { chunk in
            try decoder.decode(chunk) { output.append(contentsOf: $0) }
        }
        #expect(output == Array("foobar".utf8))
        let error = #expect(throws: Base64DecodingError.self) {
            try Array("Zm9vYm!y".utf8).withUnsafeBytes { chunk in
                try decoder.decode(chunk) { output.append(contentsOf: $0) }
            }
        }
        #expect(error?.offset == 16)
        // The error is sticky.
        let sticky = try #require(error)
        #expect(throws: sticky) {
            try decoder.finish { _ in }
        }
    }

    @Test func decodeAfterFinishIsRejected() throws {
        var decoder = StrictBase64Decoder()
        try Array("Zg==".utf8).withUnsafeBytes { chunk in try decoder.decode(chunk) { _ in } }
        try decoder.finish { _ in }
        let error = #expect(throws: Base64DecodingError.self) {
            try Array("Zg==".utf8).withUnsafeBytes { chunk in try decoder.decode(chunk) { _ in } }
        }
        #expect(error?.offset == 4)
    }
}
