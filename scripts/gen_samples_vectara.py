#!/usr/bin/env python3
"""Generate samples/vectara/: a deterministic replay tree for the Vectara Agents API v2.

Stdlib only (Python 3.11). Everything is fixed data: no randomness, no clock.

Replay layout: a response to `METHOD /p1/p2?query` (path relative to the base URL
https://api.vectara.io/v2) lives at DIR/e(p1)/e(p2)/<METHOD><Q>.json, where e() keeps the
UTF-8 bytes in [A-Za-z0-9._~-] and writes every other byte as %XX (uppercase); a segment that
is exactly "." or ".." becomes %2E / %2E%2E. <Q> is "" without a query, else "@" + the
parameters sorted by (name, value), each e(name)=e(value), joined with "&". A file name longer
than 200 bytes becomes <METHOD>@sha256-<first 32 hex of sha256(Q without "@")>.json.

The client sends limit=3 (the sample source's page size), include_hidden=true on event listings,
and follows metadata.page_key until it is missing, null or empty.

Shapes follow the official SDK `vectara` 0.4.3 (its pydantic models validate every response here:
Tests/Live/vectara/sdk_conformance.py): sessions carry no updated_at, tool events carry
tool_call_id / tool_configuration_name / tool_name / tool_input / tool_output / error,
artifact_upload lists `artifacts`, artifacts carry checksum_sha256 (required by SessionArtifact).

Usage: python3 scripts/gen_samples_vectara.py [--out samples/vectara]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import sys
from pathlib import Path

from replay_layout import Raw, ReplayTree, b64, dumps, make_pdf, make_png

BASE_URL = "https://api.vectara.io/v2"
PAGE_SIZE = 3

NOTES_MD = """# Refund notes — order 1182

Customer **c_91** asked where their refund was. Findings:

- Refund `RF-2026-0091` issued 2026-11-18 (EUR 42.10, card ending 4242).
- Bank settlement usually takes 3–5 business days; expect it by 2026-11-25.
- Customer was friendly 😊 — no escalation needed.

| step | owner | status |
|------|-------|--------|
| lookup | agent | done |
| receipt | agent | sent |
| follow-up | Zoë | ~~open~~ closed |
"""

LEDGER_CSV = ("ledger_id,order,type,amount,currency,posted_at,memo\r\n"
              "12345678901234567890123,1182,refund,-42.10,EUR,2026-11-18T16:20:05.000Z,\"Refund, partial \"\"damaged box\"\"\"\r\n"
              "12345678901234567890124,1182,charge,84.20,EUR,2026-11-02T09:11:47.250Z,Original order\r\n"
              "12345678901234567890125,1182,fee,0.00,EUR,2026-11-02T09:11:47.251Z,\"Café voucher – waived\"\r\n")

ADDRESS_TXT = ("Proof of address (scanned utility bill, transcribed by customer)\n"
               "Name: Layla Haddad — ليلى حداد\n"
               "Address: Apt 1207, Marina Gate 2, Dubai Marina, Dubai, UAE\n"
               "Account: c_204\n")


# --------------------------------------------------------------------------- content

AGENTS = [
    {
        "key": "agt_support",
        "name": "Support",
        "description": "Answers order, refund and billing questions for Northwind Outfitters customers.",
        "model": {"name": "gpt-4o", "parameters": {"temperature": 0.2}},
        "tool_configurations": {
            "orders_lookup": {"type": "dynamic_vectara", "tool_id": "tol_orders"},
            "update_billing_address": {"type": "mcp", "tool_id": "tol_billing_mcp"},
        },
        "skills": {"refunds": {"description": "How refunds are looked up and explained", "content": "# Refunds\nLook up the order first."}},
        "first_step": {"name": "intake", "type": "conversational", "instructions": [{"type": "reference", "id": "ins_support"}],
                       "output_parser": {"type": "default"}},
        "first_step_name": "intake",
        "metadata": {"team": "cx"},
        "enabled": True,
        "created_at": "2026-09-01T08:00:00.000Z",
        "updated_at": "2026-11-19T17:42:10.318Z",
    },
    {
        "key": "agt_research",
        "name": "Research analyst",
        "description": None,
        "model": {"name": "gpt-4o", "parameters": {"temperature": 0.5}},
        "tool_configurations": {"web_search": {"type": "web_search"}},
        "first_step": {"name": "research", "instructions": [], "output_parser": {"type": "default"}},
        "metadata": {},
        "enabled": True,
        "created_at": "2026-10-14T12:30:00.000Z",
        "updated_at": "2026-10-14T12:30:00.000Z",
    },
]

# Hand-written tool_output result: exact-number literals, a duplicate key, \u escapes.
ORDER_RESULT = Raw(
    '{"order": "1182", "status": "refunded", "amount": 42.10, "currency": "EUR", '
    '"ledger_id": 12345678901234567890123, "fx_rate": 1.10, "priority": 1E+2, '
    '"balance_delta": -0, "source": "ledger", "source": "ledger-v2", '
    '"note": "Caf\\u00e9 order \\ud83d\\ude80 shipped", "refunded_at": "2026-11-18T16:20:05.000Z"}'
)

RESEARCH_MD = """# EU heat-pump market — first pass

## Summary
The EU market is **large** but *cyclical*: sales fell in 2024 after subsidy changes and are
~~collapsing~~ recovering in 2026. Sources: [EHPA market report](https://www.ehpa.org/market-data/).

## Sales by country (units, thousands)

| Country | 2023 | 2024 | 2025 (est.) |
|:--------|-----:|-----:|------------:|
| France  |  621 |  515 |         540 |
| Germany |  356 |  193 |         260 |
| Italy   |  390 |  270 |         300 |
| Poland  |  195 |   95 |         120 |

## Method
- Desk research only; no primary interviews.
- Figures rounded; *est.* = linear extrapolation from H1.
  - Nested caveat: Poland data is provisional.

```python
def cagr(start: float, end: float, years: int) -> float:
    \"\"\"Compound annual growth rate.\"\"\"
    return (end / start) ** (1 / years) - 1

print(f"{cagr(3.0e6, 3.4e6, 3):.1%}")
```

## Next steps
- [x] Collect 2023–2024 country data
- [ ] Validate 2025 estimates with Zoë
- [ ] Add Nordic markets (Sweden, Norway, Finland)

> Note: token usage is not reported by this platform.
"""


def build_sessions():
    """Return [(agent_key, session, events, artifacts)]; artifacts carry their bytes."""
    png = make_png()
    pdf = make_pdf()

    def art(aid, filename, mime, data, created, ttl, desc=None, meta=None, wrap=None):
        return {
            "meta": {
                "artifact_id": aid,
                "filename": filename,
                "mime_type": mime,
                "size_bytes": len(data),
                "checksum_sha256": hashlib.sha256(data).hexdigest(),
                "metadata": meta or {},
                "description": desc,
                "ttl_days": ttl,
                "created_at": created,
                "updated_at": created,
            },
            "bytes": data,
            "sha256": hashlib.sha256(data).hexdigest(),
            "wrap": wrap,
        }

    out = []

    # ---- agt_support / ase_7f3a : 9 events (3 pages), 4 artifacts (2 pages)
    s = "ase_7f3a"
    arts = [
        art("art_5d01", "order-1182 screenshot.png", "image/png", png,
            "2026-11-20T10:00:01.904Z", 30, desc="Uploaded by customer", meta={"source": "user"}, wrap=76),
        art("art_5d02", "receipt.pdf", "application/pdf", pdf,
            "2026-11-20T10:02:12.530Z", 30, meta={"source": "agent", "order": "1182"}, wrap=76),
        art("art_5d03", "report:final?.csv", "text/csv", LEDGER_CSV.encode("utf-8"),
            "2026-11-20T10:02:13.001Z", 7, desc="Ledger extract"),
        art("art_5d04", "refund-notes.md", "text/markdown", NOTES_MD.encode("utf-8"),
            "2026-11-20T10:04:30.877Z", 1, desc="Internal notes — expires soon"),
    ]
    def ref(a):
        m = a["meta"]
        return {"artifact_id": m["artifact_id"], "filename": m["filename"], "mime_type": m["mime_type"],
                "size_bytes": m["size_bytes"]}

    events = [
        {"id": "aev_7f3a01", "type": "input_message", "session_key": s, "created_at": "2026-11-20T10:00:00.412Z",
         "messages": [{"type": "text", "content": "Where is my refund for order 1182? It's been a week."},
                      {"type": "text", "content": "Screenshot of my bank app attached."},
                      {"type": "skill", "skill_name": "refunds"}]},
        {"id": "aev_7f3a02", "type": "artifact_upload", "session_key": s, "created_at": "2026-11-20T10:00:01.904Z",
         "artifacts": [ref(arts[0])]},
        {"id": "aev_7f3a03", "type": "skill_load", "session_key": s, "created_at": "2026-11-20T10:00:02.215Z",
         "skill_name": "refunds", "content": "# Refunds\nLook up the order first, then quote the refund reference."},
        {"id": "aev_7f3a04", "type": "image_read", "session_key": s, "created_at": "2026-11-20T10:00:02.870Z",
         "artifact_id": "art_5d01", "detail": "high"},
        {"id": "aev_7f3a05", "type": "thinking", "session_key": s, "created_at": "2026-11-20T10:00:03.120Z",
         "content": "The customer wants refund status for order 1182. Look up the order and its refunds before answering."},
        {"id": "aev_7f3a06", "type": "tool_input", "session_key": s, "created_at": "2026-11-20T10:00:03.877Z",
         "tool_call_id": "call_7f3a_1", "tool_configuration_name": "orders_lookup", "tool_name": "orders_lookup",
         "tool_input": {"order": "1182", "include": ["refunds", "shipments"], "verbose": False}},
        {"id": "aev_7f3a07", "type": "tool_output", "session_key": s, "created_at": "2026-11-20T10:00:04.289Z",
         "tool_call_id": "call_7f3a_1", "tool_configuration_name": "orders_lookup", "tool_name": "orders_lookup",
         "tool_output": ORDER_RESULT, "error": False},
        {"id": "aev_7f3a08", "type": "artifact_upload", "session_key": s, "created_at": "2026-11-20T10:02:12.530Z",
         "artifacts": [ref(arts[1]), ref(arts[2])]},
        {"id": "aev_7f3a09", "type": "agent_output", "session_key": s, "created_at": "2026-11-20T10:04:31.120Z",
         "content": "Your refund of **EUR 42.10** was issued on 18 November (reference `RF-2026-0091`). "
                    "Banks usually need 3–5 business days, so it should arrive by **25 November**. "
                    "I've attached the receipt and the ledger extract. 👍"},
    ]
    session = {"key": s, "agent_key": "agt_support", "name": "Order 1182", "description": None,
               "metadata": {"customer": "c_91", "channel": "web"}, "current_step_name": "intake", "enabled": True,
               "tti_minutes": 1440, "created_at": "2026-11-20T10:00:00.000Z",
               "session_context_usage": {"input_tokens": {"count": 18231}, "output_tokens": {"count": 412, "reasoning_tokens": 96},
                                         "total_tokens": 18643, "model_context_window": 128000},
               "effective_compaction": {"enabled": True, "threshold_percent": 80, "keep_recent_inputs": 2,
                                        "tool_event_policy": "include_outputs"}}
    out.append(("agt_support", session, events, arts))

    # ---- agt_support / ase_2b91 : 6 events (2 full pages, last key null), 1 artifact
    s = "ase_2b91"
    arts = [
        art("art_9e10", "../../etc/passwd.txt", "text/plain", ADDRESS_TXT.encode("utf-8"),
            "2026-11-21T08:16:40.090Z", 30, desc="Proof of address", meta={"source": "user"}),
    ]
    events = [
        {"id": "aev_2b9101", "type": "input_message", "session_key": s, "created_at": "2026-11-21T08:15:02.611Z",
         "messages": [{"type": "text", "content": "مرحبا، أريد تغيير عنوان الفواتير من فضلك."},
                      {"type": "text", "content": "(Hi, I'd like to change my billing address please — I'm the "
                                                  "account owner 👩\u200d💻, moving from Zürich to Dubai.)"}]},
        {"id": "aev_2b9102", "type": "input_message", "session_key": s, "created_at": "2026-11-21T08:15:40.002Z",
         "messages": [{"type": "text", "content": "My card is 4111 1111 1111 1111, exp 09/29, CVC 123"}],
         "hide_reason": "manual"},
        {"id": "aev_2b9103", "type": "tool_input", "session_key": s, "created_at": "2026-11-21T08:15:58.004Z",
         "tool_call_id": "call_2b91_1", "tool_configuration_name": "update_billing_address", "tool_name": "update_billing_address",
         "tool_input": {"customer": "c_204", "address": {"city": "Dubai", "country": "AE"}}},
        {"id": "aev_2b9104", "type": "tool_output", "session_key": s, "created_at": "2026-11-21T08:16:03.991Z",
         "tool_call_id": "call_2b91_1", "tool_configuration_name": "update_billing_address", "tool_name": "update_billing_address",
         "tool_output": {"message": "address validation timed out", "retryable": True}, "error": True},
        {"id": "aev_2b9105", "type": "tool_input", "session_key": s, "created_at": "2026-11-21T08:16:05.318Z",
         "tool_call_id": "call_2b91_2", "tool_configuration_name": "update_billing_address", "tool_name": "update_billing_address",
         "tool_input": {"customer": "c_204",
                        "address": {"line1": "Apt 1207, Marina Gate 2", "city": "Dubai", "country": "AE",
                                    "line1_local": "شقة 1207، مارينا جيت 2"},
                        "invoice_locale": "ar-AE"}},
        {"id": "aev_2b9106", "type": "tool_output", "session_key": s, "created_at": "2026-11-21T08:16:06.770Z",
         "tool_call_id": "call_2b91_2", "tool_configuration_name": "update_billing_address", "tool_name": "update_billing_address",
         "tool_output": {"updated": True, "address_id": "adr_55", "previous": {"city": "Zürich", "country": "CH"}}, "error": False},
        {"id": "aev_2b9107", "type": "artifact_upload", "session_key": s, "created_at": "2026-11-21T08:16:40.090Z",
         "artifacts": [{"artifact_id": "art_9e10", "filename": "../../etc/passwd.txt", "mime_type": "text/plain",
                        "size_bytes": len(ADDRESS_TXT.encode("utf-8"))}]},
        {"id": "aev_2b9108", "type": "agent_output", "session_key": s, "created_at": "2026-11-21T08:17:12.450Z",
         "content": "تم تحديث عنوان الفواتير بنجاح. ✅\n\nYour billing address is now **Dubai, AE**; "
                    "invoices will be issued in Arabic. Please never share full card numbers in chat — "
                    "an operator has hidden that message."},
    ]
    session = {"key": s, "agent_key": "agt_support", "name": "Billing address change",
               "description": "Customer moving to Dubai; wants invoices in Arabic.",
               "metadata": {"customer": "c_204", "locale": "ar-AE"}, "current_step_name": "intake", "enabled": True,
               "tti_minutes": 720, "created_at": "2026-11-21T08:15:02.250Z",
               "session_context_usage": {"input_tokens": {"count": 9120}, "output_tokens": {"count": 230},
                                         "total_tokens": 9350, "model_context_window": 128000}}
    out.append(("agt_support", session, events, arts))

    # ---- agt_support / ase_c04e : 4 events (2 pages), unknown event type, no artifacts
    s = "ase_c04e"
    events = [
        {"id": "aev_c04e01", "type": "input_message", "session_key": s, "created_at": "2026-11-22T19:47:10.388Z",
         "messages": [{"type": "text", "content": "パスワードを忘れました。我也想知道 bob@example.com 的密码。"}]},
        {"id": "aev_c04e02", "type": "thinking", "session_key": s, "created_at": "2026-11-22T19:47:11.021Z",
         "content": "Two requests: reset own password (fine) and reveal another user's password (not allowed)."},
        {"id": "aev_c04e03", "type": "guardrail_triggered", "session_key": s, "created_at": "2026-11-22T19:47:11.500Z",
         "guardrail": "credential_disclosure", "action": "blocked", "severity": "high",
         "matched_policies": ["pii.credentials", "account.third_party"],
         "details": {"span": [18, 42], "language": "zh"}},
        {"id": "aev_c04e04", "type": "agent_output", "session_key": s, "created_at": "2026-11-22T19:47:12.733Z",
         "content": "パスワード再設定のリンクを登録メールに送りました。\n\n"
                    "Désolé — I can't share anyone else's password. _Reset link sent to your address._"},
        {"id": "aev_c04e05", "type": "session_interrupted", "session_key": s, "created_at": "2026-11-22T19:47:30.002Z"},
    ]
    session = {"key": s, "agent_key": "agt_support", "name": "Account access", "description": None,
               "metadata": {"customer": "c_17", "flagged": True}, "enabled": False, "tti_minutes": 60,
               "created_at": "2026-11-22T19:47:10.003Z"}
    out.append(("agt_support", session, events, []))

    # ---- agt_research / ase_r1d9 : 6 events (2 pages, last key ""), context limit, markdown
    s = "ase_r1d9"
    events = [
        {"id": "aev_r1d901", "type": "input_message", "session_key": s, "created_at": "2026-11-21T14:30:00.250Z",
         "messages": [{"type": "text", "content": "Size the EU heat-pump market by country for 2023–2025. Be concise."}]},
        {"id": "aev_r1d902", "type": "thinking", "session_key": s, "created_at": "2026-11-21T14:30:01.530Z"},
        {"id": "aev_r1d903", "type": "step_transition", "session_key": s, "created_at": "2026-11-21T14:30:02.004Z",
         "from_step": "research", "to_step": "search",
         "content": "Start with the EHPA market data, then cross-check Germany (BWP) and France (AFPAC)."},
        {"id": "aev_r1d904", "type": "tool_input", "session_key": s, "created_at": "2026-11-21T14:30:02.611Z",
         "tool_call_id": "call_ws_1", "tool_configuration_name": "web_search", "tool_name": "web_search",
         "tool_input": {"query": "EHPA heat pump sales 2024 by country", "max_results": 5}},
        {"id": "aev_r1d905", "type": "tool_input", "session_key": s, "created_at": "2026-11-21T14:30:02.640Z",
         "tool_call_id": "call_ws_2", "tool_configuration_name": "web_search", "tool_name": "web_search",
         "tool_input": {"query": "Wärmepumpen Absatz 2024", "max_results": 3}},
        {"id": "aev_r1d906", "type": "tool_output", "session_key": s, "created_at": "2026-11-21T14:30:04.102Z",
         "tool_call_id": "call_ws_2", "tool_configuration_name": "web_search", "tool_name": "web_search",
         "tool_output": {"results": [
             {"title": "Wärmepumpen-Absatz 2024 bricht ein", "url": "https://www.waermepumpe.de/presse/", "score": 0.81}]},
         "error": False},
        {"id": "aev_r1d907", "type": "tool_output", "session_key": s, "created_at": "2026-11-21T14:30:05.930Z",
         "tool_call_id": "call_ws_1", "tool_configuration_name": "web_search", "tool_name": "web_search",
         "tool_output": {"results": [
             {"title": "European heat pump market and statistics report 2025", "url": "https://www.ehpa.org/market-data/", "score": 0.92},
             {"title": "Marché des pompes à chaleur : bilan 2024", "url": "https://www.afpac.org/", "score": 0.77}]},
         "error": False},
        {"id": "aev_r1d908", "type": "compaction", "session_key": s, "created_at": "2026-11-21T14:31:10.400Z",
         "turns_compacted": 1, "events_compacted": 5, "summary_key": "sum_r1d9_1",
         "summary_text": "Searched EHPA and BWP sources for 2023–2024 heat-pump sales by country."},
        {"id": "aev_r1d909", "type": "context_limit_exceeded", "session_key": s, "created_at": "2026-11-21T14:31:40.118Z",
         "message": "The conversation no longer fits the model's context window.", "context_limit": 128000,
         "actual_tokens": 131072},
        {"id": "aev_r1d910", "type": "step_transition_limit_exceeded", "session_key": s, "created_at": "2026-11-21T14:31:41.002Z",
         "message": "The agent changed steps too often in one turn.", "transition_limit": 8},
        {"id": "aev_r1d911", "type": "structured_output", "session_key": s, "created_at": "2026-11-21T14:32:17.990Z",
         "schema_name": "market_sizing", "content": {"unit": "thousand units", "countries": {"FR": [621, 515, 540], "DE": [356, 193, 260]}}},
        {"id": "aev_r1d912", "type": "agent_output", "session_key": s, "created_at": "2026-11-21T14:32:18.566Z",
         "content": RESEARCH_MD},
    ]
    session = {"key": s, "agent_key": "agt_research", "name": "EU heat-pump market sizing",
               "description": "Q4 planning — desk research",
               "metadata": {"project": "prj_heat", "requested_by": "zoë.müller"}, "current_step_name": "search",
               "enabled": True, "tti_minutes": 10080, "created_at": "2026-11-21T14:30:00.000Z",
               "session_context_usage": {"input_tokens": {"count": 131072}, "output_tokens": {"count": 2048, "reasoning_tokens": 512},
                                         "total_tokens": 133120, "model_context_window": 128000}}
    out.append(("agt_research", session, events, []))
    return out


# The 14 event types of the SDK's AgentEvent union (vectara/types/agent_event.py).
SDK_EVENT_TYPES = ("input_message", "skill_load", "artifact_upload", "tool_input", "tool_output", "thinking",
                   "agent_output", "structured_output", "context_limit_exceeded", "step_transition_limit_exceeded",
                   "session_interrupted", "image_read", "step_transition", "compaction")


# Page keys handed out by each listing, in order (one per page after the first), and the
# value of metadata.page_key on the last page. Keys are opaque; several need percent-encoding.
_LONG_CURSOR = base64.b64encode(json.dumps(
    {"after": "aev_7f3a06", "session": "ase_7f3a", "agent": "agt_support",
     "snapshot": "2026-11-20T10:04:31.120Z", "order": "created_at:asc",
     "filters": {"include_hidden": True, "types": ["input_message", "thinking", "tool_input", "tool_output",
                                                    "agent_output", "artifact_upload", "context_limit_exceeded"]}},
    separators=(",", ":"), sort_keys=True).encode()).decode()

PAGE_KEYS = {
    "/agents": ([], "MISSING"),
    "/agents/agt_support/sessions": (["pk_c2Vzcy8z/YWd0X3N1cHBvcnQ="], None),
    "/agents/agt_research/sessions": ([], ""),
    "/agents/agt_support/sessions/ase_7f3a/events": (["pk_ZXZ0cz0z", "pk_" + _LONG_CURSOR], ""),
    "/agents/agt_support/sessions/ase_7f3a/artifacts": (["pk_YXJ0cy8z/Mw=="], None),
    "/agents/agt_support/sessions/ase_2b91/events": (["pk_2b91.p2~v1", "pk_2b91.p3~v1"], None),
    "/agents/agt_support/sessions/ase_2b91/artifacts": ([], "MISSING"),
    "/agents/agt_support/sessions/ase_c04e/events": (["pk_c04e@p2"], "MISSING"),
    "/agents/agt_support/sessions/ase_c04e/artifacts": ([], None),
    "/agents/agt_research/sessions/ase_r1d9/events": (["pk_r1d9:2", "pk_r1d9:3", "pk_r1d9:4"], ""),
    "/agents/agt_research/sessions/ase_r1d9/artifacts": ([], ""),
}


# --------------------------------------------------------------------------- writer

class Tree(ReplayTree):
    def paged(self, path: str, field: str, items: list, extra: dict | None = None):
        keys, last = PAGE_KEYS[path]
        pages = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
        if len(keys) == len(pages):          # every page was full: the server still hands out a
            pages.append([])                 # key, and the page it names is empty
        if len(keys) != len(pages) - 1:
            raise SystemExit(f"{path}: {len(pages)} pages but {len(keys)} page keys")
        for i, page in enumerate(pages):
            query = {"limit": str(PAGE_SIZE), **(extra or {})}
            if i > 0:
                query["page_key"] = keys[i - 1]
            if i < len(keys):
                metadata = {"page_key": keys[i]}
            elif last == "MISSING":
                metadata = {}
            else:
                metadata = {"page_key": last}
            self.put("GET", path, query, {field: page, "metadata": metadata})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(__file__).resolve().parent.parent / "samples" / "vectara"
    ap.add_argument("--out", type=Path, default=default_out)
    args = ap.parse_args(argv)
    root: Path = args.out
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    tree = Tree(root)

    data = build_sessions()
    tree.paged("/agents", "agents", AGENTS)

    expected_sessions = []
    n_events = n_artifacts = 0
    for agent in AGENTS:
        a = agent["key"]
        mine = [d for d in data if d[0] == a]
        tree.paged(f"/agents/{a}/sessions", "sessions", [d[1] for d in mine])
        for _, session, events, arts in mine:
            s = session["key"]
            tree.paged(f"/agents/{a}/sessions/{s}/events", "events", events, {"include_hidden": "true"})
            tree.paged(f"/agents/{a}/sessions/{s}/artifacts", "artifacts", [x["meta"] for x in arts])
            for x in arts:
                body = dict(x["meta"])
                body["data"] = b64(x["bytes"], x["wrap"])
                tree.put("GET", f"/agents/{a}/sessions/{s}/artifacts/{x['meta']['artifact_id']}", None, body)
            n_events += len(events)
            n_artifacts += len(arts)
            known = set(SDK_EVENT_TYPES)
            expected_sessions.append({
                "agent_key": a,
                "session_key": s,
                "name": session["name"],
                "event_ids": [e["id"] for e in events],
                "event_types": [e["type"] for e in events],
                "hidden_event_ids": [e["id"] for e in events if e.get("hide_reason")],
                "unknown_event_types": sorted({e["type"] for e in events} - known),
                "artifacts": [{"artifact_id": x["meta"]["artifact_id"], "filename": x["meta"]["filename"],
                               "mime_type": x["meta"]["mime_type"], "size": x["meta"]["size_bytes"],
                               "sha256": x["sha256"], "ttl_days": x["meta"]["ttl_days"]}
                              for x in arts],
            })

    expected = {
        "platform": "vectara",
        "base_url": BASE_URL,
        "page_size": PAGE_SIZE,
        "agents": [a["key"] for a in AGENTS],
        "counts": {"agents": len(AGENTS), "sessions": len(expected_sessions), "events": n_events,
                   "artifacts": n_artifacts, "requests": len(tree.requests)},
        "sessions": expected_sessions,
        "requests": tree.requests,
    }
    (root / "EXPECTED.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    (root / "replay.json").write_text(
        json.dumps({"platform": "vectara", "source": "vectara-sample", "page_size": PAGE_SIZE}) + "\n",
        encoding="utf-8")

    print(f"vectara samples -> {root}")
    print(f"  agents {len(AGENTS)}, sessions {len(expected_sessions)}, events {n_events}, "
          f"artifacts {n_artifacts}")
    print(f"  replay files {tree.files} ({tree.bytes} bytes) for {len(tree.requests)} requests, "
          f"+ EXPECTED.json, README.md")
    return 0


README = """# Vectara replay samples

A recorded-response ("replay") tree for the Vectara Agents API v2 (`vectara` dialect), used by
`chronicle export --base-url file:samples/vectara` with no network and no credentials.
Generated, deterministic: do not edit by hand.

Regenerate with `python3 scripts/gen_samples_vectara.py [--out samples/vectara]`.

## Layout
`GET /agents/agt_support/sessions?limit=3` (relative to `https://api.vectara.io/v2`) is answered by
`agents/agt_support/sessions/GET@limit=3.json`: each path segment and query name/value is
percent-decoded, then every byte outside `[A-Za-z0-9._~-]` is written `%XX`; query parameters are
sorted; a file name over 200 bytes becomes `GET@sha256-<32 hex of sha256(query)>.json`
(used here for page 3 of `ase_7f3a`'s events). No `.meta` sidecar means status 200, JSON.

## Request sequence (page size 3, as the sample source config sets)
1. `GET /agents?limit=3`, then `&page_key=<k>` until `metadata.page_key` is missing, null or `""`.
2. Per agent: `GET /agents/{agent}/sessions?limit=3[&page_key=]`.
3. Per session: `.../events?include_hidden=true&limit=3[&page_key=]` and
   `.../artifacts?limit=3[&page_key=]`, then `GET .../artifacts/{artifact_id}` per listed artifact
   (base64 `data`, `size_bytes`, `checksum_sha256`).

Shapes are those of the official SDK `vectara` 0.4.3; `Tests/Live/vectara/sdk_conformance.py`
validates every file here with its pydantic models (the only undeclared field is `hide_reason`).

Content: 2 agents, 4 sessions, 34 events (all 14 SDK event types, one hidden, one of a type no
SDK declares, `guardrail_triggered`; exact-number literals and a duplicate key in `aev_7f3a07`'s
`tool_output`; parallel tool calls answered out of order and a failed one), 5 artifacts (PNG, PDF,
Markdown, CSV named `report:final?.csv`, text named `../../etc/passwd.txt`; `art_5d04` is named
by no `artifact_upload` event, as a tool-made artifact), `session_context_usage` on three
sessions (absent on `ase_c04e`: unknown).
Page-key termination is varied on purpose: missing, `null`, `""`, and a full page followed by an
empty one. `EXPECTED.json` lists per session the event ids in order and each artifact's
size and sha256, plus every request and its file, for tests.
"""

if __name__ == "__main__":
    sys.exit(main())
