import ChronicleCore
import ChronicleJSON

/// The runner's stderr envelope, for any `cli`: `{"type":"stderr","content":"…","timestamp":"…"}`
/// (`src/commands/runner.ts`). A status line whose text is the harness's stderr, kept verbatim
/// (stderr carries warnings as often as errors, so it is not counted as an error).
enum AgentSwarmStderrLine {
    static func map(_ l: RecordReader, into e: inout Event) throws(RecordError) {
        e.kind = .status
        e.speaker = "stderr"
        if let text = try l.optionalString("content") {
            e.blocks = [.rawText(text)]
        } else {
            e.blocks = [.json(l.value)]
        }
    }
}
