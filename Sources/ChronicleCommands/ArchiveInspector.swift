import ChronicleBag
import ChronicleGzip
import ChronicleJSON

/// Checks an archive inside a bag: strict gzip (CRC, ISIZE, one member, no trailing bytes), a
/// complete, valid Chronicle archive document, read as a stream, and that the session it holds is
/// the one its file name is made from (one session's archive copied over another's, with the
/// manifests hashed again, verified "sound" and `render` lost a session).
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
            if let problem = Self.nameProblem(envelope.value["session"], relativePath: relativePath) { return [problem] }
        } catch {
            return ["the archive is not valid JSON: \(error)"]
        }
        return []
    }

    /// Why the archive's file name does not belong to the session inside, or nil when it does:
    /// `archive/<name>.json.gz`, the name made from the session id (or, for a second session with
    /// the same id under another agent, from agent id and session id).
    static func nameProblem(_ session: JSONValue?, relativePath: String) -> String? {
        guard let id = session?["id"]?.stringValue else { return "the archive names no session (no session.id)" }
        let file = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        guard file.hasSuffix(".json.gz") else { return nil }
        let name = String(file.dropLast(".json.gz".count))
        if name == SessionDirectoryName.make(forID: id) { return nil }
        if let agent = session?["agent_id"]?.stringValue, name == SessionDirectoryName.make(forID: agent + "\u{0}" + id) { return nil }
        return "holds session '\(id)', whose archive would be named \(SessionDirectoryName.make(forID: id)).json.gz: another session's archive was put in its place"
    }
}
