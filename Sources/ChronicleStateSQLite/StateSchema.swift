import GRDB

/// The state database's schema, one migration per version. Never edit a migration that has
/// shipped: add the next one.
enum StateSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs and session versions") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  source TEXT NOT NULL,
                  run_id TEXT,
                  status TEXT NOT NULL,
                  started_at TEXT NOT NULL,
                  finished_at TEXT,
                  bag_path TEXT,
                  tagmanifest_sha256 TEXT,
                  previous_run_id TEXT,
                  exported INTEGER NOT NULL DEFAULT 0,
                  skipped INTEGER NOT NULL DEFAULT 0,
                  missing INTEGER NOT NULL DEFAULT 0,
                  events INTEGER NOT NULL DEFAULT 0,
                  artifacts INTEGER NOT NULL DEFAULT 0,
                  bytes INTEGER NOT NULL DEFAULT 0,
                  message TEXT,
                  UNIQUE (source, run_id)
                );
                CREATE TABLE session_version (
                  source TEXT NOT NULL,
                  agent_id TEXT NOT NULL,
                  session_id TEXT NOT NULL,
                  run_id TEXT NOT NULL,
                  directory TEXT NOT NULL,
                  title TEXT,
                  status TEXT,
                  running INTEGER NOT NULL DEFAULT 0,
                  created_at TEXT,
                  updated_at TEXT,
                  updated_at_ms INTEGER,
                  event_count INTEGER NOT NULL,
                  last_event_id TEXT,
                  content_sha256 TEXT NOT NULL,
                  problems INTEGER NOT NULL DEFAULT 0,
                  first_event_at TEXT,
                  last_event_at TEXT,
                  messages INTEGER NOT NULL DEFAULT 0,
                  tokens INTEGER,
                  transcript TEXT,
                  exported_at TEXT NOT NULL,
                  PRIMARY KEY (source, agent_id, session_id, run_id),
                  FOREIGN KEY (source, run_id) REFERENCES run (source, run_id)
                );
                CREATE INDEX session_version_by_run ON session_version (source, run_id);
                """)
        }
        migrator.registerMigration("v2: artifacts held by committed bags") { db in
            // One row per artifact a committed bag stored with a platform identity (the newest
            // copy wins): later runs copy those bytes from that bag instead of downloading them.
            try db.execute(sql: """
                CREATE TABLE held_artifact (
                  source TEXT NOT NULL,
                  agent_id TEXT NOT NULL,
                  session_id TEXT NOT NULL,
                  artifact_id TEXT NOT NULL,
                  version TEXT NOT NULL,
                  declared_sha256 TEXT,
                  sha256 TEXT NOT NULL,
                  size INTEGER NOT NULL,
                  run_id TEXT NOT NULL,
                  stored_path TEXT NOT NULL,
                  PRIMARY KEY (source, agent_id, session_id, artifact_id, version),
                  FOREIGN KEY (source, run_id) REFERENCES run (source, run_id)
                );
                CREATE INDEX held_artifact_by_sha256 ON held_artifact (source, sha256);
                """)
        }
        migrator.registerMigration("v3: runs archived to object storage") { db in
            // One row per committed run whose bag is stored in object storage and was checked
            // there object by object (size, SHA-256, retention); a committed run without a row
            // is uploaded (or resumed) by the next run that has [upload] configured.
            try db.execute(sql: """
                CREATE TABLE archived_run (
                  source TEXT NOT NULL,
                  run_id TEXT NOT NULL,
                  location TEXT NOT NULL,
                  archived_at TEXT NOT NULL,
                  PRIMARY KEY (source, run_id),
                  FOREIGN KEY (source, run_id) REFERENCES run (source, run_id)
                );
                """)
        }
        migrator.registerMigration("v4: the figures of each session version") { db in
            // What every page and CSV shows of a version (SessionFigures), so the cumulative index
            // and `chronicle usage` read them from state. NULL in rows recorded before v4.
            try db.execute(sql: """
                ALTER TABLE session_version ADD COLUMN model_requests INTEGER;
                ALTER TABLE session_version ADD COLUMN input_tokens INTEGER;
                ALTER TABLE session_version ADD COLUMN output_tokens INTEGER;
                ALTER TABLE session_version ADD COLUMN cache_read_tokens INTEGER;
                ALTER TABLE session_version ADD COLUMN cache_write_tokens INTEGER;
                ALTER TABLE session_version ADD COLUMN cost_usd TEXT;
                ALTER TABLE session_version ADD COLUMN cost_source TEXT;
                ALTER TABLE session_version ADD COLUMN tool_calls INTEGER;
                ALTER TABLE session_version ADD COLUMN errors INTEGER;
                """)
        }
        return migrator
    }
}
