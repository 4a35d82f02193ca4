/// Slicing and opaque cursors shared by the players.
enum Paging {
    /// The cursor a ``PlayOptions/repeatCursor`` fault hands out again and again.
    static let loopCursor = "cur_loop"

    /// Items `offset..<offset+limit` and the offset of the next page, nil on the last.
    static func slice<T>(_ items: [T], offset: Int, limit: Int) -> ([T], Int?) {
        let start = min(max(0, offset), items.count)
        let end = min(items.count, start + limit)
        return (Array(items[start..<end]), end < items.count ? end : nil)
    }

    /// An opaque cursor for an offset.
    static func cursor(_ offset: Int) -> String {
        "cur_" + String(offset * 7 + 3, radix: 36)
    }

    /// The offset of a cursor; 0 for the loop cursor; nil for garbage.
    static func offset(_ cursor: String?) -> Int? {
        guard let cursor, !cursor.isEmpty else { return 0 }
        if cursor == loopCursor { return 0 }
        guard cursor.hasPrefix("cur_"), let n = Int(cursor.dropFirst(4), radix: 36), (n - 3) % 7 == 0 else { return nil }
        return (n - 3) / 7
    }
}
