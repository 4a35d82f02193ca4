/// Decodes what ``SpoolEncoder`` wrote. Damaged input throws `DecodingError.dataCorrupted`;
/// nothing is read outside the bytes.
enum SpoolDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let document = try Document(bytes)
        guard let root = document.segments.first else { throw Document.corrupted([], "the document has no segments") }
        let decoder = ValueDecoder(document: document, position: root.lowerBound, codingPath: [])
        return try T(from: decoder)
    }

    /// The bytes and where each segment lies in them.
    final class Document {
        let bytes: [UInt8]
        let segments: [Range<Int>]

        init(_ bytes: [UInt8]) throws {
            self.bytes = bytes
            var position = 0
            let count = try Self.varint(bytes, at: &position, path: [])
            guard count <= UInt64(bytes.count) else { throw Self.corrupted([], "a segment count of \(count) in \(bytes.count) bytes") }
            var lengths: [Int] = []
            lengths.reserveCapacity(Int(count))
            for _ in 0..<Int(count) {
                let length = try Self.varint(bytes, at: &position, path: [])
                guard length <= UInt64(bytes.count) else { throw Self.corrupted([], "a segment of \(length) bytes in \(bytes.count)") }
                lengths.append(Int(length))
            }
            var segments: [Range<Int>] = []
            segments.reserveCapacity(lengths.count)
            for length in lengths {
                guard length <= bytes.count - position else { throw Self.corrupted([], "a segment runs past the end") }
                segments.append(position..<position + length)
                position += length
            }
            guard position == bytes.count else { throw Self.corrupted([], "\(bytes.count - position) bytes after the last segment") }
            self.segments = segments
        }

        static func corrupted(_ path: [any CodingKey], _ what: String) -> DecodingError {
            .dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: "damaged spool record: \(what)"))
        }

        static func varint(_ bytes: [UInt8], at position: inout Int, path: [any CodingKey]) throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < bytes.count, shift < 64 else { throw corrupted(path, "a number runs past the end") }
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        /// The position just past the value at `position` (containers are references: O(1)).
        func skip(_ position: Int, path: [any CodingKey]) throws -> Int {
            guard position < bytes.count else { throw Self.corrupted(path, "a value runs past the end") }
            var p = position + 1
            switch bytes[position] {
            case SpoolFormat.null, SpoolFormat.false, SpoolFormat.true: break
            case SpoolFormat.signed, SpoolFormat.unsigned, SpoolFormat.keyed, SpoolFormat.unkeyed:
                _ = try Self.varint(bytes, at: &p, path: path)
            case SpoolFormat.double: p += 8
            case SpoolFormat.float: p += 4
            case SpoolFormat.string:
                let length = try Self.varint(bytes, at: &p, path: path)
                guard length <= UInt64(bytes.count - p) else { throw Self.corrupted(path, "a string runs past the end") }
                p += Int(length)
            default:
                throw Self.corrupted(path, "unknown tag \(bytes[position])")
            }
            guard p <= bytes.count else { throw Self.corrupted(path, "a value runs past the end") }
            return p
        }

        /// The segment a container value at `position` refers to.
        func segment(at position: Int, tag: UInt8, path: [any CodingKey], expected: String) throws -> Range<Int> {
            guard position < bytes.count else { throw Self.corrupted(path, "a value runs past the end") }
            guard bytes[position] == tag else {
                throw DecodingError.typeMismatch(Any.self, DecodingError.Context(codingPath: path, debugDescription: "expected \(expected), found tag \(bytes[position])"))
            }
            var p = position + 1
            let index = try Self.varint(bytes, at: &p, path: path)
            guard index > 0, index < UInt64(segments.count) else { throw Self.corrupted(path, "a reference to segment \(index) of \(segments.count)") }
            return segments[Int(index)]
        }

        func isNil(at position: Int) -> Bool { position < bytes.count && bytes[position] == SpoolFormat.null }

        func bool(at position: Int, path: [any CodingKey]) throws -> Bool {
            guard position < bytes.count else { throw Self.corrupted(path, "a value runs past the end") }
            switch bytes[position] {
            case SpoolFormat.true: return true
            case SpoolFormat.false: return false
            default: throw mismatch(Bool.self, at: position, path: path)
            }
        }

        func string(at position: Int, path: [any CodingKey]) throws -> String {
            guard position < bytes.count, bytes[position] == SpoolFormat.string else { throw mismatch(String.self, at: position, path: path) }
            var p = position + 1
            let length = try Self.varint(bytes, at: &p, path: path)
            guard length <= UInt64(bytes.count - p) else { throw Self.corrupted(path, "a string runs past the end") }
            return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[p..<p + Int(length)]), as: UTF8.self) }
        }

        func integer<T: FixedWidthInteger>(_ type: T.Type, at position: Int, path: [any CodingKey]) throws -> T {
            guard position < bytes.count else { throw Self.corrupted(path, "a value runs past the end") }
            var p = position + 1
            let result: T?
            switch bytes[position] {
            case SpoolFormat.signed: result = T(exactly: SpoolFormat.unzigzag(try Self.varint(bytes, at: &p, path: path)))
            case SpoolFormat.unsigned: result = T(exactly: try Self.varint(bytes, at: &p, path: path))
            default: throw mismatch(T.self, at: position, path: path)
            }
            guard let result else { throw Self.corrupted(path, "a number out of range for \(T.self)") }
            return result
        }

        func double(at position: Int, path: [any CodingKey]) throws -> Double {
            guard position < bytes.count, bytes[position] == SpoolFormat.double else { throw mismatch(Double.self, at: position, path: path) }
            return Double(bitPattern: try fixed(UInt64.self, at: position + 1, path: path))
        }

        func float(at position: Int, path: [any CodingKey]) throws -> Float {
            guard position < bytes.count, bytes[position] == SpoolFormat.float else { throw mismatch(Float.self, at: position, path: path) }
            return Float(bitPattern: try fixed(UInt32.self, at: position + 1, path: path))
        }

        private func fixed<T: FixedWidthInteger>(_ type: T.Type, at position: Int, path: [any CodingKey]) throws -> T {
            let size = MemoryLayout<T>.size
            guard position <= bytes.count - size else { throw Self.corrupted(path, "a number runs past the end") }
            var value: T = 0
            for k in 0..<size { value |= T(bytes[position + k]) << (8 * k) }
            return value
        }

        private func mismatch(_ type: Any.Type, at position: Int, path: [any CodingKey]) -> DecodingError {
            let found = position < bytes.count ? "tag \(bytes[position])" : "the end"
            return .typeMismatch(type, DecodingError.Context(codingPath: path, debugDescription: "expected \(type), found \(found)"))
        }

        /// The values of an unkeyed segment, by position.
        func elements(of segment: Range<Int>, path: [any CodingKey]) throws -> [Int] {
            var positions: [Int] = []
            var p = segment.lowerBound
            while p < segment.upperBound {
                positions.append(p)
                p = try skip(p, path: path)
            }
            guard p == segment.upperBound else { throw Self.corrupted(path, "a value runs past its container") }
            return positions
        }

        /// The entries of a keyed segment: each key's bytes and its value's position.
        func entries(of segment: Range<Int>, path: [any CodingKey]) throws -> [(key: Range<Int>, value: Int)] {
            var entries: [(key: Range<Int>, value: Int)] = []
            var p = segment.lowerBound
            while p < segment.upperBound {
                let length = try Self.varint(bytes, at: &p, path: path)
                guard length <= UInt64(segment.upperBound - p) else { throw Self.corrupted(path, "a key runs past its container") }
                let key = p..<p + Int(length)
                p += Int(length)
                entries.append((key, p))
                p = try skip(p, path: path)
            }
            guard p == segment.upperBound else { throw Self.corrupted(path, "a value runs past its container") }
            return entries
        }

        /// The decoder of what a super encoder wrote at `position`: the only element of a
        /// one-element unkeyed segment.
        func superValue(at position: Int, path: [any CodingKey]) throws -> ValueDecoder {
            let segment = try segment(at: position, tag: SpoolFormat.unkeyed, path: path, expected: "a super value")
            let elements = try elements(of: segment, path: path)
            guard elements.count == 1 else { throw Self.corrupted(path, "a super value of \(elements.count) elements") }
            return ValueDecoder(document: self, position: elements[0], codingPath: path)
        }

        func keyText(_ range: Range<Int>) -> String {
            bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        }

        func keyMatches(_ range: Range<Int>, _ key: String) -> Bool {
            var key = key
            return key.withUTF8 { k in
                k.count == range.count && bytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[range]).elementsEqual(k) }
            }
        }
    }

    /// The decoder one value is given.
    struct ValueDecoder: Decoder {
        let document: Document
        let position: Int
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            let segment = try document.segment(at: position, tag: SpoolFormat.keyed, path: codingPath, expected: "a keyed container")
            return KeyedDecodingContainer(try KeyedContainer<Key>(document: document, segment: segment, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let segment = try document.segment(at: position, tag: SpoolFormat.unkeyed, path: codingPath, expected: "an unkeyed container")
            return try UnkeyedContainer(document: document, segment: segment, codingPath: codingPath)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let document: Document
        let codingPath: [any CodingKey]
        private let entries: [(key: Range<Int>, value: Int)]
        /// Where the last lookup ended: keys are usually asked for in the order they were written.
        private let cursor: Cursor

        final class Cursor {
            var next = 0
        }

        init(document: Document, segment: Range<Int>, codingPath: [any CodingKey]) throws {
            self.document = document
            self.codingPath = codingPath
            entries = try document.entries(of: segment, path: codingPath)
            cursor = Cursor()
        }

        var allKeys: [Key] { entries.compactMap { Key(stringValue: document.keyText($0.key)) } }

        func contains(_ key: Key) -> Bool { find(key) != nil }

        /// The position of the value stored under `key` (keys are unique in what the encoder
        /// writes; were one not, the last would be found unless the cursor stands on another).
        private func find(_ key: Key) -> Int? { find(named: key.stringValue) }

        private func find(named text: String) -> Int? {
            let start = cursor.next
            if start < entries.count, document.keyMatches(entries[start].key, text) {
                cursor.next = start + 1
                return entries[start].value
            }
            var index = entries.count
            while index > 0 {
                index -= 1
                if document.keyMatches(entries[index].key, text) {
                    cursor.next = index + 1
                    return entries[index].value
                }
            }
            return nil
        }

        private func value(_ key: Key) throws -> Int {
            guard let position = find(key) else {
                throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "no value for '\(key.stringValue)'"))
            }
            return position
        }

        func decodeNil(forKey key: Key) throws -> Bool { document.isNil(at: try value(key)) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.bool(at: try value(key), path: codingPath + [key]) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try document.string(at: try value(key), path: codingPath + [key]) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try document.double(at: try value(key), path: codingPath + [key]) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try document.float(at: try value(key), path: codingPath + [key]) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try document.integer(type, at: try value(key), path: codingPath + [key]) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try document.integer(type, at: try value(key), path: codingPath + [key]) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try T(from: ValueDecoder(document: document, position: try value(key), codingPath: codingPath + [key]))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try ValueDecoder(document: document, position: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(document: document, position: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            guard let position = find(named: SpoolSuperKey().stringValue) else {
                throw DecodingError.keyNotFound(SpoolSuperKey(), DecodingError.Context(codingPath: codingPath, debugDescription: "no super value"))
            }
            return try document.superValue(at: position, path: codingPath + [SpoolSuperKey()])
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            try document.superValue(at: try value(key), path: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let document: Document
        let codingPath: [any CodingKey]
        private let elements: [Int]
        private(set) var currentIndex = 0

        init(document: Document, segment: Range<Int>, codingPath: [any CodingKey]) throws {
            self.document = document
            self.codingPath = codingPath
            elements = try document.elements(of: segment, path: codingPath)
        }

        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        private mutating func next() throws -> (position: Int, path: [any CodingKey]) {
            let path = codingPath + [SpoolIndexKey(currentIndex)]
            guard currentIndex < elements.count else {
                throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: path, debugDescription: "the container has \(elements.count) elements"))
            }
            currentIndex += 1
            return (elements[currentIndex - 1], path)
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < elements.count, document.isNil(at: elements[currentIndex]) else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { let (p, path) = try next(); return try document.bool(at: p, path: path) }
        mutating func decode(_ type: String.Type) throws -> String { let (p, path) = try next(); return try document.string(at: p, path: path) }
        mutating func decode(_ type: Double.Type) throws -> Double { let (p, path) = try next(); return try document.double(at: p, path: path) }
        mutating func decode(_ type: Float.Type) throws -> Float { let (p, path) = try next(); return try document.float(at: p, path: path) }
        mutating func decode(_ type: Int.Type) throws -> Int { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (p, path) = try next(); return try document.integer(type, at: p, path: path) }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (p, path) = try next()
            return try T(from: ValueDecoder(document: document, position: p, codingPath: path))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let (p, path) = try next()
            return try ValueDecoder(document: document, position: p, codingPath: path).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (p, path) = try next()
            return try ValueDecoder(document: document, position: p, codingPath: path).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (p, path) = try next()
            return try document.superValue(at: p, path: path)
        }
    }

    struct SingleValueContainer: SingleValueDecodingContainer {
        let decoder: ValueDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }
        private var document: Document { decoder.document }
        private var position: Int { decoder.position }

        func decodeNil() -> Bool { document.isNil(at: position) }
        func decode(_ type: Bool.Type) throws -> Bool { try document.bool(at: position, path: codingPath) }
        func decode(_ type: String.Type) throws -> String { try document.string(at: position, path: codingPath) }
        func decode(_ type: Double.Type) throws -> Double { try document.double(at: position, path: codingPath) }
        func decode(_ type: Float.Type) throws -> Float { try document.float(at: position, path: codingPath) }
        func decode(_ type: Int.Type) throws -> Int { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: Int8.Type) throws -> Int8 { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: Int16.Type) throws -> Int16 { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: Int32.Type) throws -> Int32 { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: Int64.Type) throws -> Int64 { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: UInt.Type) throws -> UInt { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try document.integer(type, at: position, path: codingPath) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try document.integer(type, at: position, path: codingPath) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
    }
}
