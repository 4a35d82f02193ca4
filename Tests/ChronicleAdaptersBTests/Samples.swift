import ChronicleJSON
import Foundation

/// Paths of the repository's replay samples and their EXPECTED.json.
enum Samples {
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples").path
    }

    static func directory(_ name: String) -> String { root + "/" + name }

    static func expected(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory(name) + "/EXPECTED.json"))
        return try JSONParser.parse([UInt8](data))
    }
}
