"""Configuration from the environment, with an embedded default that needs nothing
else: SQLite files under var/, Rasa and the web app on loopback."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bot.crypto import load_or_create_key

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    rasa_port: int = 5005
    data_dir: Path = ROOT / "var"
    database_url: str = ""
    tracker_db_url: str = ""
    public_url: str = ""
    models_dir: Path = ROOT / "models"
    rasa_bin: Path = ROOT / ".venv-rasa" / "bin" / "rasa"
    project_dir: Path = ROOT
    session_turns: int = 8  # a new Rasa session every N messages keeps each turn cheap
    min_age: int = 16
    retention_days: int = 90
    # Messages a minute per conversation and per client address (0 turns a limit off).
    # A deployment behind one SMS gateway address should raise the per-client limit.
    rate_limit: int = 30
    client_rate_limit: int = 300
    encryption_key: str = ""  # URL-safe base64; empty = the key file
    key_file: Path | None = None
    extra_env: dict = field(default_factory=dict)

    def __post_init__(self):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.database_url = self.database_url or f"sqlite:///{self.data_dir / 'wbmap.db'}"
        self.tracker_db_url = self.tracker_db_url or f"sqlite:///{self.data_dir / 'rasa_tracker.db'}"
        self.public_url = self.public_url or f"http://{self.host}:{self.port}"
        self.key_file = self.key_file or self.data_dir / "wbmap.key"

    def key(self) -> bytes:
        """The key that seals personal text in both databases (created on first run)."""
        return load_or_create_key(self.key_file, self.encryption_key)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        values = dict(
            host=_env("WBMAP_HOST", "127.0.0.1"),
            port=int(_env("WBMAP_PORT", "8000")),
            rasa_port=int(_env("WBMAP_RASA_PORT", "5005")),
            data_dir=Path(_env("WBMAP_DATA_DIR", str(ROOT / "var"))),
            database_url=_env("WBMAP_DATABASE_URL", ""),
            tracker_db_url=_env("WBMAP_TRACKER_DB_URL", ""),
            public_url=_env("WBMAP_PUBLIC_URL", ""),
            models_dir=Path(_env("WBMAP_MODELS_DIR", str(ROOT / "models"))),
            min_age=int(_env("WBMAP_MIN_AGE", "16")),
            retention_days=int(_env("WBMAP_RETENTION_DAYS", "90")),
            rate_limit=int(_env("WBMAP_RATE_LIMIT", "30")),
            client_rate_limit=int(_env("WBMAP_CLIENT_RATE_LIMIT", "300")),
            encryption_key=_env("WBMAP_ENCRYPTION_KEY", ""),
            key_file=Path(os.environ["WBMAP_KEY_FILE"]) if os.environ.get("WBMAP_KEY_FILE") else None,
        )
        values.update(overrides)
        return cls(**values)
