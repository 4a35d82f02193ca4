import ChronicleTOML

/// Typed views of a parsed value, for reading the configuration.
extension TOMLNode {
    var string: String? { value.string }
    var bool: Bool? { value.boolean }
    /// An integer that fits `Int`.
    var int: Int? { value.integer.flatMap { Int(exactly: $0) } }
    var double: Double? { value.float }
    var array: [TOMLNode]? { value.array }
    var table: TOMLTable? { value.table }
    /// "string", "integer", "float", "boolean", "array", "table", "local date", …
    var kind: String { value.kind }
}
