"""A small Agent Swarm server state in SQLite, written and read the way the server does it.

Ours, stdlib only. The tables carry the columns that the server's migrations
(`src/be/migrations/*.sql` of desplega-ai/agent-swarm v1.135.0) give `agent_tasks`, `session_logs`,
`session_costs`, `active_sessions` and `agents`. Rows are inserted as the server's write paths do
(`createSessionLogs` numbers the lines of each flush from 0 and stamps every row with
`strftime('%Y-%m-%dT%H:%M:%fZ', …)`; `createSessionCost`; tasks chained by `parentTaskId`), read
back with the SELECTs of `src/be/db.ts` (`getAllTasks` ordered by `createdAt DESC, rowid DESC`,
`getTasksCount`, `getRootTaskChain`, `listRecentSessions`, `getSessionLogsByTaskId`,
`getSessionCostsByTaskId`, `getActiveSessions`, `getAllAgents`) and turned into JSON bodies as
`rowToAgentTask`, `rowToSessionLog`, `rowToSessionCost` and `rowToAgent` do (NULL → member
omitted, 0/1 → boolean, key order of the server's object literals), serialised as JavaScript's
`JSON.stringify` does (compact; numbers as JavaScript prints them).

The clock is simulated: `Swarm.now_ms` moves only when the caller moves it.
"""

from __future__ import annotations

import json
import math
import sqlite3
from decimal import Decimal

SCHEMA = """
CREATE TABLE agents (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, isLead INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
  description TEXT, role TEXT, capabilities TEXT DEFAULT '[]', maxTasks INTEGER DEFAULT 1,
  emptyPollCount INTEGER DEFAULT 0, claudeMd TEXT, soulMd TEXT, identityMd TEXT, setupScript TEXT,
  toolsMd TEXT, lastActivityAt TEXT, createdAt TEXT NOT NULL, lastUpdatedAt TEXT NOT NULL,
  heartbeatMd TEXT DEFAULT NULL, provider TEXT, credentialMissing TEXT, harness_provider TEXT,
  cred_status TEXT, created_by TEXT, updated_by TEXT, avatar TEXT
);
CREATE TABLE agent_tasks (
  id TEXT PRIMARY KEY, agentId TEXT, creatorAgentId TEXT, task TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending', source TEXT NOT NULL DEFAULT 'mcp', taskType TEXT,
  tags TEXT DEFAULT '[]', priority INTEGER DEFAULT 50, dependsOn TEXT DEFAULT '[]', offeredTo TEXT,
  offeredAt TEXT, acceptedAt TEXT, rejectionReason TEXT, slackChannelId TEXT, slackThreadTs TEXT,
  slackUserId TEXT, mentionMessageId TEXT, mentionChannelId TEXT, vcsProvider TEXT, vcsRepo TEXT,
  vcsEventType TEXT, vcsNumber INTEGER, vcsCommentId INTEGER, vcsAuthor TEXT, vcsUrl TEXT,
  parentTaskId TEXT, claudeSessionId TEXT, agentmailInboxId TEXT, agentmailMessageId TEXT,
  agentmailThreadId TEXT, model TEXT, scheduleId TEXT, workflowRunId TEXT, workflowRunStepId TEXT,
  createdAt TEXT NOT NULL, lastUpdatedAt TEXT NOT NULL, finishedAt TEXT, failureReason TEXT,
  output TEXT, progress TEXT, notifiedAt TEXT, dir TEXT, outputSchema TEXT,
  compactionCount INTEGER DEFAULT 0, peakContextPercent REAL, peakContextTokens INTEGER,
  contextWindowSize INTEGER, was_paused INTEGER NOT NULL DEFAULT 0, credentialKeySuffix TEXT,
  credentialKeyType TEXT, requestedByUserId TEXT, vcsInstallationId INTEGER, vcsNodeId TEXT,
  slackReplySent INTEGER DEFAULT 0, swarmVersion TEXT, contextKey TEXT, provider TEXT,
  providerMeta TEXT, followUpConfig TEXT, created_by TEXT, updated_by TEXT, harnessVariant TEXT,
  harnessVariantMeta TEXT, modelTier TEXT, slackProgressMessageTs TEXT, slackTreeRootMessageTs TEXT,
  effort TEXT, routingAffinity TEXT, key TEXT NOT NULL DEFAULT 'shared/', title TEXT,
  slackTriggerMessageTs TEXT, requestedByUserIdInherited INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE session_logs (
  id TEXT PRIMARY KEY, taskId TEXT, sessionId TEXT NOT NULL, iteration INTEGER NOT NULL,
  cli TEXT NOT NULL DEFAULT 'claude', content TEXT NOT NULL, lineNumber INTEGER NOT NULL,
  createdAt TEXT NOT NULL
);
CREATE TABLE session_costs (
  id TEXT PRIMARY KEY, sessionId TEXT NOT NULL, taskId TEXT, agentId TEXT NOT NULL,
  totalCostUsd REAL NOT NULL, inputTokens INTEGER NOT NULL DEFAULT 0,
  outputTokens INTEGER NOT NULL DEFAULT 0, cacheReadTokens INTEGER NOT NULL DEFAULT 0,
  cacheWriteTokens INTEGER DEFAULT 0, durationMs INTEGER NOT NULL, numTurns INTEGER,
  model TEXT NOT NULL, isError INTEGER NOT NULL DEFAULT 0, costSource TEXT NOT NULL DEFAULT 'harness',
  reasoningOutputTokens INTEGER NOT NULL DEFAULT 0, thinkingTokens INTEGER NOT NULL DEFAULT 0,
  createdAt TEXT NOT NULL, harnessCostUsd REAL, cacheWrite5mTokens INTEGER,
  cacheWrite1hTokens INTEGER, modelBreakdown TEXT
);
CREATE TABLE active_sessions (
  id TEXT PRIMARY KEY, agentId TEXT NOT NULL, taskId TEXT, triggerType TEXT NOT NULL,
  inboxMessageId TEXT, taskDescription TEXT,
  startedAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  lastHeartbeatAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  runnerSessionId TEXT, providerSessionId TEXT, runtimeInstanceId TEXT
);
"""

TERMINAL = ("completed", "failed", "cancelled", "superseded")
STEER = {"pi": ["steer", "queue"], "claude-managed": ["steer", "queue"], "devin": ["queue"],
         "opencode": ["queue"], "claude": ["queue"], "codex": ["queue"]}


# --------------------------------------------------------------------------- JSON.stringify

def js_number(x) -> str:
    """A number as JavaScript's Number#toString prints it (shortest round trip; exponent below
    1e-6 and from 1e21; `-0` prints as `0`)."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    if isinstance(x, int):
        return str(x)
    if math.isnan(x) or math.isinf(x):
        return "null"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, exp = _shortest(abs(x))  # value = 0.d1d2… × 10^exp
    k, n = len(digits), exp
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return sign + mantissa + "e" + ("+" if e > 0 else "-") + str(abs(e))


def _shortest(x: float) -> tuple[str, int]:
    """The shortest round-trip digits of `x` (Python's repr uses the same shortest rule) and n
    such that x = 0.d1d2… × 10^n."""
    _, ds, e = Decimal(repr(x)).as_tuple()
    digits = "".join(map(str, ds)).lstrip("0")
    while digits.endswith("0"):
        digits = digits[:-1]
        e += 1
    return digits, len(digits) + e


def js_string(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def stringify(v) -> str:
    """`JSON.stringify(v)`: members whose value is `Omit` are left out (JavaScript's undefined)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return js_number(v)
    if isinstance(v, str):
        return js_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ",".join("null" if x is OMIT else stringify(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(js_string(str(k)) + ":" + stringify(x) for k, x in v.items() if x is not OMIT) + "}"
    raise TypeError(type(v))


class _Omit:
    def __repr__(self):
        return "undefined"


OMIT = _Omit()


def opt(value):
    """`row.x ?? undefined`."""
    return OMIT if value is None else value


# --------------------------------------------------------------------------- row mappers

def row_to_agent_task(row: sqlite3.Row) -> dict:
    keys = row.keys()
    def parsed(col):
        return json.loads(row[col]) if row[col] else None
    return {
        "id": row["id"], "key": row["key"], "agentId": row["agentId"],
        "creatorAgentId": opt(row["creatorAgentId"]), "task": row["task"], "title": opt(row["title"]),
        "status": row["status"], "source": row["source"], "taskType": opt(row["taskType"]),
        "tags": parsed("tags") or [], "priority": 50 if row["priority"] is None else row["priority"],
        "dependsOn": parsed("dependsOn") or [], "offeredTo": opt(row["offeredTo"]),
        "offeredAt": opt(row["offeredAt"]), "acceptedAt": opt(row["acceptedAt"]),
        "rejectionReason": opt(row["rejectionReason"]), "slackChannelId": opt(row["slackChannelId"]),
        "slackThreadTs": opt(row["slackThreadTs"]), "slackTriggerMessageTs": opt(row["slackTriggerMessageTs"]),
        "slackUserId": opt(row["slackUserId"]), "slackReplySent": bool(row["slackReplySent"]),
        "slackProgressMessageTs": opt(row["slackProgressMessageTs"]),
        "slackTreeRootMessageTs": opt(row["slackTreeRootMessageTs"]),
        "vcsProvider": opt(row["vcsProvider"]), "vcsRepo": opt(row["vcsRepo"]),
        "vcsEventType": opt(row["vcsEventType"]), "vcsNumber": opt(row["vcsNumber"]),
        "vcsCommentId": opt(row["vcsCommentId"]), "vcsAuthor": opt(row["vcsAuthor"]), "vcsUrl": opt(row["vcsUrl"]),
        "vcsInstallationId": opt(row["vcsInstallationId"]), "vcsNodeId": opt(row["vcsNodeId"]),
        "agentmailInboxId": opt(row["agentmailInboxId"]), "agentmailMessageId": opt(row["agentmailMessageId"]),
        "agentmailThreadId": opt(row["agentmailThreadId"]), "mentionMessageId": opt(row["mentionMessageId"]),
        "mentionChannelId": opt(row["mentionChannelId"]), "dir": opt(row["dir"]),
        "parentTaskId": opt(row["parentTaskId"]), "claudeSessionId": opt(row["claudeSessionId"]),
        "model": opt(row["model"]), "modelTier": opt(row["modelTier"]), "effort": opt(row["effort"]),
        "scheduleId": opt(row["scheduleId"]), "workflowRunId": opt(row["workflowRunId"]),
        "workflowRunStepId": opt(row["workflowRunStepId"]),
        "outputSchema": opt(parsed("outputSchema")), "followUpConfig": opt(parsed("followUpConfig")),
        "contextKey": opt(row["contextKey"]), "compactionCount": opt(row["compactionCount"]),
        "peakContextPercent": opt(row["peakContextPercent"]), "peakContextTokens": opt(row["peakContextTokens"]),
        "contextWindowSize": opt(row["contextWindowSize"]), "createdAt": row["createdAt"],
        "lastUpdatedAt": row["lastUpdatedAt"], "finishedAt": opt(row["finishedAt"]),
        "notifiedAt": opt(row["notifiedAt"]), "failureReason": opt(row["failureReason"]),
        "output": opt(row["output"]), "progress": opt(row["progress"]), "wasPaused": bool(row["was_paused"]),
        "credentialKeySuffix": opt(row["credentialKeySuffix"]), "credentialKeyType": opt(row["credentialKeyType"]),
        "requestedByUserId": opt(row["requestedByUserId"]), "swarmVersion": opt(row["swarmVersion"]),
        "provider": opt(row["provider"]), "providerMeta": opt(parsed("providerMeta")),
        "harnessVariant": opt(row["harnessVariant"]), "harnessVariantMeta": opt(parsed("harnessVariantMeta")),
        "totalCostUsd": opt(row["totalCostUsd"]) if "totalCostUsd" in keys else OMIT,
        "routingAffinity": opt(parsed("routingAffinity")),
    }


def row_to_session_log(row) -> dict:
    return {"id": row["id"], "taskId": opt(row["taskId"]), "sessionId": row["sessionId"],
            "iteration": row["iteration"], "cli": row["cli"], "content": row["content"],
            "lineNumber": row["lineNumber"], "createdAt": row["createdAt"]}


def row_to_session_cost(row) -> dict:
    breakdown = json.loads(row["modelBreakdown"]) if row["modelBreakdown"] else None
    return {
        "id": row["id"], "sessionId": row["sessionId"], "taskId": opt(row["taskId"]), "agentId": row["agentId"],
        "totalCostUsd": row["totalCostUsd"], "inputTokens": row["inputTokens"], "outputTokens": row["outputTokens"],
        "cacheReadTokens": row["cacheReadTokens"], "cacheWriteTokens": row["cacheWriteTokens"],
        "reasoningOutputTokens": row["reasoningOutputTokens"] or 0, "thinkingTokens": row["thinkingTokens"] or 0,
        "durationMs": row["durationMs"], "numTurns": row["numTurns"], "model": row["model"],
        "isError": row["isError"] == 1, "costSource": row["costSource"] or "harness",
        "harnessCostUsd": row["harnessCostUsd"], "cacheWrite5mTokens": row["cacheWrite5mTokens"],
        "cacheWrite1hTokens": row["cacheWrite1hTokens"], "modelBreakdown": breakdown, "createdAt": row["createdAt"],
    }


def row_to_agent_slim(row, active: int) -> dict:
    max_tasks = row["maxTasks"] if row["maxTasks"] is not None else 1
    return {
        "id": row["id"], "name": row["name"], "isLead": row["isLead"] == 1, "status": row["status"],
        "description": opt(row["description"]), "role": opt(row["role"]),
        "capabilities": json.loads(row["capabilities"]) if row["capabilities"] else [],
        "maxTasks": max_tasks, "emptyPollCount": row["emptyPollCount"] or 0,
        "lastActivityAt": opt(row["lastActivityAt"]), "provider": opt(row["provider"]),
        "harnessProvider": row["harness_provider"], "createdAt": row["createdAt"],
        "lastUpdatedAt": row["lastUpdatedAt"],
        "credentialMissing": json.loads(row["credentialMissing"]) if row["credentialMissing"] else None,
        "credStatus": json.loads(row["cred_status"]) if row["cred_status"] else None, "avatar": None,
        "capacity": {"current": active, "max": max_tasks, "available": max(0, max_tasks - active)},
    }


# --------------------------------------------------------------------------- the server state

class Swarm:
    def __init__(self, start_ms: int, ids):
        self.db = sqlite3.connect(":memory:")
        self.db.row_factory = sqlite3.Row
        self.db.executescript(SCHEMA)
        self.now_ms = start_ms
        self.ids = ids  # () -> a new uuid string (the server's crypto.randomUUID())

    def tick(self, ms: int) -> None:
        self.now_ms += ms

    def stamp(self) -> str:
        """`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` at the simulated now (also what
        `new Date().toISOString()` prints)."""
        secs, ms = divmod(self.now_ms, 1000)
        base = self.db.execute("SELECT strftime('%Y-%m-%d %H:%M:%S', ?, 'unixepoch')", (secs,)).fetchone()[0]
        return self.db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?)", (f"{base}.{ms:03d}",)).fetchone()[0]

    # writes ---------------------------------------------------------------------------------

    def add_agent(self, agent_id, name, provider, is_lead=False, status="idle", max_tasks=1, role=None):
        now = self.stamp()
        self.db.execute(
            "INSERT INTO agents (id, name, isLead, status, role, maxTasks, provider, harness_provider, lastActivityAt, createdAt, lastUpdatedAt)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (agent_id, name, 1 if is_lead else 0, status, role, max_tasks, provider, provider, now, now, now))

    def create_task(self, task, agent_id=None, parent=None, creator=None, title=None, source="mcp", tags=None,
                    task_type=None, status="pending", provider=None, model=None, key=None) -> str:
        tid = self.ids()
        now = self.stamp()
        self.db.execute(
            "INSERT INTO agent_tasks (id, key, agentId, creatorAgentId, task, title, status, source, taskType, tags,"
            " parentTaskId, provider, model, createdAt, lastUpdatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (tid, key or f"shared/task:{tid}/", agent_id, creator, task, title, status, source, task_type,
             json.dumps(tags or []), parent, provider, model, now, now))
        return tid

    def update_task(self, tid, **fields) -> None:
        fields["lastUpdatedAt"] = self.stamp()
        if fields.get("status") in TERMINAL:
            fields.setdefault("finishedAt", fields["lastUpdatedAt"])
        if fields.get("status") == "in_progress":
            fields.setdefault("acceptedAt", fields["lastUpdatedAt"])
        cols = ", ".join(f"{k} = ?" for k in fields)
        self.db.execute(f"UPDATE agent_tasks SET {cols} WHERE id = ?", (*fields.values(), tid))

    def post_logs(self, task_id, session_id, iteration, cli, lines) -> None:
        """`POST /api/session-logs` → `createSessionLogs`: one flush, lines numbered from 0."""
        for i, content in enumerate(lines):
            self.db.execute(
                "INSERT INTO session_logs (id, taskId, sessionId, iteration, cli, content, lineNumber, createdAt)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (self.ids(), task_id, session_id, iteration, cli, content, i, self.stamp()))

    def post_cost(self, session_id, task_id, agent_id, total, *, model, input_tokens=0, output_tokens=0,
                  cache_read=0, cache_write=0, reasoning=0, thinking=0, duration_ms=0, num_turns=None,
                  is_error=False, cost_source="harness", harness_cost=None, cache5m=None, cache1h=None,
                  breakdown=None) -> str:
        """`createSessionCost` as `POST /api/session-costs` calls it (the row's values after the
        server's recompute)."""
        cid = self.ids()
        self.db.execute(
            "INSERT INTO session_costs (id, sessionId, taskId, agentId, totalCostUsd, inputTokens, outputTokens,"
            " cacheReadTokens, cacheWriteTokens, reasoningOutputTokens, thinkingTokens, durationMs, numTurns, model,"
            " isError, costSource, harnessCostUsd, cacheWrite5mTokens, cacheWrite1hTokens, modelBreakdown, createdAt)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (cid, session_id, task_id, agent_id, float(total), input_tokens, output_tokens, cache_read, cache_write,
             reasoning, thinking, duration_ms, num_turns, model, 1 if is_error else 0, cost_source,
             None if harness_cost is None else float(harness_cost), cache5m, cache1h,
             json.dumps(breakdown) if breakdown is not None else None, self.stamp()))
        return cid

    def start_active_session(self, agent_id, task_id, runner_session, provider_session, description) -> str:
        sid = self.ids()
        now = self.stamp()
        self.db.execute(
            "INSERT INTO active_sessions (id, agentId, taskId, triggerType, inboxMessageId, taskDescription,"
            " runnerSessionId, runtimeInstanceId, startedAt, lastHeartbeatAt, providerSessionId)"
            " VALUES (?, ?, ?, 'task_assigned', NULL, ?, ?, NULL, ?, ?, ?)",
            (sid, agent_id, task_id, description, runner_session, now, now, provider_session))
        return sid

    # reads (the SELECTs of src/be/db.ts) ----------------------------------------------------

    HEARTBEAT_FILTER = ("(IFNULL(taskType, '') NOT IN ('heartbeat', 'heartbeat-checklist', 'boot-triage')"
                        " AND tags NOT LIKE '%\"heartbeat\"%')")

    def get_all_tasks(self, limit=25, offset=0, include_heartbeat=False, order_by=None, created_after=None):
        conds, params = [], []
        if created_after:
            conds.append("createdAt >= ?")
            params.append(created_after)
        if not include_heartbeat:
            conds.append(self.HEARTBEAT_FILTER)
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        order = "createdAt DESC, rowid DESC" if order_by == "createdAt" else "lastUpdatedAt DESC, priority DESC"
        rows = self.db.execute(
            "SELECT agent_tasks.*, (SELECT SUM(totalCostUsd) FROM session_costs WHERE session_costs.taskId = agent_tasks.id)"
            f" AS totalCostUsd FROM agent_tasks {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}", params).fetchall()
        return [row_to_agent_task(r) for r in rows]

    def tasks_count(self, include_heartbeat=False, created_after=None) -> int:
        conds, params = [], []
        if created_after:
            conds.append("createdAt >= ?")
            params.append(created_after)
        if not include_heartbeat:
            conds.append(self.HEARTBEAT_FILTER)
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        return self.db.execute(f"SELECT COUNT(*) FROM agent_tasks {where}", params).fetchone()[0]

    def task_by_id(self, tid):
        row = self.db.execute("SELECT * FROM agent_tasks WHERE id = ?", (tid,)).fetchone()
        return row_to_agent_task(row) if row else None

    def root_chain(self, root_id):
        rows = self.db.execute(
            "WITH RECURSIVE chain(id) AS (SELECT id FROM agent_tasks WHERE id = ? UNION ALL"
            " SELECT t.id FROM agent_tasks t JOIN chain c ON t.parentTaskId = c.id)"
            " SELECT t.* FROM agent_tasks t JOIN chain ON chain.id = t.id ORDER BY t.createdAt", (root_id,)).fetchall()
        return [row_to_agent_task(r) for r in rows]

    def steering(self, task: dict) -> dict:
        agent = None
        if task.get("agentId"):
            agent = self.db.execute("SELECT * FROM agents WHERE id = ?", (task["agentId"],)).fetchone()
        provider = (agent["harness_provider"] or agent["provider"]) if agent else None
        provider = provider or (task.get("provider") if task.get("provider") is not OMIT else None)
        return {"isLeadTask": bool(agent and agent["isLead"] == 1), "supportedSteerModes": STEER.get(provider, []) if provider else []}

    def session_detail(self, root_id):
        """`GET /api/sessions/{rootTaskId}`: `{"root", "chain"}`, each task with its steering fields."""
        root = self.task_by_id(root_id)
        if root is None:
            return None
        return {"root": {**root, **self.steering(root)},
                "chain": [{**t, **self.steering(t)} for t in self.root_chain(root_id)]}

    def list_recent_sessions(self, limit=25, offset=0):
        rows = self.db.execute(
            """WITH RECURSIVE chain(root_id, id, lastUpdatedAt, status) AS (
                 SELECT r.id, r.id, r.lastUpdatedAt, r.status FROM agent_tasks r WHERE r.parentTaskId IS NULL
                 UNION ALL
                 SELECT c.root_id, t.id, t.lastUpdatedAt, t.status FROM agent_tasks t JOIN chain c ON t.parentTaskId = c.id),
               agg AS (SELECT root_id, COUNT(*) AS chainCount, MAX(lastUpdatedAt) AS lastActivityAt FROM chain GROUP BY root_id),
               latest_status AS (SELECT c.root_id, c.status AS latestStatus FROM chain c
                 JOIN agg a ON c.root_id = a.root_id AND c.lastUpdatedAt = a.lastActivityAt GROUP BY c.root_id)
               SELECT r.*, a.chainCount AS __chainCount, a.lastActivityAt AS __lastActivityAt,
                 COALESCE(ls.latestStatus, r.status) AS __latestStatus
               FROM agent_tasks r JOIN agg a ON a.root_id = r.id LEFT JOIN latest_status ls ON ls.root_id = r.id
               ORDER BY a.lastActivityAt DESC LIMIT ? OFFSET ?""", (limit, offset)).fetchall()
        return [{"root": row_to_agent_task(r), "chainTaskCount": r["__chainCount"],
                 "lastActivityAt": r["__lastActivityAt"] or r["lastUpdatedAt"],
                 "latestStatus": r["__latestStatus"] or r["status"]} for r in rows]

    def count_sessions(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM agent_tasks WHERE parentTaskId IS NULL").fetchone()[0]

    def logs_by_task(self, tid):
        rows = self.db.execute("SELECT * FROM session_logs WHERE taskId = ? ORDER BY iteration ASC, lineNumber ASC", (tid,)).fetchall()
        return [row_to_session_log(r) for r in rows]

    def costs_by_task(self, tid, limit=100):
        rows = self.db.execute("SELECT * FROM session_costs WHERE taskId = ? ORDER BY createdAt DESC LIMIT ?", (tid, limit)).fetchall()
        return [row_to_session_cost(r) for r in rows]

    def active_sessions(self, agent_id=None):
        if agent_id:
            rows = self.db.execute("SELECT * FROM active_sessions WHERE agentId = ? ORDER BY startedAt DESC", (agent_id,)).fetchall()
        else:
            rows = self.db.execute("SELECT * FROM active_sessions ORDER BY startedAt DESC").fetchall()
        return [dict(zip(r.keys(), tuple(r))) for r in rows]

    def agents(self):
        out = []
        for r in self.db.execute("SELECT * FROM agents ORDER BY name").fetchall():
            active = self.db.execute("SELECT COUNT(*) FROM agent_tasks WHERE agentId = ? AND status = 'in_progress'", (r["id"],)).fetchone()[0]
            out.append(row_to_agent_slim(r, active))
        return out

    def counts(self) -> dict:
        q = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {"tasks": q("SELECT COUNT(*) FROM agent_tasks"),
                "sessions": q("SELECT COUNT(*) FROM agent_tasks WHERE parentTaskId IS NULL"),
                "log_lines": q("SELECT COUNT(*) FROM session_logs"),
                "cost_rows": q("SELECT COUNT(*) FROM session_costs"),
                "active_sessions": q("SELECT COUNT(*) FROM active_sessions")}
