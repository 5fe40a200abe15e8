"""Shared fixtures. `live_stack` runs the real product (trained Rasa model, web app,
SQLite) in a temporary data directory, exactly as `make run` does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wbmap.harness import NO_RATE_LIMITS, start_stack  # noqa: E402  (after the path is set)


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    stack = start_stack(tmp_path_factory.mktemp("stack"), settings=NO_RATE_LIMITS)
    yield stack
    stack.stop()
