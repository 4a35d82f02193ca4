/// The one set of record limits that export, `verify`, `render` and `share` share, so what an
/// export writes as complete is always read back (a 34 MB event exported "complete", then every
/// reader refused its archive item with "record exceeds maxRecordBytes").
public enum RecordLimits {
    /// The largest single record a platform may send (one event, message or listing entry).
    public static let maxRecordBytes = 64 << 20
    /// The largest item of a session archive: a record's raw bytes plus the events and artifacts
    /// it normalised to (its text again, at most about as long as the record) and the item's
    /// own members. The archive writer refuses an item over it; readers accept every item up to it.
    public static let maxArchiveItemBytes = 2 * maxRecordBytes + (1 << 20)
}
