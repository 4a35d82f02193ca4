import ChronicleBag
import ChronicleGzip
import ChronicleJSON

/// Checks an archive inside a bag: strict gzip (CRC, ISIZE, one member, no trailing bytes) and a
/// complete, valid Chronicle archive document, read as a stream.
struct ArchiveInspector: BagPayloadInspector {
    func inspect(fileAt path: String, relativePath: String) throws -> [String] {
        var splitter = JSONRecordSplitter(recordArray: .member("items"), maxRecordBytes: RecordLimits.maxArchiveItemBytes)
        do {
            _ = try GzipStrictReader.read(path: path) { chunk in
                try splitter.feed(chunk) { _ in }
            }
        } catch let error as GzipIntegrityError {
            return ["gzip: \(error)"]
        } catch let error as JSONStreamError {
            return ["the archive is not valid JSON: \(error)"]
        }
        do {
            let envelope = try splitter.finish()
            guard envelope.value["format"]?.stringValue == "chronicle-archive" else {
                return ["not a Chronicle archive (no \"format\": \"chronicle-archive\")"]
            }
            guard envelope.foundRecordArray else { return ["the archive has no items"] }
        } catch {
            return ["the archive is not valid JSON: \(error)"]
        }
        return []
    }
}
