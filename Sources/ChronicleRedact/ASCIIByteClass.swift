/// A set of ASCII bytes, tested in one shift: the character classes of the built-in rules
/// (`[A-Za-z0-9_\-]` and the like) over UTF-8 bytes. A byte of 0x80 or more is never in it.
struct ASCIIByteClass: Sendable {
    private let low: UInt64
    private let high: UInt64

    /// `members` lists single characters; `ranges` lists inclusive pairs such as `"AZ"`.
    init(_ members: String = "", ranges: [String] = []) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        func add(_ b: UInt8) {
            if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
        }
        for b in members.utf8 { add(b) }
        for range in ranges {
            let ends = Array(range.utf8)
            guard ends.count == 2, ends[0] <= ends[1] else { continue }
            for b in ends[0]...ends[1] { add(b) }
        }
        self.low = low
        self.high = high
    }

    @inline(__always)
    func contains(_ b: UInt8) -> Bool {
        b < 64 ? (low >> UInt64(b)) & 1 == 1 : b < 128 ? (high >> UInt64(b &- 64)) & 1 == 1 : false
    }

    static let letters = ASCIIByteClass(ranges: ["AZ", "az"])
    static let alphanumerics = ASCIIByteClass(ranges: ["AZ", "az", "09"])
    /// ICU's word characters among ASCII: letters, digits and `_`.
    static let word = ASCIIByteClass("_", ranges: ["AZ", "az", "09"])
}
