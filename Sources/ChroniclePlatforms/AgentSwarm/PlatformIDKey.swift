/// A platform id as a dictionary or set key compared by its exact UTF-8 bytes. Swift `String`
/// equality is canonical equivalence (`Café` NFC == NFD); two ids that differ in bytes are two
/// different ids on the platform, so the collections Chronicle keys by platform id use this.
struct PlatformIDKey: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ id: String) {
        bytes = Array(id.utf8)
    }
}
