/// A platform's answer: status, headers, and a body read as a stream of chunks.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: ResponseBody

    public init(status: Int, headers: [HeaderField], body: ResponseBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// A response body as a stream of byte chunks, read once, in order, with nothing buffered beyond
/// the chunk in hand.
public struct ResponseBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public typealias AsyncIterator = AsyncThrowingStream<[UInt8], any Error>.Iterator

    private let stream: AsyncThrowingStream<[UInt8], any Error>

    /// A body whose chunks come from `next`, called on demand until it returns nil.
    public init(next: @escaping @Sendable () async throws -> [UInt8]?) {
        stream = AsyncThrowingStream(unfolding: next)
    }

    /// A body held in memory (small bodies, tests).
    public static func bytes(_ bytes: [UInt8]) -> ResponseBody {
        let box = OneShot(bytes)
        return ResponseBody { box.take() }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        stream.makeAsyncIterator()
    }

    /// Reads the whole body, failing when it exceeds `limit` bytes.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var out = [UInt8]()
        for try await chunk in self {
            guard out.count + chunk.count <= limit else {
                throw TransportError(.bodyTooLarge, request: nil, detail: "the body is larger than \(limit) bytes")
            }
            out.append(contentsOf: chunk)
        }
        return out
    }

    /// Reads at most `limit` bytes and drops the rest (for error bodies).
    public func prefix(bytes limit: Int) async -> [UInt8] {
        var out = [UInt8]()
        do {
            for try await chunk in self {
                out.append(contentsOf: chunk.prefix(Swift.max(0, limit - out.count)))
                if out.count >= limit { break }
            }
        } catch {
            return out
        }
        return out
    }
}

import Synchronization

/// Hands out a value once.
final class OneShot: Sendable {
    private let value: Mutex<[UInt8]?>
    init(_ bytes: [UInt8]) { value = Mutex(bytes) }
    func take() -> [UInt8]? {
        value.withLock { v in
            let out = v
            v = nil
            return out
        }
    }
}
