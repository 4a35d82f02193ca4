import ChronicleCore
import Foundation
import Testing

@testable import ChronicleTransport

@Suite struct HTTPTransportConcurrencyTests {
    @Test func requestsInFlightAreBoundedPerSource() async throws {
        let server = try await LoopbackServer.start(replies: [.init(body: Array("{}".utf8), delay: .milliseconds(400))])
        try await TransportFixture.withTransport(server, maxConcurrentRequests: 2) { t in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<6 {
                    group.addTask { try await t.send(TransportFixture.request(["r\(i)"])).status }
                }
                for try await status in group { #expect(status == 200) }
            }
        }
        let times = server.arrivals.map(\.time)
        #expect(times.count == 6)
        // A request is answered 400 ms after it arrives at the earliest, so with two allowed in
        // flight no window of 390 ms can hold three arrivals (however loaded the machine is).
        for t in times {
            let window = times.filter { RetryPolicy.seconds(t - $0) >= 0 && RetryPolicy.seconds(t - $0) < 0.39 }
            #expect(window.count <= 2)
        }
    }
}
