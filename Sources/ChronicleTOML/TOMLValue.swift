/// A TOML 1.0 value. Date and time values are kept as their validated text (Chronicle's
/// configuration uses none of them).
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// `1979-05-27T07:32:00Z`, `1979-05-27 07:32:00.5-07:00`, as written.
    case offsetDateTime(String)
    /// `1979-05-27T07:32:00`, as written.
    case localDateTime(String)
    /// `1979-05-27`.
    case localDate(String)
    /// `07:32:00.999`.
    case localTime(String)
    /// A static array (`[1, "a"]`, mixed types allowed) or an array of tables (`[[x]]`).
    case array([TOMLNode])
    case table(TOMLTable)

    /// The kind, for messages: "string", "integer", "float", "boolean", "offset date-time",
    /// "local date-time", "local date", "local time", "array", "table".
    public var kind: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .offsetDateTime: return "offset date-time"
        case .localDateTime: return "local date-time"
        case .localDate: return "local date"
        case .localTime: return "local time"
        case .array: return "array"
        case .table: return "table"
        }
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var integer: Int64? { if case .integer(let n) = self { return n } else { return nil } }
    public var float: Double? { if case .float(let d) = self { return d } else { return nil } }
    public var boolean: Bool? { if case .boolean(let b) = self { return b } else { return nil } }
    public var array: [TOMLNode]? { if case .array(let a) = self { return a } else { return nil } }
    public var table: TOMLTable? { if case .table(let t) = self { return t } else { return nil } }
}

/// A value and where it starts: for a table, its `[header]` (or the first key that made it); for
/// an element of an array of tables, its `[[header]]`; for an inline table, its `{`.
public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    public var position: TOMLPosition

    public init(_ value: TOMLValue, at position: TOMLPosition) {
        self.value = value
        self.position = position
    }
}
