import ChronicleCore
import ChronicleJSON

/// A reply's `usage` (every model call of the reply summed): `input_tokens`, `output_tokens`,
/// `cache_input_tokens` (read from the prompt cache) and `cache_creation_input_tokens` (written).
///
/// Chronicle's input figure is the input that was neither read from nor written to the cache (so
/// input + cache read + cache write is every input token, and prices never count one twice).
/// AgentScope passes the provider's own input count through: Anthropic-style models (`anthropic`,
/// and `minimax`, which speaks Anthropic's API) already exclude the cached tokens
/// (`agentscope/model/_anthropic/_model.py`); every other provider (OpenAI-compatible chat and
/// responses, DashScope, DeepSeek, Gemini, Moonshot, Volcengine, xAI, Ollama) reports the whole
/// prompt, cached tokens included (`prompt_tokens`, `cached_tokens` of
/// `agentscope/model/_openai_chat/_model.py`), so the cache reads are taken out of it. When
/// the cache reads exceed that input (not a shape the vendor produces) the input is kept as sent.
struct AgentScopeUsage: Sendable {
    /// The session's `config.chat_model_config.type`, lowercased; nil when unknown (then the
    /// OpenAI-style count, the service's default, is assumed).
    var providerType: String?

    /// Providers whose input count excludes cached tokens.
    static let inputExcludesCache: Set<String> = ["anthropic", "minimax"]

    func usage(of r: RecordReader) throws(RecordError) -> Usage? {
        guard let value = r.value["usage"], !value.isNull else { return nil }
        guard value.objectMembers != nil else { throw r.error("usage", "should be an object, found \(value.typeName)") }
        let u = RecordReader(value, kind: r.kind, sessionID: r.sessionID)
        func count(_ key: String) throws(RecordError) -> Int64? {
            do {
                return try u.optionalInt(key)
            } catch {
                throw r.error("usage.\(key)", error.message)
            }
        }
        var input = try count("input_tokens")
        let cacheRead = try count("cache_input_tokens")
        let cacheWrite = try count("cache_creation_input_tokens")
        if let i = input, let c = cacheRead, c <= i, !Self.inputExcludesCache.contains(providerType ?? "") {
            input = i - c
        }
        let usage = Usage(inputTokens: input, outputTokens: try count("output_tokens"), cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite)
        return usage.isUnknown ? nil : usage
    }
}
