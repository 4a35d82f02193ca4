import ChronicleCore
import Testing

@Suite("Session totals")
struct SessionTotalsTests {
    func message(_ id: String?, usage: Usage?, kind: EventKind = .assistantMessage, at ms: Int64 = 0) -> Event {
        Event(id: nil, index: 0, kind: kind, platformType: "t", createdAt: .unixMilliseconds(ms), model: "m", usage: usage, requestID: id)
    }

    @Test func eachRequestIsCountedOnce() {
        var t = SessionTotals()
        let u = Usage(inputTokens: 812, outputTokens: 96)
        t.add(message("msg_1", usage: u))
        t.add(message("msg_1", usage: u))
        t.add(message("msg_1", usage: u))
        t.add(message("msg_2", usage: Usage(inputTokens: 10, outputTokens: 5, cacheReadTokens: 3)))
        #expect(t.modelRequests == 2)
        #expect(t.inputTokens == 822)
        #expect(t.outputTokens == 101)
        #expect(t.cacheReadTokens == 3)
        #expect(t.cacheWriteTokens == nil)
        #expect(t.events == 4)
    }

    @Test func unknownUsageStaysUnknown() {
        var t = SessionTotals()
        t.add(message("a", usage: nil))
        t.add(message(nil, usage: nil, kind: .userMessage))
        #expect(!t.usageKnown)
        #expect(t.inputTokens == nil)
        #expect(t.modelRequests == 0)
    }

    @Test func countsKindsAndDuration() {
        var t = SessionTotals()
        t.add(message(nil, usage: nil, kind: .userMessage, at: 1_000))
        t.add(message(nil, usage: nil, kind: .toolCall, at: 61_000))
        t.add(message(nil, usage: nil, kind: .unknown, at: 31_000))
        #expect(t.userMessages == 1)
        #expect(t.toolCalls == 1)
        #expect(t.unknownEvents == 1)
        #expect(t.durationSeconds == 60)
    }
}

@Suite struct SessionTotalsToolCountTests {
    /// An assistant message holding text and two tool calls counts two tool calls (it counted 0:
    /// only events of kind tool_call were counted), and a failed tool result counts as an error.
    @Test func toolCallsFromBlocksAndErrorsFromFailedResults() {
        var t = SessionTotals()
        t.add(Event(id: "m1", index: 0, kind: .assistantMessage, platformType: "msg", blocks: [
            .text("Looking.", markdown: true),
            .toolCall(id: "c1", name: "Bash", input: .string("{}")),
            .toolCall(id: "c2", name: "Read", input: .string("{}")),
            .toolResult(id: "c1", name: "Bash", output: .string("ok"), isError: false),
            .toolResult(id: "c2", name: "Read", output: .string("no such file"), isError: true),
        ]))
        t.add(Event(id: "m2", index: 1, kind: .toolCall, platformType: "tool_input"))
        t.add(Event(id: "m3", index: 2, kind: .error, platformType: "error", blocks: [.text("model unreachable", markdown: false)]))
        t.add(Event(id: "m4", index: 3, kind: .toolResult, platformType: "tool_output", blocks: [.toolResult(id: "c3", name: nil, output: .null, isError: nil)]))
        #expect(t.toolCalls == 3)
        #expect(t.errors == 2)
        #expect(t.assistantMessages == 1)
    }
}
