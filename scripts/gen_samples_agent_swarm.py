#!/usr/bin/env python3
"""Generate samples/agent-swarm/: a replay tree shaped field by field as Agent Swarm writes it.

Stdlib only, deterministic (seeded ids, simulated clock). The swarm's state lives in an SQLite
database with the server's columns (scripts/swarm_sqlite.py); rows are written as the server's
write paths write them and every response body is what the server's SELECT + row mapper +
JSON.stringify would send. Layout: see scripts/replay_layout.py.

Requests the adapter makes (page size 3, as replay.json sets; see samples/agent-swarm/README.md):
  GET /api/agents
  GET /api/tasks?orderBy=createdAt&fields=full&includeHeartbeat=true&limit=3&offset=0,3,6,… until a
      page is short, then the same with createdAfter=<newest createdAt seen> from offset 0 (rows
      created while paging);
  GET /api/active-sessions
  per session (roots, newest first): GET /api/sessions/<rootTaskId>, and per chain task
      GET /api/session-costs?taskId=<id>&limit=1000;
  export of a session, per chain task: GET /api/session-costs?taskId=<id>&limit=1000 and
      GET /api/tasks/<id>/session-logs.

Usage: python3 scripts/gen_samples_agent_swarm.py [--out samples/agent-swarm]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replay_layout import dumps, replay_relpath, query_string  # noqa: E402
from swarm_sqlite import OMIT, Swarm, TERMINAL, stringify  # noqa: E402

PAGE_SIZE = 3
COST_LIMIT = 1000
START_MS = 1_787_216_400_000  # 2026-08-20T09:00:00.000Z


class Ids:
    """crypto.randomUUID(), seeded."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def __call__(self) -> str:
        h = "%032x" % self.rng.getrandbits(128)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"


def line(obj) -> str:
    """One harness output line: JSON.stringify of the event (compact)."""
    return stringify(obj)


class Run:
    """One run of a task by a worker: its runner session id, its log flushes, the kind every line
    must map to, and the usage its lines carry (counted only when the run has no cost row)."""

    def __init__(self, swarm: Swarm, task: str, agent: str, cli: str, iteration: int = 1):
        self.swarm, self.task, self.agent, self.cli, self.iteration = swarm, task, agent, cli, iteration
        self.session = swarm.ids()
        self.buffer: list[tuple[str, str]] = []

    def out(self, kind: str, content, gap_ms: int = 700) -> None:
        self.swarm.tick(gap_ms)
        self.buffer.append((kind, content if isinstance(content, str) else line(content)))

    def flush(self) -> None:
        """The runner's flushLogBuffer: one POST /api/session-logs (lineNumber restarts at 0)."""
        if not self.buffer:
            return
        self.swarm.tick(40)
        self.swarm.post_logs(self.task, self.session, self.iteration, self.cli, [c for _, c in self.buffer])
        KINDS.extend(k for k, _ in self.buffer)
        self.buffer = []


KINDS: list[str] = []  # expected kinds, in insertion order of log rows


def claude_assistant(mid, model, block, usage):
    return {"type": "assistant", "message": {"id": mid, "type": "message", "role": "assistant", "model": model,
                                             "content": [block], "stop_reason": None, "stop_sequence": None,
                                             "usage": usage}, "parent_tool_use_id": None, "session_id": "5c0b6a7e-1d2f-4a55-9e0c-3b7a1f2d8c44"}


def build():
    ids = Ids(1135)
    sw = Swarm(START_MS, ids)
    lead, coder, scout, reviewer = ids(), ids(), ids(), ids()
    sw.add_agent(lead, "lead", "claude", is_lead=True, max_tasks=4, role="lead")
    sw.add_agent(coder, "coder", "codex", role="engineer")
    sw.add_agent(scout, "scout", "opencode", role="research")
    sw.add_agent(reviewer, "reviewer", "pi", role="review")
    opus = "claude-opus-4-6"

    # ---- S1: the lead (claude) delegates to coder (codex), who delegates to reviewer (pi); the
    # lead also asks scout (opencode); the lead's task runs twice (a resume after the children).
    sw.tick(60_000)
    s1 = sw.create_task("The `main` build fails since this morning: `swift build` stops in Package.swift. Find out why and fix it.",
                        agent_id=lead, source="slack", tags=["ci"], provider="claude", model="opus")
    sw.update_task(s1, status="in_progress", claudeSessionId="5c0b6a7e-1d2f-4a55-9e0c-3b7a1f2d8c44")
    r = Run(sw, s1, lead, "claude")
    r.out("system_message", {"type": "system", "subtype": "init", "cwd": "/workspace/app", "session_id": "5c0b6a7e-1d2f-4a55-9e0c-3b7a1f2d8c44",
                             "tools": ["Bash", "Read", "Edit", "mcp__agent-swarm__send-task"], "model": opus, "permissionMode": "bypassPermissions"})
    u1 = {"input_tokens": 4, "cache_creation_input_tokens": 2850, "cache_read_input_tokens": 15230, "output_tokens": 211,
          "service_tier": "standard"}
    r.out("thinking", claude_assistant("msg_01B7", opus, {"type": "thinking", "thinking": "The build log points at the swift-nio pin; a worker should bisect it.", "signature": "EpQB…"}, u1))
    r.out("assistant_message", claude_assistant("msg_01B7", opus, {"type": "text", "text": "The failure is in dependency resolution. I'll delegate the bisect to **coder** and ask **scout** for the upstream changelog."}, u1))
    r.out("tool_call", claude_assistant("msg_01B7", opus, {"type": "tool_use", "id": "toolu_01Q", "name": "mcp__agent-swarm__send-task",
                                                            "input": {"agent": "coder", "task": "Bisect the swift-nio pin in Package.swift"}}, u1))
    r.flush()
    sw.tick(2_000)
    c1 = sw.create_task("Bisect the swift-nio pin in Package.swift", agent_id=coder, parent=s1, creator=lead, title="Bisect swift-nio pin",
                        provider="codex", model="gpt-5.5")
    r.out("tool_result", {"type": "user", "message": {"role": "user", "content": [{"tool_use_id": "toolu_01Q", "type": "tool_result",
                                                                                  "content": [{"type": "text", "text": f"Task {c1} created for coder"}]}]},
                          "parent_tool_use_id": None, "session_id": "5c0b6a7e-1d2f-4a55-9e0c-3b7a1f2d8c44"})
    r.out("status", {"type": "stderr", "content": "(node:812) ExperimentalWarning: CommonJS module loading is experimental", "timestamp": sw.stamp()})
    r.out("unknown", "npm WARN deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported <script>alert(1)</script>")
    u2 = {"input_tokens": 6, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 18080, "output_tokens": 96}
    r.out("tool_call", claude_assistant("msg_01C2", opus, {"type": "tool_use", "id": "toolu_02R", "name": "mcp__agent-swarm__send-task",
                                                            "input": {"agent": "scout", "task": "Read the swift-nio 2.81 changelog"}}, u2))
    sw.tick(900)
    c2 = sw.create_task("Read the swift-nio 2.81 changelog and list breaking changes", agent_id=scout, parent=s1, creator=lead,
                        provider="opencode", model="anthropic/claude-sonnet-4-6")
    r.flush()
    r.out("assistant_message", claude_assistant("msg_01D9", opus, {"type": "text", "text": "Both tasks are out; I'll wait for their results."}, {"input_tokens": 3, "output_tokens": 19, "cache_read_input_tokens": 18400, "cache_creation_input_tokens": 0}))
    r.out("status", {"type": "result", "subtype": "success", "is_error": False, "duration_ms": 41200, "num_turns": 3,
                     "result": "Both tasks are out; I'll wait for their results.", "session_id": "5c0b6a7e-1d2f-4a55-9e0c-3b7a1f2d8c44",
                     "total_cost_usd": 0.31204, "usage": {"input_tokens": 13, "cache_creation_input_tokens": 2850, "cache_read_input_tokens": 51710, "output_tokens": 326}})
    r.flush()
    sw.tick(300)
    sw.post_cost(r.session, s1, lead, 0.31204, model=opus, input_tokens=13, output_tokens=326, cache_read=51710, cache_write=2850,
                 duration_ms=41200, num_turns=3, cost_source="harness", harness_cost=0.31204, cache5m=2850, cache1h=0)

    # coder (codex) works on c1 and delegates a review to reviewer (pi)
    sw.update_task(c1, status="in_progress")
    rc = Run(sw, c1, coder, "codex")
    rc.out("status", {"type": "thread.started", "thread_id": "0199a2c4-7e1b-7c30-9f55-2a1d3c4b5e6f"})
    rc.out("status", {"type": "turn.started"})
    rc.out("thinking", {"type": "item.completed", "item": {"id": "item_0", "type": "reasoning", "text": "**Bisecting the pin** between 2.65.0 and 2.81.0"}})
    rc.out("tool_call", {"type": "item.started", "item": {"id": "item_1", "type": "command_execution", "command": "bash -lc 'swift package resolve'",
                                                          "aggregated_output": "", "exit_code": None, "status": "in_progress"}})
    rc.out("tool_result", {"type": "item.completed", "item": {"id": "item_1", "type": "command_execution", "command": "bash -lc 'swift package resolve'",
                                                              "aggregated_output": "error: Dependencies could not be resolved because root depends on 'swift-nio' 2.81.0..<3.0.0\n",
                                                              "exit_code": 1, "status": "failed"}})
    rc.out("tool_result", {"type": "item.completed", "item": {"id": "item_2", "type": "file_change",
                                                              "changes": [{"path": "/workspace/app/Package.swift", "kind": "update"}], "status": "completed"}})
    rc.flush()
    sw.tick(1_500)
    c1a = sw.create_task("Review the Package.swift change", agent_id=reviewer, parent=c1, creator=coder, provider="pi", model="gpt-5.5-mini")
    rc.out("assistant_message", {"type": "item.completed", "item": {"id": "item_3", "type": "agent_message",
                                                                    "text": "Pinned swift-nio to `from: \"2.81.0\"` and asked **reviewer** to check it."}})
    rc.out("status", {"type": "turn.completed", "usage": {"input_tokens": 24120, "cached_input_tokens": 19840, "output_tokens": 1310, "reasoning_output_tokens": 512}})
    rc.flush()
    sw.update_task(c1, status="completed", output="Pinned swift-nio to 2.81.0; review requested.")
    sw.post_cost(rc.session, c1, coder, 0.0412, model="gpt-5.5", input_tokens=24120, output_tokens=1310, cache_read=19840, cache_write=0,
                 reasoning=512, duration_ms=38400, num_turns=1, cost_source="pricing-table", harness_cost=0.0398)

    # scout (opencode) answers c2, in parallel with the reviewer
    sw.update_task(c2, status="in_progress")
    sw.update_task(c1a, status="in_progress")
    ro = Run(sw, c2, scout, "opencode")
    rp = Run(sw, c1a, reviewer, "pi")
    ro.out("status", {"type": "session_init", "sessionId": "ses_3f2a9c", "provider": "opencode"})
    rp.out("assistant_message", {"type": "assistant", "message": {"role": "assistant", "content": [{"type": "text", "text": "Reading the diff of Package.swift."}], "model": "gpt-5.5-mini"}})
    ro.out("status", {"type": "message.part.updated", "properties": {"sessionID": "ses_3f2a9c", "part": {"id": "prt_01", "messageID": "msg_oc1", "sessionID": "ses_3f2a9c",
                                                                                                          "type": "tool", "tool": "webfetch", "callID": "call_7",
                                                                                                          "state": {"status": "running", "input": {"url": "https://github.com/apple/swift-nio/releases"}}}}})
    ro.out("tool_call", {"type": "tool_start", "toolCallId": "call_7", "toolName": "webfetch", "args": {"url": "https://github.com/apple/swift-nio/releases"}})
    rp.out("tool_call", {"type": "assistant", "message": {"role": "assistant", "content": [{"type": "tool_use", "id": "tc_1", "name": "read", "input": {"path": "Package.swift"}}], "model": "gpt-5.5-mini"}})
    rp.out("tool_result", {"type": "assistant", "message": {"role": "assistant", "content": [{"type": "tool_result", "tool_use_id": "tc_1", "content": ".package(url: \"https://github.com/apple/swift-nio.git\", from: \"2.81.0\"),"}]}})
    ro.out("tool_result", {"type": "tool_end", "toolCallId": "call_7", "toolName": "webfetch", "result": "2.81.0: NIOCore requires Swift 5.10"})
    ro.flush()
    rp.flush()
    ro.out("assistant_message", {"type": "message", "role": "assistant", "content": "No breaking API changes; 2.81.0 needs Swift 5.10, which CI has."})
    ro.out("status", {"type": "message.updated", "properties": {"info": {"id": "msg_oc1", "sessionID": "ses_3f2a9c", "role": "assistant", "modelID": "claude-sonnet-4-6",
                                                                          "providerID": "anthropic", "cost": 0.0187, "time": {"created": 1787217000000, "completed": 1787217012000},
                                                                          "tokens": {"input": 3120, "output": 402, "reasoning": 0, "cache": {"read": 9100, "write": 0}}}}})
    oc_cost = {"sessionId": "", "taskId": c2, "agentId": scout, "totalCostUsd": 0.0187, "inputTokens": 3120, "outputTokens": 402, "reasoningOutputTokens": 0,
               "cacheReadTokens": 9100, "cacheWriteTokens": 0, "durationMs": 14100, "numTurns": 1, "model": "anthropic/claude-sonnet-4-6", "isError": False, "provider": "opencode"}
    ro.out("status", {"type": "result", "cost": oc_cost, "isError": False})
    ro.flush()
    sw.update_task(c2, status="completed", output="No breaking API changes in 2.81.0.")
    sw.post_cost(ro.session, c2, scout, 0.01935, model="anthropic/claude-sonnet-4-6", input_tokens=3120, output_tokens=402, cache_read=9100,
                 cache_write=0, duration_ms=14100, num_turns=1, cost_source="pricing-table", harness_cost=0.0187)
    rp.out("assistant_message", {"type": "assistant", "message": {"role": "assistant", "content": [{"type": "text", "text": "LGTM: the pin matches the changelog."}], "model": "gpt-5.5-mini"}})
    rp.flush()
    sw.update_task(c1a, status="completed", output="LGTM")
    sw.post_cost(rp.session, c1a, reviewer, 0.0000051, model="gpt-5.5-mini", input_tokens=1804, output_tokens=77, cache_read=0, cache_write=0,
                 duration_ms=9300, num_turns=2, cost_source="harness", harness_cost=0.0000051)

    # the lead's second run (resumed with the children's results): a flush of its own
    sw.tick(5_000)
    r2 = Run(sw, s1, lead, "claude")
    r2.out("user_message", {"type": "user", "message": {"role": "user", "content": "coder and scout are done: swift-nio pinned to 2.81.0, review LGTM."}})
    r2.out("assistant_message", claude_assistant("msg_02A1", opus, {"type": "text", "text": "Fixed: pinned swift-nio to 2.81.0.\n\n| check | result |\n|---|---|\n| build | ✅ |"},
                                                 {"input_tokens": 5, "output_tokens": 88, "cache_read_input_tokens": 20100, "cache_creation_input_tokens": 0}))
    r2.out("status", {"type": "result", "subtype": "success", "is_error": False, "duration_ms": 9100, "num_turns": 1, "result": "Fixed: pinned swift-nio to 2.81.0.",
                      "total_cost_usd": 0.0402, "usage": {"input_tokens": 5, "output_tokens": 88, "cache_read_input_tokens": 20100, "cache_creation_input_tokens": 0}})
    r2.flush()
    sw.update_task(s1, status="completed", output="Fixed: pinned swift-nio to 2.81.0.")
    sw.post_cost(r2.session, s1, lead, 0.0402, model=opus, input_tokens=5, output_tokens=88, cache_read=20100, cache_write=0,
                 duration_ms=9100, num_turns=1, cost_source="harness", harness_cost=0.0402)

    # ---- S2: a failed task whose cost row is unpriced (no price rows for the model).
    sw.tick(900_000)
    s2 = sw.create_task("Rotate the staging TLS certificate", agent_id=lead, title="Rotate staging TLS cert", source="api", provider="claude", model="opus")
    sw.update_task(s2, status="in_progress")
    rf = Run(sw, s2, lead, "claude")
    rf.out("system_message", {"type": "system", "subtype": "init", "cwd": "/workspace/infra", "session_id": "8d1e2f3a-0b4c-4d5e-8f6a-7b8c9d0e1f2a", "model": "claude-opus-4-7-preview"})
    rf.out("assistant_message", claude_assistant("msg_0F1", "claude-opus-4-7-preview", {"type": "text", "text": "Requesting a new certificate from the staging CA."},
                                                 {"input_tokens": 9, "output_tokens": 40, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 6100}))
    rf.out("status", {"type": "stderr", "content": "Error: ACME account key not found at /secrets/acme.key", "timestamp": sw.stamp()})
    rf.out("error", {"type": "result", "subtype": "error_during_execution", "is_error": True, "duration_ms": 12800, "num_turns": 1,
                     "result": "ACME account key missing", "session_id": "8d1e2f3a-0b4c-4d5e-8f6a-7b8c9d0e1f2a", "total_cost_usd": 0,
                     "usage": {"input_tokens": 9, "output_tokens": 40, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 6100}})
    rf.flush()
    sw.update_task(s2, status="failed", failureReason="ACME account key missing")
    sw.post_cost(rf.session, s2, lead, 0, model="claude-opus-4-7-preview", input_tokens=9, output_tokens=40, cache_read=0, cache_write=6100,
                 duration_ms=12800, num_turns=1, is_error=True, cost_source="unpriced", harness_cost=0)

    # ---- S3: still running: the lead's run is over (cost row), the coder's child is in progress
    # (an active session row, log lines with usage, no cost row yet).
    sw.tick(2_400_000)
    s3 = sw.create_task("Refactor the parser 🚀 and report outdated dependencies", agent_id=lead, source="schedule", provider="claude", model="opus")
    sw.update_task(s3, status="in_progress")
    rs = Run(sw, s3, lead, "claude")
    rs.out("tool_call", claude_assistant("msg_0S3", opus, {"type": "tool_use", "id": "toolu_0S", "name": "mcp__agent-swarm__send-task", "input": {"agent": "coder", "task": "List outdated packages"}},
                                         {"input_tokens": 7, "output_tokens": 51, "cache_read_input_tokens": 12000, "cache_creation_input_tokens": 300}))
    rs.flush()
    c3 = sw.create_task("List outdated packages with their changelogs", agent_id=coder, parent=s3, creator=lead, provider="codex", model="gpt-5.5")
    sw.post_cost(rs.session, s3, lead, 0.0211, model=opus, input_tokens=7, output_tokens=51, cache_read=12000, cache_write=300,
                 duration_ms=6000, num_turns=1, cost_source="harness", harness_cost=0.0211)
    sw.update_task(c3, status="in_progress")
    rr = Run(sw, c3, coder, "codex")
    sw.start_active_session(coder, c3, rr.session, "0199b7d2-1111-7aaa-8bbb-0c0d0e0f1a2b", "List outdated packages with their changelogs")
    rr.out("status", {"type": "thread.started", "thread_id": "0199b7d2-1111-7aaa-8bbb-0c0d0e0f1a2b"})
    rr.out("status", {"type": "turn.started"})
    rr.out("tool_call", {"type": "item.started", "item": {"id": "item_0", "type": "command_execution", "command": "swift package show-dependencies --format json",
                                                          "aggregated_output": "", "exit_code": None, "status": "in_progress"}})
    rr.out("tool_result", {"type": "item.completed", "item": {"id": "item_0", "type": "command_execution", "command": "swift package show-dependencies --format json",
                                                              "aggregated_output": "{\"dependencies\": 14}", "exit_code": 0, "status": "completed"}})
    rr.out("status", {"type": "turn.completed", "usage": {"input_tokens": 8800, "cached_input_tokens": 4096, "output_tokens": 233, "reasoning_output_tokens": 0}})
    rr.flush()

    # ---- S4: scout's session (opencode); it moves while the exporter pages (see below).
    sw.tick(1_800_000)
    s4 = sw.create_task("Summarise incident ИНЦ-42 for the status page", agent_id=scout, source="ui", provider="opencode", model="anthropic/claude-sonnet-4-6")
    sw.update_task(s4, status="in_progress")
    r4 = Run(sw, s4, scout, "opencode")
    r4.out("status", {"type": "session_init", "sessionId": "ses_88aa01", "provider": "opencode"})
    r4.out("assistant_message", {"type": "message", "role": "assistant", "content": "ИНЦ-42: 14 minutes of elevated 5xx on checkout, fixed by a config rollback."})
    r4.out("error", {"type": "error", "message": "opencode session error: provider overloaded (retrying)"})
    r4.out("status", {"type": "result", "cost": {"sessionId": "", "taskId": s4, "agentId": scout, "totalCostUsd": 0.0093, "inputTokens": 2100, "outputTokens": 150,
                                                 "cacheReadTokens": 0, "cacheWriteTokens": 0, "durationMs": 8000, "numTurns": 1, "model": "anthropic/claude-sonnet-4-6",
                                                 "isError": False, "provider": "opencode"}, "isError": False})
    r4.flush()
    sw.update_task(s4, status="completed", output="ИНЦ-42 summary posted.")
    sw.post_cost(r4.session, s4, scout, 0.0093, model="anthropic/claude-sonnet-4-6", input_tokens=2100, output_tokens=150, cache_read=0,
                 cache_write=0, duration_ms=8000, num_turns=1, cost_source="harness", harness_cost=0.0093)

    # ---- S5: a heartbeat task (listed only with includeHeartbeat=true)
    sw.tick(1_800_000)
    s5 = sw.create_task("Heartbeat: check the swarm's health", agent_id=lead, source="system", task_type="heartbeat", tags=["heartbeat"], provider="claude")
    sw.update_task(s5, status="in_progress")
    rh = Run(sw, s5, lead, "claude")
    rh.out("assistant_message", claude_assistant("msg_0H", "claude-haiku-4-5", {"type": "text", "text": "All 4 agents are idle; no stuck tasks."},
                                                 {"input_tokens": 210, "output_tokens": 12}))
    rh.flush()
    sw.update_task(s5, status="completed", output="healthy")
    sw.post_cost(rh.session, s5, lead, 0.00025, model="claude-haiku-4-5", input_tokens=210, output_tokens=12, duration_ms=1500, num_turns=1,
                 cost_source="pricing-table", harness_cost=0.00024)
    sw.tick(60_000)
    return sw, {"lead": lead, "coder": coder, "scout": scout, "reviewer": reviewer}, {"S1": s1, "S2": s2, "S3": s3, "S4": s4, "S5": s5}


def move_s4(sw: Swarm, agents, s) -> str:
    """Activity while the exporter pages: the lead adds a follow-up to S4 (a new newest task; every
    row of the createdAt walk slides down by one, and S4 jumps to the front of /api/sessions)."""
    sw.tick(5_000)
    return sw.create_task("Follow-up: post the ИНЦ-42 summary to #status", agent_id=agents["lead"], parent=s["S4"], creator=agents["scout"],
                          source="mcp", status="pending", provider="claude")


class Out:
    """Collects response bodies (exact bytes) and the requests they answer."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.requests: list[dict] = []

    def put(self, path: str, query: dict | None, body) -> None:
        rel = replay_relpath("GET", path, query)
        data = (stringify(body)).encode("utf-8")
        if rel in self.files and self.files[rel] != data:
            raise SystemExit(f"two different responses for {rel}")
        self.files[rel] = data
        q = query_string(query)
        self.requests.append({"request": f"GET {path}{'?' + q if q else ''}", "file": rel})

    def write(self, out: Path, extra: dict[str, str]) -> None:
        import shutil
        if out.exists():
            shutil.rmtree(out)
        for rel, data in self.files.items():
            p = out / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        for name, text in extra.items():
            (out / name).write_text(text, encoding="utf-8")


def ms_of(iso: str) -> int:
    from datetime import datetime, timezone
    return int(datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp() * 1000 + 0.5)


def walk(sw: Swarm, out: Out, agents, s) -> tuple[list[str], str]:
    """The adapter's createdAt walk, answering each page from the state at that moment."""
    base = {"orderBy": "createdAt", "fields": "full", "includeHeartbeat": "true", "limit": str(PAGE_SIZE)}
    seen: list[str] = []
    newest = None
    offset = 0
    moved = None
    while True:
        rows = sw.get_all_tasks(limit=PAGE_SIZE, offset=offset, include_heartbeat=True, order_by="createdAt")
        out.put("/api/tasks", {**base, "offset": str(offset)}, {"tasks": rows, "total": sw.tasks_count(include_heartbeat=True)})
        for t in rows:
            if t["id"] not in seen:
                seen.append(t["id"])
        if newest is None and rows:
            newest = rows[0]["createdAt"]
        if moved is None:
            moved = move_s4(sw, agents, s)
        if len(rows) < PAGE_SIZE:
            break
        offset += len(rows)
    offset = 0
    while True:
        rows = sw.get_all_tasks(limit=PAGE_SIZE, offset=offset, include_heartbeat=True, order_by="createdAt", created_after=newest)
        out.put("/api/tasks", {**base, "offset": str(offset), "createdAfter": newest},
                {"tasks": rows, "total": sw.tasks_count(include_heartbeat=True, created_after=newest)})
        for t in rows:
            if t["id"] not in seen:
                seen.append(t["id"])
        if len(rows) < PAGE_SIZE:
            break
        offset += len(rows)
    return seen, moved


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "samples" / "agent-swarm"))
    args = ap.parse_args()
    KINDS.clear()
    sw, agents, s = build()
    out = Out()
    names = {a["id"]: a["name"] for a in sw.agents()}
    out.put("/api/agents", None, {"agents": sw.agents()})
    seen, moved = walk(sw, out, agents, s)
    out.put("/api/active-sessions", None, {"sessions": sw.active_sessions()})
    active_tasks = {a["taskId"] for a in sw.active_sessions()}

    kind_of_log = {}
    for i, row in enumerate(sw.db.execute("SELECT id FROM session_logs ORDER BY rowid").fetchall()):
        kind_of_log[row["id"]] = KINDS[i]

    # sessions: roots in the walk's order (createdAt DESC)
    parents = {}
    for tid in seen:
        t = sw.task_by_id(tid)
        parents[tid] = t["parentTaskId"] if t["parentTaskId"] is not OMIT else None
    roots = [t for t in seen if parents[t] is None]
    listing = {item["root"]["id"]: item for item in sw.list_recent_sessions(limit=1000)}
    expected = []
    for root in roots:
        detail = sw.session_detail(root)
        out.put(f"/api/sessions/{root}", None, detail)
        chain = detail["chain"]
        items = []  # (time ms, group, lineNumber, chain index, position, id, kind, platform type)
        costs_all = []
        for ci, task in enumerate(chain):
            costs = sw.costs_by_task(task["id"], COST_LIMIT)
            out.put("/api/session-costs", {"taskId": task["id"], "limit": str(COST_LIMIT)}, {"costs": costs})
            logs = sw.logs_by_task(task["id"])
            out.put(f"/api/tasks/{task['id']}/session-logs", None, {"logs": logs})
            for pos, lg in enumerate(logs):
                items.append((ms_of(lg["createdAt"]), 0, lg["lineNumber"], ci, pos, lg["id"], kind_of_log[lg["id"]], lg))
            for pos, c in enumerate(costs):
                items.append((ms_of(c["createdAt"]), 1, 0, ci, pos, c["id"], "status", c))
                costs_all.append(c)
        items.sort(key=lambda x: x[:5])
        runs_with_cost = {c["sessionId"] for c in costs_all}
        # tokens: each run from exactly one source, its cost row; a run without one from its lines
        tok = {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0}
        requests = 0
        for c in costs_all:
            tok["input"] += c["inputTokens"]
            tok["output"] += c["outputTokens"]
            tok["cache_read"] += c["cacheReadTokens"]
            tok["cache_write"] += c["cacheWriteTokens"] or 0
            requests += 1
        seen_msgs = set()
        for it in items:
            if it[1] != 0 or it[7]["sessionId"] in runs_with_cost:
                continue
            content = json.loads(it[7]["content"]) if it[7]["content"].startswith("{") else None
            if not content:
                continue
            if it[7]["cli"] == "codex" and content.get("type") == "turn.completed":
                u = content["usage"]
                tok["input"] += u["input_tokens"]; tok["output"] += u["output_tokens"]; tok["cache_read"] += u["cached_input_tokens"]
                requests += 1
            elif it[7]["cli"] == "claude" and content.get("type") == "assistant" and "usage" in content["message"]:
                mid = content["message"]["id"]
                if mid in seen_msgs:
                    continue
                seen_msgs.add(mid)
                u = content["message"]["usage"]
                tok["input"] += u.get("input_tokens", 0); tok["output"] += u.get("output_tokens", 0)
                tok["cache_read"] += u.get("cache_read_input_tokens", 0); tok["cache_write"] += u.get("cache_creation_input_tokens", 0)
                requests += 1
        priced = [c for c in costs_all if c["costSource"] != "unpriced"]
        cost = None
        if costs_all and len(priced) == len(costs_all):
            lits = [stringify(c["totalCostUsd"]) for c in costs_all]
            cost = lits[0] if len(lits) == 1 else format(sum((Decimal(x) for x in lits), Decimal(0)).normalize(), "f")
        item = listing[root]
        statuses = [t["status"] for t in chain]
        running = ("in_progress" in statuses) or item["latestStatus"] not in TERMINAL or any(t["id"] in active_tasks for t in chain)
        r = detail["root"]
        title = r.get("title") if r.get("title") not in (None, OMIT) else r["task"]
        agent_id = r["agentId"]
        expected.append({
            "id": root, "agent_id": agent_id, "agent_name": names.get(agent_id), "title": title,
            "status": item["latestStatus"], "updated_at": item["lastActivityAt"], "created_at": r["createdAt"], "running": running,
            "task_ids": [t["id"] for t in chain], "clis": sorted({it[7]["cli"] for it in items if it[1] == 0}),
            "log_lines": sum(1 for it in items if it[1] == 0), "cost_records": len(costs_all),
            "records": len(items), "event_ids": [it[5] for it in items], "event_kinds": [it[6] for it in items],
            "model_requests": requests, "input_tokens": tok["input"] if requests else None, "output_tokens": tok["output"] if requests else None,
            "cache_read_tokens": tok["cache_read"] if requests else None, "cache_write_tokens": tok["cache_write"] if requests else None,
            "platform_cost_usd": cost, "unpriced_cost_rows": len(costs_all) - len(priced),
        })
    counts = sw.counts()
    doc = {
        "platform": "agent-swarm", "page_size": PAGE_SIZE, "cost_limit": COST_LIMIT,
        "note": ("Generated from an SQLite database with the server's columns, read with the server's SELECTs (scripts/swarm_sqlite.py). "
                 "status/updated_at are the server's own latestStatus/lastActivityAt (listRecentSessions). "
                 "Events: every log line of every chain task and every cost row, ordered by createdAt, then log lines before cost rows, "
                 "then lineNumber, then chain position, then server order. Tokens: every cost row; a run (sessionId) without a cost row "
                 "from its own lines (claude message.usage once per message.id, codex turn.completed.usage). "
                 "platform_cost_usd: the exact sum of the rows' totalCostUsd, null when a row is unpriced."),
        "agents": {a: names[i] for a, i in agents.items()},
        "moved_session": s["S4"], "task_created_while_paging": moved,
        "database": counts, "sessions": expected, "requests": out.requests,
    }
    replay = {"platform": "agent-swarm", "source": "agent-swarm-sample", "page_size": PAGE_SIZE}
    out.write(Path(args.out), {"replay.json": json.dumps(replay) + "\n", "EXPECTED.json": dumps(doc) + "\n", "README.md": README})
    print(f"{args.out}: {counts['sessions']} sessions, {counts['tasks']} tasks, {counts['log_lines']} log lines, {counts['cost_rows']} cost rows, {len(out.files)} responses")


README = """# Agent Swarm replay samples

A recorded-response ("replay") tree for Agent Swarm (`agent-swarm` dialect), exported by
`chronicle export` (every `samples/*` tree) or `chronicle export --platform agent-swarm
--base-url file:samples/agent-swarm`, with no network and no credentials.
Generated, deterministic: do not edit by hand. Regenerate with
`python3 scripts/gen_samples_agent_swarm.py [--out samples/agent-swarm]`.

## How it is made
`scripts/swarm_sqlite.py` keeps a small swarm in SQLite with the columns of the server's
migrations, writes rows as the server does (`createSessionLogs` numbers each flush's lines from 0
and stamps them `strftime('%Y-%m-%dT%H:%M:%fZ', …)`; cost rows as `createSessionCost` stores them;
tasks chained by `parentTaskId`) and answers every request with the server's own SELECT and row
mapper (`rowToAgentTask`, `rowToSessionLog`, `rowToSessionCost`: NULL → member omitted, 0/1 →
boolean), serialised as `JSON.stringify` does. The clock is simulated.

## Layout
As for every replay tree (see `scripts/replay_layout.py`): `GET /api/tasks?limit=3&offset=0&…`
is answered by `api/tasks/GET@fields=full&includeHeartbeat=true&limit=3&offset=0&orderBy=createdAt.json`
(query sorted, bytes outside `[A-Za-z0-9._~-]` written `%XX`).

## Request sequence (page size 3)
1. `GET /api/agents` (names).
2. `GET /api/tasks?orderBy=createdAt&fields=full&includeHeartbeat=true&limit=3&offset=0`, `3`, `6`,
   `9` (a short page ends the walk), then the same with `createdAfter=<newest createdAt seen>` from
   offset 0: tasks created while paging.
3. `GET /api/active-sessions`.
4. Per root task (newest first): `GET /api/sessions/{rootTaskId}` (`root` + `chain`) and, per chain
   task, `GET /api/session-costs?taskId=…&limit=1000`.
5. Export of each session, per chain task: the cost rows again and `GET /api/tasks/{taskId}/session-logs`.

## Content
- S1 (`lead`, claude): delegates to `coder` (codex), who delegates to `reviewer` (pi); also to
  `scout` (opencode). The lead's task runs twice (two runner sessions, two cost rows); its first
  run's lines come in two flushes (lineNumber restarts at 0); one claude message streamed as three
  lines repeating its usage; a stderr line; a line that is not JSON (with a `<script>` shown as
  text); a `pricing-table` cost; `totalCostUsd` 0.0000051 (JavaScript prints it without exponent).
- S2: a failed claude run whose cost row is `unpriced` (`totalCostUsd` 0: an unknown cost).
- S3: running: the coder's child is `in_progress` (an active-session row, no cost row yet: its
  tokens come from its codex `turn.completed` line).
- S4 (`scout`, opencode, with an opencode `error` event): while the exporter pages, the lead adds a
  follow-up child to it: the new task is the newest row (every row of the walk slides down by one:
  page 2 repeats a row) and S4 jumps to the front of `/api/sessions` (`lastActivityAt` moves).
- S5: a heartbeat task, listed only because the walk sends `includeHeartbeat=true`.

`EXPECTED.json` holds the database's counts, per session the event ids in order with their kinds,
token and cost truth, and every request with its file.
"""

if __name__ == "__main__":
    main()
