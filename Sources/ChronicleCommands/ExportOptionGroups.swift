import ArgumentParser
import ChronicleTransport

// The options of `chronicle export`, in the groups `--help` shows them under.

/// `export --help`, section Source: Which sources: a configuration file, some of its sources, replay trees, recording.
struct ExportSourceChoice: ParsableArguments {
    @Option(help: "Configuration file (TOML): output folder, sources, formats, redaction, prices.")
    var config: String?

    @Option(name: .customLong("source"), help: "Export only the source of this name (repeatable).")
    var sourceNames: [String] = []

    @Option(help: "Folder of replay trees exported when no --platform is given.")
    var samples: String = "samples"

    @Option(help: "Record every response into this folder as a replay tree (replay it with --base-url file:DIR).")
    var record: String?

    @Option(name: .customLong("page-size"), help: "Page size sent as `limit` on paged listings (default: the source's page_size, else a replay tree's, else 100).")
    var pageSize: Int?

    init() {}
}

/// `export --help`, section Output: Where and what a run writes.
struct ExportOutputOptions: ParsableArguments {
    @Option(help: "Output folder (default: the configuration's `out`, else chronicle-out).")
    var out: String?

    @Option(help: "Outputs to write, comma-separated: html,csv,archive (the archive is always written).")
    var formats: String?

    @Flag(name: .customLong("csv-bom"), help: "Start each usage CSV with a UTF-8 byte order mark (for Excel).")
    var csvBOM = false

    init() {}
}

/// `export --help`, section Incremental: Which sessions a run exports: new or changed ones, unless --full.
struct ExportIncrementalOptions: ParsableArguments {
    @Flag(help: "Export every session, changed or not.")
    var full = false

    @Option(help: "Consider only sessions updated (else created) at or after T (ISO 8601 date or date-time).")
    var since: String?

    @Option(help: "Consider only sessions updated (else created) before T (ISO 8601 date or date-time).")
    var until: String?

    @Flag(name: .customLong("dry-run"), help: "List what would be exported; write no bag and change no state.")
    var dryRun = false

    @Option(help: "State database (default <out>/.chronicle/state.sqlite).")
    var state: String?

    init() {}
}

/// `export --help`, section Operation: How a run talks to sources and reports on itself.
struct ExportOperationOptions: ParsableArguments {
    @Option(help: "Sessions exported at the same time per source, also the bound on HTTP requests in flight per source (default 4).")
    var concurrency: Int?

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to connect to an http(s) source.")
    var connectTimeout: Int = 10

    @Option(name: .customLong("read-timeout"), help: "Seconds of silence allowed while reading from an http(s) source.")
    var readTimeout: Int = 60

    @Option(name: .customLong("max-response-mb"), help: "Largest decoded size of one response from an http(s) source, in MiB (default 1024); a larger one is refused, not retried.")
    var maxResponseMB: Int = HTTPTransportConfiguration.defaultMaxResponseBytes >> 20

    @Option(name: .customLong("log-format"), help: "text (a live line on a terminal, plain lines otherwise) or json.")
    var logFormat: String = "text"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.")
    var logLevel: String = "notice"

    @Option(name: .customLong("metrics-file"), help: "Write Prometheus text-format metrics of the run to this file, atomically.")
    var metricsFile: String?

    @Option(name: .customLong("replay-delay-ms"), help: .hidden)
    var replayDelayMilliseconds: Int = 0

    @Option(name: .customLong("commit-delay-ms"), help: .hidden)
    var commitDelayMilliseconds: Int = 0

    init() {}
}
