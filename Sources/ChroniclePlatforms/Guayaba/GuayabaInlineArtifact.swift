import ChronicleArtifacts
import ChronicleCore
import ChronicleJSON

/// Decodes the base64 `source.data` of an `image` or `document` content block to disk, in chunks,
/// through the strict decoder, and stores it under its content address. Guayaba gives no id, size
/// or checksum: the artifact is identified by the SHA-256 of its decoded bytes.
enum GuayabaInlineArtifact {
    /// Bytes of base64 text handed to the decoder at a time.
    static let chunkSize = 64 * 1024

    /// Stores the block's artifact; a bad one comes back `invalid` with its problem reported.
    static func store(
        block: JSONValue, blockIndex: Int, messageID: String?, sessionID: String, request: String,
        artifactsDirectory: String, report: (ExportProblem) -> Void
    ) -> ArtifactReference {
        let source = block["source"]
        let mediaType = source?["media_type"]?.stringValue
        let name = block["title"]?.stringValue ?? block["name"]?.stringValue
        let item = "message \(messageID ?? "?") content[\(blockIndex)]"
        var reference = ArtifactReference(name: name, mediaType: mediaType, state: .invalid)
        func invalid(_ message: String) -> ArtifactReference {
            reference.problem = message
            report(ExportProblem(.invalidArtifact, sessionID: sessionID, item: item, request: request, message: "session '\(sessionID)': \(item): \(message)"))
            return reference
        }
        guard let data = source?["data"]?.stringValue else {
            return invalid("field 'source.data' should be a base64 string, found \(source?["data"]?.typeName ?? "nothing")")
        }
        do {
            let writer = try ArtifactFileWriter(directory: artifactsDirectory, artifactName: item)
            var text = data
            try text.withUTF8 { utf8 in
                let all = UnsafeRawBufferPointer(utf8)
                var offset = 0
                while offset < all.count {
                    let end = min(offset + chunkSize, all.count)
                    try writer.writeBase64(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                    offset = end
                }
            }
            let ext = ArtifactFileExtension.choose(mediaType: mediaType, fileName: name)
            let stored = try writer.commit(expectedSize: nil, expectedSHA256: nil, fileExtension: ext)
            reference.sha256 = stored.sha256
            reference.size = stored.size
            reference.storedPath = "artifacts/" + stored.fileName
            reference.state = .stored
            return reference
        } catch {
            return invalid("field 'source.data': \(error)")
        }
    }
}
