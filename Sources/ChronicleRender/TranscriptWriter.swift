import ChronicleBag
import ChronicleCore
import ChronicleHTMLSafety
import ChronicleJSON
import ChronicleRedact
import Foundation

/// Writes a session's `transcript.html`. Each event is rendered as it arrives (by
/// ``EventHTMLWriter`` while the event templates are the embedded ones, else with the `event`
/// template) and kept in memory up to ``spillThreshold`` bytes, past which it goes to a body
/// file; `finish` writes the page (header with the session's totals, artifacts, footer) around
/// it, by ``TranscriptPageWriter`` while the page templates are the embedded ones, else with
/// the `transcript` template, into a temporary file and renames that to `path`. Memory holds at most the
/// threshold plus one event, and `path` is never half written. `finishAwaitingNeighbours` stops
/// short of the links to the previous and next session of the run (known only once the whole run
/// is exported) and hands back an ``UnfinishedTranscript`` that writes them and the rest later.
/// Every text from data is redacted, cleaned and escaped; Markdown is rendered by cmark-gfm and
/// rebuilt by the sanitizer.
public final class TranscriptWriter {
    private let path: String
    private let bodyPath: String
    private var body: OutputFile?
    private var buffer: [UInt8] = []
    private let options: RenderOptions
    private let view: TranscriptView
    private var preparer: ViewPreparer
    private let mode: ArtifactMode
    private var eventCount = 0
    private let native: EventHTMLWriter?
    private let homeLink: String?

    /// Whether `finish` fsyncs the page before renaming it into place (the default). A caller
    /// that syncs the whole tree later (a bag's `finalize`) turns it off.
    public var syncOnFinish = true

    /// The finished page's SHA-256 (64 lowercase hex digits) and size, hashed as it was written;
    /// `nil` before `finish`.
    public private(set) var written: (sha256: String, size: Int64)?

    /// What redaction replaced so far, per rule (counts only).
    public var redactions: RedactionCounts { preparer.counts }

    /// - Parameters:
    ///   - dataPrefix: relative path from the transcript to the bag's `data/` (linked mode).
    ///   - artifactMode: overrides `dataPrefix`, e.g. to embed images for `share`.
    ///   - homeLink: relative link to the output folder's cumulative index (linked pages only).
    public init(path: String, dataPrefix: String = "../../", options: RenderOptions = .standard, artifactMode: ArtifactMode? = nil, homeLink: String? = nil) throws {
        self.path = path
        self.homeLink = homeLink
        self.bodyPath = path + ".body.partial"
        self.options = options
        mode = artifactMode ?? .linked(dataPrefix: dataPrefix)
        view = TranscriptView(options: options, artifacts: ArtifactPresenter(mode: mode))
        preparer = ViewPreparer(redactor: options.redactor)
        native = options.templates.rendersEventsNatively ? EventHTMLWriter(view: view) : nil
        // Room for nearly every page's events (on the benchmark: median 300 KB, 3 in 100 over
        // 512 KiB), so the buffer is not grown and copied a dozen times on its way there;
        // untouched pages cost nothing.
        buffer.reserveCapacity(1 << 19)
    }

    /// A body up to this size stays in memory (most transcripts: no body file to create, write,
    /// copy and remove); a longer one is written to the body file in pieces of about this size.
    /// At 256 KiB, 94% of the benchmark's transcripts (median 300 KB) went through a body file:
    /// written twice, read once and unlinked, and ext4's inode allocator then skips the freed
    /// inodes; 1 MiB holds them (at most `concurrency` × 2 MiB of buffers in flight).
    static let spillThreshold = 1 << 20

    public func append(_ event: Event) throws {
        if let native {
            native.append(event, preparer: &preparer, to: &buffer)
        } else {
            let context = preparer.prepare(view.event(event, preparer: &preparer))
            buffer.append(contentsOf: try options.templates.render("event", context).utf8)
        }
        eventCount += 1
        if buffer.count > Self.spillThreshold { try spill() }
    }

    /// Writes the final page around the events and removes the body file; the page links to no
    /// other session. `figures` are the session's figures as every other page and file shows them.
    public func finish(
        session: Session, source: SourceDescriptor, totals: SessionTotals, figures: SessionFigures, artifacts: [ArtifactReference], problems: [ExportProblem]
    ) throws {
        _ = try write(session: session, source: source, totals: totals, figures: figures, artifacts: artifacts, problems: problems, awaitingNeighbours: false)
    }

    /// Writes the page around the events up to where the links to the neighbouring sessions go
    /// (after the artifacts, above the footer) into the `.partial` file, closes it and keeps
    /// the running digest, so the page can be finished once the run's order is known, without
    /// reading it again (``UnfinishedTranscript/finish(neighbours:redactor:)``).
    /// - Returns: `nil` when the page is finished already (``written`` is set): a shared page
    ///   (no links to other sessions) or a `transcript` template without `{{{neighbours}}}`.
    public func finishAwaitingNeighbours(
        session: Session, source: SourceDescriptor, totals: SessionTotals, figures: SessionFigures, artifacts: [ArtifactReference], problems: [ExportProblem]
    ) throws -> UnfinishedTranscript? {
        let linked: Bool
        switch mode {
        case .linked: linked = true
        case .embedded: linked = false
        }
        return try write(session: session, source: source, totals: totals, figures: figures, artifacts: artifacts, problems: problems, awaitingNeighbours: linked)
    }

    private func write(
        session: Session, source: SourceDescriptor, totals: SessionTotals, figures: SessionFigures, artifacts: [ArtifactReference], problems: [ExportProblem],
        awaitingNeighbours: Bool
    ) throws -> UnfinishedTranscript? {
        if body != nil { try spill() }
        try body?.close()
        let page = try self.page(session: session, source: source, totals: totals, figures: figures, artifacts: artifacts, problems: problems)
        if options.templates.rendersPageNatively {
            var head: [UInt8] = [], tail: [UInt8] = [], footer: [UInt8] = []
            head.reserveCapacity(8192)
            TranscriptPageWriter(view: view).write(page, preparer: &preparer, head: &head, tail: &tail, footer: &footer)
            if awaitingNeighbours {
                let digest = try assemble(head: head[...], tail: tail[...], moveIntoPlace: false)
                return UnfinishedTranscript(path: path, digest: digest, ending: .native(footer: footer, script: page.script), syncOnFinish: syncOnFinish)
            }
            tail.append(contentsOf: footer)
            TranscriptPageWriter.appendEnd(script: page.script, to: &tail)
            try assemble(head: head[...], tail: tail[...], moveIntoPlace: true)
            return nil
        }
        let marker = "chronicle-events-" + String(UInt64.random(in: .min ... .max), radix: 16)
        let linksMarker = "chronicle-neighbours-" + String(UInt64.random(in: .min ... .max), radix: 16)
        var context = preparer.prepare(Self.context(page, view: view))
        context["events"] = TrustedHTML(html: marker)
        if awaitingNeighbours { context["neighbours"] = TrustedHTML(html: linksMarker) }
        let rendered = Array(try options.templates.render("transcript", context).utf8)
        let template = options.templates.origins["transcript"] ?? "transcript.mustache"
        // A byte search: `String.range(of:)` goes through Foundation and UTF-16 for the whole page.
        guard let start = Self.firstIndex(of: Array(marker.utf8), in: rendered) else {
            throw TemplateError(file: template, message: "the template has no {{{events}}}")
        }
        let head = rendered[..<start]
        let tail = rendered[(start + marker.utf8.count)...]
        let links = Array(linksMarker.utf8)
        let misplaced = TemplateError(file: template, message: "{{{neighbours}}} may appear once, after {{{events}}}: the links are written when the run's order is known")
        guard awaitingNeighbours else {
            try assemble(head: head, tail: tail, moveIntoPlace: true)
            return nil
        }
        if Self.firstIndex(of: links, in: Array(head)) != nil { throw misplaced }
        guard let at = Self.firstIndex(of: links, in: Array(tail)).map({ tail.startIndex + $0 }) else {
            try assemble(head: head, tail: tail, moveIntoPlace: true)
            return nil
        }
        let end = rendered[(at + links.count)...]
        if Self.firstIndex(of: links, in: Array(end)) != nil { throw misplaced }
        let endPath = path + ".end.partial"
        do {
            let out = try OutputFile(creating: endPath)
            try out.write(end)
            try out.close()
        } catch {
            _ = unlink(endPath)
            throw error
        }
        let digest: StreamingSHA256.State
        do { digest = try assemble(head: head, tail: rendered[tail.startIndex..<at], moveIntoPlace: false) } catch {
            _ = unlink(endPath)
            throw error
        }
        return UnfinishedTranscript(path: path, digest: digest, ending: .file(endPath), syncOnFinish: syncOnFinish)
    }

    /// What the page shows around the events (its artifacts' views made in order, which matters
    /// to the embedding budget of a shared file).
    private func page(
        session: Session, source: SourceDescriptor, totals: SessionTotals, figures: SessionFigures, artifacts: [ArtifactReference], problems: [ExportProblem]
    ) throws -> TranscriptPageWriter.Page {
        let script = try options.templates.asset("transcript.js")
        let shared: Bool
        var indexLink: String?
        var home: String?
        switch mode {
        case .linked(let prefix):
            shared = false
            indexLink = prefix + "index.html"
            home = homeLink
        case .embedded:
            shared = true
        }
        return TranscriptPageWriter.Page(
            title: session.title ?? "Session \(session.id)",
            csp: ContentSecurityPolicy.policy(script: script, bagImages: !shared),
            stylesheet: try options.templates.asset("style.css"),
            script: script,
            shared: shared,
            redacting: options.redactor.isEnabled,
            indexLink: indexLink,
            homeLink: home,
            platform: source.platform.rawValue,
            sourceName: source.name,
            agent: session.agentName.map { "\($0) (\(session.agentID))" } ?? session.agentID,
            sessionID: session.id,
            status: session.status ?? "not reported",
            running: session.running,
            truncated: session.possiblyTruncated,
            partial: problems.contains(where: \.makesRunPartial),
            started: totals.firstEvent ?? session.createdAt,
            ended: totals.lastEvent ?? session.updatedAt,
            duration: DisplayFormat.duration(totals.durationSeconds),
            models: totals.models.isEmpty ? "not reported" : totals.models.joined(separator: ", "),
            contextWindow: session.contextUsage.map(DisplayFormat.contextWindow),
            totals: Self.totals(totals, figures: figures),
            // A shared page is for outsiders: warnings meant for the operator (an artifact's
            // expiry on the platform, a listing detail) stay out of it.
            problems: problems.filter { !shared || $0.makesRunPartial }.map { p in
                (p.makesRunPartial ? "bad" : "warn", p.kind.rawValue.replacingOccurrences(of: "_", with: " "), p.message)
            },
            hasEvents: eventCount > 0,
            artifacts: artifacts.map { view.artifacts.view($0, inSection: true) },
            software: options.software,
            zoneName: options.showsLocalZone ? options.timeZone.identifier : nil
        )
    }

    /// The `transcript` template's context for `page`.
    private static func context(_ page: TranscriptPageWriter.Page, view: TranscriptView) -> [String: Any] {
        var context: [String: Any] = [
            "pageTitle": page.title,
            "title": page.title,
            "csp": page.csp,
            "stylesheet": TrustedHTML(html: page.stylesheet),
            "script": TrustedHTML(html: page.script),
            "shared": page.shared,
            "redacting": page.redacting,
            "platform": page.platform,
            "sourceName": page.sourceName,
            "agent": page.agent,
            "sessionID": page.sessionID,
            "status": page.status,
            "running": page.running,
            "truncated": page.truncated,
            "partial": page.partial,
            "duration": page.duration,
            "models": page.models,
            "totals": page.totals.map { ["figure": $0.figure, "raw": $0.raw, "value": $0.value, "label": $0.label] as [String: Any] },
            "tokensDefinition": SessionFigures.tokensDefinition,
            "hasProblems": !page.problems.isEmpty,
            "problems": page.problems.map { ["severity": $0.severity, "problemKind": $0.kind, "message": $0.message] as [String: Any] },
            "hasEvents": page.hasEvents,
            "hasArtifacts": !page.artifacts.isEmpty,
            "artifacts": page.artifacts,
            "software": page.software,
        ]
        if let link = page.indexLink { context["indexLink"] = link }
        if let link = page.homeLink { context["homeLink"] = link }
        if let t = page.started { context["started"] = view.time(t) }
        if let t = page.ended { context["ended"] = view.time(t) }
        if let zone = page.zoneName { context["zoneName"] = zone }
        if let contextWindow = page.contextWindow { context["contextWindow"] = contextWindow }
        return context
    }

    /// The totals list: each item's figure name (a run.json/CSV column) and raw value (empty when
    /// unknown) go into `data-figure`/`data-value`, so a page can be checked against the files.
    static func totals(_ t: SessionTotals, figures f: SessionFigures) -> [TranscriptPageWriter.Total] {
        var cost = "—"
        if let amount = f.cost.amount { cost = DisplayFormat.dollars(DecimalText.plain(amount)) }
        return [
            .init("messages", Int64(t.userMessages + t.assistantMessages), "messages (\(t.userMessages) user, \(t.assistantMessages) assistant)"),
            .init("model_requests", Int64(f.requests), "model requests"),
            .init("tool_calls", Int64(f.toolCalls), "tool calls"),
            .init("errors", Int64(f.errors), "errors"),
            .init("input_tokens", f.inputTokens, "tokens in"),
            .init("output_tokens", f.outputTokens, "tokens out"),
            .init("cache_read_tokens", f.cacheReadTokens, "cache read"),
            .init("cache_write_tokens", f.cacheWriteTokens, "cache write"),
            .init("total_tokens", f.totalTokens, "tokens in total¹"),
            .init(figure: "cost_usd", raw: f.costText ?? "", value: cost, label: "cost (USD, \(f.cost.source.rawValue))"),
            .init("events", Int64(t.events), "events"),
            .init("artifacts", Int64(t.artifacts), "artifacts"),
        ]
    }

    /// Removes the partial files (on failure).
    public func discard() {
        try? body?.close()
        body = nil
        buffer = []
        try? FileManager.default.removeItem(atPath: bodyPath)
        try? FileManager.default.removeItem(atPath: path + ".partial")
        try? FileManager.default.removeItem(atPath: path + ".end.partial")
    }

    /// Where `needle` first occurs in `haystack`.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Writes head, events and tail to the `.partial` file; with `moveIntoPlace`, renames it to
    /// `path` (``written`` is set), else leaves it for ``UnfinishedTranscript``.
    /// - Returns: the digest of what was written, to go on with.
    @discardableResult
    private func assemble(head: ArraySlice<UInt8>, tail: ArraySlice<UInt8>, moveIntoPlace: Bool) throws -> StreamingSHA256.State {
        let temporary = path + ".partial"
        let digest: StreamingSHA256.State
        do {
            let out = try OutputFile(creating: temporary)
            try out.write(head)
            if body != nil {
                try out.copy(from: bodyPath)
            } else {
                try out.write(buffer)
                buffer = []
            }
            try out.write(tail)
            if moveIntoPlace, syncOnFinish { try out.synchronize() }
            try out.close()
            digest = out.snapshot()
            if moveIntoPlace { written = (out.sha256(), out.byteCount) }
        } catch {
            _ = unlink(temporary)
            throw error as? RenderError ?? RenderError(path: path, message: "writing failed: \(error)")
        }
        if body != nil { _ = unlink(bodyPath) }
        guard moveIntoPlace else { return digest }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            _ = unlink(temporary)
            throw RenderError(path: path, message: "cannot move the finished page into place: \(message)")
        }
        return digest
    }

    /// Moves the buffered events to the body file, creating it on first use.
    private func spill() throws {
        if body == nil { body = try OutputFile(creating: bodyPath) }
        guard !buffer.isEmpty, let body else { return }
        try body.write(buffer)
        // Keep the buffer's memory for the next piece unless one huge event made it grow.
        if buffer.capacity > 2 * Self.spillThreshold { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
    }
}
