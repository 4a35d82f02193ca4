import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import Testing

/// The agent-swarm test server answers in the server's own shapes (`src/http/*.ts`, `src/be/db.ts`).
@Suite struct AgentSwarmPlayerShapeTests {
    let dataset = PlatformDataset.generate(.agentSwarm)

    func get(_ uri: String) throws -> (status: Int, body: JSONValue) {
        let player = AgentSwarmPlayer(dataset: dataset)
        let response = player.respond(to: PlayerRequest(method: "GET", uri: uri, headers: [("authorization", "Bearer " + dataset.token)], body: []), options: PlayOptions())
        return (response.status, try JSONParser.parse(response.body))
    }

    @Test func sessionListItemsHaveNoIDAndMoveWithActivity() throws {
        let (status, body) = try get("/api/sessions?limit=100")
        #expect(status == 200)
        let items = try #require(body["sessions"]?.arrayValue)
        #expect(items.count == dataset.sessions.count)
        #expect(body["total"]?.int64Value == Int64(dataset.sessions.count))
        #expect(items.allSatisfy { $0["id"] == nil && $0["root"]?["id"] != nil && $0["chainTaskCount"] != nil && $0["latestStatus"] != nil })
        let activity = items.compactMap { $0["lastActivityAt"]?.stringValue }
        #expect(activity == activity.sorted(by: >), "ordered by lastActivityAt DESC")
        // Slim by default, full with fields=full.
        #expect(items.allSatisfy { $0["root"]?["wasPaused"] == nil })
        let full = try #require(try get("/api/sessions?limit=100&fields=full").body["sessions"]?.arrayValue)
        #expect(full.allSatisfy { $0["root"]?["wasPaused"]?.boolValue == false })
    }

    @Test func tasksAreOrderedAndFull() throws {
        let byCreation = try #require(try get("/api/tasks?orderBy=createdAt&fields=full&includeHeartbeat=true&limit=1000").body["tasks"]?.arrayValue)
        #expect(byCreation.count == dataset.sessions.reduce(0) { $0 + $1.records.count })
        let created = byCreation.compactMap { $0["createdAt"]?.stringValue }
        #expect(created == created.sorted(by: >))
        #expect(byCreation.contains { $0["parentTaskId"] != nil })
        #expect(byCreation.contains { $0["totalCostUsd"] != nil })
        let page = try get("/api/tasks?orderBy=createdAt&limit=2&offset=1")
        #expect(page.body["tasks"]?.arrayValue?.count == 2)
        #expect(page.body["total"]?.int64Value == Int64(byCreation.count))
    }

    @Test func sessionDetailIsRootAndChain() throws {
        let session = try #require(dataset.sessions.first { $0.records.count > 1 })
        let body = try get("/api/sessions/\(session.id)").body
        #expect(body["root"]?["id"]?.stringValue == session.id)
        let chain = try #require(body["chain"]?.arrayValue)
        #expect(chain.count == session.records.count)
        #expect(chain.first?["id"]?.stringValue == session.id)
        #expect(chain.allSatisfy { $0["isLeadTask"] != nil && $0["supportedSteerModes"] != nil })
        #expect(try get("/api/sessions/nope").status == 404)
        #expect(try get("/api/sessions/nope").body["error"]?.stringValue == "Root task not found")
    }

    @Test func logsAreInTheServersOrderAndCostsNewestFirst() throws {
        let session = try #require(dataset.sessions.first { s in s.logsByTask.values.contains { $0.count > 4 } })
        let (taskID, _) = try #require(session.logsByTask.first { $0.value.count > 4 })
        let logs = try #require(try get("/api/tasks/\(taskID)/session-logs").body["logs"]?.arrayValue)
        let numbers = logs.compactMap { $0["lineNumber"]?.int64Value }
        #expect(numbers == numbers.sorted(), "ORDER BY iteration, lineNumber (iteration is 1 here)")
        let times = logs.compactMap { $0["createdAt"]?.stringValue }
        #expect(times != times.sorted(), "which interleaves the flushes")
        #expect(try get("/api/tasks/\(taskID)/session-logs?limit=2").body["logs"]?.arrayValue?.count == 2)
        let costs = try #require(try get("/api/session-costs?limit=1000").body["costs"]?.arrayValue)
        let stamps = costs.compactMap { $0["createdAt"]?.stringValue }
        #expect(!stamps.isEmpty && stamps == stamps.sorted(by: >))
        #expect(try get("/api/session-costs").body["costs"]?.arrayValue?.count == min(100, costs.count))
        #expect(try get("/api/tasks/nope/session-logs").body["error"]?.stringValue == "Task not found")
    }

    @Test func errorsAreTheServersBodies() throws {
        let bad = try get("/api/tasks?limit=abc")
        #expect(bad.status == 400)
        #expect(bad.body["error"]?.stringValue?.hasPrefix("Validation error: limit:") == true)
        #expect(try get("/api/session-costs?limit=0").status == 400)
        let player = AgentSwarmPlayer(dataset: dataset)
        let refused = player.respond(to: PlayerRequest(method: "GET", uri: "/api/agents", headers: [], body: []), options: PlayOptions())
        #expect(refused.status == 401)
        #expect(try JSONParser.parse(refused.body)["error"]?.stringValue == "Unauthorized")
        let agents = try #require(try get("/api/agents").body["agents"]?.arrayValue)
        #expect(agents.count == dataset.agents.count)
        #expect(agents.allSatisfy { $0["capacity"]?["max"] != nil && $0["name"] != nil })
    }
}
