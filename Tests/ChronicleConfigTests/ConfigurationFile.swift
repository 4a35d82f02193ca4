import Foundation

/// A configuration file in a fresh temporary folder, removed by `remove()`.
struct ConfigurationFile {
    let folder: String
    let path: String

    init(_ bytes: [UInt8]) throws {
        folder = NSTemporaryDirectory() + "chronicle-config-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/chronicle.toml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    init(_ text: String) throws {
        try self.init(Array(text.utf8))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A configuration that loads: one source, every table.
let goodConfiguration = """
    out = "/srv/chronicle"
    [[source]]
    name = "support"
    platform = "vectara"
    base_url = "file:/srv/replay"
    concurrency = 8
    [source.options]
    history_limit = 5
    [redact]
    builtin = true
    [prices."claude-sonnet-4"]
    input_per_mtok = 3.0

    """

/// True when `text` holds no line break or other control character.
func isOneLine(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
}
