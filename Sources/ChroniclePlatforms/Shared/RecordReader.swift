import ChronicleCore
import ChronicleJSON

/// Reads fields of one platform record with errors that name the field, the record kind and the
/// session: the adapters' way of turning a wrongly typed record into a clear problem.
public struct RecordReader: Sendable {
    public let value: JSONValue
    public let kind: String
    public let sessionID: String?

    public init(_ value: JSONValue, kind: String, sessionID: String?) {
        self.value = value
        self.kind = kind
        self.sessionID = sessionID
    }

    /// Parses raw record bytes (or takes the value parsed when the record was split off its page).
    public init(raw: RawRecord, sessionID: String?) throws(RecordError) {
        if let parsed = raw.parsed {
            value = parsed
        } else {
            do {
                value = try JSONParser.parse(raw.bytes)
            } catch {
                throw RecordError(field: nil, kind: raw.kind, sessionID: sessionID, message: "not valid JSON: \(error)")
            }
        }
        guard value.objectMembers != nil else {
            throw RecordError(field: nil, kind: raw.kind, sessionID: sessionID, message: "expected a JSON object, found \(value.typeName)")
        }
        kind = raw.kind
        self.sessionID = sessionID
    }

    public func requiredString(_ key: String) throws(RecordError) -> String {
        guard let v = value[key] else { throw error(key, "is missing") }
        guard let s = v.stringValue else { throw error(key, "should be a string, found \(v.typeName)") }
        return s
    }

    /// A string, or nil when absent or null; another type is an error.
    public func optionalString(_ key: String) throws(RecordError) -> String? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw error(key, "should be a string or null, found \(v.typeName)") }
        return s
    }

    public func optionalInt(_ key: String) throws(RecordError) -> Int64? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let n = v.int64Value else { throw error(key, "should be an integer, found \(v.typeName) \(Self.preview(v))") }
        return n
    }

    public func optionalBool(_ key: String) throws(RecordError) -> Bool? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let b = v.boolValue else { throw error(key, "should be true or false, found \(v.typeName)") }
        return b
    }

    public func optionalArray(_ key: String) throws(RecordError) -> [JSONValue]? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let a = v.arrayValue else { throw error(key, "should be an array, found \(v.typeName)") }
        return a
    }

    public func optionalTimestamp(_ key: String) throws(RecordError) -> Timestamp? {
        try optionalString(key).map(Timestamp.iso8601)
    }

    public func error(_ field: String, _ message: String) -> RecordError {
        RecordError(field: field, kind: kind, sessionID: sessionID, message: message)
    }

    static func preview(_ v: JSONValue) -> String {
        let text = String(decoding: JSONWriter.serialize(v), as: UTF8.self)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

/// A record that does not follow the platform's contract.
public struct RecordError: Error, Sendable, CustomStringConvertible {
    public var field: String?
    public var kind: String
    public var sessionID: String?
    public var message: String

    public var description: String {
        let f = field.map { "field '\($0)' " } ?? ""
        return "\(kind) record: \(f)\(message)"
    }

    /// The problem to record for it.
    public func problem(request: String?) -> ExportProblem {
        ExportProblem(.malformed, sessionID: sessionID, item: field.map { "\(kind).\($0)" } ?? kind, request: request, message: description)
    }
}
