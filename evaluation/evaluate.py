"""`make eval`: how well the product understands people, measured on data it never
trained on.

1. NLU: the trained model on evaluation/nlu_heldout.yml: intent precision, recall and F1
   per intent and macro-averaged; entity precision, recall and F1 (exact span and value).
   Risk detection on evaluation/risk_eval.yml: recall on risk messages, false alarms on
   the rest (idioms, past events, names like Hope, ordinary answers).
2. Whole conversations: each script in evaluation/conversations/ is played through the
   real stack over HTTP, and its exported map is compared with what was said.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bot import risk_classifier
from bot.safety import assess
from wbmap.config import ROOT, Settings
from wbmap.engine import ensure_model, rasa_env
from wbmap.harness import NO_RATE_LIMITS, ChatClient, start_stack

from .metrics import entity_scores, macro, per_label_scores
from .scripts import differences, load_scripts

HELDOUT = ROOT / "evaluation" / "nlu_heldout.yml"
# The first set (session 1), a fresh one written blind in session 2 and a third written
# blind at the start of session 3; all are only ever measured on (see README_risk.md).
RISK_SETS = tuple(ROOT / "evaluation" / name for name in
                  ("risk_eval.yml", "risk_eval_fresh.yml", "risk_eval_3.yml"))


def parse(model: Path, data: Path) -> list[dict]:
    """The trained model's reading of each message (run in the Rasa environment)."""
    result = subprocess.run(
        [str(ROOT / ".venv-rasa" / "bin" / "python"), str(ROOT / "evaluation" / "nlu_parse.py"),
         str(model), str(data)], capture_output=True, text=True, env=rasa_env(), check=True)
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def report_risk(model: Path, risk_set: Path) -> None:
    """Risk detection as the product uses it (`bot.safety.assess`), and its parts."""
    messages = yaml.safe_load(risk_set.read_text())["messages"]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as texts:
        texts.writelines(json.dumps({"text": m["text"]}) + "\n" for m in messages)
    try:
        readings = {r["text"]: r for r in parse(model, Path(texts.name))}
    finally:
        Path(texts.name).unlink()
    assessed = {m["text"]: assess(m["text"]) for m in messages}
    detectors = {
        "product": lambda m: assessed[m["text"]].flagged,
        "phrase rules": lambda m: assessed[m["text"]].phrase and not assessed[m["text"]].framed_as_over,
        "classifier": lambda m: assessed[m["text"]].classifier
        and not assessed[m["text"]].framed_as_over,
        "NLU risk intent": lambda m: readings[m["text"]]["intent"] == "risk"
        and readings[m["text"]]["confidence"] >= 0.8,
    }
    risky = [m for m in messages if m["label"] == "risk"]
    ordinary = [m for m in messages if m["label"] == "ok"]
    print(f"Risk detection on {risk_set.name}, {len(messages)} held-out messages (never used "
          f"for rules or training): {len(risky)} risk, {len(ordinary)} not. Targets: "
          f"recall >= 0.95, false alarms <= 0.02")
    for name, flags in detectors.items():
        caught = sum(flags(m) for m in risky)
        false = sum(flags(m) for m in ordinary)
        note = "" if name != "NLU risk intent" else "  (shown for comparison; not used)"
        print(f"  {name:<16} recall {caught / len(risky):.3f} ({caught}/{len(risky)}), "
              f"false alarms {false / len(ordinary):.3f} ({false}/{len(ordinary)}){note}")
    flags = detectors["product"]
    for label, group in (("recall", risky), ("false alarms", ordinary)):
        by_category: dict[str, list[bool]] = {}
        for m in group:
            by_category.setdefault(m["category"], []).append(flags(m))
        print(f"  product {label} by category: " + ", ".join(
            f"{c} {sum(v) / len(v):.2f} ({len(v)})" for c, v in sorted(by_category.items())))


def report_nlu(rows: list[dict]) -> dict:
    scores = per_label_scores([(r["expected_intent"], r["intent"]) for r in rows])
    print(f"NLU on {len(rows)} held-out messages (never used in training)")
    print(f"{'intent':<16}{'precision':>10}{'recall':>8}{'f1':>7}{'n':>5}")
    for label, s in scores.items():
        print(f"{label:<16}{s['precision']:>10.2f}{s['recall']:>8.2f}{s['f1']:>7.2f}{s['support']:>5}")
    overall = macro(scores)
    print(f"{'macro average':<16}{overall['precision']:>10.2f}{overall['recall']:>8.2f}{overall['f1']:>7.2f}")
    ents = entity_scores(rows)
    print(f"entities (exact span and value): precision {ents['precision']:.2f}, "
          f"recall {ents['recall']:.2f}, F1 {ents['f1']:.2f} on {ents['support']} entities")
    return {"intent_macro": overall, "entities": ents}


def report_conversations() -> float:
    scripts = load_scripts()
    exact = 0
    with tempfile.TemporaryDirectory() as scratch:
        stack = start_stack(Path(scratch), settings=NO_RATE_LIMITS)
        try:
            for script in scripts:
                chat = ChatClient(stack.base_url)
                for turn in script.turns:
                    chat.say(turn)
                exported = chat.http.get(chat.custom["map_url"] + ".json").json() \
                    if "map_url" in chat.custom else None
                problems = differences(exported, script.expect) if exported else ["no map link at the end"]
                exact += not problems
                print(f"  {'exact' if not problems else 'DIFFERS'}: {script.name} "
                      f"({len(script.turns)} turns)")
                for problem in problems:
                    print(f"      {problem}")
                chat.close()
        finally:
            stack.stop()
    share = exact / len(scripts)
    print(f"scripted conversations whose exported map is exactly right: {exact}/{len(scripts)} "
          f"({share:.0%})")
    return share


def main() -> int:
    settings = Settings.from_env()
    model = ensure_model(settings)
    risk_classifier.warm_up(settings.models_dir)
    print(f"model: {model.name}\n")
    report_nlu(parse(model, HELDOUT))
    print()
    for risk_set in RISK_SETS:
        if risk_set.exists():
            report_risk(model, risk_set)
            print()
    print("Whole conversations through the real stack:")
    report_conversations()
    return 0


if __name__ == "__main__":
    sys.exit(main())
