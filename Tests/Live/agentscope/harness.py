"""Fills a running AgentScope service through its HTTP API, reads back what its own API returns,
and runs raw checks of the behaviour Chronicle's adapter relies on. Output is JSON on stdout.

  python harness.py fill   BASE USER MODEL_PORT     creates agents, sessions, turns; prints ids
  python harness.py truth  BASE USER                every session's messages as the API returns them
  python harness.py checks BASE USER OTHER_USER     raw answers (no header, empty, wrong user, paging, 307)

BASE is http://127.0.0.1:PORT. USER is the x-user-id the export uses; OTHER_USER another id.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import Api  # noqa: E402

SETTLED = {"idle", "awaiting_permission", "awaiting_external_result"}


def fill(base: str, user: str, model_port: str) -> dict:
    api = Api(base, user)
    cred = api.ok("POST", "/credential/", {"data": {
        "type": "openai_credential", "api_key": "sk-fake", "base_url": f"http://127.0.0.1:{model_port}/v1"}})["credential_id"]
    made = {"agents": {}, "sessions": {}}

    def agent(name: str) -> str:
        aid = api.ok("POST", "/agent/", {"name": name, "system_prompt": f"You are {name}."})["agent_id"]
        made["agents"][name] = aid
        return aid

    def session(aid: str, name: str) -> str:
        sid = api.ok("POST", "/sessions/", {"agent_id": aid, "name": name, "chat_model_config": {
            "type": "openai", "credential_id": cred, "model": "fake-gpt", "parameters": {}}})["session_id"]
        made["sessions"][name] = {"id": sid, "agent_id": aid}
        return sid

    def turn(aid: str, sid: str, text: str, name: str = "user", wait: bool = True) -> None:
        api.ok("POST", "/chat/", {"agent_id": aid, "session_id": sid, "input": {
            "name": name, "role": "user", "content": [{"type": "text", "text": text}]}})
        if wait:
            time.sleep(0.2)
            api.wait_status(sid, aid, SETTLED, 60)

    friday, scout = agent("Friday"), agent("Scout")
    long = session(friday, "Long talk")
    turn(friday, long, "Hello, who are you?")
    turn(friday, long, "List the files please TOOL_OK")
    turn(friday, long, "Now use the broken tool TOOL_FAIL")
    turn(friday, long, "Hi from the chat channel", name="ding_4471")
    turn(friday, long, "Try again MODEL_DOWN")
    turn(friday, long, "Still there?")
    turn(friday, long, "One more file listing TOOL_OK")
    turn(friday, long, "Thanks, bye")
    ask = session(friday, "Needs approval")
    turn(friday, ask, "Clean the build folder TOOL_ASK")
    short = session(scout, "Short")
    turn(scout, short, "Quick one TOOL_OK")
    turn(scout, short, "And a plain answer")
    running = session(scout, "Still running")
    turn(scout, running, "Take your time SLOW", wait=False)
    # Running, with the user's message stored (it is written when the run starts).
    deadline = time.monotonic() + 30
    while (api.ok("GET", f"/sessions/{running}/status?agent_id={scout}")["status"] != "running"
           or not api.all_messages(running, scout)):
        if time.monotonic() > deadline:
            raise RuntimeError("the SLOW session never reported running with its user message stored")
        time.sleep(0.1)
    return made


def truth(base: str, user: str, server_tz: str) -> dict:
    api = Api(base, user)
    zone = ZoneInfo(server_tz)
    out = []
    for a in api.ok("GET", "/agent/")["agents"]:
        aid = a["id"]
        for view in api.ok("GET", f"/sessions/?agent_id={aid}")["sessions"]:
            sid = view["session"]["id"]
            msgs = api.all_messages(sid, aid)
            blocks = [b for m in msgs for b in m["content"]]
            usages = [m["usage"] for m in msgs if m.get("usage")]
            out.append({
                "id": sid, "agent_id": aid, "agent_name": a["data"]["name"], "status": view["status"],
                "message_ids": [m["id"] for m in msgs],
                "roles": [m["role"] for m in msgs], "names": [m["name"] for m in msgs],
                "created_at": [m["created_at"] for m in msgs],
                "created_at_utc_ms": [int(datetime.fromisoformat(m["created_at"]).replace(tzinfo=zone).astimezone(timezone.utc).timestamp() * 1000)
                                      for m in msgs],
                "tool_calls": sum(1 for b in blocks if b["type"] == "tool_call"),
                "failed_tool_results": sum(1 for b in blocks if b["type"] == "tool_result" and b["state"] in ("error", "denied", "interrupted")),
                "failed_replies": sum(1 for m in msgs if m["finished_reason"] == "error"),
                "hints": sum(1 for b in blocks if b["type"] == "hint"),
                "model_requests": len(usages),
                # OpenAI-style counts: the prompt includes the cached tokens.
                "input_tokens": sum(u["input_tokens"] - u["cache_input_tokens"] for u in usages) if usages else None,
                "output_tokens": sum(u["output_tokens"] for u in usages) if usages else None,
                "cache_read_tokens": sum(u["cache_input_tokens"] for u in usages) if usages else None,
                "cache_write_tokens": sum(u["cache_creation_input_tokens"] for u in usages) if usages else None,
            })
    return {"sessions": out}


def checks(base: str, user: str, other: str) -> dict:
    api, anonymous, empty, stranger = Api(base, user), Api(base, None), Api(base, ""), Api(base, other)
    agent = api.ok("GET", "/agent/")["agents"][0]["id"]
    # The longest session of the first agent: its pages show the paging rules.
    views = api.ok("GET", f"/sessions/?agent_id={agent}")["sessions"]
    session = max(views, key=lambda v: len(api.all_messages(v["session"]["id"], agent)))["session"]["id"]
    r = {}
    s, body, _ = anonymous.call("GET", f"/sessions/?agent_id={agent}")
    r["no_header"] = {"status": s, "body": body}
    s, body, _ = anonymous.call("GET", f"/sessions/?agent_id={agent}", headers={"authorization": f"Bearer {user}"})
    r["bearer_only"] = {"status": s, "body": body}
    s, body, _ = empty.call("GET", f"/sessions/?agent_id={agent}")
    r["empty_header"] = {"status": s, "body": body}
    s, body, _ = stranger.call("GET", f"/sessions/?agent_id={agent}")
    r["wrong_user_sessions"] = {"status": s, "body": body, "agent_id": agent}
    s, body, _ = stranger.call("GET", "/agent/")
    r["wrong_user_agents"] = {"status": s, "body": body}
    s, body, _ = api.call("GET", f"/sessions/{session}/messages?agent_id={agent}&limit=0")
    r["limit_0"] = {"status": s, "body": body}
    newest = api.ok("GET", f"/sessions/{session}/messages?agent_id={agent}&limit=3")
    by_offset = api.ok("GET", f"/sessions/{session}/messages?agent_id={agent}&limit=3&offset=3")
    r["offset_ignored"] = {"newest": [m["id"] for m in newest["messages"]], "offset_3": [m["id"] for m in by_offset["messages"]],
                           "newest_cursor": newest["event_cursor"], "offset_cursor": by_offset["event_cursor"]}
    older = api.ok("GET", f"/sessions/{session}/messages?agent_id={agent}&limit=3&before={newest['messages'][0]['id']}")
    r["before"] = {"ids": [m["id"] for m in older["messages"]], "has_more": older["has_more"], "event_cursor": older["event_cursor"]}
    unknown = api.ok("GET", f"/sessions/{session}/messages?agent_id={agent}&limit=3&before=no-such-message")
    r["before_unknown"] = {"messages": unknown["messages"], "has_more": unknown["has_more"]}
    s, _, headers = api.call("GET", f"/sessions?agent_id={agent}", follow=False)
    r["no_slash"] = {"status": s, "location": headers.get("location") or headers.get("Location")}
    return r


def main() -> int:
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "fill":
        result = fill(*args)
    elif cmd == "truth":
        result = truth(*args)
    elif cmd == "checks":
        result = checks(*args)
    else:
        raise SystemExit(f"unknown command {cmd}")
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
