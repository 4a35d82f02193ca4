@testable import ChronicleBag

/// An inspector that always throws.
struct FailingInspector: BagPayloadInspector {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    func inspect(fileAt path: String, relativePath: String) throws -> [String] {
        throw Failure()
    }
}
