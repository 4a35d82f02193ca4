/// Maps one platform's API onto Chronicle's model. Adapters read through a ``Transport``, never
/// open sockets or files themselves (except artifact files in the sink's folder).
public protocol PlatformAdapter: Sendable {
    var source: SourceDescriptor { get }

    /// The agents to export: those configured for the source, or every agent the credential sees.
    func agents() async throws -> [Agent]

    /// Streams the sessions of `agent` to `body`, one at a time, as the listing arrives. A listed
    /// record that cannot be read goes to `problem` and the listing goes on.
    func listSessions(
        of agent: Agent, problem: (ExportProblem) -> Void, _ body: (Session) async throws -> Void
    ) async throws

    /// Fetches everything of `session` (events, artifacts) into `sink`. A missing item or a bad
    /// record is reported to the sink and the export goes on; refusal of the credential and an
    /// unreachable platform throw ``PlatformError``.
    func exportSession(_ session: Session, into sink: any SessionSink) async throws
}
