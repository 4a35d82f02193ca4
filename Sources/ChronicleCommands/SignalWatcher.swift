import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into cancellation of the running export: the first signal calls
/// `onSignal` (which cancels the export task: fetching stops, the bag in progress is discarded and
/// nothing is committed); if the process has not ended `graceSeconds` later, or a second signal
/// comes, it exits at once with 128 + the signal's number. Only the command line installs it.
final class SignalWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var signalNumber: Int32?
    private let graceSeconds: Double

    init(graceSeconds: Double = 5) {
        self.graceSeconds = graceSeconds
    }

    /// The first signal received, if any.
    var received: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signalNumber
    }

    func start(onSignal: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "chronicle.signals")
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                let first = self.signalNumber == nil
                if first { self.signalNumber = number }
                self.lock.unlock()
                guard first else {
                    _exit(128 + number)
                }
                let name = number == SIGINT ? "SIGINT" : "SIGTERM"
                FileHandle.standardError.write(Data("chronicle: \(name) received; stopping, discarding the bag in progress, committing nothing\n".utf8))
                onSignal()
                queue.asyncAfter(deadline: .now() + self.graceSeconds) {
                    FileHandle.standardError.write(Data("chronicle: still running \(Int(self.graceSeconds)) s after \(name); exiting now (nothing was committed)\n".utf8))
                    _exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
