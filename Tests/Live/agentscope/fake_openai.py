"""A loopback stand-in for an OpenAI-compatible Chat Completions server: it streams canned
replies and tool calls chosen by a keyword in the conversation's last user message, and ends
every stream with a usage chunk (prompt tokens include the cached ones, as OpenAI counts them).

Keywords (the first one found in the last user message decides):
  TOOL_OK      call `Glob` (a read-only tool) once, then answer.
  TOOL_FAIL    call a tool that does not exist once, then answer.
  TOOL_ASK     call `Bash` (asks the user for permission), then answer once allowed.
  MODEL_DOWN   answer HTTP 400 (the reply fails: finished_reason "error"; no usage).
  SLOW         wait SLOW_SECONDS before answering (keeps the session running).
  anything else: a plain answer.
Each model call is counted and its usage recorded, so the harness knows the exact truth.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 45.0


class FakeModel:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def next_call(self) -> int:
        with self.lock:
            self.calls += 1
            return self.calls

    def _handler(self):
        model = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.endswith("/chat/completions"):
                    self.send_error(404)
                    return
                n = model.next_call()
                messages = body.get("messages", [])
                plan = reply_plan(messages, n)
                if plan.get("sleep"):
                    time.sleep(plan["sleep"])
                if plan.get("status"):
                    payload = json.dumps({"error": {"message": "The model refuses this request (fake).", "type": "invalid_request_error",
                                                    "param": None, "code": None}}).encode()
                    self.send_response(plan["status"])
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                self.send_header("connection", "close")
                self.end_headers()
                rid = f"chatcmpl-{n}"
                for chunk in plan_chunks(plan, rid, body.get("model", "fake")):
                    self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler


def text_of(message) -> str:
    c = message.get("content")
    if isinstance(c, str):
        return c
    if isinstance(c, list):
        return " ".join(p.get("text", "") for p in c if isinstance(p, dict))
    return ""


def reply_plan(messages, n: int) -> dict:
    """What to answer: a tool call when the keyword asks for one and no tool result followed the
    last user message yet, else text."""
    # The service injects reminders as user messages too: the person's turn is the last user
    # message that is not a <system-reminder>.
    last_user = max((i for i, m in enumerate(messages)
                     if m.get("role") == "user" and "<system-reminder>" not in text_of(m)), default=-1)
    prompt = text_of(messages[last_user]) if last_user >= 0 else ""
    tool_done = any(m.get("role") == "tool" for m in messages[last_user + 1:])
    usage = {"prompt_tokens": 1000 + 10 * n, "completion_tokens": 20 + n, "cached": 100 * (n % 5)}
    if not tool_done:
        if "TOOL_OK" in prompt:
            return {"tool": "Glob", "args": json.dumps({"pattern": "*"}), "usage": usage, "n": n}
        if "TOOL_FAIL" in prompt:
            return {"tool": "NoSuchTool", "args": json.dumps({"x": 1}), "usage": usage, "n": n}
        if "TOOL_ASK" in prompt:
            return {"tool": "Bash", "args": json.dumps({"command": "rm -rf build && touch done.txt"}), "usage": usage, "n": n}
    if "MODEL_DOWN" in prompt:
        return {"status": 400, "usage": usage, "n": n}
    plan = {"text": f"Answer {n}: done with “{prompt[:30]}”.", "usage": usage, "n": n}
    if "SLOW" in prompt:
        plan["sleep"] = SLOW_SECONDS
    return plan


def plan_chunks(plan, rid: str, model: str):
    base = {"id": rid, "object": "chat.completion.chunk", "created": 1764000000, "model": model}

    def chunk(delta, finish=None):
        return dict(base, choices=[{"index": 0, "delta": delta, "finish_reason": finish}])

    if "tool" in plan:
        call_id = f"call_{plan['n']}"
        yield chunk({"role": "assistant", "content": None, "tool_calls": [
            {"index": 0, "id": call_id, "type": "function", "function": {"name": plan["tool"], "arguments": ""}}]})
        args = plan["args"]
        for part in (args[: len(args) // 2], args[len(args) // 2:]):
            yield chunk({"tool_calls": [{"index": 0, "function": {"arguments": part}}]})
        yield chunk({}, "tool_calls")
    else:
        words = plan["text"].split(" ")
        yield chunk({"role": "assistant", "content": ""})
        for i, w in enumerate(words):
            yield chunk({"content": w + (" " if i < len(words) - 1 else "")})
        yield chunk({}, "stop")
    u = plan["usage"]
    yield dict(base, choices=[], usage={
        "prompt_tokens": u["prompt_tokens"], "completion_tokens": u["completion_tokens"],
        "total_tokens": u["prompt_tokens"] + u["completion_tokens"],
        "prompt_tokens_details": {"cached_tokens": u["cached"]}})
