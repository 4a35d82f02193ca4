#!/usr/bin/env python3
"""Independent usage truth for a replay sample, compared with Chronicle's usage CSVs.

usage_truth.py PLATFORM SAMPLE_DIR USAGE_DIR TIMEZONE

Reads the platform's raw JSON in SAMPLE_DIR (not Chronicle's code), counts each model request
once (by message / event id), buckets requests by day in TIMEZONE, prices them with the test's own
copy of the list prices, reads USAGE_DIR/{sessions,daily,models}.csv with Python's csv module and
prints every difference. Exit status 0 when there is none.
"""
import csv
import glob
import json
import os
import sys
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

# USD per million tokens: input, output, cache read, cache write (the public list prices).
PRICES = {
    "claude-sonnet-4-6": ("3", "15", "0.30", "3.75"),
    "gpt-5.1": ("1.25", "10", "0.125", "1.25"),
    "gpt-5.1-codex": ("1.25", "10", "0.125", "1.25"),
}
FIELDS = ("input", "output", "cache_read", "cache_write")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Decimal)


def ms_of(text):
    """ISO-8601 (zone optional: UTC assumed), or 'YYYY-MM-DD HH:MM:SS.fff', to epoch ms."""
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return int(text)
    t = text.replace("Z", "+00:00").replace("z", "+00:00")
    d = datetime.fromisoformat(t)
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return int(d.timestamp() * 1000)


def usage_of(u):
    if not u:
        return None
    return {
        "input": u.get("input_tokens"),
        "output": u.get("output_tokens"),
        "cache_read": u.get("cache_read_input_tokens"),
        "cache_write": u.get("cache_creation_input_tokens"),
    }


class Session:
    def __init__(self, agent, sid, created=None, cost=None):
        self.agent, self.id, self.created, self.cost = agent, sid, created, cost
        self.requests = []  # (request id or None, ms or None, model, usage)
        self.first_ms = None
        self.first_model = None
        # Tool-call blocks and failures, counted from the raw records (None: not checked here).
        self.tools = None
        self.errors = None

    def tool(self, calls=0, errors=0):
        self.tools = (self.tools or 0) + calls
        self.errors = (self.errors or 0) + errors

    def event(self, ms, model=None):
        if ms is not None and (self.first_ms is None or ms < self.first_ms):
            self.first_ms = ms
        if model and self.first_model is None:
            self.first_model = model

    def request(self, rid, ms, model, usage):
        self.event(ms, model)
        if usage is not None:
            self.requests.append((rid, ms, model or "", usage))

    def deduped(self):
        seen, out = set(), []
        for r in self.requests:
            if r[0] is not None:
                if r[0] in seen:
                    continue
                seen.add(r[0])
            out.append(r)
        return out


def agent_swarm(root):
    """A session is a root task and its chain (GET /api/sessions/{id}); each run's tokens come from
    its cost row, or, for a run (runner sessionId) without one, from its own lines (claude
    message.usage once per message.id, codex turn.completed.usage, opencode result.cost). The
    platform cost is the exact sum of the rows' totalCostUsd, unknown when a row is unpriced."""
    out = []
    for f in sorted(glob.glob(root + "/api/sessions/*/GET.json")):
        with open(f, encoding="utf-8") as fh:
            doc = json.load(fh, parse_float=str)  # cost literals kept exactly as sent
        r = doc["root"]
        chain = doc["chain"] or [r]
        rows = []
        for t in chain:
            p = f"{root}/api/session-costs/GET@limit=1000&taskId={t['id']}.json"
            if os.path.exists(p):
                with open(p, encoding="utf-8") as fh:
                    rows += json.load(fh, parse_float=str)["costs"]
        priced = rows and all(c.get("costSource") != "unpriced" and c.get("totalCostUsd") is not None for c in rows)
        cost = sum((Decimal(str(c["totalCostUsd"])) for c in rows), Decimal(0)) if priced else None
        x = Session(r.get("agentId") or "*", r["id"], ms_of(r.get("createdAt")), cost)
        for c in rows:
            x.request("session_cost:" + c["id"], ms_of(c.get("createdAt")), c.get("model") or "", {
                "input": c.get("inputTokens"), "output": c.get("outputTokens"),
                "cache_read": c.get("cacheReadTokens"), "cache_write": c.get("cacheWriteTokens")})
        runs = {c.get("sessionId") for c in rows}
        for t in chain:
            p = f"{root}/api/tasks/{t['id']}/session-logs/GET.json"
            if not os.path.exists(p):
                continue
            for line in load(p)["logs"]:
                ms = ms_of(line.get("createdAt"))
                try:
                    c = json.loads(line["content"])
                except ValueError:
                    x.event(ms)
                    continue
                if not isinstance(c, dict) or line.get("sessionId") in runs:
                    x.event(ms, (c.get("message") or {}).get("model") if isinstance(c, dict) and isinstance(c.get("message"), dict) else None)
                    continue
                m = c.get("message") if isinstance(c.get("message"), dict) else {}
                if line.get("cli") == "codex" and c.get("type") == "turn.completed":
                    u = c.get("usage") or {}
                    x.request(None, ms, t.get("model") or "", {"input": u.get("input_tokens"), "output": u.get("output_tokens"),
                                                               "cache_read": u.get("cached_input_tokens"), "cache_write": None})
                elif line.get("cli") == "opencode" and c.get("type") == "result" and isinstance(c.get("cost"), dict):
                    k = c["cost"]
                    x.request(None, ms, k.get("model") or t.get("model") or "", {"input": k.get("inputTokens"), "output": k.get("outputTokens"),
                                                                                "cache_read": k.get("cacheReadTokens"), "cache_write": k.get("cacheWriteTokens")})
                elif line.get("cli") not in ("codex", "opencode") and c.get("type") == "assistant":
                    x.request(m.get("id"), ms, m.get("model"), usage_of(m.get("usage")))
                else:
                    x.event(ms, m.get("model"))
        out.append(x)
    return out


def managed_agents(root):
    out = []
    for f in sorted(glob.glob(root + "/sessions/GET@*.json")):
        for s in load(f)["data"]:
            # The session-level "usage" is the sum of its events' usage: never added (the trap).
            x = Session(s["agent_id"], s["id"], ms_of(s.get("created_at")))
            p = f"{root}/sessions/{s['id']}/events/GET.json"
            events = load(p) if os.path.exists(p) else []
            if isinstance(events, dict):
                events = events.get("data", [])
            x.tool()
            for e in events:
                x.request(e.get("id"), ms_of(e.get("created_at")), e.get("model"), usage_of(e.get("usage")))
                x.tool(calls=e.get("type") == "agent.tool_use",
                       errors=e.get("type") == "session.error" or (e.get("type") == "agent.tool_result" and e.get("is_error") is True))
            out.append(x)
    return out


def guayaba(root):
    bodies = {}
    for r in load(root + "/EXPECTED.json")["requests"]:  # the replay index: request body → file
        if r.get("body"):
            bodies[json.loads(r["body"])["sessionKey"]] = root + "/" + r["file"]
    out = []
    for f in sorted(glob.glob(root + "/agents/*/sessions/GET.json") + glob.glob(root + "/agents/*/sessions/archived/GET.json")):
        agent = f.split("/agents/")[1].split("/")[0]
        for s in load(f):
            x = Session(agent, s["key"])
            d = load(bodies[s["key"]])
            x.tool()
            for m in d if isinstance(d, list) else d.get("messages", []):
                x.request(m.get("id"), ms_of(m.get("timestamp")), m.get("model"), usage_of(m.get("usage")))
                for b in m.get("content") if isinstance(m.get("content"), list) else []:
                    x.tool(calls=b.get("type") == "tool_use", errors=b.get("type") == "tool_result" and b.get("is_error") is True)
            out.append(x)
    return out


def agentscope(root):
    """AgentScope 2.0.11: listings at sessions/%/ (the trailing slash), message pages by `before`;
    message times are the server's zoneless local time (replay.json's server_timezone), session
    times UTC; the input excludes cache reads (subtracted unless the provider is Anthropic-style)."""
    zone = ZoneInfo(load(root + "/replay.json").get("options", {}).get("server_timezone", "UTC"))

    def local_ms(text):
        if text is None:
            return None
        d = datetime.fromisoformat(text)
        if d.tzinfo is None:
            d = d.replace(tzinfo=zone)
        return int(d.timestamp() * 1000)

    out = []
    for f in sorted(glob.glob(root + "/sessions/%/GET@*.json")):
        for v in load(f)["sessions"]:
            s = v["session"]
            config = s["config"]["chat_model_config"]
            excludes_cache = config["type"].lower() in ("anthropic", "minimax")
            x = Session(s["agent_id"], s["id"], ms_of(s.get("created_at")))
            x.tool()
            for p in sorted(glob.glob(f"{root}/sessions/{s['id']}/messages/*.json")):
                for m in load(p)["messages"]:
                    failed = 0
                    for b in m["content"]:
                        if b.get("type") == "hint":
                            x.event(local_ms(b.get("created_at")))
                        x.tool(calls=b.get("type") == "tool_call")
                        failed += b.get("type") == "tool_result" and b.get("state") in ("error", "denied", "interrupted")
                    x.tool(errors=failed)
                    if m.get("finished_reason") == "error":
                        x.tool(errors=1)
                    if m.get("finished_reason") not in (None, "completed"):
                        x.event(local_ms(m.get("finished_at") or m.get("created_at")))
                    u = m.get("usage")
                    usage = None
                    if u:
                        cache = u.get("cache_input_tokens")
                        inp = u.get("input_tokens")
                        if inp is not None and cache is not None and not excludes_cache and cache <= inp:
                            inp -= cache
                        usage = {"input": inp, "output": u.get("output_tokens"), "cache_read": cache,
                                 "cache_write": u.get("cache_creation_input_tokens")}
                    speaker_model = config["model"] if m.get("role") == "assistant" else None
                    x.request(m.get("id"), local_ms(m.get("created_at")), speaker_model, usage)
            out.append(x)
    return out


def vectara(root):
    out = []
    for f in sorted(glob.glob(root + "/agents/*/sessions/GET@*.json")):
        for s in load(f)["sessions"]:
            x = Session(s["agent_key"], s["key"], ms_of(s.get("created_at")))
            for p in sorted(glob.glob(f"{root}/agents/{s['agent_key']}/sessions/{s['key']}/events/*.json")):
                for e in load(p)["events"]:
                    x.event(ms_of(e.get("created_at")))  # vectara reports no usage at all
                    x.tools = (x.tools or 0) + (e.get("type") == "tool_input")
            out.append(x)
    return out


def add(a, u):
    for k in FIELDS:
        if u.get(k) is not None:
            a[k] = (a.get(k) or 0) + u[k]


def price(model, counts):
    p = PRICES.get(model)
    if p is None:
        return None
    return sum((Decimal(counts.get(k) or 0) * Decimal(p[i]) for i, k in enumerate(FIELDS)), Decimal(0)) / Decimal(1000000)


def num(v):
    return "" if v is None else str(v)


def money(d):
    return "" if d is None else format(d.normalize(), "f")


class Row:
    def __init__(self):
        self.sessions, self.requests, self.tokens = set(), 0, {}
        self.cost, self.unknown, self.sources = Decimal(0), False, set()

    def cells(self):
        known = [self.tokens[k] for k in FIELDS if self.tokens.get(k) is not None]
        priced = not self.unknown and self.sources
        src = "unknown" if not priced else ("mixed" if len(self.sources) > 1 else next(iter(self.sources)))
        return [str(len(self.sessions)), str(self.requests)] + [num(self.tokens.get(k)) for k in FIELDS] + [
            num(sum(known)) if known else "", money(self.cost) if priced else "", src]


def truth(sessions, zone):
    tz = ZoneInfo(zone)
    day = lambda ms: "" if ms is None else datetime.fromtimestamp(ms / 1000, tz).strftime("%Y-%m-%d")
    per_session, daily, models = {}, {}, {}
    for s in sessions:
        start = s.first_ms if s.first_ms is not None else s.created
        buckets = {}
        for rid, ms, model, u in s.deduped():
            b = buckets.setdefault((day(ms if ms is not None else start), model), {"n": 0, "t": {}})
            b["n"] += 1
            add(b["t"], u)
        if not buckets:
            buckets[(day(start), s.first_model or "")] = {"n": 0, "t": {}}
        keys = sorted(buckets)
        shares = spread(s.cost, [sum(v for v in buckets[k]["t"].values() if v is not None) for k in keys],
                        [buckets[k]["n"] for k in keys]) if s.cost is not None else [None] * len(keys)
        srow = Row()
        for ((d, model), share) in zip(keys, shares):
            b = buckets[(d, model)]
            for key, table in (((d, s.agent, model), daily), (model, models), (None, None)):
                row = srow if table is None else table.setdefault(key, Row())
                row.sessions.add((s.agent, s.id))
                row.requests += b["n"]
                add(row.tokens, b["t"])
                if s.cost is not None:
                    row.cost += share
                    row.sources.add("platform")
                elif b["n"] > 0:
                    c = price(model, b["t"])
                    if c is None:
                        row.unknown = True
                    else:
                        row.cost += c
                        row.sources.add("price-table")
        per_session[(s.agent, s.id)] = srow
    return per_session, daily, models


def spread(total, weights, fallback):
    """A platform cost over a session's (day, model) buckets: in proportion to their tokens (else
    requests, else evenly), each share rounded half up to a micro-dollar, the last the rest."""
    if len(weights) <= 1:
        return [total] * len(weights)
    w = weights if sum(weights) > 0 else fallback
    if sum(w) <= 0:
        w = [1] * len(w)
    out, given = [], Decimal(0)
    for i, weight in enumerate(w):
        if i == len(w) - 1:
            out.append(total - given)
        else:
            share = (total * Decimal(weight) / Decimal(sum(w))).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
            out.append(share)
            given += share
    return out


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def main():
    platform, root, usage, zone = sys.argv[1:5]
    sessions = {"agent-swarm": agent_swarm, "managed-agents": managed_agents, "guayaba": guayaba,
                "agentscope": agentscope, "vectara": vectara}[platform](root)
    per_session, daily, models = truth(sessions, zone)
    errors = []

    rows = read(usage + "/sessions.csv")
    h = rows[0]
    got = {(r[h.index("agent_id")], r[h.index("session_id")]): r for r in rows[1:]}
    if set(got) != set(per_session):
        errors.append(f"sessions.csv sessions {sorted(got)} != truth {sorted(per_session)}")
    for key, want in per_session.items():
        r = got.get(key)
        if r is None:
            continue
        cols = ["model_requests", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens", "cost_usd", "cost_source"]
        have = [r[h.index(c)] for c in cols]
        if [c.lstrip("'") for c in have] != want.cells()[1:]:
            errors.append(f"sessions.csv {key}: {dict(zip(cols, have))} != truth {dict(zip(cols, want.cells()[1:]))}")

    # Tool calls (and errors, where this script reads them) from the raw tool blocks.
    for s in sessions:
        r = got.get((s.agent, s.id))
        if r is None:
            continue
        if s.tools is not None and r[h.index("tool_calls")] != str(s.tools):
            errors.append(f"sessions.csv {(s.agent, s.id)}: tool_calls {r[h.index('tool_calls')]} != truth {s.tools}")
        if s.errors is not None and r[h.index("errors")] != str(s.errors):
            errors.append(f"sessions.csv {(s.agent, s.id)}: errors {r[h.index('errors')]} != truth {s.errors}")
    if platform != "agent-swarm" and not any(s.tools for s in sessions):
        errors.append("the truth found no tool call in the sample: the check would prove nothing")

    rows = read(usage + "/daily.csv")
    h = rows[0]
    if h[0] != "day" or h[1] != "timezone":
        errors.append(f"daily.csv header {h[:2]}")
    got = {(r[0], r[4], r[6]): r[7:] for r in rows[1:]}
    for r in rows[1:]:
        if r[1] != zone:
            errors.append(f"daily.csv timezone cell {r[1]!r}")
    want = {k: v.cells() for k, v in daily.items()}
    if got != want:
        errors.append(f"daily.csv {got} != truth {want}")

    rows = read(usage + "/models.csv")
    got = {r[2]: r[3:] for r in rows[1:]}
    want = {k: v.cells() for k, v in models.items()}
    if got != want:
        errors.append(f"models.csv {got} != truth {want}")

    for e in errors:
        print(e)
    print(json.dumps({"sessions": len(per_session), "models": {k: v.cells() for k, v in models.items()}}))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
