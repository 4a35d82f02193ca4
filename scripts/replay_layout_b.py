"""Replay-tree encoding shared by the agent-swarm and agentscope sample generators.

Stdlib only. Mirrors Sources/ChronicleTransport/ReplayLayout.swift (and the vectara generator):
a response to `METHOD /p1/p2?query` lives at DIR/e(p1)/e(p2)/<METHOD><Q>.json, where e() keeps
the UTF-8 bytes in [A-Za-z0-9._~-] and writes every other byte as %XX (uppercase); "." and ".."
become %2E / %2E%2E. <Q> is "" without a query, else "@" + the parameters sorted by (name,
value), each e(name)=e(value), joined by "&". A name over 200 bytes becomes
<METHOD>@sha256-<first 32 hex of sha256(Q)>.json.

(Kept separate from any scripts/replay_layout.py on purpose; the lead unifies them later.)
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-")
MAX_NAME = 200


def enc(segment: str) -> str:
    if segment == ".":
        return "%2E"
    if segment == "..":
        return "%2E%2E"
    if segment == "":
        return "%"
    return "".join(chr(b) if b in UNRESERVED else "%%%02X" % b for b in segment.encode("utf-8"))


def query_string(query: dict[str, str] | None) -> str:
    if not query:
        return ""
    pairs = sorted((str(k), str(v)) for k, v in query.items())
    return "&".join(f"{enc(k)}={enc(v)}" for k, v in pairs)


def replay_relpath(method: str, path: str, query: dict[str, str] | None = None) -> str:
    segments = [s for s in path.split("/") if s != ""]
    q = query_string(query)
    name = f"{method}@{q}.json" if q else f"{method}.json"
    if len(name.encode("utf-8")) > MAX_NAME:
        name = f"{method}@sha256-{hashlib.sha256(q.encode('utf-8')).hexdigest()[:32]}.json"
    return "/".join([enc(s) for s in segments] + [name])


class Raw:
    """A hand-written JSON fragment, emitted byte for byte (exact number literals)."""

    def __init__(self, text: str):
        json.loads(text)
        self.text = text


def dumps(obj, level: int = 0) -> str:
    ind = "  " * (level + 1)
    end = "  " * level
    if isinstance(obj, Raw):
        return obj.text
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{ind}{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, level + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        return "[\n" + ",\n".join(ind + dumps(v, level + 1) for v in obj) + "\n" + end + "]"
    return json.dumps(obj, ensure_ascii=False)


def compact(obj) -> str:
    """One JSON line, as an agent CLI's stream output writes it."""
    if isinstance(obj, Raw):
        return obj.text
    if isinstance(obj, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{compact(v)}" for k, v in obj.items()) + "}"
    if isinstance(obj, (list, tuple)):
        return "[" + ",".join(compact(v) for v in obj) + "]"
    return json.dumps(obj, ensure_ascii=False)


class Tree:
    """Collects responses, then writes them under a fresh output folder."""

    def __init__(self, out: Path):
        self.out = out
        self.files: dict[str, str] = {}
        self.requests: list[dict[str, str]] = []

    def add(self, method: str, path: str, query: dict[str, str] | None, body) -> str:
        rel = replay_relpath(method, path, query)
        text = dumps(body) + "\n"
        if rel in self.files and self.files[rel] != text:
            raise SystemExit(f"two different responses for {rel}")
        self.files[rel] = text
        q = query_string(query)
        self.requests.append({"request": f"{method} {path}{'?' + q if q else ''}", "file": rel})
        return rel

    def write(self, extra: dict[str, str]) -> None:
        if self.out.exists():
            shutil.rmtree(self.out)
        for rel, text in {**self.files, **extra}.items():
            p = self.out / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
