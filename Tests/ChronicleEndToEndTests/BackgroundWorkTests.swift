@testable import ChronicleExport
import Foundation
import Synchronization
import Testing

/// Work run beside the caller at the end of a run: waiting returns only once it is done, and
/// hands back what it threw.
@Suite("Background work")
struct BackgroundWorkTests {
    struct Failed: Error, Equatable {}

    @Test func waitReturnsAfterTheWorkAndRethrowsItsError() throws {
        let done = Mutex(false)
        let work = BackgroundWork {
            usleep(50_000)
            done.withLock { $0 = true }
        }
        try work.wait()
        #expect(done.withLock { $0 })
        let failing = BackgroundWork { throw Failed() }
        #expect(throws: Failed.self) { try failing.wait() }
    }
}
