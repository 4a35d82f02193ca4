import Foundation

/// The CPU time the calling thread has used: what a time budget counts, so a busy machine (other
/// processes, other export workers) does not make a pattern look slow.
enum ThreadCPUTime {
    static func now() -> Duration {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return .seconds(Int64(t.tv_sec)) + .nanoseconds(Int64(t.tv_nsec))
    }
}
