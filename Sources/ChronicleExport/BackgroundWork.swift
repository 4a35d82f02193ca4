import Dispatch
import Synchronization

/// One piece of work run on another thread while the caller goes on, for the end of a run,
/// when one thread writes and the other core would idle. ``wait()`` returns when it is done and
/// rethrows what it threw; it must be called (the work may be writing into the bag).
final class BackgroundWork: Sendable {
    private let group = DispatchGroup()
    private let failure = Mutex<(any Error)?>(nil)

    init(_ body: @escaping @Sendable () throws -> Void) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            do { try body() } catch { failure.withLock { $0 = error } }
            group.leave()
        }
    }

    /// Waits for the work to end; throws what it threw.
    func wait() throws {
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
