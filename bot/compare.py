"""Two maps of the same person, drawn at different times: what changed.

Connections are matched by kind and label (case-insensitive, spaces trimmed), so "Mum"
on the first map and " mum " on the second are the same person. Ids are not used: each
map is drawn afresh.

Goals: the model has no field for "met", so we never say whether a goal was met. A goal
from the earlier map "carries on" when a goal on the later map has similar words;
otherwise it is listed for the person to say how it went.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher

from . import questions as Q
from .model import Connection, WellbeingMap

RANK = {"inner": 0, "middle": 1, "outer": 2}  # nearer the centre = smaller
CLOSENESS_WORDS = {"inner": "inner circle", "middle": "middle circle",
                   "outer": "outer circle"}

# Goal texts count as similar when either measure reaches its threshold.
SIMILAR_RATIO = 0.6  # difflib ratio of the normalised texts
SIMILAR_WORDS = 0.5  # shared content words / content words of the shorter goal
STOP_WORDS = {"a", "an", "the", "to", "and", "or", "of", "in", "on", "at", "for", "with",
              "my", "me", "i", "more", "less", "some", "go", "get", "be", "do", "try",
              "again", "want", "would", "like", "bit", "little", "start", "keep", "it"}


def match_key(connection: Connection) -> tuple[str, str]:
    return connection.kind, " ".join(connection.label.split()).lower()


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOP_WORDS}


def similar_goals(a: str, b: str) -> bool:
    plain_a, plain_b = " ".join(a.lower().split()), " ".join(b.lower().split())
    if SequenceMatcher(None, plain_a, plain_b).ratio() >= SIMILAR_RATIO:
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= SIMILAR_WORDS


def _item(c: Connection) -> dict:
    return {"kind": c.kind, "label": " ".join(c.display.split())}


@dataclass
class Comparison:
    counts_before: dict = field(default_factory=dict)  # {"person": n, "place": n, ...}
    counts_after: dict = field(default_factory=dict)
    gained: list[dict] = field(default_factory=list)  # {"kind", "label"}
    lost: list[dict] = field(default_factory=list)
    closer: list[dict] = field(default_factory=list)  # {"kind", "label", "from", "to"}
    further: list[dict] = field(default_factory=list)
    effect_changed: list[dict] = field(default_factory=list)  # {"kind","label","from","to"}
    back_in_touch: list[dict] = field(default_factory=list)  # missed before, not now
    time_at_home: dict | None = None  # {"from", "to"} when both given and different
    goals_carried_on: list[dict] = field(default_factory=list)  # {"earlier", "later"}
    goals_for_person_to_say: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any((self.gained, self.lost, self.closer, self.further,
                    self.effect_changed, self.back_in_touch, self.time_at_home))

    def to_dict(self) -> dict:
        return asdict(self)

    def to_text(self) -> str:
        lines = []
        if self.changed:
            lines.append("Here's what's different since your last map.")
        else:
            lines.append("Your map looks much the same as last time. Steady can be good.")
        if self.gained:
            lines.append("New on your map: " + _names(self.gained) + ".")
        if self.lost:
            lines.append("Not on your map this time: " + _names(self.lost) + ".")
        if self.back_in_touch:
            lines.append("You said you missed " + _names(self.back_in_touch)
                         + " last time; now they're part of your map again.")
        if self.closer:
            lines.append("Closer now: " + "; ".join(
                f"{m['label']} (from {CLOSENESS_WORDS[m['from']]} to "
                f"{CLOSENESS_WORDS[m['to']]})" for m in self.closer) + ".")
        if self.further:
            lines.append("Further out now: " + "; ".join(
                f"{m['label']} (from {CLOSENESS_WORDS[m['from']]} to "
                f"{CLOSENESS_WORDS[m['to']]})" for m in self.further) + ".")
        for m in self.effect_changed:
            lines.append(f"{m['label']}: last time {Q.EFFECT_WORDS[m['from']]}, now "
                         f"{Q.EFFECT_WORDS[m['to']]}.")
        if self.time_at_home:
            lines.append(f"Time at home: last time "
                         f"{Q.TIME_AT_HOME_WORDS[self.time_at_home['from']]}, now "
                         f"{Q.TIME_AT_HOME_WORDS[self.time_at_home['to']]}.")
        if self.goals_carried_on or self.goals_for_person_to_say:
            lines.append("The changes you chose last time:")
            for g in self.goals_carried_on:
                lines.append(f"- \u201c{g['earlier']}\u201d: you're carrying this on "
                             f"(\u201c{g['later']}\u201d).")
            for text in self.goals_for_person_to_say:
                lines.append(f"- \u201c{text}\u201d: how did it go? Only you can say, and "
                             "any step counts.")
        return "\n".join(lines)


def _names(items: list[dict]) -> str:
    names = [i["label"] for i in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _counts(wmap: WellbeingMap) -> dict:
    return {kind: sum(c.kind == kind and not c.missed for c in wmap.connections)
            for kind in ("person", "place", "activity")}


def _pairs(earlier: WellbeingMap, later: WellbeingMap):
    """Matched (earlier, later) pairs, and the unmatched on each side, in map order.
    Two connections with the same key in one map are matched in order."""
    waiting: dict[tuple[str, str], list[Connection]] = {}
    for c in later.connections:
        waiting.setdefault(match_key(c), []).append(c)
    pairs, lost = [], []
    for c in earlier.connections:
        candidates = waiting.get(match_key(c))
        if candidates:
            pairs.append((c, candidates.pop(0)))
        else:
            lost.append(c)
    paired = {id(b) for _, b in pairs}
    gained = [c for c in later.connections if id(c) not in paired]
    return pairs, lost, gained


def compare(earlier: WellbeingMap, later: WellbeingMap) -> Comparison:
    pairs, lost, gained = _pairs(earlier, later)
    result = Comparison(counts_before=_counts(earlier), counts_after=_counts(later),
                        gained=[_item(c) for c in gained], lost=[_item(c) for c in lost])
    for before, after in pairs:
        item = _item(after)
        if before.closeness in RANK and after.closeness in RANK and \
                before.closeness != after.closeness:
            move = {**item, "from": before.closeness, "to": after.closeness}
            (result.closer if RANK[after.closeness] < RANK[before.closeness]
             else result.further).append(move)
        # Only a change between two ratings counts; a first rating is not a change.
        if before.effect in Q.EFFECT_WORDS and after.effect in Q.EFFECT_WORDS and \
                before.effect != after.effect:
            result.effect_changed.append({**item, "from": before.effect, "to": after.effect})
        if before.missed and not after.missed:
            result.back_in_touch.append(item)
    if earlier.time_at_home and later.time_at_home and \
            earlier.time_at_home != later.time_at_home:
        result.time_at_home = {"from": earlier.time_at_home, "to": later.time_at_home}
    for goal in earlier.goals:
        match = next((g for g in later.goals if similar_goals(goal.text, g.text)), None)
        if match:
            result.goals_carried_on.append({"earlier": goal.text, "later": match.text})
        else:
            result.goals_for_person_to_say.append(goal.text)
    return result

