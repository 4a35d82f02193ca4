import ChronicleCore
import ChronicleTestSupport
import ChronicleTransport
import Foundation

/// Writes a vectara replay tree whose every text field carries the injection corpus: session
/// title, agent name, user and agent messages (Markdown), thinking, tool names, parameters and
/// outputs, artifact file names (with an SVG that has an onload script and an HTML file), hidden
/// reasons and an unknown event type.
struct InjectionTree {
    let root: String
    let port: Int

    func write(_ path: [String], body: String) throws {
        var query: [TransportRequest.QueryItem] = path.count == 6 ? [] : [.init("limit", "100")]
        if path.last == "events" { query.append(.init("include_hidden", "true")) }
        let request = TransportRequest(path: path, query: query)
        let file = root + "/" + ReplayLayout.relativePath(for: request)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(body.utf8).write(to: URL(fileURLWithPath: file))
    }

    static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFFFE {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The session id the tree holds.
    static let sessionID = "ses_injection"

    func build(secrets: [String] = []) throws {
        let payloads = InjectionCorpus.payloads(port: port)
        let all = payloads.joined(separator: " ")
        let md = InjectionCorpus.markdown(port: port)
        let s = Self.sessionID
        try write(["agents"], body: #"{"agents": [{"key": "agt", "name": \#(Self.json("Agent " + payloads[0]))}], "metadata": {}}"#)
        try write(["agents", "agt", "sessions"], body: #"{"sessions": [{"key": "\#(s)", "name": \#(Self.json("Title " + payloads[0] + payloads[20] + payloads[21] + " " + (secrets.first ?? ""))), "created_at": "2026-11-20T10:00:00Z"}], "metadata": {"page_key": null}}"#)
        let params = "{\"query\": \(Self.json(all)), \"html\": \(Self.json(payloads[1])), \(Self.json(payloads[3])): 1}"
        let events = [
            #"{"id": "e1", "type": "input_message", "created_at": "2026-11-20T10:00:01Z", "messages": [{"type": "text", "content": \#(Self.json(md))}]}"#,
            #"{"id": "e2", "type": "thinking", "created_at": "2026-11-20T10:00:02Z", "content": \#(Self.json(all + " secrets: " + secrets.joined(separator: " ")))}"#,
            #"{"id": "e3", "type": "tool_input", "created_at": "2026-11-20T10:00:03Z", "tool_call_id": \#(Self.json("call_" + payloads[0])), "tool_configuration_name": \#(Self.json(payloads[20])), "tool_name": \#(Self.json(payloads[0])), "tool_input": \#(params)}"#,
            #"{"id": "e4", "type": "tool_output", "created_at": "2026-11-20T10:00:04Z", "tool_call_id": \#(Self.json("call_" + payloads[0])), "tool_configuration_name": \#(Self.json(payloads[20])), "tool_name": \#(Self.json(payloads[3])), "tool_output": {"text": \#(Self.json(all))}, "error": true}"#,
            #"{"id": "e5", "type": "agent_output", "created_at": "2026-11-20T10:00:05Z", "content": \#(Self.json(md + "\n\nMail " + secrets.joined(separator: ", ")))}"#,
            #"{"id": "e6", "type": "artifact_upload", "created_at": "2026-11-20T10:00:06Z", "artifacts": [{"artifact_id": "art_svg", "filename": \#(Self.json(payloads[1] + ".svg")), "mime_type": "image/svg+xml", "size_bytes": 1}]}"#,
            #"{"id": "e7", "type": "agent_output", "created_at": "2026-11-20T10:00:07Z", "hide_reason": \#(Self.json(payloads[0])), "content": "hidden words"}"#,
            #"{"id": "e8", "type": \#(Self.json("evil" + payloads[0])), "created_at": "2026-11-20T10:00:08Z", "payload": \#(Self.json(all))}"#,
        ]
        try write(["agents", "agt", "sessions", s, "events"], body: "{\"events\": [\(events.joined(separator: ","))], \"metadata\": {}}")
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\" onload=\"\(InjectionCorpus.js(port))\"><script>\(InjectionCorpus.js(port))</script><rect width=\"40\" height=\"40\" fill=\"teal\"/></svg>"
        let html = "<html><body><script>\(InjectionCorpus.js(port))</script></body></html>"
        let arts: [(id: String, name: String, type: String, bytes: String)] = [
            ("art_svg", payloads[1] + ".svg", "image/svg+xml", svg),
            ("art_html", payloads[20] + ".html", "text/html", html),
        ]
        var metas: [String] = []
        for a in arts {
            let meta = #"{"artifact_id": "\#(a.id)", "filename": \#(Self.json(a.name)), "mime_type": "\#(a.type)", "size_bytes": \#(a.bytes.utf8.count)}"#
            metas.append(meta)
            let full = #"{"artifact_id": "\#(a.id)", "filename": \#(Self.json(a.name)), "mime_type": "\#(a.type)", "size_bytes": \#(a.bytes.utf8.count), "data": "\#(Data(a.bytes.utf8).base64EncodedString())"}"#
            try write(["agents", "agt", "sessions", s, "artifacts", a.id], body: full)
        }
        try write(["agents", "agt", "sessions", s, "artifacts"], body: "{\"artifacts\": [\(metas.joined(separator: ","))], \"metadata\": {}}")
    }
}
