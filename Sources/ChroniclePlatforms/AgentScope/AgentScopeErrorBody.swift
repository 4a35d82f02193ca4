import ChronicleJSON

/// FastAPI's error bodies: `{"detail": "…"}` or `{"detail": [{"type", "loc": [...], "msg", "input"}]}`.
enum AgentScopeErrorBody {
    /// The human message of an error body (a non-JSON body: its first 300 bytes).
    static func message(_ body: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        if let text = value["detail"]?.stringValue { return text }
        if let items = value["detail"]?.arrayValue {
            let texts = items.map { item -> String in
                let loc = location(item)
                let msg = item["msg"]?.stringValue ?? "invalid"
                let type = item["type"]?.stringValue.map { " (\($0))" } ?? ""
                return loc.isEmpty ? msg + type : "\(loc): \(msg)\(type)"
            }
            if !texts.isEmpty { return texts.joined(separator: "; ") }
        }
        return nil
    }

    /// `header.x-user-id` for `{"loc": ["header", "x-user-id"]}`.
    static func location(_ item: JSONValue) -> String {
        (item["loc"]?.arrayValue ?? []).map { $0.stringValue ?? $0.int64Value.map(String.init) ?? "?" }.joined(separator: ".")
    }
}
