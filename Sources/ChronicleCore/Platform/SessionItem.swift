/// What an adapter hands the pipeline for one raw record: the record itself and the normalised
/// events and artifacts it gave.
public struct SessionItem: Sendable {
    public var record: RawRecord
    /// Events in platform order; their `index` is assigned by the pipeline.
    public var events: [Event]
    public var artifacts: [ArtifactReference]

    public init(record: RawRecord, events: [Event] = [], artifacts: [ArtifactReference] = []) {
        self.record = record
        self.events = events
        self.artifacts = artifacts
    }
}
