/// The binary form ``SpoolEncoder`` writes and ``SpoolDecoder`` reads: any `Codable` value, for
/// the run's outcome spool, a file this process writes and reads back within one run (so it has
/// no version and is no interchange format). Measured on the benchmark's 1,000 × 100 run, with
/// Foundation's JSON coders the two read-backs of the spool took a third of the run's tail.
///
/// A document is a table of segments:
///
///     document = varint(segment count) { varint(segment length) } { segment bytes }
///
/// Segment 0 holds the root value. Each keyed or unkeyed container is a segment of its own (so
/// a container nested in another can be written while its parent is still open, as
/// `nestedContainer(keyedBy:forKey:)` allows, and a value is skipped without reading what is
/// inside it). A keyed segment is a run of `varint(key length) key-bytes value`; an unkeyed one
/// a run of values. A value is a tag byte and what the tag says:
enum SpoolFormat {
    /// `nil`.
    static let null: UInt8 = 0
    static let `false`: UInt8 = 1
    static let `true`: UInt8 = 2
    /// A signed integer, zig-zag varint.
    static let signed: UInt8 = 3
    /// An unsigned integer, varint.
    static let unsigned: UInt8 = 4
    /// A `Double`'s bits, 8 bytes little-endian.
    static let double: UInt8 = 5
    /// A `Float`'s bits, 4 bytes little-endian.
    static let float: UInt8 = 6
    /// A string: varint(UTF-8 length) and its bytes.
    static let string: UInt8 = 7
    /// A keyed container: varint(segment index).
    static let keyed: UInt8 = 8
    /// An unkeyed container: varint(segment index).
    static let unkeyed: UInt8 = 9

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }

    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

    static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }
}
