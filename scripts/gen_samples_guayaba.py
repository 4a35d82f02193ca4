#!/usr/bin/env python3
"""Generate samples/guayaba/: a deterministic replay tree for the Guayaba Public API v1.

Stdlib only (Python 3.11). Everything is fixed data: no randomness, no clock. The replay layout
is the one in replay_layout.py (and Sources/ChronicleTransport/ReplayLayout.swift); the history
request is a POST, so its file name carries "#<first 16 hex of sha256(body)>" in the query part,
and the body must be byte-identical to what GuayabaAdapter.historyBody sends:
{"sessionKey":"<key>","limit":<N>} (that member order, no spaces, non-ASCII verbatim).

The sample source sets the adapter option history_limit (replay.json "options") to 8, so a
session whose history is exactly 8 messages is exported as possibly truncated.

Usage: python3 scripts/gen_samples_guayaba.py [--out samples/guayaba]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

from replay_layout import Raw, ReplayTree, b64, make_pdf, make_png

BASE_URL = "https://api.guayaba.run/api/v1"
HISTORY_LIMIT = 8
MODEL = "claude-sonnet-4-6"


def history_body(session_key: str, limit: int) -> bytes:
    return ('{"sessionKey":' + json.dumps(session_key, ensure_ascii=False)
            + ',"limit":' + str(limit) + '}').encode("utf-8")


AGENTS = [
    {"id": "main", "name": "Main assistant", "model": MODEL},
    {"id": "ops", "name": "Ops bot"},
]

REPORT_SUMMARY_MD = """## Q3 report — summary

**Revenue** grew *12 %* quarter on quarter; churn is flat.

| metric | Q2 | Q3 |
|:-------|---:|---:|
| MRR (k€) | 412 | 461 |
| churn | 2.1 % | 2.0 % |

The chart you attached matches the table. To recompute the growth:

```python
growth = (461 - 412) / 412
print(f"{growth:.1%}")  # 11.9%
```

> Caveat: Q3 figures are preliminary — finance closes the books on 2026-10-15.
"""


def build_sessions():
    """[(agent_id, archived, session, messages, artifacts)]; artifacts: [(bytes, mime, title)]."""
    png = make_png()
    pdf = make_pdf()
    out = []

    # ---- main / agent:main:telegram:4411 : 6 messages, a PDF and a PNG inline, tool use, usage
    key = "agent:main:telegram:4411"
    messages = [
        {"id": "m_01", "role": "user", "timestamp": 1763711000000,
         "content": [
             {"type": "text", "text": "Summarise the attached report, and check the chart against it."},
             {"type": "document", "source": {"type": "base64", "media_type": "application/pdf",
                                             "data": b64(pdf, None)}, "title": "report.pdf"},
             {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                          "data": b64(png, 76)}},
         ]},
        {"id": "m_02", "role": "assistant", "timestamp": 1763711004500,
         "content": [
             {"type": "tool_use", "id": "tu_1", "name": "read_file", "input": {"path": "report.pdf", "pages": [1, 2]}},
         ],
         "usage": {"input_tokens": 1200, "output_tokens": 310}, "model": MODEL},
        {"id": "m_03", "role": "tool", "timestamp": 1763711005100,
         "content": [
             {"type": "tool_result", "tool_use_id": "tu_1",
              "content": "Refund receipt\nOrder 1182 - Northwind Outfitters\nAmount refunded: EUR 42.10",
              "is_error": False},
         ]},
        {"id": "m_04", "role": "assistant", "timestamp": 1763711011250,
         "content": [{"type": "text", "text": REPORT_SUMMARY_MD}],
         "usage": Raw('{"input_tokens": 2411, "output_tokens": 486, "cache_read_input_tokens": 1200, '
                      '"cache_creation_input_tokens": 0}'),
         "model": MODEL, "stop_reason": "end_turn"},
        {"id": "m_05", "role": "user", "timestamp": 1763711090000,
         "content": "Danke! 👍 Kannst du das auch auf 日本語 zusammenfassen?"},
        {"id": "m_06", "role": "assistant", "timestamp": 1763711093777,
         "content": "**要約**: 第3四半期の売上は前期比 12% 増、解約率は横ばいです。"},
    ]
    session = {"key": key, "sessionId": "5b0c7a0e-3f5e-4a55-9f7e-0f7c2f1d2a10",
               "sessionFile": "sessions/5b0c7a0e.jsonl", "label": None, "updatedAt": Raw("1763711093777"),
               "chatType": "direct", "lastChannel": "telegram", "origin": {"channel": "telegram", "user": "4411"}}
    out.append(("main", False, session, messages, [(pdf, "application/pdf", "report.pdf"), (png, "image/png", None)]))

    # ---- main / whatsapp : system prompt, unknown block type, no usage anywhere
    key = "agent:main:whatsapp:+4915112345678"
    messages = [
        {"id": "m_w1", "role": "system", "timestamp": 1763798400000,
         "content": "You are the Main assistant. Be brief; answer in the user's language."},
        {"id": "m_w2", "role": "user", "timestamp": 1763798405120,
         "content": [{"type": "text", "text": "¿Puedes reservar una mesa para 4 personas mañana a las 20:00? 🍽️"},
                     {"type": "reaction", "emoji": "🙏", "target": "m_w0"}]},
        {"id": "m_w3", "role": "assistant", "timestamp": 1763798409999,
         "content": [{"type": "text", "text": "Claro — he reservado en *Casa Lucío* para **4** a las 20:00. "
                                              "Confirmación: `R-5531`."}]},
    ]
    session = {"key": key, "sessionId": "0d9e1f44-5a2b-4c3d-8e7f-112233445566",
               "sessionFile": "sessions/0d9e1f44.jsonl", "label": "Reserva — Casa Lucío",
               "updatedAt": 1763798409999, "chatType": "direct", "lastChannel": "whatsapp",
               "origin": {"channel": "whatsapp", "user": "+4915112345678"}, "x_unknown_field": {"kept": True}}
    out.append(("main", False, session, messages, []))

    # ---- main / archived web session
    key = "agent:main:web:9c2f"
    messages = [
        {"id": "m_a1", "role": "user", "timestamp": 1761000000000, "content": "What's our refund policy for damaged items?"},
        {"id": "m_a2", "role": "assistant", "timestamp": 1761000003210,
         "content": "Damaged items are refunded in full within **30 days** of delivery; attach a photo.",
         "usage": {"input_tokens": 88, "output_tokens": 27}, "model": MODEL},
    ]
    session = {"key": key, "sessionId": "77aa0b1c-2d3e-4f50-9a8b-c0ffee000001",
               "sessionFile": "sessions/77aa0b1c.jsonl", "label": "Refund policy", "updatedAt": 1761000003210,
               "chatType": "direct", "lastChannel": "web", "origin": {"channel": "web"}}
    out.append(("main", True, session, messages, []))

    # ---- ops / slack deploys : exactly HISTORY_LIMIT messages -> possibly truncated
    key = "agent:ops:slack:C07/deploys"
    messages = []
    t = 1763884800000
    for i in range(HISTORY_LIMIT):
        if i % 2 == 0:
            messages.append({"id": f"m_d{i + 1}", "role": "user", "timestamp": t + i * 60000,
                             "content": f"deploy api-{i // 2 + 1}.0 to staging"})
        else:
            messages.append({"id": f"m_d{i + 1}", "role": "assistant", "timestamp": t + i * 60000 + 4200,
                             "content": f"✅ api-{i // 2 + 1}.0 deployed to staging (build #{4400 + i})."})
    session = {"key": key, "sessionId": "c07dep10-0000-4000-8000-000000000007",
               "sessionFile": "sessions/c07dep10.jsonl", "label": "#deploys",
               "updatedAt": t + (HISTORY_LIMIT - 1) * 60000 + 4200, "chatType": "group", "lastChannel": "slack",
               "origin": {"channel": "slack", "team": "T01", "channel_id": "C07"}}
    out.append(("ops", False, session, messages, []))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(__file__).resolve().parent.parent / "samples" / "guayaba"
    ap.add_argument("--out", type=Path, default=default_out)
    args = ap.parse_args(argv)
    root: Path = args.out
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    tree = ReplayTree(root)

    data = build_sessions()
    tree.put("GET", "/agents", None, AGENTS)
    expected_sessions = []
    n_messages = n_artifacts = 0
    for agent in AGENTS:
        a = agent["id"]
        mine = [d for d in data if d[0] == a]
        tree.put("GET", f"/agents/{a}/sessions", None, [d[2] for d in mine if not d[1]])
        tree.put("GET", f"/agents/{a}/sessions/archived", None, [d[2] for d in mine if d[1]])
        for archived in (False, True):
            for _, arch, session, messages, arts in mine:
                if arch != archived:
                    continue
                key = session["key"]
                tree.put("POST", f"/agents/{a}/sessions/history", None, messages,
                         request_body=history_body(key, HISTORY_LIMIT))
                n_messages += len(messages)
                n_artifacts += len(arts)
                kinds = []
                for m in messages:
                    blocks = m["content"] if isinstance(m["content"], list) else [{"type": "text"}]
                    types = [b["type"] for b in blocks]
                    role = m["role"]
                    if role == "assistant" and types and all(t == "tool_use" for t in types):
                        kinds.append("tool_call")
                    elif role == "user" and types and all(t == "tool_result" for t in types):
                        kinds.append("tool_result")
                    else:
                        kinds.append({"user": "user_message", "assistant": "assistant_message",
                                      "system": "system_message", "tool": "tool_result"}[role])
                usage_of = lambda m: json.loads(m["usage"].text) if isinstance(m.get("usage"), Raw) else m.get("usage")
                expected_sessions.append({
                    "agent_id": a,
                    "session_key": key,
                    "status": "archived" if archived else None,
                    "label": session["label"],
                    "updated_at_ms": int(str(session["updatedAt"].text if isinstance(session["updatedAt"], Raw) else session["updatedAt"])),
                    "possibly_truncated": len(messages) >= HISTORY_LIMIT,
                    "event_ids": [m["id"] for m in messages],
                    "event_roles": [m["role"] for m in messages],
                    "event_kinds": kinds,
                    "usage": {m["id"]: usage_of(m) for m in messages if m.get("usage") is not None},
                    "unknown_usage_event_ids": [m["id"] for m in messages if m.get("usage") is None],
                    "artifacts": [{"message_id": next(m["id"] for m in messages if isinstance(m["content"], list)
                                                      and any(b.get("source", {}).get("data") == b64(x, 76) or
                                                              b.get("source", {}).get("data") == b64(x, None)
                                                              for b in m["content"])),
                                   "mime_type": mime, "title": title, "size": len(x),
                                   "sha256": hashlib.sha256(x).hexdigest()} for x, mime, title in arts],
                })

    expected = {
        "platform": "guayaba",
        "base_url": BASE_URL,
        "history_limit": HISTORY_LIMIT,
        "agents": [a["id"] for a in AGENTS],
        "counts": {"agents": len(AGENTS), "sessions": len(expected_sessions), "events": n_messages,
                   "artifacts": n_artifacts, "requests": len(tree.requests)},
        "sessions": expected_sessions,
        "requests": tree.requests,
    }
    (root / "EXPECTED.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    (root / "replay.json").write_text(json.dumps(
        {"platform": "guayaba", "source": "guayaba-sample", "page_size": 3,
         "options": {"history_limit": HISTORY_LIMIT}}) + "\n", encoding="utf-8")
    print(f"guayaba samples -> {root}")
    print(f"  agents {len(AGENTS)}, sessions {len(expected_sessions)}, messages {n_messages}, artifacts {n_artifacts}")
    print(f"  replay files {tree.files} ({tree.bytes} bytes) for {len(tree.requests)} requests")
    return 0


README = """# Guayaba replay samples

A recorded-response ("replay") tree for the Guayaba Public API v1 (`guayaba` dialect), used by
`chronicle export` (every `samples/*` tree) or
`chronicle export --platform guayaba --base-url file:samples/guayaba` (which also reads the tree's
`replay.json` options), with no network and no credentials.
Generated, deterministic: do not edit by hand. Regenerate with
`python3 scripts/gen_samples_guayaba.py [--out samples/guayaba]`.

## Layout
As in `scripts/replay_layout.py`. Listings are bare arrays, not paged (`page_size` in
`replay.json` is irrelevant). The history is a POST: its response file is
`agents/{agent}/sessions/history/POST@#<first 16 hex of sha256(body)>.json`, where the body is
exactly `{"sessionKey":"<key>","limit":8}` (member order fixed, no spaces) as the adapter sends it.
`replay.json` sets `"options": {"history_limit": 8}` so the limit case fits in a small sample
(the adapter's default is the contract's 1000).

## Request sequence
1. `GET /agents` (bare array).
2. Per agent: `GET /agents/{id}/sessions`, then `GET /agents/{id}/sessions/archived`.
3. Per session: `POST /agents/{id}/sessions/history` with `{"sessionKey":…,"limit":8}`.

## Content
2 agents, 4 sessions (one archived), 19 messages. Session ids are keys with colons
(`agent:main:telegram:4411`) and one with a slash (`agent:ops:slack:C07/deploys`).
`agent:main:telegram:4411`: a PDF (`document`) and a real PNG (`image`, base64 wrapped at 76
columns) inline in the first message, a tool call and tool result, Markdown with a table and
code, usage on two assistant messages (one with cache counts), none on the last (unknown, not 0).
`agent:main:whatsapp:…`: a system message, an unknown content block type (`reaction`), an
unknown session field. `agent:main:web:9c2f` is archived. `agent:ops:slack:C07/deploys` returns
exactly `limit` (8) messages: possibly truncated. `EXPECTED.json` lists per session the message
ids, roles and kinds in order, usage per message, artifacts' sha256 and size, and every request.
"""

if __name__ == "__main__":
    sys.exit(main())
