#!/usr/bin/env python3
"""Generate samples/agentscope/: a deterministic replay tree for the AgentScope 2.0.11 Agent
Service (docs/platforms/agentscope.md), in the service's real shapes.

Stdlib only. Fixed data: no randomness, no clock. Layout: see scripts/replay_layout.py.

Requests the adapter makes (page size 3, no agents in replay.json):
  GET /agent/                                  the agents (AgentView, top-level id)
  per agent: GET /sessions/?agent_id=<id>      all its sessions (SessionView), unpaged
  per session: GET /sessions/<id>/messages?agent_id=<id>&limit=3, then
               ...&before=<id of the oldest message of the page just read> while has_more.
Pages come newest first, each chronological; the adapter hands the session oldest first.

Usage: python3 scripts/gen_samples_agentscope.py [--out samples/agentscope]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replay_layout import Raw, Tree, dumps, make_png  # noqa: E402

PAGE_SIZE = 3
SERVER_TZ = "Europe/Berlin"
USER = "u_7f3a"


def block(type_, bid, created, **members):
    b = {"type": type_, "id": bid}
    b.update(members)
    b["created_at"] = created
    b["finished_at"] = created
    return b


def text(bid, t, created):
    return block("text", bid, created, text=t)


def msg(mid, role, name, created, finished, content, usage=None, reason="completed", error=None):
    return {"id": mid, "role": role, "name": name, "metadata": {}, "structured_output": None,
            "created_at": created, "finished_at": finished, "finished_reason": reason, "error": error,
            "usage": usage, "content": content}


def usage(i, o, cache_read=0, cache_write=0):
    return {"input_tokens": i, "output_tokens": o, "cache_input_tokens": cache_read, "cache_creation_input_tokens": cache_write}


SQL = """```sql
SELECT region, SUM(revenue) AS revenue
FROM sales
WHERE quarter = '2026-Q3'
GROUP BY region
ORDER BY revenue DESC;
```"""

PNG = make_png(8, 6)


def build():
    # Messages are the server's local time (Europe/Berlin, UTC+1 in November), without zone.
    s42 = [
        msg("m_4201", "user", "user", "2026-11-20T11:00:03.412000", "2026-11-20T11:00:03.412000",
            [text("b_1", "Prepare the **Q3 quarterly report** for the board — revenue by region, please.", "2026-11-20T11:00:03.412000")]),
        msg("m_4202", "assistant", "Friday", "2026-11-20T11:00:04.100000", "2026-11-20T11:00:07.001000", [
            block("hint", "h_1", "2026-11-20T11:00:04.100000", hint="<system-reminder>The user's timezone is Europe/Berlin.</system-reminder>",
                  source="{\"label\": \"System\"}"),
            text("b_2", "I'll query the warehouse first.", "2026-11-20T11:00:04.300000"),
            block("tool_call", "call_1", "2026-11-20T11:00:04.500000", name="run_sql",
                  input="{\"query\": \"SELECT region, SUM(revenue) FROM sales GROUP BY region\"}", state="finished", suggested_rules=[]),
            block("tool_result", "call_1", "2026-11-20T11:00:05.020000", name="run_sql", state="success", metadata={},
                  output=[text("b_3", "region | revenue\nEMEA | 1,204,330.10\nAPAC | 982,114.00\nAMER | 1,877,002.55", "2026-11-20T11:00:05.020000")]),
            text("b_4", "## Q3 revenue by region\n\n| region | revenue (USD) |\n|---|---:|\n| AMER | 1 877 002.55 |\n| EMEA | 1 204 330.10 |\n| APAC | 982 114.00 |\n\nThe query I used:\n\n" + SQL,
                 "2026-11-20T11:00:06.875000"),
        ], usage=usage(2008, 257, cache_read=1003)),
        # A chat channel names the user after its own user id: still a user turn.
        msg("m_4203", "user", "ding_4471", "2026-11-20T11:02:40", "2026-11-20T11:02:40",
            [text("b_5", "Add the growth per region, please.", "2026-11-20T11:02:40")]),
        msg("m_4204", "assistant", "Friday", "2026-11-20T11:02:41.000001", "2026-11-20T11:02:44.300000", [
            block("thinking", "t_1", "2026-11-20T11:02:41.000001", thinking="Growth needs Q2 as well; query both quarters.", signature="c2ln"),
            # The model's raw JSON string, cut short: kept verbatim.
            block("tool_call", "call_2", "2026-11-20T11:02:42", name="run_sql", input="{\"query\": \"SELECT * FROM sales WHERE quarter IN ('2026-Q2'", state="finished", suggested_rules=[]),
            block("tool_result", "call_2", "2026-11-20T11:02:43", name="run_sql", state="error", metadata={},
                  output="Error: the tool input is not valid JSON"),
        ], usage=usage(2400, 61, cache_read=1800)),
        msg("m_4205", "assistant", "Friday", "2026-11-20T11:02:45", "2026-11-20T11:03:15.500000",
            [text("b_6", "Let me try", "2026-11-20T11:02:45")], usage=None, reason="error",
            error={"type": "connection", "message": "Could not reach the model service (connection refused)."}),
        msg("m_4206", "user", "user", "2026-11-20T11:04:00", "2026-11-20T11:04:00", [
            text("b_7", "Here is last year's chart for comparison.", "2026-11-20T11:04:00"),
            block("data", "d_1", "2026-11-20T11:04:00", name="chart-2025.png",
                  source={"type": "url", "url": "https://example.invalid/charts/2025 q3.png", "media_type": "image/png"}),
        ]),
        msg("m_4207", "assistant", "Friday", "2026-11-20T11:04:02", "2026-11-20T11:04:09.250000", [
            text("b_8", "- 🇩🇪 Umsatz im dritten Quartal: AMER führt, EMEA wächst um 4 %.\n- 🇯🇵 第3四半期の売上：AMERが首位、EMEAは4%成長。", "2026-11-20T11:04:02"),
            block("data", "d_2", "2026-11-20T11:04:08", name="q3-growth.png",
                  source={"type": "base64", "data": base64.b64encode(PNG).decode("ascii"), "media_type": "image/png"}),
        ], usage=usage(1500, 97, cache_read=0, cache_write=1200)),
        msg("m_4208", "assistant", "Friday", "2026-11-20T11:05:00", "2026-11-20T11:05:01", [
            text("b_9", "Drafting the summary", "2026-11-20T11:05:00"),
        ], usage=usage(900, 12), reason="interrupted"),
    ]
    s43 = [
        msg("m_4301", "user", "user", "2026-11-21T10:00:00", "2026-11-21T10:00:00",
            [text("b_20", "Translate the onboarding checklist to French.", "2026-11-21T10:00:00")]),
        msg("m_4302", "assistant", "Friday", "2026-11-21T10:00:02.500000", "2026-11-21T10:00:09", [
            block("thinking", "t_2", "2026-11-21T10:00:02.500000", thinking="Keep the checklist structure; translate item by item."),
            text("b_21", "Voici la liste :\n\n1. Créer le compte\n2. Lire le guide « Sécurité »\n3. Configurer l'authentification à deux facteurs", "2026-11-21T10:00:03"),
        ], usage=usage(230, 118, cache_read=0)),
        # Running: the user's message is stored at once, the reply when the run ends.
        msg("m_4303", "user", "user", "2026-11-21T10:01:10", "2026-11-21T10:01:10",
            [text("b_22", "Merci ! Now the last section…", "2026-11-21T10:01:10")]),
    ]
    s77 = [
        msg("m_7701", "user", "user", "2026-11-22T15:30:00", "2026-11-22T15:30:00",
            [text("b_30", "What's the weather in Zürich? Use the shell if you must.", "2026-11-22T15:30:00")]),
        msg("m_7702", "assistant", "Scout", "2026-11-22T15:30:01.120000", "2026-11-22T15:31:02.900000", [
            block("tool_call", "call_9", "2026-11-22T15:30:01.120000", name="weather", input="{\"city\": \"Zürich\"}", state="finished", suggested_rules=[]),
            block("tool_result", "call_9", "2026-11-22T15:30:02", name="weather", state="success", metadata={}, output="4 °C, fog"),
            block("audio", "x_1", "2026-11-22T15:30:03", source={"type": "url", "url": "https://example.invalid/a.wav"}),
        ], usage=usage(5000, 800, cache_read=4000, cache_write=600), reason="exceed_max_iters"),
        msg("m_7703", "user", "user", "2026-11-22T15:32:00", "2026-11-22T15:32:00",
            [text("b_31", "Check the forecast file then.", "2026-11-22T15:32:00")]),
        # Parked on a permission prompt: the call asks, no result yet, the reply not finished.
        msg("m_7704", "assistant", "Scout", "2026-11-22T15:32:01", None, [
            block("hint", "h_2", "2026-11-22T15:32:01", hint=[{"type": "text", "text": "Lead: the forecast lives in /srv/forecast.", "id": "ht_1",
                                                              "created_at": "2026-11-22T15:32:01", "finished_at": None}],
                  source="{\"label\": \"Lead\", \"type\": \"team\"}"),
            block("tool_call", "call_10", "2026-11-22T15:32:02", name="Bash", input="{\"command\": \"cat /srv/forecast.txt\"}", state="asking", suggested_rules=[]),
        ], usage=usage(1200, 40, cache_read=1000), reason=None),
    ]

    def view(sid, agent, name, ctype, model, created, updated, status):
        return {"session": {
            "id": sid, "user_id": USER, "agent_id": agent, "origin": {"type": "user"}, "team_id": None,
            "created_at": created, "updated_at": updated,
            "config": {"workspace_id": "w_1", "name": name, "naming": {"auto": False}, "cwd": None,
                       "chat_model_config": {"type": ctype, "credential_id": "c_1", "model": model, "model_class": "",
                                             "parameters": {"temperature": Raw("0.20")}},
                       "fallback_chat_model_config": None, "tts_model_config": None, "realtime_model_config": None, "knowledge_config": None},
            "state": {"session_id": sid, "summary": "", "context": [], "reply_context": {"reply_id": "r_9", "cur_iter": 0},
                      "permission_context": {"mode": "ask"}, "tool_context": {}, "tasks_context": {"tasks": []}, "middle_context": {}}},
            "is_running": status == "running", "status": status, "team": None}

    def agent(aid, name):
        return {"id": aid, "user_id": USER, "source": "user", "editable": True,
                "created_at": "2026-11-19T09:00:00.000000", "updated_at": "2026-11-19T09:00:00.000000",
                "data": {"id": "d_" + aid, "name": name, "system_prompt": f"You are {name}.", "chat_config": {}}}

    agents = [agent("a_1", "Friday"), agent("a_2", "Scout")]
    # Newest created_at first, as the service lists them.
    listing = {
        "a_1": [
            view("s_43", "a_1", "Übersetzung / 翻訳", "openai", "gpt-5.1-mini", "2026-11-21T09:00:00", "2026-11-21T09:00:09.100000", "running"),
            view("s_42", "a_1", "Quarterly report", "openai", "gpt-5.1", "2026-11-20T10:00:00", "2026-11-20T10:05:01.200000", "idle"),
        ],
        "a_2": [
            view("s_77", "a_2", "Weather <b>check</b>", "anthropic", "claude-sonnet-4-6", "2026-11-22T14:30:00", "2026-11-22T14:32:01.500000", "awaiting_permission"),
        ],
    }
    messages = {"s_42": s42, "s_43": s43, "s_77": s77}
    return agents, listing, messages


def utc(local: str) -> str:
    t = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(SERVER_TZ)).astimezone(timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (t.microsecond // 1000) + "Z"


def events_of(m, ctype):
    """The events the adapter makes of one message: hints before the message when they open it,
    after it otherwise; the message; an error or status event when the reply did not complete."""
    before, after, seen = [], [], False
    for b in m["content"]:
        if b["type"] == "hint":
            (after if seen else before).append({"id": b["id"], "kind": "system_message", "created_at": b["created_at"]})
        else:
            seen = True
    kind = {"user": "user_message", "assistant": "assistant_message", "system": "system_message"}[m["role"]]
    out = before + [{"id": m["id"], "kind": kind, "created_at": m["created_at"]}] + after
    r = m["finished_reason"]
    if r == "error":
        out.append({"id": None, "kind": "error", "created_at": m["finished_at"]})
    elif r not in (None, "completed"):
        out.append({"id": None, "kind": "status", "created_at": m["finished_at"]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "samples" / "agentscope"))
    args = ap.parse_args()
    agents, listing, messages = build()
    tree = Tree(Path(args.out))
    tree.add("GET", "/agent/", None, {"agents": agents, "total": len(agents)})
    expected_sessions = []
    for a in agents:
        aid = a["id"]
        views = listing[aid]
        tree.add("GET", "/sessions/", {"agent_id": aid}, {"sessions": views, "total": len(views)})
        for v in views:
            sid = v["session"]["id"]
            msgs = messages[sid]
            ctype = v["session"]["config"]["chat_model_config"]["type"]
            end, before, pages = len(msgs), None, 0
            while True:
                start = max(0, end - PAGE_SIZE)
                page = msgs[start:end]
                query = {"agent_id": aid, "limit": str(PAGE_SIZE)}
                if before is not None:
                    query["before"] = before
                tree.add("GET", f"/sessions/{sid}/messages", query, {
                    "messages": page, "event_cursor": "1763632801000-0" if before is None else None,
                    "is_running": v["is_running"], "has_more": start > 0})
                pages += 1
                if start == 0:
                    break
                before, end = page[0]["id"], start
            events = [e for m in msgs for e in events_of(m, ctype)]
            with_usage = [m for m in msgs if m["usage"] is not None]
            excludes_cache = ctype in ("anthropic", "minimax")

            def input_of(m):
                u = m["usage"]
                return u["input_tokens"] if excludes_cache else u["input_tokens"] - u["cache_input_tokens"]

            calls = [b for m in msgs for b in m["content"] if b["type"] == "tool_call"]
            failed_results = [b for m in msgs for b in m["content"] if b["type"] == "tool_result" and b["state"] in ("error", "denied", "interrupted")]
            failed_replies = [m for m in msgs if m["finished_reason"] == "error"]
            stored = [b for m in msgs for b in m["content"] if b["type"] == "data" and b["source"]["type"] == "base64"]
            expected_sessions.append({
                "id": sid, "agent_id": aid, "agent_name": a["data"]["name"], "title": v["session"]["config"]["name"],
                "status": v["status"], "running": v["status"] == "running",
                "model": v["session"]["config"]["chat_model_config"]["model"], "provider_type": ctype,
                "message_pages": pages, "records": len(msgs),
                "message_ids": [m["id"] for m in msgs], "speakers": [m["name"] for m in msgs], "roles": [m["role"] for m in msgs],
                "event_ids": [e["id"] for e in events], "event_kinds": [e["kind"] for e in events],
                "created_at": [e["created_at"] for e in events],
                "created_at_utc": [utc(e["created_at"]) if e["created_at"] else None for e in events],
                "messages_without_usage": [m["id"] for m in msgs if m["usage"] is None],
                "model_requests": len(with_usage),
                "input_tokens": sum(input_of(m) for m in with_usage) if with_usage else None,
                "output_tokens": sum(m["usage"]["output_tokens"] for m in with_usage) if with_usage else None,
                "cache_read_tokens": sum(m["usage"]["cache_input_tokens"] for m in with_usage) if with_usage else None,
                "cache_write_tokens": sum(m["usage"]["cache_creation_input_tokens"] for m in with_usage) if with_usage else None,
                "tool_calls": len(calls), "errors": len(failed_results) + len(failed_replies),
                "artifacts": [{"sha256": hashlib.sha256(base64.b64decode(b["source"]["data"])).hexdigest(),
                               "size": len(base64.b64decode(b["source"]["data"]))} for b in stored],
            })
    expected = {
        "platform": "agentscope", "page_size": PAGE_SIZE, "server_timezone": SERVER_TZ,
        "note": "records = messages handed to the sink (one item each, oldest first); events add hint events and one "
                "error/status event per reply that did not complete (id null); input tokens exclude cache reads "
                "(subtracted for OpenAI-style providers, as sent for anthropic); created_at_utc reads the zoneless "
                "message times in server_timezone.",
        "sessions": expected_sessions, "requests": tree.requests,
    }
    replay = {"platform": "agentscope", "source": "agentscope-sample", "page_size": PAGE_SIZE, "options": {"server_timezone": SERVER_TZ}}
    tree.write({"replay.json": json.dumps(replay) + "\n", "EXPECTED.json": dumps(expected) + "\n", "README.md": README})


README = """# AgentScope replay samples

A recorded-response ("replay") tree for the AgentScope 2.0.11 Agent Service (`agentscope`
dialect), in the service's real shapes, exported by `chronicle export` (every `samples/*` tree)
or `chronicle export --platform agentscope --base-url file:samples/agentscope --page-size 3`
(`replay.json` gives `server_timezone`; `--source-option server_timezone=…` overrides it), with no
network and no credentials.
Generated, deterministic: do not edit by hand. Regenerate with
`python3 scripts/gen_samples_agentscope.py [--out samples/agentscope]`.

## Layout
As for every replay tree (see `scripts/replay_layout.py`): `GET /sessions/s_42/messages?agent_id=a_1&limit=3&before=m_4206`
is answered by `sessions/s_42/messages/GET@agent_id=a_1&before=m_4206&limit=3.json` (query sorted);
`GET /sessions/?agent_id=a_1` (the trailing slash is an empty last segment) by `sessions/%/GET@agent_id=a_1.json`.

## Request sequence (page size 3; `replay.json` names no agents and sets `server_timezone`)
1. `GET /agent/`: `{"agents": [AgentView], "total"}` (agent id = the top-level `id`, name = `data.name`).
2. Per agent: `GET /sessions/?agent_id=…`: `{"sessions": [SessionView], "total"}`, newest first, unpaged.
3. Per session: `GET /sessions/{id}/messages?agent_id=…&limit=3` (the newest page, with
   `event_cursor`), then `…&before=<id of the oldest message of that page>` while `has_more`.
   Each page is chronological; the export is oldest first.

## Content (message times are Europe/Berlin wall-clock time without zone; session times UTC)
- `s_42` (Friday, idle, `openai`): 8 messages over 3 pages; a hint; a tool call whose result
  succeeds (text-block output) and one whose raw input string does not parse and whose result
  fails (string output); thinking with a signature; a user turn named `ding_4471` (a chat
  channel's user); a failed reply (`finished_reason: "error"`, connection error, no usage); a
  URL `data` block (a link, not fetched) and a base64 PNG `data` block (stored); an interrupted
  reply; cache reads and a cache write; times with and without microseconds.
- `s_43` (Friday, `running`): 3 messages, one page (`has_more: false`); the running reply not stored yet.
- `s_77` (Scout, `awaiting_permission`, `anthropic`: input tokens exclude the cache): a reply that
  hit `exceed_max_iters` with an unknown `audio` block (kept as JSON); the last reply parked on a
  `Bash` call in state `asking`, with a team hint (text blocks); a title with HTML in it.

`EXPECTED.json` lists per session the message ids oldest first, roles and speakers, the events
(ids, kinds, original times and their UTC instants), token truth, tool calls, errors and stored
artifacts, and every request with its file.
"""

if __name__ == "__main__":
    main()
