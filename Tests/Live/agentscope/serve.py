"""Runs the real AgentScope 2.0.11 Agent Service on loopback for Chronicle's live test, with
the fake OpenAI-compatible model server beside it.

  python serve.py DIR

SQL storage on DIR/agentscope.sqlite (aiosqlite), the in-process message bus (no Redis), local
workspaces under DIR/workspaces (one per session), scheduler and channel worker off. Both
servers bind 127.0.0.1 on free ports; DIR/ready.json says {"port", "model_port", "tz"} once the
service answers. The process ends on SIGTERM/SIGINT or when its standard input closes (the
test that started it is gone).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fake_openai import FakeModel  # noqa: E402


def main() -> int:
    folder = Path(sys.argv[1]).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    if hasattr(time, "tzset"):
        time.tzset()  # TZ comes from the environment (the test sets a non-UTC zone)

    import uvicorn
    from agentscope.app import create_app
    from agentscope.app.message_bus import InMemoryMessageBus
    from agentscope.app.storage import AsyncSQLAlchemyStorage
    from agentscope.app.workspace_manager import IsolationPolicy, LocalWorkspaceManager

    model = FakeModel()
    model.start()
    app = create_app(
        storage=AsyncSQLAlchemyStorage(f"sqlite+aiosqlite:///{folder / 'agentscope.sqlite'}"),
        message_bus=InMemoryMessageBus(),
        workspace_manager=LocalWorkspaceManager(str(folder / "workspaces"), isolation=IsolationPolicy.PER_SESSION),
        enable_channel_worker=False,
        enable_scheduler=False,
        enable_index_worker=False,
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))

    def stop(*_args) -> None:
        server.should_exit = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def watch_stdin() -> None:
        try:
            while sys.stdin.read(1):
                pass
        except Exception:
            pass
        server.should_exit = True

    threading.Thread(target=watch_stdin, daemon=True).start()

    async def announce() -> None:
        while not server.started:
            await asyncio.sleep(0.05)
        ready = {"port": port, "model_port": model.port, "tz": os.environ.get("TZ", "")}
        tmp = folder / "ready.json.tmp"
        tmp.write_text(json.dumps(ready))
        tmp.replace(folder / "ready.json")

    async def run() -> None:
        await asyncio.gather(server.serve(sockets=[sock]), announce())

    try:
        asyncio.run(run())
    finally:
        model.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
