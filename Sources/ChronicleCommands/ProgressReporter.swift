import ChronicleExport
import ChronicleJSON
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shows a run's progress on stderr: on a terminal one live line per source (sessions done/total
/// and percent once the listing is complete, events, artifacts, bytes, rate, ETA), redrawn in place; off a
/// terminal (cron) a plain line every `interval` seconds; with `--log-format json` the same as JSON.
final class ProgressReporter: ExportProgress, @unchecked Sendable {
    enum Mode { case terminal, plain, json }

    struct Counts {
        var started = Date()
        var listed = 0
        var toExport = 0
        var listingDone = false
        var done = 0
        var events = 0
        var artifacts = 0
        var bytes: UInt64 = 0
        var lastDrawn = Date.distantPast
    }

    private let lock = NSLock()
    private var counts: [String: Counts] = [:]
    let mode: Mode
    let interval: TimeInterval

    init(format: LogFormat, interval: TimeInterval = 10) {
        if format == .json {
            mode = .json
        } else {
            mode = isatty(STDERR_FILENO) == 1 ? .terminal : .plain
        }
        self.interval = mode == .terminal ? 0.2 : interval
    }

    func sourceStarted(_ source: String) {
        lock.lock()
        var fresh = Counts()
        fresh.lastDrawn = Date()
        counts[source] = fresh
        lock.unlock()
        if mode != .terminal { emit(source, event: "source_started", text: "source \(source): started", counts: Counts()) }
    }

    func sessionListed(source: String, willExport: Bool) {
        update(source, force: false) {
            $0.listed += 1
            if willExport { $0.toExport += 1 }
        }
    }

    func listingFinished(source: String) {
        update(source, force: false) { $0.listingDone = true }
    }

    func sessionExported(source: String, sessionID: String, events: Int, artifacts: Int, bytes: UInt64) {
        update(source, force: false) {
            $0.done += 1
            $0.events += events
            $0.artifacts += artifacts
            $0.bytes += bytes
        }
    }

    func sourceFinished(_ source: String) {
        update(source, force: true) { _ in }
        if mode == .terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func update(_ source: String, force: Bool, _ change: (inout Counts) -> Void) {
        lock.lock()
        var c = counts[source] ?? Counts()
        change(&c)
        let now = Date()
        let draw = force || now.timeIntervalSince(c.lastDrawn) >= interval
        if draw { c.lastDrawn = now }
        counts[source] = c
        lock.unlock()
        if draw { emit(source, event: "progress", text: Self.line(source, c, now: now), counts: c) }
    }

    private func emit(_ source: String, event: String, text: String, counts c: Counts) {
        switch mode {
        case .terminal:
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        case .plain:
            FileHandle.standardError.write(Data((JSONLogHandler.timestamp() + " " + text + "\n").utf8))
        case .json:
            JSONLogHandler.emit(.object([
                .init("ts", .string(JSONLogHandler.timestamp())),
                .init("level", .string("info")),
                .init("event", .string(event)),
                .init("source", .string(source)),
                .init("sessions_done", .number(String(c.done))),
                .init("sessions_to_export", .number(String(c.toExport))),
                .init("sessions_listed", .number(String(c.listed))),
                .init("listing_complete", .bool(c.listingDone)),
                .init("events", .number(String(c.events))),
                .init("artifacts", .number(String(c.artifacts))),
                .init("bytes", .number(String(c.bytes))),
            ]))
        }
    }

    static func line(_ source: String, _ c: Counts, now: Date) -> String {
        let elapsed = max(0.001, now.timeIntervalSince(c.started))
        let rate = Double(c.done) / elapsed
        var text = "\(source): \(c.done)/\(c.listingDone ? String(c.toExport) : "\(c.toExport)+") sessions"
        if c.listingDone, c.toExport > 0 { text += " (\(percent(done: c.done, of: c.toExport)))" }
        text += ", \(c.events) events, \(c.artifacts) artifacts, \(bytes(c.bytes)), \(String(format: "%.1f", rate)) sessions/s"
        if c.listingDone, rate > 0, c.done < c.toExport {
            text += ", ETA \(duration(seconds: Double(c.toExport - c.done) / rate))"
        }
        if c.listed > c.toExport { text += ", \(c.listed - c.toExport) unchanged" }
        return text
    }

    /// `37%`, rounded down so that 100% means done.
    static func percent(done: Int, of total: Int) -> String {
        guard total > 0 else { return "0%" }
        return "\(min(100, max(0, done) * 100 / total))%"
    }

    /// A time left, rounded up: `42 s`, `3 min 05 s`, `2 h 07 min`.
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0 s" }
        let total = seconds >= Double(Int.max / 2) ? Int.max / 2 : Int(seconds.rounded(.up))
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min \(pad(total % 60)) s" }
        let minutes = (total + 59) / 60
        return "\(minutes / 60) h \(pad(minutes % 60)) min"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func bytes(_ n: UInt64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}
