"""The chat's rate limit: a burst goes through, then about one message per refill."""

from wbmap.ratelimit import RateLimiter


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_burst_is_allowed_then_the_sender_waits_for_a_refill():
    clock = Clock()
    limiter = RateLimiter(per_minute=30, burst=3, clock=clock)
    assert [limiter.wait_needed("a") for _ in range(3)] == [0, 0, 0]
    assert limiter.wait_needed("a") == 2.0  # 30 a minute: one every 2 seconds
    assert limiter.wait_needed("b") == 0  # someone else is not held up
    clock.now = 2.0
    assert limiter.wait_needed("a") == 0
    assert limiter.wait_needed("a") > 0


def test_refused_messages_do_not_use_up_the_allowance():
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=1, clock=clock)
    assert limiter.wait_needed("a") == 0
    for _ in range(10):
        assert limiter.wait_needed("a") > 0
    clock.now = 1.0
    assert limiter.wait_needed("a") == 0


def test_zero_turns_the_limit_off():
    limiter = RateLimiter(per_minute=0, burst=1)
    assert all(limiter.wait_needed("a") == 0 for _ in range(100))
