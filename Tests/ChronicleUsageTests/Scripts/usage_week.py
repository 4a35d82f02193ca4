#!/usr/bin/env python3
"""`chronicle usage` against an independent truth over several nights, a `--full` rerun included.

usage_week.py CHRONICLE WORK_DIR [--nights N] [--seed S] [--full-night K] [--timezone TZ]

A managed-agents platform (a replay tree rewritten every night) grows for N nights from
2026-11-27 (across a month's end; night 3 is quiet): new sessions, new events appended to older sessions, model
requests at any hour (some near midnight), two priced models and, on the last night, one session of a model without a price, two
agents. After each night `chronicle export` runs; on night K it runs a second time with `--full`,
which writes every session again, unchanged, into a new bag. Every night's tree is kept.

The truth is computed here from the platform's raw JSON of every night (the union of events by
id), never from Chronicle's files: each model request once, on the day of its own timestamp in
TZ, priced with this script's own copy of the list prices. It is compared exactly with
`chronicle usage --by month` (JSON), `--by day --group source,agent,model` (CSV), `--by week`
and a window between two times of day (`--since`/`--until`, `--by day --group model`), with state and with the bags alone (state removed), and the grand totals with the
sum of the newest version of each session in the per-bag sessions.csv files.
Prints the month table of `chronicle usage` and of the truth; exits 0 when all agree, else 1.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

# USD per million tokens (input, output, cache read, cache write): the public list prices.
PRICES = {"claude-sonnet-4-6": ("3", "15", "0.30", "3.75"), "gpt-5.1": ("1.25", "10", "0.125", "1.25")}
MODELS = ["claude-sonnet-4-6", "gpt-5.1"]
UNPRICED = "house-model-x"  # one session on the last night: its day and model have no cost
AGENTS = [("agent_A", "support-bot"), ("agent_B", "research-analyst")]
FIELDS = ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens")
START = datetime(2026, 11, 27, tzinfo=timezone.utc)


def iso(d: datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def write(path: Path, body) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body))


def write_tree(tree: Path, sessions: dict) -> None:
    if tree.exists():
        shutil.rmtree(tree)
    write(tree / "agents" / "GET@limit=100.json", {"data": [{"id": a, "name": n, "model": "claude-sonnet-4-6"} for a, n in AGENTS], "next_cursor": None})
    for agent, _ in AGENTS:
        listing = [{"id": sid, "agent_id": agent, "title": f"session {sid}", "status": "idle", "created_at": s["created"],
                    "updated_at": s["events"][-1]["created_at"]} for sid, s in sorted(sessions.items()) if s["agent"] == agent]
        write(tree / "sessions" / f"GET@agent_id={agent}&limit=100.json", {"data": listing, "next_cursor": None})
    for sid, s in sessions.items():
        write(tree / "sessions" / sid / "events" / "GET.json", s["events"])
        write(tree / "files" / f"GET@limit=100&session_id={sid}.json", {"data": [], "next_cursor": None})


def grow(rng: random.Random, sessions: dict, night: int, counter: list) -> None:
    day = START + timedelta(days=night - 1)

    def add_turn(s, at):
        counter[0] += 1
        n = counter[0]
        s["events"].append({"id": f"evt_{n:05d}_u", "type": "user.message", "created_at": iso(at), "content": [{"type": "text", "text": f"question {n}"}]})
        usage = {"input_tokens": rng.randint(100, 5000), "output_tokens": rng.randint(10, 900)}
        if rng.random() < 0.7:
            usage["cache_read_input_tokens"] = rng.randint(0, 3000)
            usage["cache_creation_input_tokens"] = rng.randint(0, 1500)
        s["events"].append({"id": f"evt_{n:05d}_a", "type": "agent.message", "created_at": iso(at + timedelta(seconds=rng.randint(1, 50))),
                            "content": [{"type": "text", "text": f"answer {n}"}], "model": rng.choice(s["models"]), "usage": usage})
        if rng.random() < 0.3:
            s["events"].append({"id": f"evt_{n:05d}_t", "type": "agent.tool_use", "created_at": iso(at + timedelta(seconds=55)),
                                "tool_use_id": f"tu_{n}", "name": "search", "input": {"q": str(n)}})

    def moment():
        # Any hour of the night's day; a third of them in the last and first hour (zone edges).
        r = rng.random()
        if r < 0.17:
            return day + timedelta(hours=23, minutes=rng.randint(0, 58))
        if r < 0.34:
            return day + timedelta(minutes=rng.randint(0, 58))
        return day + timedelta(hours=rng.randint(1, 22), minutes=rng.randint(0, 58))

    if night == 3:
        return  # a quiet night: nothing changes
    for _ in range(rng.randint(2, 4)):
        sid = f"sess_{len(sessions) + 1:03d}"
        agent = rng.choice(AGENTS)[0]
        at = moment()
        models = rng.sample(MODELS, k=rng.choice([1, 1, 2]))
        if night == 7 and not any(UNPRICED in x["models"] for x in sessions.values()):
            models = [UNPRICED]
        s = {"agent": agent, "created": iso(at), "events": [], "models": models}
        sessions[sid] = s
        for _ in range(rng.randint(1, 3)):
            add_turn(s, at)
            at += timedelta(minutes=rng.randint(1, 20))
    older = [sid for sid in sorted(sessions) if sessions[sid]["events"] and sessions[sid]["events"][0]["created_at"] < iso(day)]
    for sid in rng.sample(older, k=min(3, len(older))):
        add_turn(sessions[sid], moment())
        sessions[sid]["events"].sort(key=lambda e: e["created_at"])


# ---------------------------------------------------------------- the truth, from the raw trees
def truth(trees: list[Path], zone: str, by: str, group: list[str], window: tuple[str, str] | None = None) -> dict:
    """Rows by period (and group); with `window` (two wall-clock times in `zone`), only the
    requests from the first (inclusive) to the second (exclusive)."""
    tz = ZoneInfo(zone)
    bounds = None if window is None else tuple(datetime.fromisoformat(w).replace(tzinfo=tz) for w in window)
    requests = {}  # (agent, session, event id) -> (ms, model, usage)
    for tree in trees:
        for listing in sorted(tree.glob("sessions/GET@*.json")):
            for s in json.loads(listing.read_text())["data"]:
                for e in json.loads((tree / "sessions" / s["id"] / "events" / "GET.json").read_text()):
                    if e.get("type") == "agent.message" and e.get("usage"):
                        requests[(s["agent_id"], s["id"], e["id"])] = (e["created_at"], e.get("model") or "", e["usage"])
    rows = {}
    for (agent, sid, _), (at, model, u) in requests.items():
        d = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone(tz)
        if bounds is not None and not (bounds[0] <= d < bounds[1]):
            continue
        period = {"day": d.strftime("%Y-%m-%d"), "month": d.strftime("%Y-%m"),
                  "week": "%04d-W%02d" % d.isocalendar()[:2]}[by]
        key = (period,) + tuple({"source": "managed-agents", "agent": agent, "model": model}[g] for g in group)
        r = rows.setdefault(key, {"sessions": set(), "model_requests": 0, "tokens": {}, "cost": Decimal(0), "unknown": False})
        r["sessions"].add((agent, sid))
        r["model_requests"] += 1
        tokens = {"input_tokens": u.get("input_tokens"), "output_tokens": u.get("output_tokens"),
                  "cache_read_tokens": u.get("cache_read_input_tokens"), "cache_write_tokens": u.get("cache_creation_input_tokens")}
        for k, v in tokens.items():
            if v is not None:
                r["tokens"][k] = r["tokens"].get(k, 0) + v
        p = PRICES.get(model)
        if p is None:
            r["unknown"] = True
        else:
            r["cost"] += sum((Decimal(tokens[k] or 0) * Decimal(p[i]) for i, k in enumerate(FIELDS)), Decimal(0)) / Decimal(1_000_000)
    out = {}
    for key, r in rows.items():
        known = [r["tokens"][k] for k in FIELDS if k in r["tokens"]]
        out[key] = {"sessions": len(r["sessions"]), "model_requests": r["model_requests"],
                    **{k: r["tokens"].get(k) for k in FIELDS}, "total_tokens": sum(known) if known else None,
                    "cost_usd": None if r["unknown"] else r["cost"], "cost_source": "unknown" if r["unknown"] else "price-table"}
    return out


def dec(v):
    return None if v in (None, "") else Decimal(str(v))


def num(v):
    return None if v in (None, "") else int(v)


def normal(row: dict) -> dict:
    return {"sessions": num(row["sessions"]), "model_requests": num(row["model_requests"]), **{k: num(row[k]) for k in FIELDS},
            "total_tokens": num(row["total_tokens"]), "cost_usd": dec(row["cost_usd"]), "cost_source": row["cost_source"]}


def run(cmd: list[str]) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr}{r.stdout}")
    return r.stdout


def table(truth_rows: dict) -> str:
    lines = [f"{'Month':8} {'Sessions':>8} {'Requests':>8} {'Input':>9} {'Output':>9} {'Cache read':>10} {'Cache write':>11} {'Total tokens':>12}  Cost (USD)"]
    total = {"sessions": 0}
    for key in sorted(truth_rows):
        r = truth_rows[key]
        cost = "—" if r["cost_usd"] is None else "$" + format(r["cost_usd"].normalize(), "f")
        lines.append(f"{key[0]:8} {r['sessions']:>8} {r['model_requests']:>8} {r['input_tokens'] or 0:>9,} {r['output_tokens'] or 0:>9,} "
                     f"{r['cache_read_tokens'] or 0:>10,} {r['cache_write_tokens'] or 0:>11,} {r['total_tokens'] or 0:>12,}  {cost} ({r['cost_source']})")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("chronicle")
    ap.add_argument("work")
    ap.add_argument("--nights", type=int, default=7)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--full-night", type=int, default=5)
    ap.add_argument("--timezone", default="Europe/Berlin")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(args.work)
    out, trees = work / "out", []
    sessions, counter = {}, [0]
    base = [args.chronicle, "export", "--platform", "managed-agents", "--base-url", "", "--out", str(out), "--timezone", args.timezone]
    for night in range(1, args.nights + 1):
        grow(rng, sessions, night, counter)
        tree = work / f"tree-night-{night}"
        write_tree(tree, sessions)
        trees.append(tree)
        base[5] = f"file:{tree}"
        run(base)
        time.sleep(1.1)  # the next run id differs
        if night == args.full_night:
            run(base + ["--full"])  # every session again, unchanged, into a new bag
            time.sleep(1.1)

    failures = []
    tz = ["--timezone", args.timezone]
    month_truth = truth(trees, args.timezone, "month", [])
    day_truth = truth(trees, args.timezone, "day", ["source", "agent", "model"])
    week_truth = truth(trees, args.timezone, "week", [])

    def compare(label, got, want):
        if got != want:
            for k in sorted(set(got) | set(want)):
                if got.get(k) != want.get(k):
                    failures.append(f"{label} {k}: chronicle {got.get(k)} != truth {want.get(k)}")

    bags_only = work / "out-bags-only"
    shutil.copytree(out, bags_only)
    shutil.rmtree(bags_only / ".chronicle")
    for folder, label in ((out, "state"), (bags_only, "bags")):
        doc = json.loads(run([args.chronicle, "usage", "--out", str(folder), "--by", "month", "--format", "json"] + tz))
        compare(f"{label} --by month", {(r["period"],): normal(r) for r in doc["rows"]}, month_truth)
        text = run([args.chronicle, "usage", "--out", str(folder), "--by", "day", "--group", "source,agent,model", "--format", "csv"] + tz)
        rows = list(csv.DictReader(io.StringIO(text)))
        if rows and rows[0]["timezone"] != args.timezone:
            failures.append(f"{label}: timezone column {rows[0]['timezone']}")
        compare(f"{label} --by day --group source,agent,model",
                {(r["period"], r["source"], r["agent_id"], r["model"]): normal(r) for r in rows}, day_truth)
        window = ("2026-11-28T12:00", "2026-12-01T06:30")
        doc = json.loads(run([args.chronicle, "usage", "--out", str(folder), "--by", "day", "--group", "model", "--since", window[0],
                              "--until", window[1], "--format", "json"] + tz))
        compare(f"{label} --since {window[0]} --until {window[1]} --by day --group model",
                {(r["period"], r["model"]): normal(r) for r in doc["rows"]}, truth(trees, args.timezone, "day", ["model"], window))
        doc = json.loads(run([args.chronicle, "usage", "--out", str(folder), "--by", "week", "--format", "json"] + tz))
        compare(f"{label} --by week", {(r["period"],): normal(r) for r in doc["rows"]}, week_truth)
        if label == "state" and doc["duplicate_versions"] == 0:
            failures.append("the --full rerun's copies were not recognised as duplicates")

    # The grand totals reconcile with the newest version of each session in the per-bag CSVs.
    newest = {}
    for bag in sorted((out / "managed-agents").iterdir()):
        if bag.name.startswith("."):
            continue
        with open(bag / "data" / "usage" / "sessions.csv", newline="", encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                newest[(r["agent_id"], r["session_id"])] = r
    doc = json.loads(run([args.chronicle, "usage", "--out", str(out), "--by", "month", "--format", "json"] + tz))
    for k in FIELDS + ("total_tokens", "model_requests"):
        csv_sum = sum(int(r[k] or 0) for r in newest.values())
        if (doc["totals"][k] or 0) != csv_sum:
            failures.append(f"totals {k}: chronicle usage {doc['totals'][k]} != newest sessions.csv rows {csv_sum}")

    print("chronicle usage --by month (table, state, with the --full rerun):")
    print(run([args.chronicle, "usage", "--out", str(out), "--by", "month"] + tz))
    print("Python truth from the raw platform JSON of every night:")
    print(table(month_truth))
    bags = len([b for b in (out / "managed-agents").iterdir() if not b.name.startswith(".")])
    print(f"{args.nights} nights, {bags} bags (one a --full rerun), {len(sessions)} sessions, "
          f"{sum(1 for s in sessions.values() for e in s['events'] if e['type'] == 'agent.message')} model requests")
    for f in failures:
        print("MISMATCH", f)
    print("all equal" if not failures else f"{len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
