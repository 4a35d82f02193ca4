"""Replay-tree layout and sample-content helpers shared by the sample generators.

Stdlib only. Mirrors Sources/ChronicleTransport/ReplayLayout.swift: a response to
`METHOD /p1/p2?query` lives at DIR/e(p1)/e(p2)/<METHOD><Q>.json, where e() keeps the UTF-8 bytes
in [A-Za-z0-9._~-] and writes every other byte as %XX (uppercase); a segment that is exactly "."
or ".." becomes %2E / %2E%2E, the last "." of a segment ending in ".json" or ".meta" (any case)
becomes %2E, and a path segment whose encoding is over 200 bytes becomes
%sha256-<first 32 hex of sha256(its UTF-8)>. <Q> is "" without a query, else "@" + the parameters sorted by
(name, value), each e(name)=e(value), joined with "&". A request with a body adds
"#<first 16 hex of sha256(body bytes)>" to the query part. A file name longer than 200 bytes
becomes <METHOD>@sha256-<first 32 hex of sha256(Q without "@")>.json.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import struct
import zlib
from pathlib import Path

UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-")
MAX_NAME = 200


def enc(segment: str) -> str:
    """e(): percent-encode every byte outside the unreserved set (input is already decoded)."""
    if segment == ".":
        return "%2E"
    if segment == "..":
        return "%2E%2E"
    return "".join(chr(b) if b in UNRESERVED else "%%%02X" % b for b in segment.encode("utf-8"))


def enc_path_segment(segment: str) -> str:
    """A path segment as a folder or file name: e(), the empty segment as "%", the last "." of a
    segment ending in ".json" or ".meta" as "%2E", and an encoding
    over 200 bytes as "%sha256-<first 32 hex of sha256(segment's UTF-8)>"."""
    if segment == "":
        return "%"
    encoded = enc(segment)
    # No folder is named like a response file or its sidecar (GET /x is x/GET.json).
    if encoded.lower().endswith((".json", ".meta")):
        encoded = encoded[:-5] + "%2E" + encoded[-4:]
    if len(encoded.encode("utf-8")) <= MAX_NAME:
        return encoded
    return "%sha256-" + hashlib.sha256(segment.encode("utf-8")).hexdigest()[:32]


def query_string(query: dict[str, str] | None) -> str:
    if not query:
        return ""
    pairs = sorted((str(k), str(v)) for k, v in query.items())
    return "&".join(f"{enc(k)}={enc(v)}" for k, v in pairs)


def body_digest(body: bytes) -> str:
    """The first 16 hex of the SHA-256 of a request body's exact bytes."""
    return hashlib.sha256(body).hexdigest()[:16]


def replay_relpath(method: str, path: str, query: dict[str, str] | None = None,
                   body: bytes | None = None) -> str:
    # As TransportRequest.pathSegments: "/sessions/" is ["sessions", ""] (the trailing slash is
    # an empty last segment, written "%"); "/" alone has no segment.
    trimmed = path[1:] if path.startswith("/") else path
    segments = trimmed.split("/") if trimmed else []
    q = query_string(query)
    if body is not None:
        q += "#" + body_digest(body)
    name = f"{method}@{q}.json" if q else f"{method}.json"
    if len(name.encode("utf-8")) > MAX_NAME:
        name = f"{method}@sha256-{hashlib.sha256(q.encode('utf-8')).hexdigest()[:32]}.json"
    return "/".join([enc_path_segment(s) for s in segments] + [name])


# --------------------------------------------------------------------------- JSON writing

class Raw:
    """A hand-written JSON fragment, emitted byte-for-byte (numbers a parser would normalise,
    duplicate keys, \\u escapes)."""

    def __init__(self, text: str):
        json.loads(text)  # must at least be valid JSON
        self.text = text


def dumps(obj, level: int = 0) -> str:
    ind = "  " * (level + 1)
    end = "  " * level
    if isinstance(obj, Raw):
        return obj.text
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{ind}{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, level + 1)}"
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        return "[\n" + ",\n".join(ind + dumps(v, level + 1) for v in obj) + "\n" + end + "]"
    return json.dumps(obj, ensure_ascii=False)


# --------------------------------------------------------------------------- artifact bytes

def make_png(width: int = 64, height: int = 64) -> bytes:
    """A real 64x64 RGB gradient PNG."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw += bytes((x * 4 & 0xFF, y * 4 & 0xFF, (x + y) * 2 & 0xFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def make_pdf() -> bytes:
    """A minimal one-page PDF ("Refund receipt") with exact xref offsets."""
    content = (b"BT\n/F1 24 Tf\n72 760 Td\n(Refund receipt) Tj\n"
               b"/F1 12 Tf\n0 -36 Td\n(Order 1182 - Northwind Outfitters) Tj\n"
               b"0 -18 Td\n(Amount refunded: EUR 42.10) Tj\n"
               b"0 -18 Td\n(Issued: 2026-11-18  Reference: RF-2026-0091) Tj\nET\n")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Title (Refund receipt) /Producer (chronicle sample generator) "
        b"/CreationDate (D:20261120100212Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref_at))
    return bytes(out)


def b64(data: bytes, wrap: int | None) -> str:
    s = base64.b64encode(data).decode("ascii")
    if wrap:
        s = "\n".join(s[i:i + wrap] for i in range(0, len(s), wrap))
    return s


# --------------------------------------------------------------------------- writer

class ReplayTree:
    """Writes response files under a replay root and keeps the list of requests they answer."""

    def __init__(self, root: Path):
        self.root = root
        self.requests = []
        self.files = 0
        self.bytes = 0

    def put(self, method: str, path: str, query: dict | None, body, status: int | None = None,
            request_body: bytes | None = None, raw: bytes | None = None,
            content_type: str | None = None):
        """Writes `body` (as JSON via dumps) or `raw` bytes as the response to the request; a
        `.meta` sidecar is written when a status or a content type is given."""
        rel = replay_relpath(method, path, query, request_body)
        dest = self.root / rel
        if dest.exists():
            raise SystemExit(f"duplicate replay file {rel}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        if raw is None:
            data = (dumps(body) + "\n").encode("utf-8")
            json.loads(data)
        else:
            data = raw
        dest.write_bytes(data)
        self.files += 1
        self.bytes += len(data)
        if status is not None or content_type is not None:
            meta = dumps({"status": status if status is not None else 200,
                          "headers": {"content-type": content_type or "application/json"}}) + "\n"
            (dest.parent / (dest.name + ".meta")).write_text(meta, encoding="utf-8")
            self.files += 1
        entry = {"method": method, "path": path, "query": query or {}, "file": rel}
        if request_body is not None:
            entry["body"] = request_body.decode("utf-8")
        self.requests.append(entry)
        return rel


# --------------------------------------------------------------------------- compact lines and collected trees

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
