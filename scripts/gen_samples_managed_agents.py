#!/usr/bin/env python3
"""Generate samples/managed-agents/: a deterministic replay tree for a managed-agents style API.

Stdlib only (Python 3.11). Everything is fixed data: no randomness, no clock. The replay layout
is the one in replay_layout.py (and Sources/ChronicleTransport/ReplayLayout.swift).

The client sends limit=3 (the sample source's page size) on /agents, /sessions and /files and
follows next_cursor until it is null. /sessions/{id}/events is one JSON array (not paged).
/files/{id}/content answers raw bytes with the file's Content-Type (in a .meta sidecar).

Usage: python3 scripts/gen_samples_managed_agents.py [--out samples/managed-agents]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

from replay_layout import Raw, ReplayTree, make_pdf, make_png

BASE_URL = "https://agents.example.com/v1"
PAGE_SIZE = 3
MODEL = "claude-sonnet-4-6"

AGENTS = [
    {"id": "agent_01HSUPPORT", "name": "support-bot", "version": 7, "model": MODEL,
     "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-18T12:00:00Z"},
    {"id": "agent_01HRESEARCH", "name": "research-analyst", "version": 2, "model": MODEL,
     "created_at": "2026-11-05T09:00:00Z", "updated_at": "2026-11-05T09:00:00Z"},
]

NOTES_MD = """# Refund 1182 — notes

- Refund `RF-2026-0091` issued 2026-11-18, **EUR 42.10**.
- Customer: Zoë (c_91) — friendly 😊.
"""

DATA_CSV = ("order,amount,currency\r\n1182,-42.10,EUR\r\n1183,19.99,EUR\r\n")

ANSWER_MD = """Your refund of **EUR 42.10** was issued on 18 November (`RF-2026-0091`).

| step | status |
|------|--------|
| refund issued | ✅ |
| bank settlement | ⏳ 3–5 business days |

I've attached the receipt and a chart of your order history. The refund as our system records it:

```swift
let refund = Refund(order: "1182", amount: 42.10, currency: "EUR") // issued 18 Nov
guard refund.status == .settled else { return "3–5 business days" }
```
"""


def usage(i, o, cr=0, cw=0):
    return {"input_tokens": i, "output_tokens": o, "cache_read_input_tokens": cr, "cache_creation_input_tokens": cw}


def build_sessions():
    """[(agent_id, session_meta, events, files)]; files: [(meta, bytes)]."""
    png = make_png()
    pdf = make_pdf()
    out = []

    def ev(sid, n, typ, t, **kw):
        d = {"id": f"evt_{sid[-4:].lower()}_{n:02d}", "type": typ, "created_at": t}
        d.update(kw)
        return d

    def file(fid, sid, name, mime, data, t):
        return ({"id": fid, "session_id": sid, "filename": name, "mime_type": mime, "size_bytes": len(data),
                 "created_at": t}, data)

    # ---- support: completed refund session, every event type, 4 files over 2 pages
    sid = "sess_01JREFUND"
    events = [
        ev(sid, 1, "user.message", "2026-11-20T10:00:00Z",
           content=[{"type": "text", "text": "Where is my refund for order 1182? It's been a week."}]),
        ev(sid, 2, "agent.thinking", "2026-11-20T10:00:02Z",
           thinking="Look up order 1182 and its refunds before answering."),
        ev(sid, 3, "agent.tool_use", "2026-11-20T10:00:03Z", tool_use_id="tu_9", name="orders_lookup",
           input={"order": "1182", "include": ["refunds"]}),
        ev(sid, 4, "agent.tool_result", "2026-11-20T10:00:04Z", tool_use_id="tu_9",
           content=[{"type": "text", "text": '{"order": "1182", "refund": 42.10, "status": "refunded"}'}],
           is_error=False),
        ev(sid, 5, "agent.message", "2026-11-20T10:04:30Z",
           content=[{"type": "text", "text": ANSWER_MD}], model=MODEL, usage=usage(900, 120, 12000, 0)),
        ev(sid, 6, "session.status", "2026-11-20T10:04:31Z", status="idle"),
    ]
    files = [
        file("file_01JCHART", sid, "chart.png", "image/png", png, "2026-11-20T10:04:20Z"),
        file("file_01JRECEIPT", sid, "receipt.pdf", "application/pdf", pdf, "2026-11-20T10:04:21Z"),
        file("file_01JNOTES", sid, "notes.md", "text/markdown", NOTES_MD.encode("utf-8"), "2026-11-20T10:04:22Z"),
        file("file_01JDATA", sid, "orders:1182?.csv", "text/csv", DATA_CSV.encode("utf-8"), "2026-11-20T10:04:23Z"),
    ]
    meta = {"id": sid, "agent_id": "agent_01HSUPPORT", "agent_version": 7, "title": "Refund for order 1182",
            "status": "completed", "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:04:31Z",
            "usage": usage(18230, 2211, 12000, 0)}
    out.append(("agent_01HSUPPORT", meta, events, files))

    # ---- support: a running session (snapshot)
    sid = "sess_01JRUNNING"
    events = [
        ev(sid, 1, "user.message", "2026-11-22T08:00:00Z",
           content=[{"type": "text", "text": "Change my delivery address to Marina Gate 2, Dubai 🇦🇪"}]),
        ev(sid, 2, "agent.message", "2026-11-22T08:00:05Z",
           content=[{"type": "text", "text": "Sure — checking the order status first."}],
           model=MODEL, usage=usage(640, 22)),
        ev(sid, 3, "agent.tool_use", "2026-11-22T08:00:06Z", tool_use_id="tu_31", name="orders_update",
           input={"order": "1190", "address": {"line1": "Marina Gate 2", "city": "Dubai", "country": "AE"}}),
        ev(sid, 4, "session.status", "2026-11-22T08:00:06Z", status="running"),
    ]
    meta = {"id": sid, "agent_id": "agent_01HSUPPORT", "agent_version": 7, "title": "Delivery address change",
            "status": "running", "created_at": "2026-11-22T08:00:00Z", "updated_at": "2026-11-22T08:00:06Z",
            "usage": usage(640, 22)}
    out.append(("agent_01HSUPPORT", meta, events, []))

    # ---- support: unknown event type, an error, a message without usage
    sid = "sess_01JUNKNOWN"
    events = [
        ev(sid, 1, "user.message", "2026-11-23T19:47:10Z", content="パスワードを忘れました。"),
        ev(sid, 2, "agent.memory_write", "2026-11-23T19:47:11Z",
           memory={"key": "c_17.locale", "value": "ja-JP"}, x_revision=Raw("1.10")),
        ev(sid, 3, "agent.message", "2026-11-23T19:47:12Z",
           content=[{"type": "text", "text": "パスワード再設定のリンクを送りました。"}]),
        ev(sid, 4, "session.error", "2026-11-23T19:47:13Z",
           error={"type": "overloaded_error", "message": "Overloaded; the session was stopped"}),
    ]
    meta = {"id": sid, "agent_id": "agent_01HSUPPORT", "agent_version": 7, "title": "Password reset",
            "status": "failed", "created_at": "2026-11-23T19:47:10Z", "updated_at": "2026-11-23T19:47:13Z",
            "usage": None}
    out.append(("agent_01HSUPPORT", meta, events, []))

    # ---- support: cancelled, short
    sid = "sess_01JCANCEL"
    events = [
        ev(sid, 1, "user.message", "2026-11-24T07:00:00Z", content=[{"type": "text", "text": "never mind"}]),
        ev(sid, 2, "session.status", "2026-11-24T07:00:01Z", status="cancelled"),
    ]
    meta = {"id": sid, "agent_id": "agent_01HSUPPORT", "agent_version": 7, "title": None,
            "status": "cancelled", "created_at": "2026-11-24T07:00:00Z", "updated_at": "2026-11-24T07:00:01Z",
            "usage": usage(0, 0)}
    out.append(("agent_01HSUPPORT", meta, events, []))

    # ---- research: idle session, two model requests
    sid = "sess_01JRESEARCH"
    events = [
        ev(sid, 1, "user.message", "2026-11-21T14:30:00Z",
           content=[{"type": "text", "text": "Size the EU heat-pump market by country, 2023–2025."}]),
        ev(sid, 2, "agent.message", "2026-11-21T14:30:09Z",
           content=[{"type": "text", "text": "Searching EHPA data first."}], model=MODEL, usage=usage(1500, 40, 0, 1400)),
        ev(sid, 3, "agent.tool_use", "2026-11-21T14:30:10Z", tool_use_id="tu_r1", name="web_search",
           input={"q": "EHPA heat pump sales 2024 by country"}),
        ev(sid, 4, "agent.tool_result", "2026-11-21T14:30:13Z", tool_use_id="tu_r1",
           content=[{"type": "text", "text": "France 515k, Germany 193k, Italy 270k (2024)"}], is_error=False),
        ev(sid, 5, "agent.message", "2026-11-21T14:30:40Z",
           content=[{"type": "text", "text": "```python\nprint(sum([515, 193, 270]))  # 978 thousand units\n```"}],
           model=MODEL, usage=usage(1620, 96, 1400, 0)),
        ev(sid, 6, "session.status", "2026-11-21T14:30:41Z", status="idle"),
    ]
    meta = {"id": sid, "agent_id": "agent_01HRESEARCH", "agent_version": 2, "title": "EU heat-pump market",
            "status": "idle", "created_at": "2026-11-21T14:30:00Z", "updated_at": "2026-11-21T14:30:41Z",
            "usage": usage(3120, 136, 1400, 1400)}
    out.append(("agent_01HRESEARCH", meta, events, []))
    return out


KNOWN = {"user.message", "agent.message", "agent.tool_use", "agent.tool_result", "agent.thinking",
         "session.status", "session.error"}
KIND = {"user.message": "user_message", "agent.message": "assistant_message", "agent.tool_use": "tool_call",
        "agent.tool_result": "tool_result", "agent.thinking": "thinking", "session.status": "status",
        "session.error": "error"}


def cursor_pages(tree, path, base_query, items, prefix):
    pages = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    for i, page in enumerate(pages):
        query = dict(base_query)
        query["limit"] = str(PAGE_SIZE)
        if i > 0:
            query["cursor"] = f"{prefix}/p{i + 1}=="
        nxt = f"{prefix}/p{i + 2}==" if i + 1 < len(pages) else None
        tree.put("GET", path, query, {"data": page, "next_cursor": nxt})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(__file__).resolve().parent.parent / "samples" / "managed-agents"
    ap.add_argument("--out", type=Path, default=default_out)
    args = ap.parse_args(argv)
    root: Path = args.out
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    tree = ReplayTree(root)

    data = build_sessions()
    cursor_pages(tree, "/agents", {}, AGENTS, "c_agents")
    expected_sessions = []
    n_events = n_files = 0
    for agent in AGENTS:
        a = agent["id"]
        mine = [d for d in data if d[0] == a]
        cursor_pages(tree, "/sessions", {"agent_id": a}, [d[1] for d in mine], f"c_sess+{a[-4:]}")
        for _, meta, events, files in mine:
            sid = meta["id"]
            tree.put("GET", f"/sessions/{sid}/events", None, events)
            cursor_pages(tree, "/files", {"session_id": sid}, [f[0] for f in files], f"c_files+{sid[-4:]}")
            for fmeta, content in files:
                tree.put("GET", f"/files/{fmeta['id']}/content", None, None, raw=content,
                         content_type=fmeta["mime_type"])
            n_events += len(events)
            n_files += len(files)
            expected_sessions.append({
                "agent_id": a,
                "session_id": sid,
                "title": meta["title"],
                "status": meta["status"],
                "running": meta["status"] == "running",
                "session_usage_not_counted": meta["usage"],
                "event_ids": [e["id"] for e in events],
                "event_types": [e["type"] for e in events],
                "event_kinds": [KIND.get(e["type"], "unknown") for e in events],
                "unknown_event_types": sorted({e["type"] for e in events} - KNOWN),
                "usage": {e["id"]: e["usage"] for e in events if "usage" in e},
                "artifacts": [{"file_id": f["id"], "filename": f["filename"], "mime_type": f["mime_type"],
                               "size": f["size_bytes"], "sha256": hashlib.sha256(c).hexdigest()} for f, c in files],
            })

    expected = {
        "platform": "managed-agents",
        "base_url": BASE_URL,
        "page_size": PAGE_SIZE,
        "agents": [a["id"] for a in AGENTS],
        "counts": {"agents": len(AGENTS), "sessions": len(expected_sessions), "events": n_events,
                   "artifacts": n_files, "requests": len(tree.requests)},
        "sessions": expected_sessions,
        "requests": tree.requests,
    }
    (root / "EXPECTED.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    (root / "replay.json").write_text(json.dumps(
        {"platform": "managed-agents", "source": "managed-agents-sample", "page_size": PAGE_SIZE}) + "\n",
        encoding="utf-8")
    print(f"managed-agents samples -> {root}")
    print(f"  agents {len(AGENTS)}, sessions {len(expected_sessions)}, events {n_events}, files {n_files}")
    print(f"  replay files {tree.files} ({tree.bytes} bytes) for {len(tree.requests)} requests")
    return 0


README = """# managed-agents replay samples

A recorded-response ("replay") tree for a managed-agents style API (`managed-agents` dialect),
used by `chronicle export` (every `samples/*` tree) or
`chronicle export --platform managed-agents --base-url file:samples/managed-agents` (which also reads the tree's
`replay.json` options), with no network and no credentials.
Generated, deterministic: do not edit by hand. Regenerate with
`python3 scripts/gen_samples_managed_agents.py [--out samples/managed-agents]`.

## Layout
As in `scripts/replay_layout.py`: `GET /sessions?agent_id=agent_01HSUPPORT&limit=3` is answered by
`sessions/GET@agent_id=agent_01HSUPPORT&limit=3.json`. File contents
(`files/{id}/content/GET.json`) are the raw bytes, with a `.meta` sidecar giving their
Content-Type.

## Request sequence (page size 3)
1. `GET /agents?limit=3[&cursor=]`, following `next_cursor` until it is `null`.
2. Per agent: `GET /sessions?agent_id=…&limit=3[&cursor=]` (support-bot: 4 sessions, 2 pages).
3. Per session: `GET /sessions/{id}/events` (one JSON array), then
   `GET /files?session_id=…&limit=3[&cursor=]` and `GET /files/{id}/content` per file
   (`sess_01JREFUND`: 4 files over 2 pages, a real PNG, a PDF, Markdown, CSV).

## Content
2 agents, 5 sessions: every contract event type, usage per `agent.message` (with cache read /
creation counts) and summed on the session (not to be added again), one `running` session,
one unknown event type (`agent.memory_write`, with the literal `1.10` kept), one
`session.error`, an `agent.message` without usage (unknown, not 0). `EXPECTED.json` lists per
session the event ids, types and kinds in order, usage per event, files with size and sha256,
and every request.
"""

if __name__ == "__main__":
    sys.exit(main())
