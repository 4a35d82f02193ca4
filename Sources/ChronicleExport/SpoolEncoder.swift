/// Encodes any `Encodable` value in ``SpoolFormat``.
enum SpoolEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let store = Store()
        _ = store.newSegment()
        try store.encode(value, into: 0, codingPath: [])
        var size = 0
        for segment in store.segments { size += segment.count + 5 }
        var out: [UInt8] = []
        out.reserveCapacity(size + 5)
        SpoolFormat.appendVarint(UInt64(store.segments.count), to: &out)
        for segment in store.segments { SpoolFormat.appendVarint(UInt64(segment.count), to: &out) }
        for segment in store.segments { out.append(contentsOf: segment) }
        return out
    }

    /// The segments being written; containers append to theirs.
    final class Store {
        var segments: [[UInt8]] = []

        func newSegment() -> Int {
            segments.append([])
            return segments.count - 1
        }

        /// Appends `value` to segment `target`; a value that writes nothing becomes an empty
        /// keyed container (as JSON coders write `{}`).
        func encode<T: Encodable>(_ value: T, into target: Int, codingPath: [any CodingKey]) throws {
            let encoder = ValueEncoder(store: self, target: target, codingPath: codingPath)
            try value.encode(to: encoder)
            if !encoder.wrote { appendReference(SpoolFormat.keyed, to: newSegment(), in: target) }
        }

        func appendReference(_ tag: UInt8, to segment: Int, in target: Int) {
            segments[target].append(tag)
            SpoolFormat.appendVarint(UInt64(segment), to: &segments[target])
        }

        func appendKey(_ key: any CodingKey, in target: Int) {
            let text = key.stringValue
            SpoolFormat.appendVarint(UInt64(text.utf8.count), to: &segments[target])
            segments[target].append(contentsOf: text.utf8)
        }

        func appendNil(in target: Int) { segments[target].append(SpoolFormat.null) }

        func append(_ value: Bool, in target: Int) { segments[target].append(value ? SpoolFormat.true : SpoolFormat.false) }

        func append(_ value: String, in target: Int) {
            segments[target].append(SpoolFormat.string)
            SpoolFormat.appendVarint(UInt64(value.utf8.count), to: &segments[target])
            segments[target].append(contentsOf: value.utf8)
        }

        func append(signed value: Int64, in target: Int) {
            segments[target].append(SpoolFormat.signed)
            SpoolFormat.appendVarint(SpoolFormat.zigzag(value), to: &segments[target])
        }

        func append(unsigned value: UInt64, in target: Int) {
            segments[target].append(SpoolFormat.unsigned)
            SpoolFormat.appendVarint(value, to: &segments[target])
        }

        func append(_ value: Double, in target: Int) {
            segments[target].append(SpoolFormat.double)
            withUnsafeBytes(of: value.bitPattern.littleEndian) { segments[target].append(contentsOf: $0) }
        }

        func append(_ value: Float, in target: Int) {
            segments[target].append(SpoolFormat.float)
            withUnsafeBytes(of: value.bitPattern.littleEndian) { segments[target].append(contentsOf: $0) }
        }
    }

    /// The encoder one value is given: it writes the value into `target` once, as a container
    /// (a reference to a new segment) or as a single value.
    final class ValueEncoder: Encoder {
        let store: Store
        let target: Int
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        /// The container this value became, when it asked for one (asked again, the same one).
        private var keyedSegment: Int?
        private var unkeyedSegment: Int?
        private(set) var wrote = false

        init(store: Store, target: Int, codingPath: [any CodingKey]) {
            self.store = store
            self.target = target
            self.codingPath = codingPath
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let segment = containerSegment(SpoolFormat.keyed, &keyedSegment)
            return KeyedEncodingContainer(KeyedContainer<Key>(store: store, segment: segment, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            UnkeyedContainer(store: store, segment: containerSegment(SpoolFormat.unkeyed, &unkeyedSegment), codingPath: codingPath)
        }

        /// The segment of the container this value became (`tag` says which kind), made and
        /// referred to from `target` the first time it is asked for.
        private func containerSegment(_ tag: UInt8, _ existing: inout Int?) -> Int {
            if let existing { return existing }
            let segment = store.newSegment()
            existing = segment
            if !wrote { store.appendReference(tag, to: segment, in: target) }
            wrote = true
            return segment
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

        /// Marks the value written; false when it already was (a second write is dropped, as
        /// the value has one place in its parent).
        func claim() -> Bool {
            guard !wrote else { return false }
            wrote = true
            return true
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let store: Store
        let segment: Int
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws {
            store.appendKey(key, in: segment)
            store.appendNil(in: segment)
        }

        mutating func encode(_ value: Bool, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(value, in: segment) }
        mutating func encode(_ value: String, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(value, in: segment) }
        mutating func encode(_ value: Double, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(value, in: segment) }
        mutating func encode(_ value: Float, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(value, in: segment) }
        mutating func encode(_ value: Int, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(signed: Int64(value), in: segment) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(signed: Int64(value), in: segment) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(signed: Int64(value), in: segment) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(signed: Int64(value), in: segment) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(signed: value, in: segment) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(unsigned: UInt64(value), in: segment) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(unsigned: UInt64(value), in: segment) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(unsigned: UInt64(value), in: segment) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(unsigned: UInt64(value), in: segment) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { store.appendKey(key, in: segment); store.append(unsigned: value, in: segment) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            store.appendKey(key, in: segment)
            try store.encode(value, into: segment, codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            store.appendKey(key, in: segment)
            let nested = store.newSegment()
            store.appendReference(SpoolFormat.keyed, to: nested, in: segment)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(store: store, segment: nested, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            store.appendKey(key, in: segment)
            let nested = store.newSegment()
            store.appendReference(SpoolFormat.unkeyed, to: nested, in: segment)
            return UnkeyedContainer(store: store, segment: nested, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: SpoolSuperKey()) }

        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

        /// The super value is a one-element unkeyed segment, so it may be written at any time.
        private func superEncoder(named key: any CodingKey) -> any Encoder {
            store.appendKey(key, in: segment)
            let holder = store.newSegment()
            store.appendReference(SpoolFormat.unkeyed, to: holder, in: segment)
            return ValueEncoder(store: store, target: holder, codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let store: Store
        let segment: Int
        let codingPath: [any CodingKey]
        private(set) var count = 0

        init(store: Store, segment: Int, codingPath: [any CodingKey]) {
            self.store = store
            self.segment = segment
            self.codingPath = codingPath
        }

        mutating func encodeNil() throws { store.appendNil(in: segment); count += 1 }
        mutating func encode(_ value: Bool) throws { store.append(value, in: segment); count += 1 }
        mutating func encode(_ value: String) throws { store.append(value, in: segment); count += 1 }
        mutating func encode(_ value: Double) throws { store.append(value, in: segment); count += 1 }
        mutating func encode(_ value: Float) throws { store.append(value, in: segment); count += 1 }
        mutating func encode(_ value: Int) throws { store.append(signed: Int64(value), in: segment); count += 1 }
        mutating func encode(_ value: Int8) throws { store.append(signed: Int64(value), in: segment); count += 1 }
        mutating func encode(_ value: Int16) throws { store.append(signed: Int64(value), in: segment); count += 1 }
        mutating func encode(_ value: Int32) throws { store.append(signed: Int64(value), in: segment); count += 1 }
        mutating func encode(_ value: Int64) throws { store.append(signed: value, in: segment); count += 1 }
        mutating func encode(_ value: UInt) throws { store.append(unsigned: UInt64(value), in: segment); count += 1 }
        mutating func encode(_ value: UInt8) throws { store.append(unsigned: UInt64(value), in: segment); count += 1 }
        mutating func encode(_ value: UInt16) throws { store.append(unsigned: UInt64(value), in: segment); count += 1 }
        mutating func encode(_ value: UInt32) throws { store.append(unsigned: UInt64(value), in: segment); count += 1 }
        mutating func encode(_ value: UInt64) throws { store.append(unsigned: value, in: segment); count += 1 }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try store.encode(value, into: segment, codingPath: codingPath + [SpoolIndexKey(count)])
            count += 1
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = store.newSegment()
            store.appendReference(SpoolFormat.keyed, to: nested, in: segment)
            count += 1
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(store: store, segment: nested, codingPath: codingPath + [SpoolIndexKey(count - 1)]))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = store.newSegment()
            store.appendReference(SpoolFormat.unkeyed, to: nested, in: segment)
            count += 1
            return UnkeyedContainer(store: store, segment: nested, codingPath: codingPath + [SpoolIndexKey(count - 1)])
        }

        mutating func superEncoder() -> any Encoder {
            let holder = store.newSegment()
            store.appendReference(SpoolFormat.unkeyed, to: holder, in: segment)
            count += 1
            return ValueEncoder(store: store, target: holder, codingPath: codingPath + [SpoolIndexKey(count - 1)])
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: ValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }
        private var store: Store { encoder.store }
        private var target: Int { encoder.target }

        mutating func encodeNil() throws { if encoder.claim() { store.appendNil(in: target) } }
        mutating func encode(_ value: Bool) throws { if encoder.claim() { store.append(value, in: target) } }
        mutating func encode(_ value: String) throws { if encoder.claim() { store.append(value, in: target) } }
        mutating func encode(_ value: Double) throws { if encoder.claim() { store.append(value, in: target) } }
        mutating func encode(_ value: Float) throws { if encoder.claim() { store.append(value, in: target) } }
        mutating func encode(_ value: Int) throws { if encoder.claim() { store.append(signed: Int64(value), in: target) } }
        mutating func encode(_ value: Int8) throws { if encoder.claim() { store.append(signed: Int64(value), in: target) } }
        mutating func encode(_ value: Int16) throws { if encoder.claim() { store.append(signed: Int64(value), in: target) } }
        mutating func encode(_ value: Int32) throws { if encoder.claim() { store.append(signed: Int64(value), in: target) } }
        mutating func encode(_ value: Int64) throws { if encoder.claim() { store.append(signed: value, in: target) } }
        mutating func encode(_ value: UInt) throws { if encoder.claim() { store.append(unsigned: UInt64(value), in: target) } }
        mutating func encode(_ value: UInt8) throws { if encoder.claim() { store.append(unsigned: UInt64(value), in: target) } }
        mutating func encode(_ value: UInt16) throws { if encoder.claim() { store.append(unsigned: UInt64(value), in: target) } }
        mutating func encode(_ value: UInt32) throws { if encoder.claim() { store.append(unsigned: UInt64(value), in: target) } }
        mutating func encode(_ value: UInt64) throws { if encoder.claim() { store.append(unsigned: value, in: target) } }

        mutating func encode<T: Encodable>(_ value: T) throws {
            guard encoder.claim() else { return }
            try store.encode(value, into: target, codingPath: codingPath)
        }
    }
}

/// An unkeyed container's element, in coding paths.
struct SpoolIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The key `superEncoder()` and `superDecoder()` use.
struct SpoolSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { guard stringValue == "super" else { return nil } }
    init?(intValue: Int) { nil }
}
