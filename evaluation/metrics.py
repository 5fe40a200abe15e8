"""Precision, recall and F1 for intents and entities, computed by hand (no sklearn in
the app environment)."""

from __future__ import annotations

from collections import Counter


def per_label_scores(pairs: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """pairs of (expected, predicted) -> {label: {precision, recall, f1, support}}."""
    true_pos, predicted, expected = Counter(), Counter(), Counter()
    for gold, guess in pairs:
        expected[gold] += 1
        predicted[guess] += 1
        if gold == guess:
            true_pos[gold] += 1
    scores = {}
    for label in sorted(expected):
        p = true_pos[label] / predicted[label] if predicted[label] else 0.0
        r = true_pos[label] / expected[label]
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores[label] = {"precision": p, "recall": r, "f1": f, "support": expected[label]}
    return scores


def macro(scores: dict[str, dict[str, float]]) -> dict[str, float]:
    n = len(scores) or 1
    return {k: sum(s[k] for s in scores.values()) / n for k in ("precision", "recall", "f1")}


def entity_scores(rows: list[dict]) -> dict[str, float]:
    """Exact-match entity scores: an entity counts when type, value and span all match."""
    def key(e):
        return (e["entity"], str(e["value"]).lower(), e["start"], e["end"])
    tp = fp = fn = 0
    for row in rows:
        gold = {key(e) for e in row["expected_entities"]}
        got = {key(e) for e in row["entities"]}
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}
