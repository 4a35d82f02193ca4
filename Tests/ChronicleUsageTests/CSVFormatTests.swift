import ChronicleCore
import ChronicleJSON
import ChronicleRender
import Foundation
import Testing

/// The formula vectors of issue 6, alone and behind a leading space or quote.
enum FormulaVectors {
    static let base = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1"]
    static let all: [String] = base + base.map { " " + $0 } + base.map { "\"" + $0 } + base.map { "'" + $0 }
    static let unicode = "Übersetzung / 翻訳 🚀 ИНЦ-42 Casa Lucío"
}

@Suite("CSV format")
struct CSVFormatTests {
    @Test func rfc4180QuotingAndCRLF() {
        var w = CSVWriter()
        w.appendHeader(["a", "b", "c", "d"])
        w.append([.text("plain"), .text("with,comma"), .text("say \"hi\""), .text("two\r\nlines\nand\rmore")])
        w.append([.text(" padded "), .empty, .integer(-2), .decimal(Decimal(string: "-0.5"))])
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == "a,b,c,d\r\nplain,\"with,comma\",\"say \"\"hi\"\"\",\"two\r\nlines\nand\rmore\"\r\n\" padded \",,-2,-0.5\r\n")
    }

    @Test func byteOrderMarkOnlyWhenAsked() {
        var with = CSVWriter(bom: true)
        with.appendHeader(["x"])
        #expect(with.bytes == [0xEF, 0xBB, 0xBF, 0x78, 0x0D, 0x0A])
        var without = CSVWriter()
        without.appendHeader(["x"])
        #expect(without.bytes == [0x78, 0x0D, 0x0A])
    }

    @Test(arguments: FormulaVectors.all)
    func formulaTextIsNeutralised(vector: String) {
        #expect(CSVFormulaGuard.neutralise(vector) == "'" + vector)
    }

    @Test func harmlessTextAndNumbersAreLeftAlone() {
        for text in ["Order 1182", "a=b", "x-1", "", "   ", "2026-11-20", "Übersetzung"] {
            #expect(CSVFormulaGuard.neutralise(text) == text)
        }
        var w = CSVWriter()
        w.append([.integer(-42), .decimal(Decimal(string: "-2.125")), .text("-2")])
        #expect(String(decoding: w.bytes, as: UTF8.self) == "-42,-2.125,'-2\r\n")
    }

    @Test func transformRunsBeforeNeutralisation() {
        var w = CSVWriter(textTransform: { $0.replacingOccurrences(of: "SECRET", with: "=REDACTED") })
        w.appendHeader(["SECRET"])
        w.append([.text("SECRET"), .integer(1)])
        #expect(String(decoding: w.bytes, as: UTF8.self) == "SECRET\r\n'=REDACTED,1\r\n")
    }

    @Test func decimalsArePlainAndExact() throws {
        #expect(CSVWriter.number(try #require(Decimal(string: "1E-2"))) == "0.01")
        let price = try #require(PriceTable.builtIn.price(for: "claude-sonnet-4-6"))
        let cost = price.cost(of: UsageCounts(requests: 1, inputTokens: 812, outputTokens: 96, cacheReadTokens: 30000, cacheWriteTokens: 1200))
        // 812×3 + 96×15 + 30000×0.30 + 1200×3.75 = 2436 + 1440 + 9000 + 4500 micro-dollars.
        #expect(CSVWriter.number(cost) == "0.017376")
        #expect(PriceTable.builtIn.price(for: "claude-sonnet-4-6-20260101") == price)
        #expect(PriceTable.builtIn.price(for: "anthropic/claude-sonnet-4-6") == price)
        #expect(PriceTable.builtIn.price(for: "gpt-5.1-mini") == nil)
        let custom = PriceTable.builtIn.overriding(["gpt-5.1-mini": try #require(ModelPrice(input: "0.5", output: "1", cacheRead: "0", cacheWrite: "0.5"))])
        #expect(custom.cost(of: UsageCounts(requests: 1, inputTokens: 2, outputTokens: 1), model: "GPT-5.1-mini") == .priceTable(try #require(Decimal(string: "0.000002"))))
        #expect(PriceTable.builtIn.cost(of: UsageCounts(requests: 1, inputTokens: 2), model: "qwen-max").amount == nil)
    }

    @Test func platformCostSpreadSumsExactly() throws {
        let total = try #require(Decimal(string: "0.1"))
        let shares = SessionUsageLedger.spreadForTesting(total, weights: [1, 1, 1])
        #expect(shares.reduce(Decimal.zero, +) == total)
        #expect(shares.map(CSVWriter.number) == ["0.033333", "0.033333", "0.033334"])
    }

    @Test func pythonReadsEveryValueBack() throws {
        let tmp = try ScratchFolder("chronicle-csv-python")
        defer { tmp.remove() }
        let texts = FormulaVectors.all + [FormulaVectors.unicode, "line1\r\nline2", "quote \" inside", "a,b", " lead", "trail ", ""]
        var w = CSVWriter(bom: true)
        w.appendHeader(["text", "integer", "decimal", "unknown"])
        var expected: [[String]] = [["text", "integer", "decimal", "unknown"]]
        for (i, t) in texts.enumerated() {
            w.append([.text(t), .integer(Int64(-i)), .decimal(Decimal(i) / 8), .empty])
            expected.append([CSVFormulaGuard.neutralise(t), String(-i), CSVWriter.number(Decimal(i) / 8), ""])
        }
        let path = tmp.path + "/round.csv"
        try Data(w.bytes).write(to: URL(fileURLWithPath: path))
        let r = try runProgram("python3", [UsageRepository.scripts + "/read_csv.py", path])
        try #require(r.status == 0, "\(r.output)")
        let doc = try JSONParser.parse(Array(r.output.utf8))
        let rows = try #require(doc[path]?.arrayValue).map { $0.arrayValue?.compactMap(\.stringValue) ?? [] }
        #expect(rows == expected)
    }
}
