import ChronicleBag
import ChronicleExport
import Foundation

/// `--metrics-file PATH`: Prometheus text-format metrics of the last run, for node_exporter's
/// textfile collector, written atomically (a temporary file renamed over PATH).
enum MetricsFile {
    static func render(results: [SourceRunResult], exitCode: Int32, finished: Date, durationSeconds: Double) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(String, String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, value) in samples { out += "\(name)\(labels) \(value)\n" }
        }
        func label(_ r: SourceRunResult) -> String { "{source=\"\(escape(r.source.name))\"}" }
        let time = String(format: "%.3f", finished.timeIntervalSince1970)
        family("chronicle_last_run_timestamp_seconds", "gauge", "When the last run ended (Unix time).", [("", time)])
        family("chronicle_last_run_exit_code", "gauge", "Exit status of the last run (0 complete, 3 partial, …).", [("", String(exitCode))])
        family("chronicle_last_run_duration_seconds", "gauge", "Duration of the last run.", [("", String(format: "%.3f", durationSeconds))])
        family("chronicle_source_last_run_timestamp_seconds", "gauge", "When the source's last run ended (Unix time).", results.map { (label($0), time) })
        family("chronicle_source_last_run_status", "gauge", "1 for the status of the source's last run.", results.flatMap { r in
            ["complete", "partial", "failed"].map { s in ("{source=\"\(escape(r.source.name))\",status=\"\(s)\"}", r.status.rawValue == s ? "1" : "0") }
        })
        family("chronicle_source_last_run_sessions_exported", "gauge", "Sessions exported by the source's last run.", results.map { (label($0), String($0.sessions)) })
        family("chronicle_source_last_run_sessions_skipped", "gauge", "Unchanged sessions skipped by the source's last run.", results.map { (label($0), String($0.skipped)) })
        family("chronicle_source_last_run_sessions_missing", "gauge", "Sessions or items missing in the source's last run.", results.map { r in (label(r), String(r.problems.filter { $0.kind == .missing }.count)) })
        family("chronicle_source_last_run_events", "gauge", "Events exported by the source's last run.", results.map { (label($0), String($0.events)) })
        family("chronicle_source_last_run_artifacts", "gauge", "Artifacts exported by the source's last run.", results.map { (label($0), String($0.artifacts)) })
        family("chronicle_source_last_run_bytes", "gauge", "Payload bytes of the bag published by the source's last run.", results.map { (label($0), String($0.payloadBytes)) })
        family("chronicle_source_last_run_duration_seconds", "gauge", "Duration of the source's last run.", results.map { (label($0), String(format: "%.3f", $0.durationSeconds)) })
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func write(_ text: String, to path: String) throws {
        try AtomicFile.write(Array(text.utf8), to: path)
    }
}
