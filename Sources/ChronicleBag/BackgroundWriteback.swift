import Dispatch
import Synchronization

/// Writes a bag's files to disk while the run goes on, so that `finalize`'s flush (one `syncfs`)
/// has little left to wait for: written files stay dirty in the page cache until the kernel's
/// writeback, which for an export shorter than its 30 s expiry meant the whole bag (510 MB on
/// the 1,000 × 100 benchmark) written out at the end, 0.23 s with every core idle.
///
/// ``nudge()`` is called as the run goes (once per finished session and page); it starts the
/// flush on a background thread when none is running and `interval` has passed since the last
/// one started.
/// ``flushNow()`` is called where the run stops writing the bulk of the bag (its sessions, then
/// its pages): the last second's files start out while the run's end is put together (the
/// index, run.json, the manifests, about 0.1 s), not in `finalize`'s flush.
/// Nothing waits for it and nothing depends on it: `finalize` still flushes everything before
/// it publishes the bag, and a failed background flush is only a missed head start.
public final class BackgroundWriteback: Sendable {
    private struct State {
        var running = false
        /// A flush was asked for while one ran: another starts when it ends.
        var again = false
        var lastStart: ContinuousClock.Instant?
        var started = 0
    }

    private let interval: Duration
    private let flush: @Sendable () -> Void
    private let state = Mutex(State())

    /// Flushes the file system holding `path` (the bag being built) at most once per `interval`.
    public convenience init(path: String, interval: Duration = .seconds(1)) {
        self.init(interval: interval) { _ = POSIXIO.syncFileSystem(containing: path) }
    }

    /// Runs `flush` in the background at most once per `interval`, never two at once.
    init(interval: Duration, flush: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.flush = flush
    }

    /// How many flushes were started.
    var startedCount: Int { state.withLock { $0.started } }

    /// Starts a background flush if none is running and the last one started at least
    /// `interval` ago. Returns at once.
    public func nudge() {
        if claim(respectingInterval: true, queueing: false) { startFlushing() }
    }

    /// Starts a background flush now, whatever the interval; when one is running, another
    /// starts as soon as it ends (it may not have seen the latest files). Returns at once.
    public func flushNow() {
        if claim(respectingInterval: false, queueing: true) { startFlushing() }
    }

    /// Marks a flush as started when none is running (and, `respectingInterval`, the last one
    /// started `interval` ago or more); while one runs, `queueing` asks for another after it.
    private func claim(respectingInterval: Bool, queueing: Bool) -> Bool {
        let now = ContinuousClock.now
        return state.withLock { state -> Bool in
            if state.running {
                if queueing { state.again = true }
                return false
            }
            if respectingInterval, let last = state.lastStart, now - last < interval { return false }
            state.running = true
            state.lastStart = now
            state.started += 1
            return true
        }
    }

    /// Flushes on a background thread until no flush is asked for, then marks none running.
    private func startFlushing() {
        DispatchQueue.global(qos: .utility).async { [self] in
            while true {
                flush()
                let again = state.withLock { state -> Bool in
                    guard state.again else {
                        state.running = false
                        return false
                    }
                    state.again = false
                    state.lastStart = ContinuousClock.now
                    state.started += 1
                    return true
                }
                if !again { return }
            }
        }
    }
}
