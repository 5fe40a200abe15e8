"""Encryption at rest for what people type: names, labels, goals, the flow's notes.

AES-256-GCM with a fresh 96-bit nonce per value. Each value is bound to where it is
stored (its "purpose", e.g. "connections.label"), so a ciphertext copied into another
column will not open. The key comes from configuration, or from a key file created on
first run that only its owner can read. Coded values (closeness, effect, kind, times)
stay plain so maps can still be counted and queried.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)

PREFIX = "wbenc1:"  # a version tag, so a later key or cipher change can be told apart
KEY_BYTES = 32


class BadKeyError(ValueError):
    """The configured key can't be used (wrong length or not base64)."""


class SealError(ValueError):
    """A stored value can't be opened: another key, another column, or not sealed."""


def decode_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise BadKeyError("The encryption key must be 32 bytes in URL-safe base64.") from exc
    if len(key) != KEY_BYTES:
        raise BadKeyError("The encryption key must be 32 bytes in URL-safe base64.")
    return key


def new_key_text() -> str:
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode("ascii")


def load_or_create_key(key_file: Path, configured: str = "") -> bytes:
    """The configured key if there is one, else the key file (created on first run, 0600)."""
    if configured:
        return decode_key(configured)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(key_file.stat().st_mode)
        if mode & 0o077:
            log.warning("The key file %s can be read by other users; run: chmod 600 %s",
                        key_file, key_file)
        return decode_key(key_file.read_text())
    with os.fdopen(fd, "w") as handle:
        handle.write(new_key_text() + "\n")
    return decode_key(key_file.read_text())


class Sealer:
    """Seals text and JSON for storage, and opens it again."""

    def __init__(self, key: bytes):
        self._aead = AESGCM(key)

    def seal(self, text: str | None, purpose: str) -> str | None:
        if text is None:
            return None
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), purpose.encode("ascii"))
        return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def open(self, token: str | None, purpose: str) -> str | None:
        if token is None:
            return None
        if not token.startswith(PREFIX):
            raise SealError(f"{purpose} holds a value that was not sealed")
        raw = base64.urlsafe_b64decode(token[len(PREFIX):].encode("ascii"))
        try:
            plain = self._aead.decrypt(raw[:12], raw[12:], purpose.encode("ascii"))
        except InvalidTag:
            raise SealError(f"{purpose} was sealed with another key (is WBMAP_ENCRYPTION_KEY "
                            f"or the key file the one this database was made with?)") from None
        return plain.decode("utf-8")

    def seal_json(self, value, purpose: str) -> str:
        return self.seal(json.dumps(value, ensure_ascii=False, separators=(",", ":")), purpose)

    def open_json(self, token: str | None, purpose: str, default=None):
        if token is None:
            return default
        return json.loads(self.open(token, purpose))
