import ChronicleCore
import ChronicleGzip
import ChronicleJSON

/// Reads a session's archive (`archive/<session-dir>.json.gz`) as a stream: strict gzip, the
/// JSON record splitter over `items`, one item parsed at a time. Events are handed over as they
/// come; the session, source, artifacts and problems are known once the document is finished.
public enum ArchiveReader {
    /// What an archive holds besides its events.
    public struct Summary: Sendable {
        public var session: Session
        public var source: SourceDescriptor
        public var artifacts: [ArtifactReference]
        public var problems: [ExportProblem]
    }

    public static func read(path: String, onEvent: (Event) throws -> Void) throws -> Summary {
        var splitter = JSONRecordSplitter(recordArray: .member("items"), maxRecordBytes: RecordLimits.maxArchiveItemBytes)
        var itemArtifacts: [ArtifactReference] = []
        do {
            _ = try GzipStrictReader.read(path: path) { chunk in
                try splitter.feed(chunk) { raw in
                    let item = try JSONParser.parse(raw)
                    for e in item["events"]?.arrayValue ?? [] {
                        if let event = ModelJSONReader.event(e) { try onEvent(event) }
                    }
                    itemArtifacts += (item["artifacts"]?.arrayValue ?? []).compactMap(ModelJSONReader.artifact)
                }
            }
        } catch let error as RenderError {
            throw error
        } catch let error as TemplateError {
            throw error
        } catch {
            throw RenderError(path: path, message: "the archive cannot be read: \(error)")
        }
        let envelope: JSONEnvelope
        do { envelope = try splitter.finish() } catch { throw RenderError(path: path, message: "the archive cannot be read: \(error)") }
        let doc = envelope.value
        guard doc["format"]?.stringValue == "chronicle-archive" else { throw RenderError(path: path, message: "not a Chronicle archive") }
        guard let session = doc["session"].flatMap(ModelJSONReader.session) else { throw RenderError(path: path, message: "the archive has no session") }
        let platformText = doc["source"]?["platform"]?.stringValue ?? doc["session"]?["platform"]?.stringValue ?? ""
        guard let platform = PlatformID(rawValue: platformText) else { throw RenderError(path: path, message: "unknown platform '\(platformText)'") }
        let source = SourceDescriptor(name: doc["source"]?["name"]?.stringValue ?? platformText, platform: platform, baseURL: "")
        let summary = doc["summary"]
        let artifacts = summary?["artifacts"]?.arrayValue.map { $0.compactMap(ModelJSONReader.artifact) } ?? itemArtifacts
        let problems = (summary?["problems"]?.arrayValue ?? []).compactMap(ModelJSONReader.problem)
        var s = session
        if summary?["possibly_truncated"]?.boolValue == true { s.possiblyTruncated = true }
        return Summary(session: s, source: source, artifacts: artifacts, problems: problems)
    }

    /// The session id an archive is about, read from its header without parsing its items.
    public static func sessionID(path: String) throws -> String? {
        var splitter = JSONRecordSplitter(recordArray: .member("items"), maxRecordBytes: RecordLimits.maxArchiveItemBytes)
        do {
            _ = try GzipStrictReader.read(path: path) { chunk in try splitter.feed(chunk) { _ in } }
            return try splitter.finish().value["session"]?["id"]?.stringValue
        } catch {
            throw RenderError(path: path, message: "the archive cannot be read: \(error)")
        }
    }
}
