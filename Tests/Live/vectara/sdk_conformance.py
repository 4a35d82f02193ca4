#!/usr/bin/env python3
"""Checks Chronicle's Vectara fakes against the official SDK (`vectara` 0.4.3, installed in
.build-py/vectara; nothing of it is copied here).

  raw      Validates every response body of the `samples/vectara` replay tree (--samples) and of a
           running test server (--origin, walked with plain HTTP: agents -> sessions -> events with
           include_hidden=true -> artifact listings -> each artifact) with the SDK's pydantic models:
           ListAgentsResponse, ListAgentSessionsResponse, ListAgentEventsResponse (and
           TypeAdapter(AgentEvent) per event), ListSessionArtifactsResponse, SessionArtifact.
           Reports every validation error and every field a model does not declare (model_extra).
           Allowed: `hide_reason` on events (the platform's marker for hidden events, which no
           SDK model declares) and events whose type is one of --future-types (a type a later
           API adds: the SDK cannot parse it; Chronicle must keep it as unknown).
  sdk      Drives the test server with the SDK's own client and pagers, with the API key and with
           OAuth client credentials (token endpoint at the same origin): agents -> sessions ->
           events -> artifacts -> each artifact. Any exception (ParsingError included) fails.

Secrets come from the environment (VECTARA_TEST_API_KEY, VECTARA_TEST_CLIENT_ID,
VECTARA_TEST_CLIENT_SECRET), never from the command line. Loopback only. Prints one line per
finding and a summary; exit 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pydantic
from vectara import Vectara, VectaraEnvironment
from vectara.types import (AgentEvent, ListAgentEventsResponse, ListAgentSessionsResponse, ListAgentsResponse,
                           ListSessionArtifactsResponse, SessionArtifact)

ALLOWED_EXTRA = {("event", "hide_reason")}
EVENT_ADAPTER = pydantic.TypeAdapter(AgentEvent)


class Report:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.bodies = 0
        self.events = 0
        self.future = 0

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def note(self, where: str, what: str) -> None:
        self.notes.append(f"{where}: {what}")


def extras(value, path: str, kind: str, where: str, report: Report) -> None:
    """Every undeclared field of a validated model, recursively."""
    if isinstance(value, pydantic.BaseModel):
        for key in sorted((value.model_extra or {}).keys()):
            if (kind, key) in ALLOWED_EXTRA:
                report.note(where, f"{path}.{key}: undeclared, allowed ({kind} marker)")
            else:
                report.problem(where, f"{path}.{key}: field not declared by the SDK model {type(value).__name__}")
        for name in type(value).model_fields:
            extras(getattr(value, name), f"{path}.{name}", kind, where, report)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            extras(item, f"{path}[{i}]", kind, where, report)
    elif isinstance(value, dict):
        for k, item in value.items():
            extras(item, f"{path}.{k}", kind, where, report)


def validate(model, body, where: str, kind: str, report: Report):
    try:
        parsed = model.model_validate(body)
    except pydantic.ValidationError as e:
        for err in e.errors():
            report.problem(where, f"{model.__name__} {'/'.join(map(str, err['loc']))}: {err['msg']}")
        return None
    extras(parsed, kind, kind, where, report)
    return parsed


def check_body(kind: str, body, where: str, future: set[str], report: Report) -> None:
    """Validates one response body of `kind` (agents, sessions, events, artifacts, artifact)."""
    report.bodies += 1
    if kind == "agents":
        validate(ListAgentsResponse, body, where, "agent", report)
    elif kind == "sessions":
        validate(ListAgentSessionsResponse, body, where, "session", report)
    elif kind == "artifacts":
        validate(ListSessionArtifactsResponse, body, where, "artifact", report)
    elif kind == "artifact":
        validate(SessionArtifact, body, where, "artifact", report)
    elif kind == "events":
        events = body.get("events") if isinstance(body, dict) else None
        if not isinstance(events, list):
            report.problem(where, "no 'events' array")
            return
        known = []
        for i, event in enumerate(events):
            report.events += 1
            kind_of = event.get("type") if isinstance(event, dict) else None
            if kind_of in future:
                report.future += 1
                try:
                    EVENT_ADAPTER.validate_python(event)
                    report.problem(where, f"events[{i}] type {kind_of!r} is declared by the SDK: not a future type")
                except pydantic.ValidationError:
                    report.note(where, f"events[{i}] type {kind_of!r}: unknown to the SDK (expected, the unknown path)")
                continue
            known.append(event)
            try:
                parsed = EVENT_ADAPTER.validate_python(event)
            except pydantic.ValidationError as e:
                for err in e.errors():
                    report.problem(where, f"events[{i}] ({kind_of}) {'/'.join(map(str, err['loc']))}: {err['msg']}")
                continue
            extras(parsed, f"events[{i}]", "event", where, report)
        # The envelope, with the events the SDK can read (each was checked above).
        envelope = dict(body)
        envelope["events"] = known
        try:
            ListAgentEventsResponse.model_validate(envelope)
        except pydantic.ValidationError as e:
            for err in e.errors():
                report.problem(where, f"ListAgentEventsResponse {'/'.join(map(str, err['loc']))}: {err['msg']}")
    else:
        report.problem(where, f"unknown body kind {kind}")


def kind_of_replay_file(relative: Path) -> str | None:
    """agents/GET… -> agents; agents/<a>/sessions/GET… -> sessions; …/events/GET… -> events;
    …/artifacts/GET… -> artifacts; …/artifacts/<id>/GET.json -> artifact."""
    parts = relative.parts
    if not parts or parts[0] != "agents" or not parts[-1].startswith("GET"):
        return None
    folders = parts[:-1]
    if folders == ("agents",):
        return "agents"
    if len(folders) == 3 and folders[2] == "sessions":
        return "sessions"
    if len(folders) == 5 and folders[4] == "events":
        return "events"
    if len(folders) == 5 and folders[4] == "artifacts":
        return "artifacts"
    if len(folders) == 6 and folders[4] == "artifacts":
        return "artifact"
    return None


def check_samples(root: Path, future: set[str], report: Report) -> None:
    files = sorted(p for p in (root / "agents").rglob("*.json"))
    if not files:
        report.problem(str(root), "no replay files")
    for path in files:
        relative = path.relative_to(root)
        kind = kind_of_replay_file(relative)
        if kind is None:
            report.problem(str(relative), "not a response this script knows how to check")
            continue
        check_body(kind, json.loads(path.read_bytes()), f"samples/{relative}", future, report)


def get(origin: str, path: str, query: dict, api_key: str):
    url = origin + "/v2/" + "/".join(urllib.parse.quote(p, safe="") for p in path) + "?" + urllib.parse.urlencode(query)
    request = urllib.request.Request(url, headers={"x-api-key": api_key, "accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def pages(origin: str, path: list[str], query: dict, api_key: str):
    key = None
    while True:
        q = dict(query, limit="2")
        if key:
            q["page_key"] = key
        body = get(origin, path, q, api_key)
        yield body, f"server GET /v2/{'/'.join(path)}?{urllib.parse.urlencode(q)}"
        key = (body.get("metadata") or {}).get("page_key")
        if not key:
            return


def check_server(origin: str, api_key: str, future: set[str], report: Report) -> None:
    for body, where in pages(origin, ["agents"], {}, api_key):
        check_body("agents", body, where, future, report)
        for agent in body.get("agents", []):
            a = agent["key"]
            for sbody, swhere in pages(origin, ["agents", a, "sessions"], {}, api_key):
                check_body("sessions", sbody, swhere, future, report)
                for session in sbody.get("sessions", []):
                    s = session["key"]
                    for ebody, ewhere in pages(origin, ["agents", a, "sessions", s, "events"], {"include_hidden": "true"}, api_key):
                        check_body("events", ebody, ewhere, future, report)
                    for abody, awhere in pages(origin, ["agents", a, "sessions", s, "artifacts"], {}, api_key):
                        check_body("artifacts", abody, awhere, future, report)
                        for artifact in abody.get("artifacts", []):
                            path = ["agents", a, "sessions", s, "artifacts", artifact["artifact_id"]]
                            check_body("artifact", get(origin, path, {}, api_key), f"server GET /v2/{'/'.join(path)}", future, report)


def walk_with_sdk(client: Vectara, label: str, report: Report) -> dict:
    counts = {"agents": 0, "sessions": 0, "events": 0, "hidden": 0, "artifacts": 0, "artifact_bytes": 0}
    for agent in client.agents.list(limit=2):
        counts["agents"] += 1
        for session in client.agent_sessions.list(agent.key, limit=2):
            counts["sessions"] += 1
            for event in client.agent_events.list(agent.key, session.key, limit=2, include_hidden=True):
                counts["events"] += 1
                if (event.model_extra or {}).get("hide_reason"):
                    counts["hidden"] += 1
            for listed in client.agent_artifacts.list(agent.key, session.key, limit=2):
                full = client.agent_artifacts.get(agent.key, session.key, listed.artifact_id)
                counts["artifacts"] += 1
                if full.data is None:
                    report.problem(label, f"artifact {listed.artifact_id} came without data")
                else:
                    import base64
                    counts["artifact_bytes"] += len(base64.b64decode(full.data))
    report.note(label, json.dumps(counts, sort_keys=True))
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["raw", "sdk"])
    ap.add_argument("--origin", help="the test server's origin, e.g. http://127.0.0.1:8123")
    ap.add_argument("--samples", type=Path, help="the samples/vectara replay tree")
    ap.add_argument("--future-types", default="", help="comma-separated event types a later API adds")
    args = ap.parse_args(argv)
    future = {t for t in args.future_types.split(",") if t}
    report = Report()
    if args.origin and not args.origin.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
        print("the origin must be a loopback address", file=sys.stderr)
        return 2
    api_key = os.environ.get("VECTARA_TEST_API_KEY", "")
    if args.mode == "raw":
        if args.samples:
            check_samples(args.samples, future, report)
        if args.origin:
            check_server(args.origin, api_key, future, report)
    else:
        environment = VectaraEnvironment(default=args.origin, auth=args.origin)
        try:
            by_key = walk_with_sdk(Vectara(api_key=api_key, environment=environment), "sdk api_key", report)
            oauth = Vectara(client_id=os.environ["VECTARA_TEST_CLIENT_ID"], client_secret=os.environ["VECTARA_TEST_CLIENT_SECRET"],
                            environment=environment)
            by_oauth = walk_with_sdk(oauth, "sdk oauth", report)
            if by_key != by_oauth:
                report.problem("sdk", f"the two walks differ: {by_key} vs {by_oauth}")
            if by_key["events"] == 0 or by_key["artifacts"] == 0 or by_key["hidden"] == 0:
                report.problem("sdk", f"the walk saw too little to check anything: {by_key}")
        except Exception as e:  # noqa: BLE001 - every failure of the SDK is a finding
            report.problem("sdk", f"{type(e).__name__}: {e}")
    for line in report.notes:
        print("note:", line)
    for line in report.problems:
        print("PROBLEM:", line)
    print(json.dumps({"mode": args.mode, "bodies": report.bodies, "events": report.events,
                      "future_type_events": report.future, "problems": len(report.problems)}, sort_keys=True))
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
