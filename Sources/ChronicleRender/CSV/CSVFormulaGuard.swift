/// Neutralises text a spreadsheet would evaluate: a cell whose first character, after any
/// leading spaces and quotes, is `=`, `+`, `-`, `@` (or their full-width forms), a tab, CR or LF
/// gets a leading `'`, so it is shown as text and never run.
public enum CSVFormulaGuard {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
    static let skipped: Set<Character> = [" ", "\u{00A0}", "\u{3000}", "\"", "'", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}"]

    public static func neutralise(_ text: String) -> String {
        for c in text {
            if triggers.contains(c) { return "'" + text }
            if !skipped.contains(c) { return text }
        }
        return text
    }
}
