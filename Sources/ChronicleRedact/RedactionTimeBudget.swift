/// How long a configured pattern's regular expression may run on one text, in CPU time of the
/// redacting thread: `base` plus `perMegabyte` for each MiB of the text (UTF-8), so a linear
/// pattern on a long text is not cut off while a catastrophic one (`(a+)+$`) stops within about
/// the budget.
///
/// Built-in rules have no budget: their scanners are linear.
public struct RedactionTimeBudget: Sendable, Hashable {
    public var base: Duration
    public var perMegabyte: Duration

    public init(base: Duration, perMegabyte: Duration) {
        self.base = base
        self.perMegabyte = perMegabyte
    }

    /// 250 ms plus 250 ms per MiB: ICU runs an ordinary pattern at well over 10 MB/s.
    public static let standard = RedactionTimeBudget(base: .milliseconds(250), perMegabyte: .milliseconds(250))

    /// The budget for a text of `utf8Count` bytes.
    func limit(forUTF8Count utf8Count: Int) -> Duration {
        base + perMegabyte * (Double(utf8Count) / 1_048_576)
    }
}
