import ChronicleCore
import ChronicleJSON

/// Maps one Guayaba Session record (`key`, `sessionId`, `label`, `updatedAt` in Unix ms, …) onto
/// Chronicle's ``Session``. The session's id is its `key` (`agent:main:telegram:4411`); every
/// other field stays in the raw record.
enum GuayabaSessionMapper {
    /// The session, or nil (after reporting to `problem`) when the record cannot be read.
    static func session(_ record: RawRecord, agent: Agent, archived: Bool, problem: (ExportProblem) -> Void) -> Session? {
        do throws(RecordError) {
            let r = try RecordReader(raw: record, sessionID: nil)
            let key = try r.requiredString("key")
            let keyed = RecordReader(r.value, kind: record.kind, sessionID: key)
            return Session(
                id: key, agentID: agent.id, agentName: agent.name,
                title: try keyed.optionalString("label"),
                status: archived ? "archived" : nil,
                updatedAt: try unixMilliseconds(keyed, "updatedAt"),
                raw: [record]
            )
        } catch {
            problem(error.problem(request: record.request))
            return nil
        }
    }

    /// An integer Unix-milliseconds field, keeping its literal as the timestamp's original text.
    static func unixMilliseconds(_ r: RecordReader, _ key: String) throws(RecordError) -> Timestamp? {
        guard let ms = try r.optionalInt(key) else { return nil }
        if case .number(let literal)? = r.value[key] {
            return Timestamp.unixMilliseconds(ms, literal: literal)
        }
        return Timestamp.unixMilliseconds(ms)
    }
}
