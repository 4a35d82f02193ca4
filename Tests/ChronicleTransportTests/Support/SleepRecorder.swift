import Synchronization

/// An injected sleep that records each requested delay and returns at once.
final class SleepRecorder: Sendable {
    private let log = Mutex<[Duration]>([])
    var delays: [Duration] { log.withLock { $0 } }
    func sleep(_ d: Duration) async throws {
        log.withLock { $0.append(d) }
    }
}
