/// Where something starts in a TOML document: 1-based line and column (columns count Unicode
/// scalars, so a multi-byte character is one column).
public struct TOMLPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}
