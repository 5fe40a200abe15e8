"""`make bench`: speed and memory of the real stack, driven over HTTP.

- per-message latency p50/p95 at turns 1-10 and 290-300 of one 300-message conversation
  (actions and database writes included);
- throughput with 20 conversations at once;
- time for `wbmap serve` to be ready (warm: model already trained);
- resident memory of the web app and the Rasa engine afterwards;
- the risk detector's own cost per message (in this process), and the share of it that
  is the sentence encoder.

Training time is measured by `make bench-train` (it trains from cold, about a minute).
No thresholds here: it prints numbers for the README.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from wbmap.harness import NO_RATE_LIMITS, ChatClient, start_stack

LONG_TURNS = 300
CONCURRENT = 20
TURNS_EACH = 30


def long_conversation() -> list[str]:
    """A plausible 300-message conversation: a big map, one answer at a time, with the
    commands people use along the way."""
    turns = ["/start", "yes", "Bench"]
    for n in range(40):
        turns.append(f"my friend Person{n}")
    turns.append("that's all")
    for n in range(40):
        turns += ["inner" if n % 3 == 0 else "middle", "good" if n % 2 else "mixed"]
    turns += ["none"] * 39
    turns += ["the library, the park, the gym", "that's all"]
    for _ in range(3):
        turns += ["good", "weekly"]
    turns.append("about half")
    fillers = ["show my map", "help"]
    while len(turns) < LONG_TURNS:
        turns.append(fillers[len(turns) % 2])
    return turns[:LONG_TURNS]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed_turns(chat: ChatClient, turns: list[str]) -> list[float]:
    latencies = []
    for turn in turns:
        started = time.perf_counter()
        chat.say(turn)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def detector_cost(count: int = 300) -> None:
    """`bot.safety.assess` one message at a time, as the flow calls it."""
    from bot import risk_classifier, sentence_encoder
    from bot.ordinary_answers import ordinary_answers
    from bot.safety import assess
    from wbmap.config import Settings

    risk_classifier.warm_up(Settings.from_env().models_dir)
    long_answer = ("my sister Jo, very close, she rings most days and we go to the allotment "
                   "on Sundays, though lately I have felt like a ghost at her house")
    messages = ordinary_answers(count - 20, seed=99) + [long_answer] * 20
    whole, encoder = [], []
    for message in messages:
        started = time.perf_counter()
        assess(message)
        whole.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        sentence_encoder.encoder().encode([message])
        encoder.append((time.perf_counter() - started) * 1000)
    print(f"risk detector, {count} messages one at a time: p50 {statistics.median(whole):.1f} ms, "
          f"p95 {percentile(whole, 95):.1f} ms (sentence encoder alone: p50 "
          f"{statistics.median(encoder):.1f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=LONG_TURNS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        stack = start_stack(Path(scratch), settings=NO_RATE_LIMITS)
        try:
            print(f"wbmap serve ready in {stack.ready_seconds:.1f} s (model already trained)")
            chat = ChatClient(stack.base_url)
            latencies = timed_turns(chat, long_conversation()[:args.turns])
            for start, end in ((1, 10), (args.turns - 10, args.turns)):
                window = latencies[start - 1:end]
                print(f"turns {start:>3}-{end:<3}: p50 {statistics.median(window):6.1f} ms, "
                      f"p95 {percentile(window, 95):6.1f} ms")
            print(f"all {len(latencies)} turns: p50 {statistics.median(latencies):.1f} ms, "
                  f"p95 {percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms")

            script = long_conversation()[:TURNS_EACH]
            errors: list[BaseException] = []

            def one_person():
                try:
                    person = ChatClient(stack.base_url)
                    timed_turns(person, script)
                    person.close()
                except BaseException as error:  # reported below, never silently lost
                    errors.append(error)

            threads = [threading.Thread(target=one_person) for _ in range(CONCURRENT)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            total = CONCURRENT * TURNS_EACH
            print(f"{CONCURRENT} conversations at once, {TURNS_EACH} messages each: "
                  f"{total / elapsed:.1f} messages/s ({elapsed:.1f} s, {len(errors)} errors)")
            web_pid = stack.process.pid
            rasa = child_pids(web_pid)
            print(f"memory (RSS): web app {rss_mb(web_pid):.0f} MB, Rasa engine "
                  f"{sum(rss_mb(p) for p in rasa):.0f} MB")
        finally:
            stack.stop()
    detector_cost()
    return 0


if __name__ == "__main__":
    sys.exit(main())
