/// The digests registered for payload files until `finalize`, compactly: every path's bytes in
/// one buffer, and per file a fixed-size entry (path hash, place in the buffer, digest, size)
/// kept sorted by hash for binary search. A dictionary keyed by byte arrays cost a heap block
/// per path and doubled its table while growing: 27,000 files (5,000 sessions) added 10 MB of
/// pages at the end of a run; this holds them in about 3.5 MB.
struct RegisteredDigests {
    private struct Entry {
        var hash: UInt64
        var offset: UInt32
        var length: UInt32
        /// Registration order: a later registration of a path replaces an earlier one.
        var order: UInt32
        var used: Bool
        var digest: RegisteredDigest
        var size: Int64
    }

    private var paths: [UInt8] = []
    private var entries: [Entry] = []
    private var sorted = true

    /// Room for `count` registrations of paths of `pathBytes` bytes in all, so the buffers do
    /// not grow by doubling (and copying) while they are filled.
    mutating func reserve(count: Int, pathBytes: Int) {
        entries.reserveCapacity(count)
        paths.reserveCapacity(pathBytes)
    }

    /// FNV-1a over the path's bytes (only speeds up the search; paths are compared whole).
    private static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    mutating func add(path: String, digest: RegisteredDigest, size: Int64) {
        let bytes = path.utf8
        entries.append(Entry(
            hash: Self.hash(bytes), offset: UInt32(truncatingIfNeeded: paths.count), length: UInt32(truncatingIfNeeded: bytes.count),
            order: UInt32(truncatingIfNeeded: entries.count), used: false, digest: digest, size: size
        ))
        paths.append(contentsOf: bytes)
        sorted = false
    }

    private func path(of e: Entry) -> ArraySlice<UInt8> {
        paths[Int(e.offset)..<Int(e.offset + e.length)]
    }

    /// Sorts once, after the last registration; of a path registered twice the later one stays.
    /// In place: the comparison reads only the path buffer, so the entries are not copied.
    private mutating func seal() {
        guard !sorted else { return }
        let paths = self.paths
        func path(_ e: Entry) -> ArraySlice<UInt8> { paths[Int(e.offset)..<Int(e.offset + e.length)] }
        entries.sort { a, b in
            if a.hash != b.hash { return a.hash < b.hash }
            let pa = path(a), pb = path(b)
            if pa != pb { return pa.lexicographicallyPrecedes(pb) }
            return a.order < b.order
        }
        var kept = 0
        for i in entries.indices {
            if kept > 0, entries[kept - 1].hash == entries[i].hash, path(entries[kept - 1]) == path(entries[i]) {
                entries[kept - 1] = entries[i]
            } else {
                entries[kept] = entries[i]
                kept += 1
            }
        }
        entries.removeLast(entries.count - kept)
        sorted = true
    }

    /// The digest and size registered for `path`, marked as met; nil if none was.
    mutating func take(_ wanted: String) -> (digest: RegisteredDigest, size: Int64)? {
        seal()
        let bytes = Array(wanted.utf8)
        let h = Self.hash(bytes)
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].hash < h { low = mid + 1 } else { high = mid }
        }
        var i = low
        while i < entries.count && entries[i].hash == h {
            if !entries[i].used && path(of: entries[i]).elementsEqual(bytes) {
                entries[i].used = true
                return (entries[i].digest, entries[i].size)
            }
            i += 1
        }
        return nil
    }

    /// A registered path no file matched, if any.
    func firstUnmet() -> String? {
        entries.first { !$0.used }.map { String(decoding: path(of: $0), as: UTF8.self) }
    }
}
