"""Running the Rasa engine: training when its data changed, starting it on loopback next
to the web app, and checking the whole chain works before saying we're ready.

Rasa 3.6 needs Python 3.10 and old libraries, so it runs from its own virtualenv
(.venv-rasa) as a separate process; our code talks to it over HTTP.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ctypes
import hashlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import uvicorn
import yaml
from sqlalchemy.engine import make_url

from actions.actions import PROBE_PREFIX

from .config import Settings

TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "engine/requirements-rasa.lock")


def say(text: str) -> None:
    print(text, flush=True)


class StartupError(RuntimeError):
    """Something a person running the product must fix; the message says what."""


def rasa_env(key: bytes | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if key is not None:  # for the sealed tracker store; never written to a file
        env["WBMAP_ENCRYPTION_KEY"] = base64.urlsafe_b64encode(key).decode("ascii")
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
               SQLALCHEMY_SILENCE_UBER_WARNING="1", PYTHONWARNINGS="ignore",
               LOG_LEVEL="WARNING")
    return env


# --- training ------------------------------------------------------------------------

def training_fingerprint(project_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = project_dir / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(project_dir)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def ensure_model(settings: Settings, echo=None) -> Path:
    """The trained model for the current data and config; trains only if there is none."""
    name = f"wbmap-{training_fingerprint(settings.project_dir)}"
    model = settings.models_dir / f"{name}.tar.gz"
    echo = echo or say
    if model.exists():
        return model
    if not settings.rasa_bin.exists():
        raise StartupError(f"The Rasa engine is not installed at {settings.rasa_bin}. "
                           f"Run `make install` first.")
    echo("Training the Rasa model from the repository's data (about a minute)...")
    started = time.monotonic()
    result = subprocess.run(
        [str(settings.rasa_bin), "train", "--fixed-model-name", name,
         "--out", str(settings.models_dir), "--quiet"],
        cwd=settings.project_dir, env=rasa_env(), capture_output=True, text=True)
    if result.returncode != 0 or not model.exists():
        raise StartupError("Training the Rasa model failed:\n" + result.stdout[-3000:]
                           + result.stderr[-3000:])
    for old in settings.models_dir.glob("wbmap-*.tar.gz"):
        if old != model:
            old.unlink()
    echo(f"Model trained in {time.monotonic() - started:.0f} s: {model.name}")
    return model


# --- running -------------------------------------------------------------------------

def check_port_free(host: str, port: int, what: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise StartupError(
                f"Port {port} on {host} ({what}) is already in use, perhaps by another "
                f"copy of Wellbeing Map. Stop it, or choose another port with "
                f"{'WBMAP_PORT' if 'web' in what else 'WBMAP_RASA_PORT'}=<port>.") from None


# engine/sealed_tracker_store.py: Rasa's SQL store, sealing each event with our key.
SEALED_TRACKER_STORE = "sealed_tracker_store.SealedSQLTrackerStore"


def tracker_store_config(url: str) -> dict:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return {"type": SEALED_TRACKER_STORE, "dialect": "sqlite", "db": parsed.database}
    config = {"type": SEALED_TRACKER_STORE, "dialect": "postgresql", "url": parsed.host or "127.0.0.1",
              "db": parsed.database}
    if parsed.port:
        config["port"] = parsed.port
    if parsed.username:
        config["username"] = parsed.username
    if parsed.password:
        config["password"] = parsed.password
    return config


def _die_with_parent() -> None:
    """Linux: Rasa gets SIGTERM if we die, even by SIGKILL, so no orphan holds its port."""
    with contextlib.suppress(OSError, AttributeError):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class RasaProcess:
    def __init__(self, settings: Settings, model: Path):
        self.settings = settings
        self.model = model
        self.process: subprocess.Popen | None = None
        self.log_path = settings.data_dir / "rasa.log"

    def start(self) -> None:
        endpoints = self.settings.data_dir / "endpoints.yml"
        endpoints.write_text(yaml.safe_dump({
            "action_endpoint": {"url": self.settings.action_url},
            "tracker_store": tracker_store_config(self.settings.tracker_db_url),
        }))
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [str(self.settings.rasa_bin.parent / "python"),
             str(self.settings.project_dir / "engine" / "launch_rasa.py"),
             "run", "--interface", "127.0.0.1",
             "--port", str(self.settings.rasa_port), "--model", str(self.model),
             "--endpoints", str(endpoints),
             "--credentials", str(self.settings.project_dir / "credentials.yml"), "--quiet"],
            cwd=self.settings.project_dir, env=rasa_env(self.settings.key()),
            stdout=log, stderr=log,
            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


async def check_chain(settings: Settings, app, rasa: RasaProcess, timeout: float = 180) -> None:
    """Wait for Rasa, then prove a message goes Rasa -> our action endpoint -> back.

    A wrong or busy action port makes Rasa 3.6 carry on silently with no replies, so we
    check the endpoint answers as *this* process, and send one probe message through."""
    bridge = app.state.bridge
    deadline = time.monotonic() + timeout
    while not await bridge.ready():
        if not rasa.alive():
            raise StartupError(f"Rasa stopped while starting; see {rasa.log_path}.")
        if time.monotonic() > deadline:
            raise StartupError(f"Rasa did not start within {timeout:.0f} s; see {rasa.log_path}.")
        await asyncio.sleep(0.5)
    async with httpx.AsyncClient(timeout=10) as client:
        health = (await client.get(settings.action_url.replace("/webhook", "/health"))).json()
    if health.get("instance") != app.state.instance:
        raise StartupError(f"Something else answers at {settings.action_url}; Rasa would "
                           f"send our actions there. Choose another WBMAP_PORT.")
    probe = PROBE_PREFIX + secrets.token_hex(16)
    try:
        # "/start" too: it takes Rasa's other parsing path, so neither is cold later
        await bridge.send(probe, "/start")
        replies = await bridge.send(probe, "hello")
    finally:
        bridge.forget(probe)
    if not any((r.get("custom") or {}).get("probe") == "ok" for r in replies):
        raise StartupError(f"Rasa is running but our action endpoint did not answer "
                           f"through it (got {replies!r}); see {rasa.log_path}.")


class QuietServer(uvicorn.Server):
    """Uvicorn, minus its own signal handling: `serve` handles SIGTERM/SIGINT so that
    stopping the product also stops the Rasa engine."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield


async def serve(settings: Settings, echo=None) -> None:
    from .web import create_app

    echo = echo or say
    check_port_free(settings.host, settings.port, "the web app")
    check_port_free("127.0.0.1", settings.rasa_port, "the Rasa engine")
    model = ensure_model(settings, echo)
    app = create_app(settings)
    server = QuietServer(uvicorn.Config(app, host=settings.host, port=settings.port,
                                        log_level="warning", access_log=False))
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):  # shut down cleanly, Rasa included
        loop.add_signal_handler(sig, setattr, server, "should_exit", True)
    server_task = asyncio.create_task(server.serve())
    rasa = RasaProcess(settings, model)
    try:
        while not server.started:
            if server_task.done():
                await server_task
                raise StartupError("The web app stopped while starting.")
            await asyncio.sleep(0.05)
        rasa.start()
        await check_chain(settings, app, rasa)
        echo(f"Wellbeing Map is ready: {settings.public_url}/")
        while not server_task.done():
            if not rasa.alive() and not server.should_exit:
                raise StartupError(f"Rasa stopped unexpectedly; see {rasa.log_path}.")
            await asyncio.sleep(1)
    finally:
        rasa.stop()
        server.should_exit = True
        await asyncio.gather(server_task, return_exceptions=True)


def run_forever(settings: Settings) -> int:
    try:
        asyncio.run(serve(settings))
    except StartupError as error:
        print(f"Wellbeing Map could not start: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0
