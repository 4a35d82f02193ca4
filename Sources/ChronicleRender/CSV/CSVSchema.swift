/// The usage CSVs' schema version, recorded in run.json as `csv_schema_version`. It changes
/// whenever a column is added, removed, renamed or moved (see the README's column lists).
public enum CSVSchema {
    /// 2: daily.csv's first column is `day` (the zone is in `timezone`); `agent_name` after
    /// `agent_id`; sessions.csv's times are `YYYY-MM-DD HH:MM:SS` in the zone of its new
    /// `timezone` column (version 1: ISO 8601 UTC with `T` and `Z`). See docs/usage.md.
    public static let version = 2
    public static let directory = "usage"
    public static let sessionsFile = "usage/sessions.csv"
    public static let dailyFile = "usage/daily.csv"
    public static let modelsFile = "usage/models.csv"
}
