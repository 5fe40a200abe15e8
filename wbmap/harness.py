"""Start the real product in a scratch directory and talk to it over HTTP, the way the
chat page, the terminal and SMS do. Used by the end-to-end tests, `make eval` and
`make bench`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from .config import ROOT

READY_TIMEOUT = 300  # a first start may include training the model


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
    ready_seconds: float

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# Scripts type far faster than people: tests and benchmarks turn the rate limits off.
NO_RATE_LIMITS = {"WBMAP_RATE_LIMIT": "0", "WBMAP_CLIENT_RATE_LIMIT": "0"}


def start_stack(data_dir: Path, port: int | None = None, rasa_port: int | None = None,
                settings: dict[str, str] | None = None) -> Stack:
    """`wbmap serve` in its own process group; returns once it says it is ready.
    `settings` are extra WBMAP_* environment variables."""
    port, rasa_port = port or free_port(), rasa_port or free_port()
    env = dict(os.environ, WBMAP_PORT=str(port), WBMAP_RASA_PORT=str(rasa_port),
               WBMAP_DATA_DIR=str(data_dir),
               WBMAP_MODELS_DIR=os.environ.get("WBMAP_MODELS_DIR", str(ROOT / "models")),
               **(settings or {}))
    log_path = data_dir / "serve.log"
    earlier = log_path.stat().st_size if log_path.exists() else 0  # a restart appends
    started = time.monotonic()
    with open(log_path, "ab") as log:
        process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "wbmap"), "serve"], cwd=ROOT,
                                   env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    stack = Stack(f"http://127.0.0.1:{port}", data_dir, env, process, 0.0)
    while time.monotonic() - started < READY_TIMEOUT:
        if process.poll() is not None:
            raise RuntimeError("wbmap serve exited:\n" + log_path.read_text()[-3000:])
        if b"is ready" in log_path.read_bytes()[earlier:]:
            stack.ready_seconds = time.monotonic() - started
            return stack
        time.sleep(0.2)
    stack.stop()
    raise RuntimeError("wbmap serve did not become ready:\n" + log_path.read_text()[-3000:])


class ChatClient:
    """One person's conversation over the REST endpoint."""

    def __init__(self, base_url: str, conversation_id: str | None = None):
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, timeout=60)
        self.conversation_id = conversation_id or \
            self.http.post("/api/conversations").json()["conversation_id"]
        self.last: list[dict] = []

    def say(self, message: str) -> list[dict]:
        response = self.http.post("/webhooks/rest/webhook",
                                  json={"sender": self.conversation_id, "message": message})
        if response.status_code != 200:
            raise AssertionError(f"{response.status_code}: {response.text}")
        self.last = response.json()
        return self.last

    @property
    def text(self) -> str:
        return "\n".join(item["text"] for item in self.last if item.get("text"))

    @property
    def buttons(self) -> list[str]:
        return [b["title"] for item in self.last for b in item.get("buttons") or []]

    @property
    def custom(self) -> dict:
        merged: dict = {}
        for item in self.last:
            merged.update(item.get("custom") or {})
        return merged

    def close(self) -> None:
        self.http.close()
