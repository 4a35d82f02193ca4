import ChronicleBag
import ChronicleCore
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The outcomes of a run's sessions, kept on disk while the run goes on, so a run's memory does
/// not grow with its number of sessions: each finished session's ``SessionOutcome`` is encoded
/// (``SpoolFormat``) and appended to a hidden file beside the run's bag, followed by its member of
/// run.json's `sessions`, printed then; memory keeps their offsets, lengths and the sort key.
/// The finalisation reads them back in the order run.json lists them (agent id, then session
/// id), decoding ``batchSize`` at a time on every core: the reads come after every session is
/// exported, when nothing else runs, and one thread decoding took 0.2 s of a 5 s export (with
/// Foundation's JSON coders, since replaced by ``SpoolEncoder``).
///
/// One owner: used by the task that runs the export. The file is removed by ``remove()`` (and
/// any left by a crashed run by ``removeLeftovers(in:)``).
final class OutcomeSpool {
    /// Name prefix of spool files in a source folder.
    static let prefix = ".chronicle-outcomes-"

    struct Entry: Sendable {
        let agentID: String
        let sessionID: String
        let offset: Int64
        let length: Int
        let runJSONLength: Int
    }

    let path: String
    private var fd: Int32
    private var size: Int64 = 0
    private var entries: [Entry] = []
    /// The outcomes decoded last: `batch[k]` is the outcome at `batchStart + k`.
    private var batchStart = 0
    private var batch: [SessionOutcome] = []
    /// How many outcomes ``outcome(at:)`` decodes at once.
    static let batchSize = 64

    var count: Int { entries.count }
    /// How many payload digests the spooled outcomes carry, and the bytes of their paths.
    private(set) var payloadDigestCount = 0
    private(set) var payloadDigestPathBytes = 0

    /// Creates the spool file in `directory` (the source folder).
    init(directory: String) throws {
        let path = directory + "/" + Self.prefix + UUID().uuidString + ".partial"
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ExportError(.output, path: path, message: "cannot create the run's outcome spool: \(String(cString: strerror(errno))); check free space and permissions, then run again")
        }
        self.path = path
        self.fd = fd
    }

    deinit { remove() }

    /// Removes spool files of runs that ended without cleaning up (a crash or a kill).
    static func removeLeftovers(in directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    func append(_ outcome: SessionOutcome, runJSON: [UInt8]) throws {
        var bytes: [UInt8]
        do { bytes = try SpoolEncoder.encode(outcome) } catch {
            throw ExportError(.output, path: path, message: "cannot record session '\(outcome.session.id)': \(error)")
        }
        let outcomeLength = bytes.count
        bytes.append(contentsOf: runJSON)
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                guard let base = raw.baseAddress else { return }
                let n = pwrite(fd, base + done, raw.count - done, off_t(size) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ExportError(.output, path: path, message: "cannot write the run's outcome spool: \(String(cString: strerror(errno))); free space, then run again")
                }
                done += n
            }
        }
        payloadDigestCount += outcome.payloadDigests.count
        payloadDigestPathBytes += outcome.payloadDigests.reduce(0) { $0 + $1.relativePath.utf8.count }
        entries.append(Entry(agentID: outcome.session.agentID, sessionID: outcome.session.id, offset: size, length: outcomeLength, runJSONLength: runJSON.count))
        size += Int64(bytes.count)
    }

    /// Puts the entries in run.json's order: agent id, then session id.
    func sort() {
        entries.sort { ($0.agentID, $0.sessionID) < ($1.agentID, $1.sessionID) }
        batch = []
    }

    /// The `index`-th outcome in the current order. Read in order: an index past the batch
    /// decoded last decodes the next ``batchSize`` outcomes from it, in parallel.
    func outcome(at index: Int) throws -> SessionOutcome {
        if index < batchStart || index >= batchStart + batch.count {
            batch = []
            batch = try decode(index..<min(index + Self.batchSize, entries.count))
            batchStart = index
        }
        return batch[index - batchStart]
    }

    /// The outcomes at `range`, decoded concurrently (reads are `pread`s; each decode has its
    /// own decoder); the first failure in index order is thrown.
    private func decode(_ range: Range<Int>) throws(ExportError) -> [SessionOutcome] {
        let reader = Reader(fd: fd, path: path)
        let entries = Array(entries[range])
        let results = Mutex([Result<SessionOutcome, ExportError>?](repeating: nil, count: entries.count))
        DispatchQueue.concurrentPerform(iterations: entries.count) { k in
            let result = Result { () throws(ExportError) in try reader.decode(entries[k]) }
            results.withLock { $0[k] = result }
        }
        return try results.withLock { $0 }.map { result throws(ExportError) in
            guard let result else { throw ExportError(.output, path: path, message: "the run's outcome spool could not be read back; run again") }
            return try result.get()
        }
    }

    /// Reads and decodes spooled records; safe to use from several threads at once.
    private struct Reader: Sendable {
        let fd: Int32
        let path: String

        func decode(_ entry: Entry) throws(ExportError) -> SessionOutcome {
            let bytes = try read(entry, offset: entry.offset, length: entry.length)
            do { return try SpoolDecoder.decode(SessionOutcome.self, from: bytes) } catch {
                throw ExportError(.output, path: path, message: "the run's outcome spool is damaged at session '\(entry.sessionID)': \(error); run again")
            }
        }

        func read(_ entry: Entry, offset: Int64, length: Int) throws(ExportError) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: length)
            let read = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                var done = 0
                while done < length {
                    let n = pread(fd, base + done, length - done, off_t(offset) + off_t(done))
                    if n < 0, errno == EINTR { continue }
                    if n <= 0 { return done }
                    done += n
                }
                return done
            }
            guard read == length else {
                throw ExportError(.output, path: path, message: "cannot read back session '\(entry.sessionID)' from the run's outcome spool; run again")
            }
            return bytes
        }
    }

    /// The `index`-th outcome's member of run.json's `sessions`, as printed when it was appended.
    func runJSONElement(at index: Int) throws -> [UInt8] {
        let entry = entries[index]
        return try Reader(fd: fd, path: path).read(entry, offset: entry.offset + Int64(entry.length), length: entry.runJSONLength)
    }

    /// Calls `body` with every outcome, in the current order.
    func forEach(_ body: (SessionOutcome) throws -> Void) throws {
        for i in entries.indices { try body(try outcome(at: i)) }
    }

    /// Closes and deletes the file.
    func remove() {
        guard fd >= 0 else { return }
        _ = close(fd)
        fd = -1
        _ = unlink(path)
    }
}
