import ChronicleJSON

/// Small helpers to build platform JSON with members in a fixed order.
enum JSONBuilder {
    static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }

    static func int<T: BinaryInteger>(_ n: T) -> JSONValue {
        .number(String(n))
    }

    static func string(_ s: String?) -> JSONValue {
        s.map(JSONValue.string) ?? .null
    }

    static func bytes(_ value: JSONValue) -> [UInt8] {
        JSONWriter.serialize(value)
    }
}
