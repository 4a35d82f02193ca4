/// One member (key/value pair) of a JSON object.
///
/// Objects are stored as ordered arrays of members so that member order and
/// duplicate keys survive a parse/serialize round trip.
public struct JSONMember: Sendable, Hashable {
    /// The member name, with all JSON escapes resolved.
    public var key: String
    /// The member value.
    public var value: JSONValue

    /// Creates a member from a key and a value.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
