"""A small client of the AgentScope Agent Service's HTTP API (stdlib only)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request


class Api:
    def __init__(self, base: str, user: str | None) -> None:
        self.base = base.rstrip("/")
        self.user = user

    def call(self, method: str, path: str, body=None, headers: dict | None = None, follow: bool = True):
        """(status, parsed JSON body or None, response headers)."""
        data = None if body is None else json.dumps(body).encode()
        h = {"accept": "application/json"}
        if self.user is not None:
            h["x-user-id"] = self.user
        if body is not None:
            h["content-type"] = "application/json"
        h.update(headers or {})
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=h)
        opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect())
        try:
            with opener.open(req, timeout=30) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None), dict(r.headers)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = raw.decode("utf-8", "replace")
            return e.code, parsed, dict(e.headers)

    def ok(self, method: str, path: str, body=None):
        status, parsed, _ = self.call(method, path, body)
        if status >= 300:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {parsed}")
        return parsed

    def all_messages(self, session_id: str, agent_id: str, limit: int = 200) -> list[dict]:
        """Every message of a session, oldest first, read with the service's own paging."""
        pages, before = [], None
        while True:
            q = f"/sessions/{session_id}/messages?agent_id={agent_id}&limit={limit}" + (f"&before={before}" if before else "")
            page = self.ok("GET", q)
            pages.append(page["messages"])
            if not page["has_more"]:
                break
            before = page["messages"][0]["id"]
        return [m for page in reversed(pages) for m in page]

    def wait_status(self, session_id: str, agent_id: str, wanted: set[str], timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        status = ""
        while time.monotonic() < deadline:
            status = self.ok("GET", f"/sessions/{session_id}/status?agent_id={agent_id}")["status"]
            if status in wanted:
                return status
            time.sleep(0.1)
        raise RuntimeError(f"session {session_id} stayed {status!r}, wanted {sorted(wanted)} within {timeout} s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
