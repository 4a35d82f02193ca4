import Foundation
import Testing
import Synchronization
@testable import ChronicleBag

/// Records inspected paths and reports one problem per file.
final class RecordingInspector: BagPayloadInspector {
    private let paths = Mutex<[String]>([])

    func inspect(fileAt path: String, relativePath: String) throws -> [String] {
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(path.hasSuffix(relativePath))
        paths.withLock { $0.append(relativePath) }
        return ["not valid gzip+JSON (test)"]
    }

    func seen() -> [String] { paths.withLock { $0 } }
}
