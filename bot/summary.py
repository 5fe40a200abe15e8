"""Words about a map: the read-back in reflection, simple pointers for change, and the
goal summary (jinja2, as plain text and as HTML)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from . import questions as Q
from .model import Connection, WellbeingMap

CLOSENESS_WORDS = {"inner": "inner circle", "middle": "middle circle", "outer": "outer circle"}
# Activities that people often do alone but that have a group form.
GROUP_FORMS = {"reading": "a book club or reading group at the library",
               "gaming": "a games night or online group",
               "creative": "a craft or art group",
               "music": "a choir or music group",
               "exercise": "a walking, running or swimming group",
               "outdoors": "a walking group or community garden"}


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


def pointers(wmap: WellbeingMap) -> list[str]:
    """A few ideas drawn from the map, each with its reason, offered and never pushed."""
    ideas = []
    for activity in wmap.of_kind("activity"):
        alone = not wmap.linked(activity.id, "does_with")
        group = GROUP_FORMS.get(activity.category or "")
        if alone and group and activity.effect in ("positive", None):
            ideas.append(f"You enjoy {activity.label} on your own; some people like "
                         f"{group} too.")
            break
    for connection in wmap.connections:
        if connection.missed:
            ideas.append(f"You said you miss {connection.display}; getting back in touch "
                         f"could be a change.")
            break
    if wmap.time_at_home == "most":
        ideas.append("You spend most of the day at home; a place nearby could be a "
                     "small way to get out, if you'd like that.")
    people = wmap.of_kind("person")
    if people and all(p.category == "practitioner" for p in people):
        ideas.append("Your support comes from services right now; a group or activity "
                     "could bring other people in, if you want that.")
    return ideas[:3]


def pointers_text(wmap: WellbeingMap) -> str:
    ideas = pointers(wmap)
    if not ideas:
        return ""
    return "Some ideas from your map, only if they feel right:\n" + "\n".join(
        f"\u2022 {idea}" for idea in ideas)


def _context(wmap: WellbeingMap, name: str | None) -> dict:
    by_id = {c.id: c for c in wmap.connections}
    goals = [{"text": g.text, "why": g.why, "barriers": g.barriers,
              "helpers": [by_id[h].display for h in g.helpers if h in by_id] + g.helper_notes,
              "first_step": g.first_step, "by_when": g.by_when} for g in wmap.goals]
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
