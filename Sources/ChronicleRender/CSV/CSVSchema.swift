/// The usage CSVs' schema version, recorded in run.json as `csv_schema_version`. It changes
/// whenever a column is added, removed, renamed or moved (see the README's column lists).
public enum CSVSchema {
    public static let version = 1
    public static let directory = "usage"
    public static let sessionsFile = "usage/sessions.csv"
    public static let dailyFile = "usage/daily.csv"
    public static let modelsFile = "usage/models.csv"
}
