#!/usr/bin/env python3
"""Generate samples/agent-swarm/: a deterministic replay tree for Agent Swarm (agent-swarm.md).

Stdlib only. Fixed data: no randomness, no clock. Layout: see scripts/replay_layout.py.

Requests the adapter makes (page size 3, as replay.json sets):
  GET /api/sessions?fields=full&limit=3&offset=0, then offset=3 (until offset >= total), then
      offset=0 again (the re-read that catches rows which slid in at the front);
  per agent id seen: GET /api/active-sessions?agentId=<id> and
      GET /api/session-costs?agentId=<id>&limit=1000;
  per session, per task id: GET /api/tasks/<taskId>/session-logs.

Usage: python3 scripts/gen_samples_agent_swarm.py [--out samples/agent-swarm]
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replay_layout import Raw, Tree, compact, dumps  # noqa: E402

PAGE_SIZE = 3
COST_LIMIT = 1000
AGENT_A = "6a1f3c2e-8d4b-4e1a-9c77-2f0b5d9e4a11"
AGENT_B = "b7e20d94-1c3a-4f58-a6d2-0e9c8b7a6f35"


def line(task, n, created, content, cli="claude", session="prov"):
    return {"sessionId": session, "iteration": 1, "cli": cli, "lineNumber": n, "createdAt": created,
            "content": content if isinstance(content, str) else compact(content)}


def assistant(mid, blocks, usage, model="claude-sonnet-4-6"):
    return {"type": "assistant", "message": {"id": mid, "type": "message", "role": "assistant", "model": model,
                                             "content": blocks, "stop_reason": None, "usage": usage}}


def user(blocks):
    return {"type": "user", "message": {"role": "user", "content": blocks}}


PATCH = """```diff
--- a/Package.swift
+++ b/Package.swift
@@ -12,7 +12,7 @@
-        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
+        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
```"""


def build():
    u1 = {"input_tokens": 812, "output_tokens": 96, "cache_read_input_tokens": 30000, "cache_creation_input_tokens": 1200}
    u2 = {"input_tokens": 1530, "output_tokens": 411, "cache_read_input_tokens": 31200, "cache_creation_input_tokens": 0}
    u3 = {"input_tokens": 402, "output_tokens": 188}
    u4 = {"input_tokens": 2210, "output_tokens": 140}
    u5 = {"input_tokens": 990, "output_tokens": 655}
    u6 = {"input_tokens": 311, "output_tokens": 42}
    sessions = [
        {"id": "t_311", "rootTaskId": "t_311", "agentId": AGENT_A, "title": "Triage the failing build",
         "source": "slack", "status": "completed", "providerSessionId": "prov_88",
         "createdAt": "2026-11-20T10:00:00.000Z", "updatedAt": "2026-11-20T10:06:41.000Z",
         "taskIds": ["t_311", "t_312"], "tags": ["ci", "swift"]},
        {"id": "t_320", "rootTaskId": "t_320", "agentId": AGENT_A, "title": "Refactor the parser 🚀",
         "source": "api", "status": "in_progress", "providerSessionId": "prov_90",
         "createdAt": "2026-11-20T11:00:00.000Z", "updatedAt": "2026-11-20T11:02:13.000Z", "taskIds": ["t_320"]},
        {"id": "t_330", "rootTaskId": "t_330", "agentId": AGENT_B, "title": "Write release notes for 2.4",
         "source": "slack", "status": "completed", "providerSessionId": "prov_91",
         "createdAt": "2026-11-19T08:15:00.000Z", "updatedAt": "2026-11-19T08:19:30.000Z", "taskIds": ["t_330"]},
        {"id": "t_340", "rootTaskId": "t_340", "agentId": AGENT_B, "title": "Summarise incident ИНЦ-42",
         "source": "email", "status": "failed", "providerSessionId": "prov_93",
         "createdAt": "2026-11-18T22:40:00.000Z", "updatedAt": "2026-11-18T22:41:05.000Z", "taskIds": ["t_340"],
         "costEstimate": Raw("1.10")},
        {"id": "t_350", "rootTaskId": "t_350", "agentId": AGENT_A, "title": "Nightly dependency check",
         "source": "schedule", "status": "completed", "providerSessionId": None,
         "createdAt": "2026-11-18T02:00:00.000Z", "updatedAt": "2026-11-18T02:00:04.000Z", "taskIds": []},
    ]
    logs = {
        "t_311": [
            line("t_311", 1, "2026-11-20T10:00:01.000Z", {"type": "system", "subtype": "init", "cwd": "/work/app", "session_id": "prov_88", "model": "claude-sonnet-4-6", "tools": ["Bash", "Read", "Edit"]}, session="prov_88"),
            line("t_311", 2, "2026-11-20T10:00:01.200Z", user([{"type": "text", "text": "The `main` build fails since this morning — can you find out why?"}]), session="prov_88"),
            # One message (msg_01) streamed as three lines: each repeats the same usage.
            line("t_311", 3, "2026-11-20T10:00:04.100Z", assistant("msg_01", [{"type": "thinking", "thinking": "The CI log mentions a linker error; check Package.swift first.", "signature": "c2lnbmF0dXJl"}], u1), session="prov_88"),
            line("t_311", 4, "2026-11-20T10:00:04.900Z", assistant("msg_01", [{"type": "text", "text": "Looking at the build log first…"}], u1), session="prov_88"),
            line("t_311", 5, "2026-11-20T10:00:05.300Z", assistant("msg_01", [{"type": "tool_use", "id": "toolu_01", "name": "Bash", "input": {"command": "swift build 2>&1 | tail -20"}}], u1), session="prov_88"),
            line("t_311", 6, "2026-11-20T10:00:39.000Z", user([{"type": "tool_result", "tool_use_id": "toolu_01", "content": "error: undefined reference to 'nio_ssl_init'\nerror: link command failed with exit code 1", "is_error": False}]), session="prov_88"),
            # Not JSON: stderr of the CLI, kept verbatim.
            line("t_311", 7, "2026-11-20T10:00:39.500Z", "npm WARN deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported <script>alert(1)</script>", session="prov_88"),
            line("t_311", 8, "2026-11-20T10:01:10.000Z", assistant("msg_02", [{"type": "text", "text": "## Cause\n\n`swift-nio` was pinned to **2.65.0**, which lacks the symbol. Bump it:\n\n" + PATCH + "\n\n| check | result |\n|---|---|\n| build | ✅ |\n| tests | ✅ 412 passed |"}], u2), session="prov_88"),
            line("t_311", 9, "2026-11-20T10:01:12.000Z", {"type": "result", "subtype": "success", "is_error": False, "duration_ms": 71000, "num_turns": 4, "result": "Bumped swift-nio to 2.81.0; build green.", "total_cost_usd": Raw("0.4211"), "usage": {"input_tokens": 2342, "output_tokens": 507}}, session="prov_88"),
        ],
        "t_312": [
            line("t_312", 1, "2026-11-20T10:05:00.000Z", user([{"type": "text", "text": "Post a summary in #ci-alerts, please. Merci !"}]), session="prov_88"),
            line("t_312", 2, "2026-11-20T10:05:09.000Z", assistant("msg_03", [{"type": "text", "text": "Posted: *“main is green again — swift-nio bumped to 2.81.0”* 🎉"}], u3), session="prov_88"),
            line("t_312", 3, "2026-11-20T10:05:10.000Z", {"type": "result", "subtype": "success", "is_error": False, "result": "Summary posted.", "total_cost_usd": Raw("0.0350")}, session="prov_88"),
        ],
        "t_320": [
            line("t_320", 1, "2026-11-20T11:00:02.000Z", user([{"type": "text", "text": "Split `Parser.swift` into a tokenizer and a parser."}]), session="prov_90"),
            line("t_320", 2, "2026-11-20T11:00:20.000Z", assistant("msg_04", [{"type": "text", "text": "Reading the file."}, {"type": "tool_use", "id": "toolu_07", "name": "Read", "input": {"file_path": "Sources/Parser/Parser.swift"}}], u4), session="prov_90"),
            line("t_320", 3, "2026-11-20T11:00:21.000Z", user([{"type": "tool_result", "tool_use_id": "toolu_07", "content": [{"type": "text", "text": "ENOENT: no such file"}], "is_error": True}]), session="prov_90"),
        ],
        "t_330": [
            line("t_330", 1, "2026-11-19T08:15:01.000Z", user("Draft the release notes for 2.4 from the merged PRs."), session="prov_91", cli="codex"),
            line("t_330", 2, "2026-11-19T08:16:40.000Z", assistant("msg_05", [{"type": "text", "text": "# Release 2.4\n\n- **Faster export**: streaming gzip (#311)\n- Fixed: `verify` now rejects trailing gzip bytes (#318)\n- Thanks to @maría-josé and @李雷 for their first contributions!"}], u5, model="gpt-5.1-codex"), session="prov_91", cli="codex"),
            line("t_330", 3, "2026-11-19T08:16:41.000Z", {"type": "rate_limit_event", "rate_limit_info": {"status": "allowed_warning", "resetsAt": 1763542800, "utilization": Raw("0.9")}}, session="prov_91", cli="codex"),
            line("t_330", 4, "2026-11-19T08:16:42.000Z", {"type": "result", "subtype": "success", "is_error": False, "result": "Release notes drafted.", "total_cost_usd": Raw("0.0789")}, session="prov_91", cli="codex"),
        ],
        "t_340": [
            line("t_340", 1, "2026-11-18T22:40:02.000Z", user([{"type": "text", "text": "Summarise incident ИНЦ-42 for the post-mortem."}]), session="prov_93"),
            line("t_340", 2, "2026-11-18T22:40:30.000Z", assistant("msg_06", [{"type": "text", "text": "I can't open the incident: the tracker returned 403."}], u6), session="prov_93"),
            line("t_340", 3, "2026-11-18T22:41:05.000Z", {"type": "result", "subtype": "error_during_execution", "is_error": True, "result": "Tracker access denied (403)."}, session="prov_93"),
        ],
        "t_350": [],
    }
    active = {
        AGENT_A: [{"id": "0d8e5b1a-7c2f-4d3e-8a9b-1c2d3e4f5a6b", "agentId": AGENT_A, "taskId": "t_320", "triggerType": "api",
                   "inboxMessageId": None, "taskDescription": "Refactor the parser 🚀", "runnerSessionId": None,
                   "providerSessionId": "prov_90", "startedAt": "2026-11-20T11:00:00.000Z", "lastHeartbeatAt": "2026-11-20T11:02:10.000Z"}],
        AGENT_B: [],
    }

    def cost(session, task, agent, total, inp, out, model, created, **extra):
        return {"sessionId": session, "taskId": task, "agentId": agent, "totalCostUsd": Raw(total),
                "inputTokens": inp, "outputTokens": out, "cacheReadTokens": 0, "cacheWriteTokens": 0,
                "reasoningOutputTokens": 0, "thinkingTokens": 0, "durationMs": 60000, "numTurns": 2,
                "model": model, "isError": False, "costSource": "harness", "createdAt": created, **extra}

    costs = {
        # Wrapped form.
        AGENT_A: {"costs": [
            cost("prov_88", "t_311", AGENT_A, "0.4211", 2342, 507, "claude-sonnet-4-6", "2026-11-20T10:01:12.000Z"),
            cost("prov_88", "t_312", AGENT_A, "0.0350", 402, 188, "claude-sonnet-4-6", "2026-11-20T10:05:10.000Z"),
            cost("prov_90", "t_320", AGENT_A, "0.1030", 2210, 140, "claude-sonnet-4-6", "2026-11-20T11:00:21.000Z"),
        ]},
        # Bare array; the second record points at its session by provider session id only.
        AGENT_B: [
            cost("prov_91", "t_330", AGENT_B, "0.0789", 990, 655, "gpt-5.1-codex", "2026-11-19T08:16:42.000Z"),
            cost("prov_93", None, AGENT_B, "1E-2", 311, 42, "claude-sonnet-4-6", "2026-11-18T22:41:05.000Z", isError=True),
        ],
    }
    return sessions, logs, active, costs


def event_id(task, line):
    return f"{task}#{line['iteration']}:{line['lineNumber']}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "samples" / "agent-swarm"))
    args = ap.parse_args()
    sessions, logs, active, costs = build()
    tree = Tree(Path(args.out))
    total = len(sessions)
    offset = 0
    while offset < total:
        page = sessions[offset:offset + PAGE_SIZE]
        tree.add("GET", "/api/sessions", {"limit": str(PAGE_SIZE), "offset": str(offset), "fields": "full"},
                 {"sessions": page, "total": total, "limit": PAGE_SIZE, "offset": offset})
        offset += len(page)
    tree.requests.append({"request": "GET /api/sessions?fields=full&limit=3&offset=0 (re-read)", "file": tree.requests[0]["file"]})
    agents = []
    for s in sessions:
        if s["agentId"] not in agents:
            agents.append(s["agentId"])
    for a in agents:
        tree.add("GET", "/api/active-sessions", {"agentId": a}, {"sessions": active[a]})
        tree.add("GET", "/api/session-costs", {"agentId": a, "limit": str(COST_LIMIT)}, costs[a])
    expected_sessions = []
    for s in sessions:
        tasks = s["taskIds"] or [s["rootTaskId"] or s["id"]]
        event_ids, types, seen, inp, out = [], [], set(), 0, 0
        raw_lines = 0
        for t in tasks:
            tree.add("GET", f"/api/tasks/{t}/session-logs", None, {"logs": logs[t]})
            for ln in logs[t]:
                event_ids.append(event_id(t, ln))
                try:
                    c = json.loads(ln["content"])
                except ValueError:
                    types.append("non_json_line")
                    raw_lines += 1
                    continue
                types.append(c.get("type"))
                if c.get("type") == "assistant":
                    m = c["message"]
                    if m["id"] not in seen:
                        seen.add(m["id"])
                        inp += m["usage"].get("input_tokens", 0)
                        out += m["usage"].get("output_tokens", 0)
        cost_list = costs[s["agentId"]]
        cost_list = cost_list["costs"] if isinstance(cost_list, dict) else cost_list
        mine = [c for c in cost_list if (c["taskId"] in set(tasks) | {s["id"], s["rootTaskId"]})
                or (c["taskId"] is None and c["sessionId"] == s["providerSessionId"])]
        literals = [c["totalCostUsd"].text for c in mine]
        cost_usd = None
        if len(literals) == 1:
            cost_usd = literals[0]
        elif literals:
            cost_usd = str(sum((Decimal(x) for x in literals), Decimal(0)))
        running = any(a["taskId"] in tasks for a in active[s["agentId"]])
        expected_sessions.append({
            "id": s["id"], "agent_id": s["agentId"], "title": s["title"], "status": s["status"], "running": running,
            "task_ids": tasks, "event_count": len(event_ids), "event_ids": event_ids, "event_types": types,
            "non_json_lines": raw_lines, "cost_records": len(mine),
            "records": len(event_ids) + len(mine),
            "model_requests": len(seen), "input_tokens": inp if seen else None, "output_tokens": out if seen else None,
            "platform_cost_usd": cost_usd,
        })
    expected = {
        "platform": "agent-swarm", "page_size": PAGE_SIZE,
        "note": "records = items the adapter hands the sink for the session (log lines, then cost records); "
                "tokens count each message.id once (streamed lines repeat usage).",
        "sessions": expected_sessions, "requests": tree.requests,
    }
    replay = {"platform": "agent-swarm", "source": "agent-swarm-sample", "page_size": PAGE_SIZE}
    readme = README
    tree.write({"replay.json": json.dumps(replay) + "\n", "EXPECTED.json": dumps(expected) + "\n", "README.md": readme})


README = """# Agent Swarm replay samples

A recorded-response ("replay") tree for Agent Swarm (`agent-swarm` dialect), exported by
`chronicle export` (every `samples/*` tree) or `chronicle export --platform agent-swarm
--base-url file:samples/agent-swarm`, with no network and no credentials.
Generated, deterministic: do not edit by hand. Regenerate with
`python3 scripts/gen_samples_agent_swarm.py [--out samples/agent-swarm]`.

## Layout
As for every replay tree (see `scripts/replay_layout.py`): `GET /api/sessions?limit=3&offset=0&fields=full`
is answered by `api/sessions/GET@fields=full&limit=3&offset=0.json` (query sorted, bytes outside
`[A-Za-z0-9._~-]` written `%XX`).

## Request sequence (page size 3)
1. `GET /api/sessions?fields=full&limit=3&offset=0`, `offset=3` (5 sessions, `total` 5), then
   `offset=0` again: the re-read that catches rows which slid in at the front while paging.
2. Per agent id seen: `GET /api/active-sessions?agentId=…` (running sessions) and
   `GET /api/session-costs?agentId=…&limit=1000` (agent A: `{"costs": [...]}`; agent B: a bare array).
3. Per session, per task id (`taskIds`, else `rootTaskId`/`id`): `GET /api/tasks/{taskId}/session-logs`.

## Content
- `t_311` (2 tasks): message `msg_01` streamed as three lines (thinking, text, tool_use) that
  repeat the same usage: counted once; a line that is not JSON (kept verbatim, with a `<script>`
  that must be shown as text); markdown with a diff and a table; costs 0.4211 + 0.0350.
- `t_320`: running (listed in active sessions by `taskId`), a tool result with `is_error`.
- `t_330`: a `codex` CLI, a plain-string user message, an unknown line type `rate_limit_event`.
- `t_340`: Cyrillic title, a failed `result`; its cost record has no `taskId` and is matched by
  `sessionId` = the session's `providerSessionId`; `totalCostUsd` sent as `1E-2`.
- `t_350`: no `taskIds` (its `rootTaskId` is used) and an empty log.

`EXPECTED.json` lists per session the event ids in order, counts, de-duplicated token truth and
the platform cost, plus every request and its file.
"""

if __name__ == "__main__":
    main()
