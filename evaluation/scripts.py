"""Scripted whole conversations (evaluation/conversations/*.yml) and how to check the
map they should produce. Used by the tests and by `make eval`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CONVERSATIONS = Path(__file__).parent / "conversations"
COMPARED_FIELDS = ("kind", "label", "category", "closeness", "effect", "frequency", "missed")


@dataclass
class Script:
    name: str
    path: Path
    turns: list[str]
    expect: dict


def load_scripts() -> list[Script]:
    scripts = []
    for path in sorted(CONVERSATIONS.glob("*.yml")):
        text = path.read_text()
        data = yaml.safe_load(text)
        turns = yaml.load(text, Loader=yaml.BaseLoader)["turns"]  # "yes" stays a string
        scripts.append(Script(data["name"], path, turns, data["expect"]))
    return scripts


def differences(exported: dict, expect: dict) -> list[str]:
    """What differs between an exported map (JSON schema) and the expectation; [] if exact."""
    problems = []
    for key in ("status", "time_at_home"):
        if exported.get(key) != expect.get(key):
            problems.append(f"{key}: got {exported.get(key)!r}, expected {expect.get(key)!r}")
    got = [{f: c.get(f) for f in COMPARED_FIELDS} for c in exported["connections"]]
    wanted = [{f: c.get(f, False if f == "missed" else None) for f in COMPARED_FIELDS}
              for c in expect["connections"]]
    for item in wanted:
        if item not in got:
            problems.append(f"missing or different connection: {item}")
    for item in got:
        if item not in wanted:
            problems.append(f"unexpected connection: {item}")
    label = {c["id"]: c["label"] for c in exported["connections"]}
    got_ties = {(frozenset((label.get(t["source"]), label.get(t["target"]))), t["kind"])
                for t in exported["ties"]}
    wanted_ties = {(frozenset((a, b)), kind) for a, b, kind in expect["ties"]}
    for tie in wanted_ties - got_ties:
        problems.append(f"missing tie: {sorted(tie[0])} {tie[1]}")
    for tie in got_ties - wanted_ties:
        problems.append(f"unexpected tie: {sorted(tie[0])} {tie[1]}")
    got_goals = [{"text": g["text"], "why": g["why"], "helpers": [label.get(h) for h in g["helpers"]],
                  "barriers": g["barriers"], "first_step": g["first_step"], "by_when": g["by_when"]}
                 for g in exported["goals"]]
    wanted_goals = [{"text": g["text"], "why": g.get("why"), "helpers": g.get("helpers", []),
                     "barriers": g.get("barriers", []), "first_step": g.get("first_step"),
                     "by_when": g.get("by_when")} for g in expect["goals"]]
    if got_goals != wanted_goals:
        problems.append(f"goals differ: got {got_goals}, expected {wanted_goals}")
    return problems
