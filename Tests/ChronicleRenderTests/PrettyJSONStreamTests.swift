import ChronicleJSON
import ChronicleRender
import Testing

/// `PrettyJSON.stream` writes the very bytes `PrettyJSON.bytes` writes for the whole document.
@Suite("Streamed pretty JSON")
struct PrettyJSONStreamTests {
    static func element(_ i: Int) -> JSONValue {
        .object([
            .init("id", .string("s-\(i) \"quoted\" \u{2028} é")),
            .init("n", .number(String(i))),
            .init("nested", .object([.init("list", .array(i % 3 == 0 ? [] : [.bool(true), .null, .array([.number("1.10")])])), .init("empty", .object([]))])),
        ])
    }

    @Test(arguments: [0, 1, 2, 5000])
    func sameBytesAsTheWholeDocument(count: Int) throws {
        func document(_ sessions: [JSONValue]) -> JSONValue {
            .object([
                .init("format", .string("chronicle-run")),
                .init("counts", .object([.init("sessions", .number(String(count)))])),
                .init("sessions", .array(sessions)),
                .init("missing", .array([])),
                .init("tail", .array([.string("x")])),
            ])
        }
        let whole = PrettyJSON.bytes(document((0..<count).map(Self.element)))
        var pieces: [[UInt8]] = []
        try PrettyJSON.stream(document([]), expanding: "sessions", count: count, element: Self.element) { pieces.append($0) }
        #expect(pieces.joined().elementsEqual(whole))
        if count == 5000 {
            #expect(pieces.count > 10, "written in pieces")
            #expect(pieces.allSatisfy { $0.count < 80 * 1024 })
        }
    }
}
