import ChronicleCore
import ChronicleExport
import Foundation
import GRDB

/// The state store in one SQLite file (`<out>/.chronicle/state.sqlite` by default), through GRDB.
/// Every commit is one transaction with `synchronous = FULL`: after `commit` returns, the run and
/// its session versions survive a crash or a power cut; a commit killed half way leaves nothing.
public final class SQLiteStateStore: StateStore {
    private let queue: DatabaseQueue
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try StateSchema.migrator.migrate(queue)
        } catch {
            throw ExportError(.state, path: path, message: "cannot open the state database: \(Self.describe(error)); check free space and permissions")
        }
    }

    public func latestVersions(source: String) throws -> [SessionKey: SessionVersionRecord] {
        // Rows are read through a cursor and turned into records one at a time: a long history
        // is never also held as an array of database rows.
        try read { db in
            var out: [SessionKey: SessionVersionRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT v.* FROM session_version v
                JOIN (SELECT agent_id, session_id, MAX(run_id) AS run_id FROM session_version WHERE source = ? GROUP BY agent_id, session_id) m
                  ON v.agent_id = m.agent_id AND v.session_id = m.session_id AND v.run_id = m.run_id
                WHERE v.source = ?
                """, arguments: [source, source])
            while let row = try rows.next() {
                let record = Self.version(row)
                out[record.key] = record
            }
            return out
        }
    }

    public func versions(source: String?) throws -> [SessionVersionRecord] {
        try read { db in
            let rows = source == nil
                ? try Row.fetchCursor(db, sql: "SELECT * FROM session_version ORDER BY source, run_id, agent_id, session_id")
                : try Row.fetchCursor(db, sql: "SELECT * FROM session_version WHERE source = ? ORDER BY run_id, agent_id, session_id", arguments: [source])
            var out: [SessionVersionRecord] = []
            while let row = try rows.next() { out.append(Self.version(row)) }
            return out
        }
    }

    public func forEachLatestVersion(_ body: (SessionVersionRecord) throws -> Void) throws {
        // The primary key (source, agent_id, session_id, run_id) gives the groups in order; SQLite
        // takes a bare column's values from the row that holds the MAX of an aggregate.
        var failure: (any Error)?
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT *, MAX(run_id) FROM session_version GROUP BY source, agent_id, session_id ORDER BY source, agent_id, session_id
                """)
            while let row = try rows.next() {
                do { try body(Self.version(row)) } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    public func forEachLatestVersionNewestFirst(_ body: (SessionVersionRecord) throws -> Void) throws {
        // SQLite sorts in its own temporary storage; rows still come one at a time.
        var failure: (any Error)?
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT * FROM (SELECT *, MAX(run_id) FROM session_version GROUP BY source, agent_id, session_id)
                ORDER BY COALESCE(first_event_at, created_at, '') DESC, source, agent_id, session_id
                """)
            while let row = try rows.next() {
                do { try body(Self.version(row)) } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    public func runs(source: String?) throws -> [RunRecord] {
        try read { db in
            if let source {
                return try Row.fetchAll(db, sql: "SELECT * FROM run WHERE source = ? ORDER BY id", arguments: [source])
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id")
        }.map(Self.run)
    }

    public func committedRunIDs(source: String) throws -> Set<String> {
        Set(try read { db in
            try String.fetchAll(db, sql: "SELECT run_id FROM run WHERE source = ? AND run_id IS NOT NULL", arguments: [source])
        })
    }

    public func commit(run: RunRecord, versionCount: Int, version: (Int) throws -> SessionVersionRecord) throws {
        do {
            try queue.write { db in
                try Self.insert(run, db)
                for i in 0..<versionCount {
                    let v = try version(i)
                    try db.cachedStatement(sql: """
                        INSERT INTO session_version (source, agent_id, session_id, run_id, directory, title, status, running,
                          created_at, updated_at, updated_at_ms, event_count, last_event_id, content_sha256, problems,
                          first_event_at, last_event_at, messages, tokens, transcript, exported_at,
                          model_requests, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, cost_source,
                          tool_calls, errors)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [
                            v.source, v.agentID, v.sessionID, v.runID, v.directory, v.title, v.status, v.running,
                            v.createdAt, v.updatedAt, v.updatedAtMilliseconds, v.eventCount, v.lastEventID, v.contentSHA256, v.problems,
                            v.firstEventAt, v.lastEventAt, v.messages, v.tokens, v.transcript, v.exportedAt,
                            v.figures?.requests, v.figures?.inputTokens, v.figures?.outputTokens, v.figures?.cacheReadTokens,
                            v.figures?.cacheWriteTokens, v.figures?.costText, v.figures?.cost.source.rawValue,
                            v.figures?.toolCalls, v.figures?.errors,
                        ])
                    for a in v.artifacts {
                        try db.cachedStatement(sql: """
                            INSERT OR REPLACE INTO held_artifact (source, agent_id, session_id, artifact_id, version, declared_sha256,
                              sha256, size, run_id, stored_path)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """).execute(arguments: [
                                v.source, v.agentID, v.sessionID, a.identity.artifactID, a.identity.version, a.identity.declaredSHA256?.lowercased(),
                                a.sha256, a.size, v.runID, a.storedPath,
                            ])
                    }
                }
            }
        } catch {
            throw ExportError(.state, path: path, message: "cannot commit run \(run.runID ?? "?") of source '\(run.source)': \(Self.describe(error)); state is unchanged and the next run adopts the bag")
        }
    }

    public func heldArtifact(source: String, agentID: String, sessionID: String, identity: ArtifactIdentity) throws -> HeldArtifact? {
        try read { db in
            var row: Row?
            if let declared = identity.declaredSHA256?.lowercased() {
                row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT * FROM held_artifact WHERE source = ? AND sha256 = ? ORDER BY run_id DESC LIMIT 1
                    """), arguments: [source, declared])
            }
            if row == nil {
                row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT * FROM held_artifact WHERE source = ? AND agent_id = ? AND session_id = ? AND artifact_id = ? AND version = ?
                    """), arguments: [source, agentID, sessionID, identity.artifactID, identity.version])
            }
            guard let row else { return nil }
            return HeldArtifact(
                identity: ArtifactIdentity(artifactID: row["artifact_id"], version: row["version"], declaredSHA256: row["declared_sha256"]),
                sha256: row["sha256"], size: row["size"], storedPath: row["stored_path"], runID: row["run_id"]
            )
        }
    }

    public func mayHoldArtifacts(source: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM held_artifact WHERE source = ?)", arguments: [source]) ?? true
        }
    }

    public func markArchived(source: String, runID: String, location: String, archivedAt: String) throws {
        do {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT OR IGNORE INTO archived_run (source, run_id, location, archived_at) VALUES (?, ?, ?, ?)
                    """, arguments: [source, runID, location, archivedAt])
            }
        } catch {
            throw ExportError(.state, path: path, message: "cannot record run \(runID) of source '\(source)' as archived: \(Self.describe(error)); the next run checks the stored objects again")
        }
    }

    public func archivedRunIDs(source: String) throws -> Set<String> {
        Set(try read { db in
            try String.fetchAll(db, sql: "SELECT run_id FROM archived_run WHERE source = ?", arguments: [source])
        })
    }

    public func recordUnpublished(run: RunRecord) throws {
        do {
            try queue.write { db in try Self.insert(run, db) }
        } catch {
            throw ExportError(.state, path: path, message: "cannot record the failed run of source '\(run.source)': \(Self.describe(error))")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw ExportError(.state, path: path, message: "cannot read the state database: \(Self.describe(error))")
        }
    }

    private static func insert(_ run: RunRecord, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO run (source, run_id, status, started_at, finished_at, bag_path, tagmanifest_sha256, previous_run_id,
              exported, skipped, missing, events, artifacts, bytes, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                run.source, run.runID, run.status.rawValue, run.startedAt, run.finishedAt, run.bagPath, run.tagManifestSHA256,
                run.previousRunID, run.exported, run.skipped, run.missing, run.events, run.artifacts, run.bytes, run.message,
            ])
    }

    static func version(_ row: Row) -> SessionVersionRecord {
        SessionVersionRecord(
            source: row["source"], agentID: row["agent_id"], sessionID: row["session_id"], runID: row["run_id"],
            directory: row["directory"], title: row["title"], status: row["status"], running: row["running"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], updatedAtMilliseconds: row["updated_at_ms"],
            eventCount: row["event_count"], lastEventID: row["last_event_id"], contentSHA256: row["content_sha256"],
            problems: row["problems"], firstEventAt: row["first_event_at"], lastEventAt: row["last_event_at"],
            messages: row["messages"], tokens: row["tokens"], transcript: row["transcript"], exportedAt: row["exported_at"],
            figures: figures(row)
        )
    }

    /// The v4 figure columns, nil in a row recorded before them.
    static func figures(_ row: Row) -> SessionFigures? {
        guard let requests: Int = row["model_requests"] else { return nil }
        let costText: String? = row["cost_usd"]
        let costSource: String? = row["cost_source"]
        return SessionFigures(
            requests: requests, inputTokens: row["input_tokens"], outputTokens: row["output_tokens"],
            cacheReadTokens: row["cache_read_tokens"], cacheWriteTokens: row["cache_write_tokens"],
            cost: SessionFigures.cost(literal: costText, source: costSource),
            toolCalls: row["tool_calls"] ?? 0, errors: row["errors"] ?? 0
        )
    }

    static func run(_ row: Row) -> RunRecord {
        let statusText: String = row["status"]
        return RunRecord(
            source: row["source"], runID: row["run_id"], status: RunRecord.Status(rawValue: statusText) ?? .failed,
            startedAt: row["started_at"], finishedAt: row["finished_at"], bagPath: row["bag_path"],
            tagManifestSHA256: row["tagmanifest_sha256"], previousRunID: row["previous_run_id"], exported: row["exported"],
            skipped: row["skipped"], missing: row["missing"], events: row["events"], artifacts: row["artifacts"],
            bytes: row["bytes"], message: row["message"]
        )
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? DatabaseError {
            return e.message ?? "\(e.resultCode)"
        }
        return "\(error)"
    }
}
