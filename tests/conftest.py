"""Shared fixtures. `live_stack` runs the real product (trained Rasa model, web app,
SQLite) in a temporary data directory, exactly as `make run` does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import risk_classifier  # noqa: E402  (after the path is set)
from wbmap.config import ROOT  # noqa: E402
from wbmap.harness import NO_RATE_LIMITS, start_stack  # noqa: E402

# The risk classifier from the same cache `wbmap train` fills (trained once if missing).
risk_classifier.warm_up(ROOT / "models")


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    stack = start_stack(tmp_path_factory.mktemp("stack"), settings=NO_RATE_LIMITS)
    yield stack
    stack.stop()
