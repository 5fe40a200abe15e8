"""Words about a map: the read-back in reflection, simple pointers for change, and the
goal summary (jinja2, as plain text and as HTML)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from . import questions as Q
from .model import Connection, WellbeingMap

CLOSENESS_WORDS = {"inner": "inner circle", "middle": "middle circle", "outer": "outer circle"}
@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(loader=PackageLoader("bot", "templates"),
                       autoescape=select_autoescape(enabled_extensions=("html", "html.j2")),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def describe(connection: Connection) -> str:
    """'Mum: inner circle, good for you'."""
    details = []
    if connection.closeness:
        details.append(CLOSENESS_WORDS[connection.closeness])
    if connection.frequency:
        details.append(Q.FREQUENCY_WORDS[connection.frequency])
    if connection.effect:
        details.append(Q.EFFECT_WORDS[connection.effect])
    if connection.missed:
        details.append("missed")
    return f"{connection.display}: {', '.join(details)}" if details else connection.display


def highlights(wmap: WellbeingMap) -> dict[str, list[str]]:
    return {
        "helps": [c.display for c in wmap.connections if c.effect == "positive"],
        "drains": [c.display for c in wmap.connections if c.effect == "negative"],
        "mixed": [c.display for c in wmap.connections if c.effect == "mixed"],
        "inner": [c.display for c in wmap.of_kind("person") if c.closeness == "inner"],
    }


def readback(wmap: WellbeingMap) -> str:
    if not wmap.connections:
        return ""
    lines = []
    for kind, title in (("person", "People"), ("place", "Places"), ("activity", "Activities")):
        items = wmap.of_kind(kind)
        if items:
            lines.append(f"{title}: " + "; ".join(describe(c) for c in items) + ".")
    if wmap.time_at_home:
        lines.append(f"Time at home: {Q.TIME_AT_HOME_WORDS[wmap.time_at_home]}.")
    found = highlights(wmap)
    if found["helps"]:
        lines.append("What helps: " + ", ".join(found["helps"]) + ".")
    if found["drains"]:
        lines.append("What drains you: " + ", ".join(found["drains"]) + ".")
    if found["inner"]:
        lines.append("Your inner circle: " + ", ".join(found["inner"]) + ".")
    return "\n".join(lines)


def pointers_text(wmap: WellbeingMap) -> str:
    """Ideas for the changes step, each with the reason it comes from the map."""
    from .analysis import pointers

    ideas = pointers(wmap)[:3]
    if not ideas:
        return ""
    return "Some ideas from your map, only if they feel right:\n" + "\n".join(
        f"\u2022 {idea.text} ({idea.reason})" for idea in ideas)


# "When" answers that already read well after a comma: "this week", "by Friday".
WHEN_AS_IS = ("by ", "before ", "this ", "today", "tonight", "tomorrow", "in ", "on ",
              "at ", "within ", "asap", "now", "soon", "next ")


def when_phrase(when: str) -> str:
    """'Friday' -> 'by Friday'; 'this week', 'next Tuesday', 'by June' stay as they are."""
    return when if when.lower().startswith(WHEN_AS_IS) else f"by {when}"


def _context(wmap: WellbeingMap, name: str | None) -> dict:
    by_id = {c.id: c for c in wmap.connections}
    goals = [{"text": g.text, "why": g.why, "barriers": g.barriers,
              "helpers": [by_id[h].display for h in g.helpers if h in by_id] + g.helper_notes,
              "first_step": g.first_step,
              "by_when": when_phrase(g.by_when) if g.by_when else None} for g in wmap.goals]
    counts = {k: len(wmap.of_kind(k)) for k in ("person", "place", "activity")}
    return {"name": name, "map": wmap, "counts": counts, "goals": goals,
            "found": highlights(wmap), "readback": readback(wmap),
            "time_at_home": Q.TIME_AT_HOME_WORDS.get(wmap.time_at_home or ""),
            "people": wmap.of_kind("person"), "places": wmap.of_kind("place"),
            "activities": wmap.of_kind("activity"), "describe": describe}


def render_text(wmap: WellbeingMap, name: str | None = None) -> str:
    return _templates().get_template("summary.txt.j2").render(_context(wmap, name)).strip()


def render_html(wmap: WellbeingMap, name: str | None = None) -> str:
    return _templates().get_template("summary.html.j2").render(_context(wmap, name))
