import ChronicleTOML
import Testing

/// Every key and value knows its line and column.
@Suite("TOML: positions")
struct TOMLPositionTests {
    static let document = """
        out = "x"
        [[source]]
        name = "a"
          [source.options]
          limit = [
            1,
            2,
          ]
        [[source]]
        name = "b"
        [prices."gpt-4o"]
        input_per_mtok = { "é" = 1, b = 2 }
        """

    @Test func keysAndValuesHaveLineAndColumn() throws {
        let t = try TOML.parse(Self.document)
        #expect(t.entry("out")?.keyPosition == TOMLPosition(line: 1, column: 1))
        #expect(t["out"]?.position == TOMLPosition(line: 1, column: 7))
        let sources = try #require(t["source"])
        #expect(t.entry("source")?.keyPosition == TOMLPosition(line: 2, column: 3))
        #expect(sources.position.line == 2)
        let elements = try #require(sources.value.array)
        #expect(elements.map(\.position.line) == [2, 9])
        let first = try #require(elements[0].value.table)
        #expect(first.entry("name")?.keyPosition.line == 3)
        let options = try #require(first["options"])
        #expect(options.position == TOMLPosition(line: 4, column: 3))
        let limit = try #require(options.value.table?.entry("limit"))
        #expect(limit.keyPosition == TOMLPosition(line: 5, column: 3))
        #expect(limit.node.position == TOMLPosition(line: 5, column: 11))
        #expect(limit.node.value.array?.map(\.position) == [TOMLPosition(line: 6, column: 5), TOMLPosition(line: 7, column: 5)])
        let model = try #require(t["prices"]?.value.table?.entry("gpt-4o"))
        #expect(model.keyPosition == TOMLPosition(line: 11, column: 9))
        let inline = try #require(model.node.value.table?.entry("input_per_mtok"))
        #expect(inline.node.position == TOMLPosition(line: 12, column: 18))
        // Columns count characters, not bytes: "é" is one column.
        #expect(inline.node.value.table?.entry("b")?.keyPosition == TOMLPosition(line: 12, column: 29))
    }

    @Test func anErrorHasLineAndColumn() {
        let error = parseError("a = 1\nb = \"x\" y")
        #expect(error?.line == 2)
        #expect(error?.column == 9)
    }

    @Test func crlfCountsAsOneLineBreak() throws {
        let t = try TOML.parse("a = 1\r\nb = 2\r\n\r\nc = 3")
        #expect(t.entry("c")?.keyPosition.line == 4)
    }

    @Test func linesInsideMultiLineStringsCount() throws {
        let t = try TOML.parse("a = \"\"\"\none\ntwo\"\"\"\nb = '''\n\n'''\nc = 1")
        #expect(t.entry("b")?.keyPosition.line == 4)
        #expect(t.entry("c")?.keyPosition.line == 7)
    }
}
