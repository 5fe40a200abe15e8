"""Choosing the risk classifier's threshold on the development sets, never on the
held-out evaluation set: `.venv/bin/python -m evaluation.risk_dev`.

Prints recall on risk messages and false alarms on the rest, at several thresholds,
for the whole detector (guards, phrase rules and classifier) as `bot.safety.assess`
uses it. Pick the highest threshold that keeps recall at or above 0.95, and check
false alarms are at or under 0.02; then set `THRESHOLD` in bot/risk_classifier.py.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import yaml

from bot.risk_classifier import DATA, THRESHOLD, warm_up
from bot.safety import assess
from wbmap.config import Settings

THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> int:
    warm_up(Settings.from_env().models_dir)  # the cache `wbmap train` fills
    for path in sorted(DATA.glob("risk_dev*.yml")):
        messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
        readings = [(m, assess(m["text"])) for m in messages]
        risky = [r for m, r in readings if m["label"] == "risk"]
        safe = [r for m, r in readings if m["label"] == "ok"]
        print(f"{path.name}: {len(risky)} risk, {len(safe)} not (current threshold {THRESHOLD})")
        for threshold in THRESHOLDS:
            recall = sum(r.flagged_at(threshold) for r in risky) / len(risky)
            false_alarms = sum(r.flagged_at(threshold) for r in safe) / len(safe)
            print(f"  threshold {threshold:.1f}: recall {recall:.3f}, "
                  f"false alarms {false_alarms:.3f}")
        by_category = defaultdict(list)
        for m, r in readings:
            by_category[(m["label"], m["category"])].append(r.flagged)
        print("  at the current threshold, share flagged: " + ", ".join(
            f"{label}/{category} {sum(v) / len(v):.2f}"
            for (label, category), v in sorted(by_category.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
