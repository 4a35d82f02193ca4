#!/usr/bin/env python3
"""Generate samples/agentscope/: a deterministic replay tree for the AgentScope Agent Service
(agentscope.md).

Stdlib only. Fixed data: no randomness, no clock. Layout: see scripts/replay_layout.py.

Requests the adapter makes (agents from replay.json, page size 3):
  per agent: GET /sessions?agent_id=<id>;
  per session: GET /sessions/<id>/messages?agent_id=<id>&limit=3&offset=0, 3, 6, … until a page
  holds fewer than 3 messages (a full last page is followed by an empty one).

Usage: python3 scripts/gen_samples_agentscope.py [--out samples/agentscope]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replay_layout import Raw, Tree, dumps  # noqa: E402

PAGE_SIZE = 3
AGENTS = ["a_1", "a_2"]


def msg(mid, name, created, finished, content, usage=None, **extra):
    m = {"id": mid, "name": name, "created_at": created, "finished_at": finished, "content": content, "metadata": {}}
    if usage is not None:
        m["usage"] = usage
    m.update(extra)
    return m


def text(t, bid=None):
    b = {"type": "text", "text": t}
    if bid:
        b["id"] = bid
    return b


SQL = """```sql
SELECT region, SUM(revenue) AS revenue
FROM sales
WHERE quarter = '2026-Q3'
GROUP BY region
ORDER BY revenue DESC;
```"""


def build():
    s42 = [
        msg("msg_1", "user", "2026-11-20T10:00:03.412Z", "2026-11-20T10:00:03.412Z",
            [text("Prepare the **Q3 quarterly report** for the board — revenue by region, please.", "blk_1")]),
        msg("msg_2", "Friday", "2026-11-20T10:00:04.100Z", "2026-11-20T10:00:07.001Z",
            [text("I'll query the warehouse first.", "blk_2"),
             {"type": "tool_use", "id": "tu_1", "name": "run_sql", "input": {"query": "SELECT region, SUM(revenue) FROM sales GROUP BY region"}}],
            usage={"input_tokens": 123, "output_tokens": 45, "time": Raw("3.589")}),
        msg("msg_3", "run_sql", "2026-11-20T10:00:07.500", "2026-11-20T10:00:08.020",
            [{"type": "tool_result", "id": "tu_1", "name": "run_sql",
              "output": [text("region | revenue\nEMEA | 1,204,330.10\nAPAC | 982,114.00\nAMER | 1,877,002.55")]}]),
        msg("msg_4", "Friday", "2026-11-20 10:00:09.250", "2026-11-20 10:00:15.875",
            [text("## Q3 revenue by region\n\n| region | revenue (USD) |\n|---|---:|\n| AMER | 1 877 002.55 |\n| EMEA | 1 204 330.10 |\n| APAC | 982 114.00 |\n\nThe query I used:\n\n" + SQL)],
            usage={"input_tokens": 610, "output_tokens": 212}),
        msg("msg_5", "user", "2026-11-20T10:02:40+02:00", "2026-11-20T10:02:40+02:00",
            [text("Add a one-line summary in German and Japanese, please.")]),
        msg("msg_6", "Friday", "2026-11-20T08:02:41.000Z", "2026-11-20T08:02:44.300Z",
            [text("- 🇩🇪 Umsatz im dritten Quartal: AMER führt, EMEA wächst um 4 %.\n- 🇯🇵 第3四半期の売上：AMERが首位、EMEAは4%成長。")],
            usage={"input_tokens": 840, "output_tokens": 97}),
        msg("msg_7", "system", "2026-11-20 08:04:31.000", None,
            [text("Context compressed: 4 earlier messages summarised.")]),
    ]
    s43 = [
        msg("msg_11", "user", "2026-11-21T09:00:00Z", "2026-11-21T09:00:00Z", "Translate the onboarding checklist to French."),
        msg("msg_12", "Friday", "2026-11-21T09:00:02.5", None,
            [{"type": "thinking", "thinking": "Keep the checklist structure; translate item by item."},
             text("Voici la liste :\n\n1. Créer le compte\n2. Lire le guide « Sécurité »\n3. Configurer l'authentification à deux facteurs")],
            usage={"input_tokens": 230, "output_tokens": 118}),
        msg("msg_13", "user", "2026-11-21T09:01:10Z", None, [text("Merci ! Now the last section…")]),
    ]
    s77 = [
        msg("msg_21", "user", "2026-11-22 14:30:00.000", "2026-11-22 14:30:00.000", [text("What's the weather in Zürich?")]),
        # No usage: unknown, never zero.
        msg("msg_22", "Scout", "2026-11-22 14:30:01.120", "2026-11-22 14:30:02.900",
            [{"type": "tool_use", "id": "tu_9", "name": "weather", "input": {"city": "Zürich"}},
             {"type": "audio", "source": {"type": "url", "url": "https://example.invalid/a.wav"}}]),
    ]

    def view(sid, agent, name, model, created, updated, running, context, summary=""):
        return {"session": {
            "id": sid, "user_id": "u_7", "agent_id": agent, "team_id": None, "source": "user", "source_schedule_id": None,
            "created_at": created, "updated_at": updated,
            "config": {"workspace_id": "w_1", "name": name,
                       "chat_model_config": {"type": "openai", "credential_id": "c_1", "model": model, "parameters": {"temperature": Raw("0.20")}},
                       "fallback_chat_model_config": None},
            "state": {"session_id": sid, "summary": summary, "reply_id": "r_9", "cur_iter": 3, "context": context,
                      "permission_context": {"mode": "ask"}, "tool_context": {}, "tasks_context": {"tasks": []}}},
            "is_running": running, "team": None}

    listing = {
        "a_1": [
            view("s_42", "a_1", "Quarterly report", "gpt-5.1", "2026-11-20T10:00:00Z", "2026-11-20T10:04:31Z", False, s42[-2:],
                 summary="User asked for the Q3 report by region; Friday queried the warehouse and produced a table."),
            view("s_43", "a_1", "Übersetzung / 翻訳", "gpt-5.1-mini", "2026-11-21T09:00:00Z", "2026-11-21T09:01:10Z", True, s43),
        ],
        "a_2": [
            view("s_77", "a_2", "Weather <b>check</b>", "qwen-max", "2026-11-22 14:30:00", "2026-11-22 14:30:03", False, s77),
        ],
    }
    messages = {"s_42": s42, "s_43": s43, "s_77": s77}
    return listing, messages


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "samples" / "agentscope"))
    args = ap.parse_args()
    listing, messages = build()
    tree = Tree(Path(args.out))
    expected_sessions = []
    for agent in AGENTS:
        views = listing[agent]
        tree.add("GET", "/sessions", {"agent_id": agent}, {"sessions": views, "total": len(views)})
        for v in views:
            sid = v["session"]["id"]
            msgs = messages[sid]
            offset = 0
            pages = 0
            while True:
                page = msgs[offset:offset + PAGE_SIZE]
                tree.add("GET", f"/sessions/{sid}/messages", {"agent_id": agent, "offset": str(offset), "limit": str(PAGE_SIZE)},
                         {"messages": page, "is_running": v["is_running"]})
                pages += 1
                if len(page) < PAGE_SIZE:
                    break
                offset += len(page)
            with_usage = [m for m in msgs if "usage" in m]
            expected_sessions.append({
                "id": sid, "agent_id": agent, "title": v["session"]["config"]["name"],
                "model": v["session"]["config"]["chat_model_config"]["model"], "running": v["is_running"],
                "message_pages": pages, "event_count": len(msgs), "records": len(msgs),
                "event_ids": [m["id"] for m in msgs], "speakers": [m["name"] for m in msgs],
                "created_at": [m["created_at"] for m in msgs],
                "messages_without_usage": [m["id"] for m in msgs if "usage" not in m],
                "model_requests": len(with_usage),
                "input_tokens": sum(m["usage"]["input_tokens"] for m in with_usage) if with_usage else None,
                "output_tokens": sum(m["usage"]["output_tokens"] for m in with_usage) if with_usage else None,
                "platform_cost_usd": None,
            })
    expected = {
        "platform": "agentscope", "page_size": PAGE_SIZE, "agents": AGENTS,
        "note": "records = items the adapter hands the sink for the session (one per message); "
                "tokens count each message id once; a message without usage is unknown, not zero.",
        "sessions": expected_sessions, "requests": tree.requests,
    }
    replay = {"platform": "agentscope", "source": "agentscope-sample", "page_size": PAGE_SIZE, "agents": AGENTS}
    tree.write({"replay.json": json.dumps(replay) + "\n", "EXPECTED.json": dumps(expected) + "\n", "README.md": README})


README = """# AgentScope replay samples

A recorded-response ("replay") tree for the AgentScope Agent Service (`agentscope` dialect),
exported by `chronicle export` (every `samples/*` tree) or `chronicle export --platform agentscope
--base-url file:samples/agentscope --agent a_1 --agent a_2`, with no network and no credentials.
Generated, deterministic: do not edit by hand. Regenerate with
`python3 scripts/gen_samples_agentscope.py [--out samples/agentscope]`.

## Layout
As for every replay tree (see `scripts/replay_layout.py`): `GET /sessions/s_42/messages?agent_id=a_1&offset=0&limit=3`
is answered by `sessions/s_42/messages/GET@agent_id=a_1&limit=3&offset=0.json` (query sorted).

## Request sequence (agents `a_1`, `a_2` from `replay.json`; page size 3)
1. Per agent: `GET /sessions?agent_id=…` (`{"sessions": [SessionView], "total"}`).
2. Per session: `GET /sessions/{id}/messages?agent_id=…&offset=N&limit=3` until a page holds
   fewer than 3 messages.

## Content
- `s_42` (a_1): 7 messages over 3 pages; a tool call and its `tool_result` (`output` array);
  markdown table and SQL; `created_at` as ISO with `Z`, ISO without zone, `YYYY-MM-DD HH:MM:SS.fff`
  and ISO with `+02:00`; a `system` message without usage; a non-empty `state.summary`.
- `s_43` (a_1): running (`is_running: true`); exactly 3 messages, so the second page is empty;
  a plain-string `content`; thinking; French, German and Japanese text.
- `s_77` (a_2): a tool call without `usage` (unknown, never zero) and an unknown `audio` block;
  a title with HTML in it.

`EXPECTED.json` lists per session the message ids in order, speakers, the original timestamps,
token truth (each message id once) and every request with its file.
"""

if __name__ == "__main__":
    main()
