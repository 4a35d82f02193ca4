/// How the run reports itself on stderr (and its summary on stdout).
public enum LogFormat: String, Sendable, CaseIterable {
    /// A live progress line on a terminal, plain lines otherwise.
    case text
    /// One JSON object per line, for log shippers.
    case json
}
