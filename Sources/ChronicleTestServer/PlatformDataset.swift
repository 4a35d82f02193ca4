import ChronicleCore
import ChronicleJSON

/// Deterministic data for one platform, generated from a seed and sizes: agents, sessions with
/// their records in the platform's own shapes (usage duplication traps included), artifacts with
/// real bytes (a PNG among them), the credential the server accepts, and the truth an export must
/// match.
public struct PlatformDataset: Sendable {
    public let platform: PlatformID
    public let seed: UInt64
    public let sizes: DatasetSizes
    /// The credential the server accepts (guayaba: the master key).
    public let token: String
    public var agents: [DatasetAgent]
    /// Sessions as listed, in listing order.
    public var sessions: [DatasetSession]
    /// Sessions not listed yet: a fault inserts them at the front of the listing mid-paging.
    public var lateSessions: [DatasetSession]
    /// Later versions of listed sessions (agent-swarm: a task added to the chain): the activity
    /// fault replaces the listed session of the same id with the first of them.
    public var laterVersions: [DatasetSession]
    /// Vectara's OAuth token endpoint: the `expires_in` of the tokens it issues, in seconds.
    public var accessTokenLifetimeSeconds = 3600
    /// Vectara's OAuth token endpoint: raising it revokes every token issued before.
    public var accessTokenEpoch = 0

    /// Unix milliseconds all generated times start from (2026-11-24T00:00:00Z).
    static let epoch: Int64 = 1_795_478_400_000

    init(platform: PlatformID, seed: UInt64, sizes: DatasetSizes, token: String, agents: [DatasetAgent], sessions: [DatasetSession], lateSessions: [DatasetSession] = [], laterVersions: [DatasetSession] = []) {
        self.platform = platform
        self.seed = seed
        self.sizes = sizes
        self.token = token
        self.agents = agents
        self.sessions = sessions
        self.lateSessions = lateSessions
        self.laterVersions = laterVersions
    }

    /// Generates the dataset of `platform`.
    public static func generate(_ platform: PlatformID, seed: UInt64 = 42, sizes: DatasetSizes = .small) -> PlatformDataset {
        switch platform {
        case .guayaba: return guayaba(seed: seed, sizes: sizes)
        case .managedAgents: return managedAgents(seed: seed, sizes: sizes)
        case .vectara: return vectara(seed: seed, sizes: sizes)
        case .agentSwarm: return agentSwarm(seed: seed, sizes: sizes)
        case .agentscope: return agentScope(seed: seed, sizes: sizes)
        }
    }

    /// The truth of every listed session (late sessions once they are revealed).
    public var truth: [SessionTruth] { sessions.map(\.truth) }

    /// The agent ids.
    public var agentIDs: [String] { agents.map(\.id) }

    /// The session listed with this id.
    public func session(_ id: String) -> DatasetSession? {
        sessions.first { $0.id == id }
    }

    /// Listed sessions of one agent, in listing order.
    public func sessions(of agentID: String) -> [DatasetSession] {
        sessions.filter { $0.agentID == agentID }
    }

    /// Moves the first late session to the front of the listing; false when there is none.
    @discardableResult
    public mutating func revealLateSession() -> Bool {
        guard !lateSessions.isEmpty else { return false }
        sessions.insert(lateSessions.removeFirst(), at: 0)
        return true
    }

    /// Replaces a listed session with its first later version (activity on it, e.g. a new task
    /// in its chain) and moves it to the front of the listing; false when there is none.
    @discardableResult
    public mutating func applyActivity() -> Bool {
        guard !laterVersions.isEmpty else { return false }
        let next = laterVersions.removeFirst()
        sessions.removeAll { $0.id == next.id }
        sessions.insert(next, at: 0)
        return true
    }

    /// Removes a session: listings no longer show it and its endpoints answer 404.
    public mutating func delete(sessionID: String) {
        sessions.removeAll { $0.id == sessionID }
    }

    /// Time of event `i` of session number `s`.
    static func time(session s: Int, event i: Int) -> Int64 {
        epoch + Int64(s) * 3_600_000 + Int64(i) * 1_500
    }

    /// The artifacts of one session: a PNG first, then other documents.
    static func artifacts(_ rng: inout SeededGenerator, sizes: DatasetSizes, session s: Int, idPrefix: String, otherType: (name: String, mediaType: String, header: String)) -> [DatasetArtifact] {
        var out: [DatasetArtifact] = []
        for k in 0..<sizes.artifactsPerSession {
            let created = time(session: s, event: 1)
            if k == 0 {
                let png = TestPNG.make(width: 8 + s % 5, height: 6 + k, seed: rng.next())
                out.append(DatasetArtifact(id: idPrefix + rng.hex(8), filename: "chart-\(s).png", mediaType: "image/png", bytes: png, createdAtMs: created))
            } else {
                var bytes = Array(otherType.header.utf8)
                bytes += rng.bytes(sizes.artifactBytes + k)
                out.append(DatasetArtifact(id: idPrefix + rng.hex(8), filename: "\(otherType.name)-\(s)-\(k)", mediaType: otherType.mediaType, bytes: bytes, createdAtMs: created))
            }
        }
        return out
    }

    static let words = ["report", "refund", "build", "deploy", "invoice", "summary", "ticket", "order", "search", "chart", "weekly", "migration"]

    static func sentence(_ rng: inout SeededGenerator, _ n: Int = 8) -> String {
        (0..<n).map { _ in words[rng.int(0...(words.count - 1))] }.joined(separator: " ")
    }
}
