"""Shared fixtures. `live_stack` runs the real product (trained Rasa model, web app,
SQLite) in a temporary data directory, exactly as `make run` does."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
READY_TIMEOUT = 300  # first start may include training the model


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    base_url: str
    data_dir: Path
    env: dict
    process: subprocess.Popen

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'wbmap.db'}"

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start_stack(data_dir: Path, port: int | None = None, rasa_port: int | None = None) -> Stack:
    port, rasa_port = port or free_port(), rasa_port or free_port()
    env = dict(os.environ, WBMAP_PORT=str(port), WBMAP_RASA_PORT=str(rasa_port),
               WBMAP_DATA_DIR=str(data_dir), WBMAP_MODELS_DIR=str(ROOT / "models"))
    log = open(data_dir / "serve.log", "ab")
    process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "wbmap"), "serve"], cwd=ROOT,
                               env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    stack = Stack(f"http://127.0.0.1:{port}", data_dir, env, process)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("wbmap serve exited:\n" + (data_dir / "serve.log").read_text()[-3000:])
        if b"is ready" in (data_dir / "serve.log").read_bytes():
            return stack
        time.sleep(0.5)
    stack.stop()
    raise RuntimeError("wbmap serve did not become ready:\n" + (data_dir / "serve.log").read_text()[-3000:])


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    stack = start_stack(tmp_path_factory.mktemp("stack"))
    yield stack
    stack.stop()


class ChatClient:
    """Talks to the web app the way the chat page and SMS will: over the REST endpoint."""

    def __init__(self, base_url: str, conversation_id: str | None = None):
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, timeout=60)
        self.conversation_id = conversation_id or self.http.post("/api/conversations").json()["conversation_id"]
        self.last: list[dict] = []

    def say(self, message: str) -> list[dict]:
        response = self.http.post("/webhooks/rest/webhook",
                                  json={"sender": self.conversation_id, "message": message})
        assert response.status_code == 200, response.text
        self.last = response.json()
        return self.last

    @property
    def text(self) -> str:
        return "\n".join(item.get("text", "") for item in self.last if item.get("text"))

    @property
    def buttons(self) -> list[str]:
        return [b["title"] for item in self.last for b in item.get("buttons") or []]

    @property
    def custom(self) -> dict:
        merged = {}
        for item in self.last:
            merged.update(item.get("custom") or {})
        return merged

    def export(self) -> dict:
        maps = self.http.get(self.custom_map_url() + ".json")
        return maps.json()

    def custom_map_url(self) -> str:
        return self.custom["map_url"]
