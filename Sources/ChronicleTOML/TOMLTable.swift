/// A table: its keys in document order, each with where the key was written and its value.
/// Keys are compared as exact Unicode scalar sequences, as TOML requires (no normalisation).
public struct TOMLTable: Sendable, Equatable {
    public private(set) var entries: [TOMLEntry]
    private var index: [[Unicode.Scalar]: Int]

    public init(entries: [TOMLEntry] = []) {
        self.entries = []
        self.index = [:]
        for entry in entries { append(entry) }
    }

    /// Adds `entry`, replacing an entry with the same key.
    public mutating func append(_ entry: TOMLEntry) {
        let key = Array(entry.key.unicodeScalars)
        if let i = index[key] {
            entries[i] = entry
        } else {
            index[key] = entries.count
            entries.append(entry)
        }
    }

    public var keys: [String] { entries.map(\.key) }
    public var isEmpty: Bool { entries.isEmpty }

    public func entry(_ key: String) -> TOMLEntry? {
        index[Array(key.unicodeScalars)].map { entries[$0] }
    }

    public subscript(key: String) -> TOMLNode? { entry(key)?.node }

    public static func == (a: TOMLTable, b: TOMLTable) -> Bool { a.entries == b.entries }
}

/// One `key = value` of a table (or a table or array of tables under that key).
public struct TOMLEntry: Sendable, Equatable {
    public var key: String
    /// Where the key was first written (for `[a.b]`, where `b` stands in that header).
    public var keyPosition: TOMLPosition
    public var node: TOMLNode

    public init(key: String, keyPosition: TOMLPosition, node: TOMLNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.node = node
    }
}
