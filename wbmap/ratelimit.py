"""Rate limits for the chat endpoint: a token bucket per conversation and per client.

A person can send a burst (several quick button taps), then about one message every
two seconds; a script hammering the service gets a kind 429 instead of slowing it
for everyone. Buckets live in memory and the least recently used are dropped, so a
flood of made-up ids can't grow it without bound.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

MAX_KEYS = 20_000


class RateLimiter:
    def __init__(self, per_minute: int, burst: int, clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.burst = burst
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def wait_needed(self, key: str) -> float:
        """0 if this message may go now (and counts it); else seconds until it may."""
        if not self.enabled:
            return 0.0
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
            if len(self._buckets) > MAX_KEYS:
                self._buckets.popitem(last=False)
        return wait
