"""The first question's request imports nothing on the event loop's thread: prepare() (which the
window calls once it is painted) imports the connection stack on a worker, and send() waits for
that worker without blocking the loop. In a fresh interpreter, against the real loopback server:
each import on the loop was a pause of the window at the start of its first answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.fixtures import ServerHandle

_FIRST_REQUEST = r"""
import asyncio, json, sys, threading
from pathlib import Path
from desktop.config import Config
from desktop.session import ChatSession
from desktop.store.history import History

class Quiet:
    def turn_started(self, turn): pass
    def turn_event(self, turn, event): pass
    def turn_finished(self, turn): pass

config = Config(profile=Path(sys.argv[1]), base_url=sys.argv[2])
history = History(config.history_path)
session = ChatSession(config, history, environ={"DASHSCOPE_API_KEY": "sk-first-request-0123456789",
                                                "DASHCHAT_KEY_HOSTS": "127.0.0.1"})
main = threading.get_ident()
on_loop = []

class Watch:
    # Every module imported on the main thread from here on.
    def find_spec(self, name, path=None, target=None):
        if threading.get_ident() == main and name not in sys.modules:
            on_loop.append(name)
        return None

async def run():
    session.prepare()
    sys.meta_path.insert(0, Watch())
    turn = await session.send("What is 123 to the power of 21?", Quiet())
    await session.aclose()
    return turn

turn = asyncio.run(run())
history.close()
print(json.dumps({"status": turn.status.value, "answer": turn.answer, "on_loop": on_loop}))
"""


def test_the_first_request_imports_its_connection_stack_off_the_loop(server: ServerHandle, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", _FIRST_REQUEST, str(tmp_path), server.base("power_21")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["status"] == "complete" and "77269364466549865653073473388030061522211723" in seen["answer"]
    stack = [name for name in seen["on_loop"] if name.split(".")[0] in {"httpcore", "h11", "anyio", "sniffio",
                                                                        "socksio", "certifi", "h2"}]
    assert stack == []
