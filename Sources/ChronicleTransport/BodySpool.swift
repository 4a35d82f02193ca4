import ChronicleCore
import Foundation

/// Collects a response body as it arrives: in memory up to a threshold, then in a temporary file
/// (created `0600`, exclusively, and unlinked at once: only the open descriptor reaches it, so a
/// killed run leaves no `chronicle-body-*.tmp` behind). ``finish()`` hands the bytes over as a
/// ``ResponseBody``. A body over `limit` bytes is refused (``TransportError/Kind/bodyTooLarge``).
final class BodySpool {
    private let threshold: Int
    private let limit: Int
    private let directory: String
    private let request: String
    private var memory: [UInt8] = []
    private var file: FileHandle?
    private var path: String?
    private(set) var count: Int = 0

    init(threshold: Int, limit: Int = HTTPTransportConfiguration.defaultMaxResponseBytes, directory: String, request: String) {
        self.threshold = threshold
        self.limit = limit
        self.directory = directory
        self.request = request
    }

    /// The temporary file, while the body is spooled to one.
    var spoolPath: String? { path }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        guard count <= limit else {
            throw TransportError(.bodyTooLarge, request: request, detail: "the response body is larger than \(limit) bytes (the response size limit, --max-response-mb); not retried")
        }
        if file == nil, memory.count + bytes.count <= threshold {
            memory.append(contentsOf: bytes)
            return
        }
        if file == nil { try openFile() }
        guard let file else { return }
        do {
            try file.write(contentsOf: Data(bytes))
        } catch {
            throw TransportError(.io, request: request, detail: "cannot spool the response body to \(directory): \(error.localizedDescription)")
        }
    }

    /// The collected body. The spool is empty afterwards.
    func finish() throws -> ResponseBody {
        guard let file, let path else {
            let bytes = memory
            memory = []
            return .bytes(bytes)
        }
        self.file = nil
        self.path = nil
        do {
            try file.seek(toOffset: 0)
        } catch {
            try? file.close()
            unlink(path)
            throw TransportError(.io, request: request, detail: "cannot rewind the spooled body: \(error.localizedDescription)")
        }
        let reader = SpoolFileReader(handle: file, path: path, request: request)
        return ResponseBody { try reader.next() }
    }

    private func openFile() throws {
        let candidate = directory + "/chronicle-body-" + UUID().uuidString + ".tmp"
        let fd = open(candidate, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw TransportError(.io, request: request, detail: "cannot create a temporary file in \(directory): \(reason)")
        }
        // Nothing but this descriptor needs the name: gone now, the file cannot outlive the run.
        unlink(candidate)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        file = handle
        path = candidate
        if !memory.isEmpty {
            do {
                try handle.write(contentsOf: Data(memory))
            } catch {
                throw TransportError(.io, request: request, detail: "cannot spool the response body to \(directory): \(error.localizedDescription)")
            }
            memory = []
        }
    }

    deinit {
        if let file { try? file.close() }
        if let path { unlink(path) }
    }
}
