/// A parsed JSON value.
///
/// Objects keep member order and duplicate keys; numbers keep their literal text exactly as
/// sent (`"1.10"`, `"-0"`, `"1E+2"`, `"12345678901234567890123"`), so nothing is lost when a
/// value is written back with ``JSONWriter``.
///
/// Not `indirect`: containers already hold their elements in an array's heap buffer, so a value
/// needs no box of its own. (An `indirect` enum boxes every case with a payload: one allocation,
/// and a retain and release at each copy, for every string and number of every parsed record.)
public enum JSONValue: Sendable, Hashable {
    /// An object; member order and duplicate keys are preserved.
    case object([JSONMember])
    /// An array.
    case array([JSONValue])
    /// A string with all escapes resolved.
    case string(String)
    /// A number, stored as its literal text exactly as it appeared in the input.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
}

extension JSONValue {
    /// The value of the LAST member named `key` (as most parsers do); `nil` if this is not an
    /// object or has no such member.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        var index = members.endIndex
        while index > members.startIndex {
            index -= 1
            if members[index].key == key { return members[index].value }
        }
        return nil
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The exact integer value, if this is a number whose literal is integral (no fraction, no
    /// exponent) and fits in `Int64`; otherwise `nil`.
    public var int64Value: Int64? {
        guard case .number(let literal) = self else { return nil }
        var text = literal
        return text.withUTF8 { JSONValue.parseInt64(UnsafeRawBufferPointer($0)) }
    }

    /// The number as a `Double` (nearest representable value), if this is a number.
    public var doubleValue: Double? {
        guard case .number(let literal) = self else { return nil }
        guard let first = literal.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            return nil
        }
        return Double(literal)
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members in stored order, if this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// `"object"`, `"array"`, `"string"`, `"number"`, `"boolean"` or `"null"`, for error messages.
    public var typeName: String {
        switch self {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }

    /// Parses `-?[0-9]+` into an Int64 with overflow detection.
    static func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < count else { return nil }
        var magnitude: UInt64 = 0
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(digit))
            if o1 || o2 { return nil }
            magnitude = m2
            index += 1
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }
}
