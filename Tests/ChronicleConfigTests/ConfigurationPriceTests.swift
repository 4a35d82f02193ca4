import ChronicleConfig
import Testing

/// Prices are finite numbers from 0 to 1,000,000 USD per million tokens, and a non-zero price is
/// at least 0.000001: `inf`, `1e308` and `1e-300` were silently dropped before.
@Suite("Configuration: prices")
struct ConfigurationPriceTests {
    static func load(_ literal: String) throws -> Configuration {
        let text = goodConfiguration.replacingOccurrences(of: "input_per_mtok = 3.0", with: "input_per_mtok = \(literal)")
        return try ConfigurationLoader.parse(text, file: "/etc/chronicle.toml")
    }

    static let refused = ["inf", "+inf", "-inf", "nan", "1e308", "1e-300", "5e-324", "-1", "-0.5", "1000000.5", "1_000_001", "0.0000009", "9223372036854775807"]

    @Test(arguments: refused)
    func aPriceOutOfRangeIsRefusedWithItsKey(_ literal: String) {
        do {
            let c = try Self.load(literal)
            Issue.record("\(literal) loaded as \(String(describing: c.prices["claude-sonnet-4"]?.inputPerMillion))")
        } catch let e as ConfigurationError {
            #expect(e.line == 12, "\(e)")
            #expect(e.key == "prices.claude-sonnet-4.input_per_mtok", "\(e)")
            #expect(e.message.contains("0.000001 to 1000000"), "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    static let accepted: [(String, Double)] = [
        ("0", 0), ("0.0", 0), ("-0.0", 0), ("0.000001", 0.000001), ("1e-6", 0.000001), ("3", 3), ("2.5", 2.5),
        ("1_000_000", 1_000_000), ("1e6", 1_000_000), ("0.075", 0.075),
    ]

    @Test(arguments: accepted.indices)
    func aPriceInRangeIsKept(_ i: Int) throws {
        let (literal, value) = Self.accepted[i]
        let price = try Self.load(literal).prices["claude-sonnet-4"]?.inputPerMillion
        #expect(price == value)
        #expect(price?.sign == .plus, "-0 reads as 0")
    }

    /// A literal too small for a 64-bit float would read as 0: the parser refuses it.
    @Test func aLiteralThatWouldRoundToZeroIsASyntaxError() {
        #expect(throws: ConfigurationError.self) { try Self.load("1e-400") }
        #expect(throws: ConfigurationError.self) { try Self.load("1e400") }
    }

    @Test func aPriceOfTheWrongTypeNamesTheType() {
        #expect(throws: ConfigurationError(file: "/etc/chronicle.toml", line: 12, key: "prices.claude-sonnet-4.input_per_mtok", message: "expected a number (US dollars per million tokens), found a value of type string")) {
            try Self.load("\"3\"")
        }
    }
}
