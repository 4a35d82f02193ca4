import ChronicleCore
import ChronicleGzip
import ChronicleJSON

/// Writes one session's archive, `archive/<session-dir>.json.gz`, as a stream: a header with the
/// normalised session, then one item per raw record (the record's original bytes with the events
/// and artifacts it gave), then a summary. Nothing of the session is held beyond one item, except
/// that a document of at most ``wholeBufferLimit`` bytes is kept whole for igzip (bounded:
/// a larger one streams through igzip, 256 KiB at a time, from the moment it passes the bound).
///
/// The bytes depend only on what the platform sent: same input, same archive (the gzip header
/// carries no time or name). igzip picks its code for the CPU, so another machine may compress
/// the same JSON document to other bytes; the document itself is the same everywhere.
public final class ArchiveWriter {
    public static let formatVersion = 1
    /// Archives whose JSON document fits in this many bytes are compressed in one go with ISA-L's
    /// igzip; larger ones stream through it in 256 KiB pieces. Bounds the memory of one archive
    /// being written.
    public static let wholeBufferLimit = 4 << 20
    /// The deflate level archives are written at, on zlib's scale (``GzipFileWriter`` maps it to
    /// igzip's). Measured on the benchmark's 1,000 × 100 corpus (392 MB of archived JSON, each
    /// archive compressed alone). Compressor CPU alone, an earlier measurement:
    ///
    /// | compressor      | CPU     | size    |
    /// |-----------------|---------|---------|
    /// | zlib 6          | 10.86 s | 69.2 MB |
    /// | zlib 1          |  3.16 s | 84.7 MB |
    /// | libdeflate 6    |  5.84 s | 69.7 MB |
    /// | libdeflate 3    |  2.99 s | 72.7 MB |
    /// | libdeflate 1    |  1.46 s | 78.0 MB |
    ///
    /// CPU of the whole export (html, csv, archive; mean of 4 or 5 interleaved runs to tmpfs),
    /// with the compressor swapped:
    ///
    /// | compressor      | export CPU | size    |
    /// |-----------------|------------|---------|
    /// | libdeflate 1    | 5.51 s     | 78.0 MB |
    /// | igzip 3         | 5.49 s     | 77.0 MB |
    /// | igzip 2         | 4.80 s     | 79.6 MB |
    /// | igzip 1         | 4.84 s     | 81.2 MB |
    ///
    /// igzip 2 (zlib levels 2 and 3) saves an eighth of the export's CPU against libdeflate 1
    /// for archives 2% larger, still smaller than zlib's fastest level, all standard gzip.
    public static let defaultLevel: Int32 = 2
    private let gzip: GzipFileWriter
    private var buffer: [UInt8] = []
    private var itemCount = 0
    /// Set once the document outgrew ``wholeBufferLimit``: from then on it goes to the gzip writer
    /// 64 KiB at a time.
    private var streaming = false
    private let path: String

    public init(path: String, session: Session, source: SourceDescriptor, level: Int32 = ArchiveWriter.defaultLevel) throws {
        self.path = path
        gzip = try GzipFileWriter(path: path, level: level, wholeBufferLimit: Self.wholeBufferLimit)
        // Room for nearly every session's document (on the benchmark corpus: median 400 KB, a
        // fifth over 512 KiB, 8 in 1,000 over 1 MiB), so it is not copied on its way there;
        // untouched pages cost nothing.
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: #"{"format":"chronicle-archive","version":1,"source":{"name":"#.utf8)
        JSONWriter.appendString(source.name, to: &buffer)
        buffer.append(contentsOf: #","platform":"#.utf8)
        JSONWriter.appendString(source.platform.rawValue, to: &buffer)
        buffer.append(contentsOf: #"},"session":"#.utf8)
        JSONWriter.append(ModelJSON.session(session, source: source), to: &buffer)
        buffer.append(contentsOf: #","items":["#.utf8)
    }

    /// Appends one record with what it normalised to.
    ///
    /// - Throws: ``ArchiveItemTooLarge`` when the item would be larger than
    ///   ``RecordLimits/maxArchiveItemBytes``, which readers would refuse (nothing of it is written).
    public func append(_ item: SessionItem) throws {
        let itemStart = buffer.count
        if itemCount > 0 { buffer.append(UInt8(ascii: ",")) }
        buffer.append(contentsOf: #"{"record":{"kind":"#.utf8)
        JSONWriter.appendString(item.record.kind, to: &buffer)
        buffer.append(contentsOf: #","request":"#.utf8)
        JSONWriter.appendString(item.record.request, to: &buffer)
        if let elided = item.record.elidedMember {
            buffer.append(contentsOf: #","elided":"#.utf8)
            JSONWriter.append(.object([
                .init("member", .string(elided.key)),
                .init("stored_as", ModelJSON.optional(elided.storedAs)),
                .init("length", .number(String(elided.encodedLength))),
            ]), to: &buffer)
        }
        if let invalid = item.record.invalidJSON {
            // The platform's element was not JSON: `raw` holds it as unparsed_base64/_text.
            buffer.append(contentsOf: #","invalid_json":"#.utf8)
            JSONWriter.appendString(invalid, to: &buffer)
        }
        if item.record.elidedSecrets > 0 {
            // The source's credential stood in the record as a whole token: replaced by
            // "<redacted>" in `raw`, the only change ever made to a raw record's bytes.
            buffer.append(contentsOf: #","elided_secrets":"#.utf8)
            buffer.append(contentsOf: String(item.record.elidedSecrets).utf8)
        }
        // The raw bytes go in verbatim: they were validated as JSON (and UTF-8) when split.
        buffer.append(contentsOf: #","raw":"#.utf8)
        buffer.append(contentsOf: item.record.bytes)
        buffer.append(contentsOf: #"},"events":["#.utf8)
        for (i, event) in item.events.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            ModelJSONBytes.appendEvent(event, to: &buffer)
        }
        buffer.append(contentsOf: #"],"artifacts":["#.utf8)
        for (i, artifact) in item.artifacts.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            ModelJSONBytes.appendArtifact(artifact, to: &buffer)
        }
        buffer.append(contentsOf: "]}".utf8)
        if buffer.count - itemStart > RecordLimits.maxArchiveItemBytes {
            let size = buffer.count - itemStart
            buffer.removeSubrange(itemStart...)
            throw ArchiveItemTooLarge(kind: item.record.kind, recordBytes: item.record.bytes.count, itemBytes: size)
        }
        itemCount += 1
        // A document within the whole-buffer bound stays here and is handed to the gzip writer
        // whole at ``finish(summary:sync:)`` (no copy); past the bound it streams from here on.
        if buffer.count >= Self.wholeBufferLimit || streaming && buffer.count >= 1 << 16 { try flush() }
    }

    /// Sees every compressed chunk as it goes to the file (to hash the archive while writing).
    public var onCompressedOutput: ((UnsafeRawBufferPointer) -> Void)? {
        get { gzip.onCompressedOutput }
        set { gzip.onCompressedOutput = newValue }
    }

    /// Writes the summary, closes the JSON document and the gzip member, and syncs the file
    /// unless `sync` is false (the caller syncs it later, e.g. a bag at finalize).
    public func finish(summary: JSONValue, sync: Bool = true) throws -> GzipSummary {
        buffer.append(contentsOf: #"],"summary":"#.utf8)
        JSONWriter.append(summary, to: &buffer)
        buffer.append(contentsOf: "}\n".utf8)
        try flush()
        return try gzip.finish(sync: sync)
    }

    private func flush() throws {
        if buffer.count >= Self.wholeBufferLimit { streaming = true }
        try gzip.write(taking: &buffer)
        if streaming { buffer.reserveCapacity(1 << 17) }
    }
}

/// An archive item over ``RecordLimits/maxArchiveItemBytes``: not written, since no reader
/// would accept it. The session's export records it as a problem (the run ends partial).
public struct ArchiveItemTooLarge: Error, Sendable, CustomStringConvertible {
    public let kind: String
    public let recordBytes: Int
    public let itemBytes: Int

    public var description: String {
        "a \(kind) record of \(recordBytes) bytes makes an archive item of \(itemBytes) bytes, over the \(RecordLimits.maxArchiveItemBytes) bytes that verify, render and share read; it is not archived"
    }
}
