import ChronicleCore
import ChronicleJSON
import Foundation

/// Records every response another transport gives into a replay tree (`--record DIR`) laid out as
/// ``ReplayLayout`` describes, so that ``ReplayTransport`` answers the same requests the same way.
///
/// Each body is streamed chunk by chunk to a temporary file beside its place in the tree, renamed
/// into place when complete, and then handed on: the caller reads exactly the bytes the platform
/// sent, and a body the caller stops reading early is still recorded whole. A `.meta` sidecar is
/// written when the status is not 200 or the content type is not JSON.
///
/// Secrets are stripped from the recording only: no request header is recorded, only the
/// response's `content-type`, and the credential's value (and its percent-encoded form) is
/// replaced by `<redacted>` in recorded text bodies. Recording never changes what is parsed: when
/// a body was scrubbed, the caller gets the original bytes (kept in an unnamed temporary file),
/// not the recording's (with an AgentScope identity `user`, every `"role":"user"` was parsed as
/// `<redacted>`). An identity (`x-user-id`) is no password: bodies are not rewritten for it.
/// ``shutdown()`` writes `replay.json` and shuts the wrapped transport down.
public struct RecordingTransport: Transport {
    public let inner: any Transport
    public let root: String
    public let platform: String
    public let sourceName: String
    public let pageSize: Int

    /// Adapter options the recorded requests depend on (e.g. agentscope's `server_timezone`),
    /// written to `replay.json` so a replay reads the tree as it was recorded.
    public let options: [String: String]

    public init(wrapping inner: any Transport, root: String, platform: String, sourceName: String, pageSize: Int, options: [String: String] = [:]) throws {
        self.inner = inner
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.platform = platform
        self.sourceName = sourceName
        self.pageSize = pageSize
        self.options = options
        do {
            try FileManager.default.createDirectory(atPath: self.root, withIntermediateDirectories: true)
        } catch {
            throw TransportError(.io, request: nil, detail: "cannot create the recording folder \(root): \(error.localizedDescription)")
        }
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let response = try await inner.send(request)
        let what = request.description
        let relative = ReplayLayout.relativePath(for: request)
        let path = root + "/" + relative
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TransportError(.io, request: what, detail: "cannot create \(directory) in the recording: \(error.localizedDescription)")
        }
        let contentType = response.header("content-type")
        var scrubber = StreamingScrubber(patterns: Self.isText(contentType) ? Self.secretForms(request.credential) : [])
        let temporary = directory + "/.recording-" + UUID().uuidString + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let out = FileHandle(forWritingAtPath: temporary) else {
            throw TransportError(.io, request: what, detail: "cannot write \(temporary) in the recording")
        }
        // What the caller reads when the recording may differ from what was sent.
        let original = scrubber.isActive ? BodySpool(threshold: 1 << 20, directory: directory, request: what) : nil
        do {
            defer { try? out.close() }
            for try await chunk in response.body {
                if let original { try chunk.withUnsafeBytes { try original.append($0) } }
                let clean = scrubber.feed(chunk)
                if !clean.isEmpty { try out.write(contentsOf: Data(clean)) }
            }
            let rest = scrubber.finish()
            if !rest.isEmpty { try out.write(contentsOf: Data(rest)) }
            try out.synchronize()
        } catch {
            unlink(temporary)
            if let error = error as? TransportError { throw error }
            throw TransportError(.io, request: what, detail: "cannot write \(relative) in the recording: \(error.localizedDescription)")
        }
        do {
            let metaPath = path + ".meta"
            if response.status != 200 || !Self.isJSON(contentType) {
                var meta = "{\"status\": \(response.status)"
                if let contentType {
                    meta += ", \"headers\": {\"content-type\": \(Self.quoted(contentType))}"
                }
                meta += "}\n"
                try Self.writeAtomically(Array(meta.utf8), to: metaPath)
            } else if FileManager.default.fileExists(atPath: metaPath) {
                try FileManager.default.removeItem(atPath: metaPath)
            }
            guard rename(temporary, path) == 0 else {
                throw TransportError(.io, request: what, detail: "cannot move \(relative) into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            if let error = error as? TransportError { throw error }
            throw TransportError(.io, request: what, detail: "cannot write \(relative).meta in the recording: \(error.localizedDescription)")
        }
        if let original {
            return TransportResponse(status: response.status, headers: response.headers, body: try original.finish())
        }
        let reader = try FileChunkReader(path: path, request: what)
        return TransportResponse(status: response.status, headers: response.headers, body: ResponseBody { try reader.next() })
    }

    /// Writes `replay.json`, then shuts the wrapped transport down.
    public func shutdown() async {
        try? writeReplayDescription()
        await inner.shutdown()
    }

    /// Writes `replay.json` now (also done by ``shutdown()``).
    public func writeReplayDescription() throws {
        var members = "\"platform\": \(Self.quoted(platform)), \"source\": \(Self.quoted(sourceName)), \"page_size\": \(pageSize)"
        if !options.isEmpty {
            let pairs = options.sorted { $0.key < $1.key }.map { "\(Self.quoted($0.key)): \(Self.quoted($0.value))" }
            members += ", \"options\": {" + pairs.joined(separator: ", ") + "}"
        }
        let doc = "{" + members + "}\n"
        try Self.writeAtomically(Array(doc.utf8), to: root + "/replay.json")
    }

    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/.recording-" + UUID().uuidString + ".tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw TransportError(.io, request: nil, detail: "cannot move \(path) into place: \(reason)")
        }
    }

    /// The forms of the credential's value to strip from recorded text.
    static func secretForms(_ credential: Credential?) -> [[UInt8]] {
        guard let credential, credential.style != .userID else { return [] }
        return credential.secret.withValue { value in
            guard value.utf8.count >= 4 else { return [] }
            let encoded = URLEncoding.encode(value)
            return encoded == value ? [Array(value.utf8)] : [Array(value.utf8), Array(encoded.utf8)]
        }
    }

    static func mediaType(_ contentType: String?) -> String {
        guard let contentType else { return "" }
        return contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    static func isJSON(_ contentType: String?) -> Bool {
        mediaType(contentType) == "application/json"
    }

    /// Text bodies are scrubbed; binary ones (artifact downloads) are kept byte for byte.
    static func isText(_ contentType: String?) -> Bool {
        let type = mediaType(contentType)
        if type.isEmpty { return true }
        return type.hasPrefix("text/") || type.hasSuffix("json") || type.hasSuffix("+json") || type.hasSuffix("xml")
            || type == "application/x-www-form-urlencoded" || type == "application/javascript"
    }
}
