import Foundation

/// Where the repository is, found from this file (`Tests/ChronicleTestSupport/Repository.swift`).
public enum Repository {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    public static var samples: String { root + "/samples" }
    public static var templates: String { root + "/templates" }

    /// The real `chronicle` binary, beside the test bundle (`.build/<config>/chronicle`).
    public static var chronicleBinary: String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var url = runner
        while url.path != "/" {
            let candidate = url.appendingPathComponent("chronicle").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return runner.appendingPathComponent("chronicle").path
    }
}
