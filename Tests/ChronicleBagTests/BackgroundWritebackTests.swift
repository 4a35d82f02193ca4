@testable import ChronicleBag
import Foundation
import Synchronization
import Testing

/// The background flush of a bag being built: started by nudges, never two at once, at most one
/// per interval, and never waited for.
@Suite("Background writeback")
struct BackgroundWritebackTests {
    /// A flush that blocks until released, counting how many run at once.
    final class GatedFlush: Sendable {
        let running = Mutex((now: 0, most: 0, done: 0))
        let gate = DispatchSemaphore(value: 0)

        func run() {
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            gate.wait()
            running.withLock { $0.now -= 1; $0.done += 1 }
        }

        func waitUntilDone(_ count: Int) async {
            for _ in 0..<2000 where running.withLock({ $0.done }) < count { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    @Test func neverTwoFlushesAtOnceAndNudgesDoNotWait() async {
        let flush = GatedFlush()
        let writeback = BackgroundWriteback(interval: .zero) { flush.run() }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<100 { writeback.nudge() }
        }
        #expect(elapsed < .seconds(1), "nudges return while the flush is blocked")
        #expect(writeback.startedCount == 1, "one flush runs; the nudges meanwhile start none")
        flush.gate.signal()
        await flush.waitUntilDone(1)
        writeback.nudge()
        #expect(writeback.startedCount == 2, "once it is done, the next nudge starts another")
        flush.gate.signal()
        await flush.waitUntilDone(2)
        #expect(flush.running.withLock { $0.most } == 1)
    }

    @Test func atMostOneFlushPerInterval() async {
        let flush = GatedFlush()
        let writeback = BackgroundWriteback(interval: .seconds(3600)) { flush.run() }
        writeback.nudge()
        flush.gate.signal()
        await flush.waitUntilDone(1)
        for _ in 0..<10 { writeback.nudge() }
        #expect(writeback.startedCount == 1, "within the interval, a finished flush is not started again")
    }

    /// `flushNow` starts a flush within the interval, and while one runs it has another run
    /// right after it (one, however often it is called), never two at once.
    @Test func flushNowIgnoresTheIntervalAndFollowsARunningFlush() async {
        let flush = GatedFlush()
        let writeback = BackgroundWriteback(interval: .seconds(3600)) { flush.run() }
        writeback.nudge()
        for _ in 0..<10 { writeback.flushNow() }
        #expect(writeback.startedCount == 1, "while a flush runs, flushNow only asks for one more")
        flush.gate.signal()
        await flush.waitUntilDone(1)
        for _ in 0..<200 where writeback.startedCount < 2 { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(writeback.startedCount == 2, "the flush asked for starts when the running one ends")
        flush.gate.signal()
        await flush.waitUntilDone(2)
        writeback.flushNow()
        #expect(writeback.startedCount == 3, "within the interval, flushNow starts one at once")
        writeback.nudge()
        #expect(writeback.startedCount == 3, "a nudge within the interval still starts none")
        flush.gate.signal()
        await flush.waitUntilDone(3)
        #expect(flush.running.withLock { $0.most } == 1)
    }

    /// A bag's writeback is `syncfs` of its folder's file system: a nudge starts it, and `syncfs`
    /// works on this machine (where it does not, the background flush does nothing and
    /// `finalize` fsyncs file by file). That the flush shortens `finalize` is measured by the
    /// benchmark, not here.
    @Test func aPathsFlushStartsAndSyncfsWorksHere() async throws {
        let folder = NSTemporaryDirectory() + "chronicle-writeback-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(repeating: 7, count: 1 << 20).write(to: URL(fileURLWithPath: folder + "/f"))
        let writeback = BackgroundWriteback(path: folder)
        writeback.nudge()
        #expect(writeback.startedCount == 1)
        #expect(POSIXIO.syncFileSystem(containing: folder))
    }
}
