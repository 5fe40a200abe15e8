"""What a map shows: simple counts, a network type decided by transparent rules, pointers
for change (each with its reason and the connections it is about) and the goal summary
in one SMS-sized text.

Everything here is arithmetic on the person's own answers. The three network types come
from the descriptions in the Community Health Networks study (diverse and active; family
and stable; formal and sparse); the rules below are our reading of those descriptions,
not a validated classifier. See docs/analysis.md.

"Current" network: a connection marked `missed` is one the person has lost touch with
(or used to do, or used to go to) and would like back. It is not part of their network
today, so it is left out of the counts, shares and network type, and listed under
`missed` instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import questions as Q
from .model import Connection, WellbeingMap
from .parsing import ACTIVITY_WORDS, normalise
from .summary import when_phrase as _by

# --- words ---------------------------------------------------------------------------

FORMAL = "practitioner"  # the only formal (services) category of person
FAMILY = ("family", "partner")
PET = "pet"  # on the people layer, but not a person who gives informal support
HOME = "home"

# Activities that people often do on their own or at home, and a group form of each.
# Checked against the activity's label first (so cooking is not offered a craft group),
# then against its category.
LABEL_GROUP_FORMS = (
    (("cooking", "cook", "baking", "bake"), "a cooking class or community kitchen"),
    (("walking", "walk", "walks", "hiking"), "a walking group"),
    (("running", "jogging", "run"), "a running group"),
    (("swimming", "swim"), "a swimming club"),
    (("gardening", "allotment"), "a community garden"),
    (("knitting", "crochet", "sewing"), "a knitting or craft group"),
    (("writing", "poetry", "journaling"), "a writing group"),
)
GROUP_FORMS = {
    "reading": "a book club or reading group at the library",
    "gaming": "a games night",
    "creative": "a craft group",
    "music": "a choir",
    "exercise": "a walking or running group",
    "outdoors": "a walking group",
}

# Places that often offer contact with other people, if the person wants it.
CONTACT_PLACES = ("worship", "library", "community", "cafe", "day_centre", "gym",
                  "education")
# Ratings that mean a place is fine to build on (not draining, not mixed).
OK_FOR_BUILDING = ("positive", "neutral")

# --- network type thresholds ---------------------------------------------------------

# "Small": at most this many current connections, not counting home.
SMALL_NETWORK_MAX = 5
# "Quiet outside home": at most this many places away from home plus activities.
QUIET_OUTSIDE_HOME_MAX = 3
# Services "lead" when practitioners are at least this share of the people.
FORMAL_SHARE_MIN = 0.5
# Family-centred when family and partner are MORE than this share of the people.
FAMILY_SHARE_OVER = 0.5
# "Few places" for a home-centred map: at most this many places away from home.
FEW_PLACES_MAX = 2

NETWORK_TYPES = ("diverse_active", "family_stable", "formal_sparse")
MAX_POINTERS = 5
SMS_LIMIT = 480  # the SMS summary is always shorter than this
NAME_LIMIT = 20  # the longest name used to greet someone in the SMS


# --- the figures ---------------------------------------------------------------------

@dataclass
class Analysis:
    people: int = 0
    places: int = 0
    activities: int = 0
    places_outside_home: int = 0
    inner_circle: int = 0  # people placed in the inner circle
    rated: int = 0  # connections with an effect (good, mixed, not good, neither)
    helps: int = 0
    drains: int = 0
    helps_share: float | None = None  # helps / rated; None when nothing is rated
    drains_share: float | None = None
    formal: int = 0  # practitioners
    informal: int = 0  # everyone else on the people layer except pets
    practitioner_in_inner_circle: bool = False
    time_at_home: str | None = None
    missed: list[dict] = field(default_factory=list)  # {"id", "kind", "label"}
    network_type: str | None = None  # None only for a map with no current connections
    network_type_explanation: str = ""  # for the person: warm, never a judgement
    network_type_because: str = ""  # for a worker or researcher: which rule, which numbers

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("helps_share", "drains_share"):
            if data[key] is not None:
                data[key] = round(data[key], 3)
        return data


@dataclass
class _Facts:
    """The numbers the network-type rules look at (current connections only)."""
    people: int  # people, not counting pets: the shares below are shares of people
    formal: int
    family: int
    places_outside_home: int
    activities: int
    size: int  # current connections, not counting home
    time_at_home: str | None

    @property
    def outside_home(self) -> int:
        return self.places_outside_home + self.activities


def is_home(connection: Connection) -> bool:
    return connection.kind == "place" and (
        connection.category == HOME or normalise(connection.label) in ("home", "my home"))


def current(wmap: WellbeingMap, kind: str | None = None) -> list[Connection]:
    return [c for c in wmap.connections if not c.missed and (kind is None or c.kind == kind)]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _facts(wmap: WellbeingMap) -> _Facts:
    people = current(wmap, "person")
    humans = [p for p in people if p.category != PET]
    places_away = [p for p in current(wmap, "place") if not is_home(p)]
    activities = current(wmap, "activity")
    return _Facts(
        people=len(humans),
        formal=sum(p.category == FORMAL for p in humans),
        family=sum(p.category in FAMILY for p in humans),
        places_outside_home=len(places_away),
        activities=len(activities),
        size=len(people) + len(places_away) + len(activities),
        time_at_home=wmap.time_at_home,
    )


# --- network type rules (checked in this order; the first that holds wins) ------------

def services_lead(f: _Facts) -> bool:
    """Practitioners are at least half of the people on the map."""
    return f.people > 0 and f.formal / f.people >= FORMAL_SHARE_MIN


def family_majority(f: _Facts) -> bool:
    """Family and partner are more than half of the people on the map."""
    return f.people > 0 and f.family / f.people > FAMILY_SHARE_OVER


def home_is_central(f: _Facts) -> bool:
    """Home most of the day; or, unless they said less than half the day, few places
    away from home."""
    if f.time_at_home == "most":
        return True
    return f.time_at_home != "less_than_half" and f.places_outside_home <= FEW_PLACES_MAX


def small_network(f: _Facts) -> bool:
    return f.size <= SMALL_NETWORK_MAX


def quiet_outside_home(f: _Facts) -> bool:
    """Few places away from home and few activities."""
    return f.outside_home <= QUIET_OUTSIDE_HOME_MAX


def is_family_stable(f: _Facts) -> bool:
    """1. Family and stable: family/partner are the majority and home is central."""
    return family_majority(f) and home_is_central(f)


def is_formal_sparse(f: _Facts) -> bool:
    """2. Formal and sparse: quiet outside home, and services lead or the map is small."""
    return quiet_outside_home(f) and (services_lead(f) or small_network(f))


def network_type(f: _Facts) -> str:
    """3. Diverse and active: everything else (a larger or busier mix)."""
    if is_family_stable(f):
        return "family_stable"
    if is_formal_sparse(f):
        return "formal_sparse"
    return "diverse_active"


def _because(kind: str | None, f: _Facts) -> str:
    outside = (f"{f.places_outside_home} place(s) away from home and "
               f"{f.activities} activit{'y' if f.activities == 1 else 'ies'}")
    if kind is None:
        return "No current connections on the map."
    if kind == "family_stable":
        home = ("home most of the day" if f.time_at_home == "most"
                else f"{f.places_outside_home} place(s) away from home "
                     f"(at most {FEW_PLACES_MAX})")
        return (f"Family or partner are {f.family} of {f.people} people (more than half); "
                f"{home}.")
    if kind == "formal_sparse":
        why = []
        if services_lead(f):
            why.append(f"practitioners are {f.formal} of {f.people} people (at least half)")
        if small_network(f):
            why.append(f"{f.size} connections not counting home (at most "
                       f"{SMALL_NETWORK_MAX})")
        return (f"{outside} (at most {QUIET_OUTSIDE_HOME_MAX} together); "
                + "; ".join(why) + ".")
    return (f"Not family-centred or formal and sparse: {f.size} connections not counting "
            f"home, {outside}.")


def _explanation(kind: str | None, f: _Facts, wmap: WellbeingMap) -> str:
    if kind is None:
        return ("There's nothing on your map yet, so there's no pattern to describe. "
                "That's fine: you can add to it whenever you're ready.")
    if kind == "family_stable":
        who = ("your family" if any(c.category == "family" for c in current(wmap, "person"))
               else "your partner")
        return (f"Your map is built around {who} and your home. About a third of the maps "
                "in the study looked like this, and family and home can be a steady base. "
                "Some people are happy just as they are; it's up to you whether anything "
                "changes.")
    if kind == "formal_sparse":
        start = ("Right now much of your support comes from services, and life outside "
                 "home is fairly quiet." if services_lead(f)
                 else "Your map is small and fairly quiet right now.")
        return (f"{start} That's true for many people, and it can be a safe base. Some "
                "people are happy with one or two close contacts. If you ever want to add "
                "something, it can be one small step at a time.")
    layers = [word for word, n in (("people", f.people), ("places", f.places_outside_home),
                                   ("things you do", f.activities)) if n]
    mix = (", ".join(layers[:-1]) + " and " + layers[-1]) if len(layers) > 1 else \
        (layers[0] if layers else "connections")
    return (f"Your map has a mix of {mix}. That variety can give you different things on "
            "different days. A bigger map isn't better in itself: what matters is what "
            "feels right for you.")


def analyse(wmap: WellbeingMap) -> Analysis:
    people = current(wmap, "person")
    rated = [c for c in current(wmap) if c.effect in Q.EFFECT_WORDS]
    helps = sum(c.effect == "positive" for c in rated)
    drains = sum(c.effect == "negative" for c in rated)
    f = _facts(wmap)
    # An empty map has no type: there is nothing to describe yet.
    kind = network_type(f) if current(wmap) else None
    return Analysis(
        people=len(people),
        places=len(current(wmap, "place")),
        activities=len(current(wmap, "activity")),
        places_outside_home=f.places_outside_home,
        inner_circle=sum(p.closeness == "inner" for p in people),
        rated=len(rated),
        helps=helps,
        drains=drains,
        helps_share=_share(helps, len(rated)),
        drains_share=_share(drains, len(rated)),
        formal=f.formal,
        informal=sum(p.category not in (FORMAL, PET) for p in people),
        practitioner_in_inner_circle=any(p.category == FORMAL and p.closeness == "inner"
                                         for p in people),
        time_at_home=wmap.time_at_home,
        missed=[{"id": c.id, "kind": c.kind, "label": c.display}
                for c in wmap.connections if c.missed],
        network_type=kind,
        network_type_explanation=_explanation(kind, f, wmap),
        network_type_because=_because(kind, f),
    )


# --- names in sentences ----------------------------------------------------------------

# Common nouns that read better with "the": "Library" -> "the library". Brand names
# (Costa, Tesco) and the person's own names ("St Mark's") are left as they are.
GENERIC_PLACES = {"library", "gym", "park", "cafe", "caf\u00e9", "church", "mosque",
                  "temple", "gurdwara", "synagogue", "chapel", "day centre", "drop in",
                  "drop-in", "community centre", "leisure centre", "swimming pool", "pool",
                  "sports centre", "pub", "shops", "shop", "supermarket", "market",
                  "college", "university", "office", "food bank", "foodbank", "allotment",
                  "beach", "woods", "clubhouse", "hospital", "clinic", "surgery",
                  "recovery college", "village hall", "youth club", "club"}
_ACTIVITY_PHRASES = {p for phrases in ACTIVITY_WORDS.values() for p in phrases}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def place_name(c: Connection) -> str:
    """'The park' -> 'the park', 'Library' -> 'the library', 'St Mary's' stays."""
    plain = normalise(c.label)
    if plain.startswith(("the ", "my ")):
        return _lower_first(c.label)
    if plain in GENERIC_PLACES:
        return "the " + plain
    return c.label


def activity_name(c: Connection) -> str:
    """'Reading' -> 'reading'; 'Warhammer' stays."""
    plain = normalise(c.label)
    return plain if plain in _ACTIVITY_PHRASES else c.label


def name_of(c: Connection) -> str:
    if c.kind == "place":
        return place_name(c)
    if c.kind == "activity":
        return activity_name(c)
    return c.display


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- pointers for change ---------------------------------------------------------------

@dataclass
class Pointer:
    text: str  # offered, never pushed: "If you'd like, ..."
    reason: str  # what in the map it comes from
    connections: list[str] = field(default_factory=list)  # connection ids
    rule: str = ""  # which rule made it (for tests and researchers; not in to_dict)

    def to_dict(self) -> dict:
        return {"text": self.text, "reason": self.reason,
                "connections": list(self.connections)}


def group_form(activity: Connection) -> str | None:
    words = f" {normalise(activity.label)} "
    for keys, form in LABEL_GROUP_FORMS:
        if any(f" {k} " in words for k in keys):
            return form
    return GROUP_FORMS.get(activity.category or "")


def _at_home(wmap: WellbeingMap, activity: Connection) -> bool:
    return any(is_home(p) for p in wmap.linked(activity.id, "happens_at"))


def _hobby_pointer(wmap: WellbeingMap) -> Pointer | None:
    """A hobby done alone (no "does with" links) and/or at home that has a group form.
    Not for anything rated not good for them. Alone AND at home comes first, then map
    order."""
    found = []
    for index, a in enumerate(current(wmap, "activity")):
        form = group_form(a)
        if not form or a.effect == "negative":
            continue
        alone = not wmap.linked(a.id, "does_with")
        home = _at_home(wmap, a)
        if alone or home:
            found.append((not (alone and home), index, a, form, alone, home))
    if not found:
        return None
    _, _, a, form, alone, home = min(found, key=lambda x: (x[0], x[1]))
    how = join_names([w for w, yes in (("on your own", alone), ("at home", home)) if yes])
    name = activity_name(a)
    return Pointer(
        text=f"If you'd like, {name} could be a way to meet people too: some people "
             f"enjoy {form}.",
        reason=f"You do {name} {how}",
        connections=[a.id], rule="hobby_group_form")


def _place_pointer(wmap: WellbeingMap) -> Pointer | None:
    """Places that often offer contact with people, that they go to and rate good or
    neither (not draining, not mixed)."""
    places = [p for p in current(wmap, "place")
              if p.category in CONTACT_PLACES and p.effect in OK_FOR_BUILDING]
    if not places:
        return None
    names = join_names([place_name(p) for p in places])
    effects = {p.effect for p in places}
    feel = "good" if effects == {"positive"} else "OK" if effects == {"neutral"} \
        else "good or OK"
    return Pointer(
        text=f"If you'd like more contact with people, {names} might offer that: a group, "
             "a class or just a chat, at your own pace.",
        reason=f"You already go to {names}, and "
               f"{'it feels' if len(places) == 1 else 'they feel'} {feel} for you",
        connections=[p.id for p in places], rule="contact_place")


def _missed_pointer(wmap: WellbeingMap) -> Pointer | None:
    """Someone or something they said they miss."""
    missed = [c for c in wmap.connections if c.missed]
    if not missed:
        return None
    names = join_names([name_of(c) for c in missed])
    if len(missed) == 1:
        action = {"person": f"getting back in touch with {names}",
                  "place": f"going back to {names}",
                  "activity": f"doing {names} again"}[missed[0].kind]
    else:
        action = "getting back to one of them"
    return Pointer(text=f"If you'd like, {action} could be one of your changes.",
                   reason=f"You said you miss {names}",
                   connections=[c.id for c in missed], rule="missed")


def _draining_pointer(wmap: WellbeingMap) -> Pointer | None:
    """A draining (not good) contact who knows other people on the map: changes there
    can ripple to the others, so it may need careful handling. First one in map order."""
    for person in current(wmap, "person"):
        if person.effect != "negative":
            continue
        linked = [c for c in wmap.linked(person.id, "knows") if not c.missed]
        if not linked:
            continue
        names = join_names([c.display for c in linked])
        return Pointer(
            text=f"{person.display} knows {names}. If you'd like, you could think through, "
                 "with someone you trust, how to handle that with care, for example what "
                 "you share and with whom.",
            reason=f"You said {person.display} isn't good for you, and knows {names}",
            connections=[person.id] + [c.id for c in linked], rule="draining_linked")
    return None


def _services_pointer(wmap: WellbeingMap) -> Pointer | None:
    """Support only from services: there are practitioners and no informal people."""
    people = current(wmap, "person")
    workers = [p for p in people if p.category == FORMAL]
    if not workers or any(p.category not in (FORMAL, PET) for p in people):
        return None
    names = join_names([w.display for w in workers])
    return Pointer(
        text="If you'd like, a group, a class or a place you already go could bring in "
             "other people too, alongside your workers. One small step is enough.",
        reason=f"The people on your map are all workers: {names}",
        connections=[w.id for w in workers], rule="services_only")


def _home_pointer(wmap: WellbeingMap) -> Pointer | None:
    """Mostly at home (time at home: most of the day)."""
    if wmap.time_at_home != "most":
        return None
    home = [p.id for p in current(wmap, "place") if is_home(p)]
    return Pointer(
        text="If you'd like, one place nearby could be a small way to get out now and "
             "then. Lots of people spend most of the day at home.",
        reason="You spend most of the day at home",
        connections=home[:1], rule="mostly_home")


# The rules, in the order their pointers are shown: building blocks the person already
# has first (hobbies, places, what they miss), then careful handling, then the wider
# picture. Each rule gives at most one pointer; the list stops at MAX_POINTERS.
POINTER_RULES = (_hobby_pointer, _place_pointer, _missed_pointer, _draining_pointer,
                 _services_pointer, _home_pointer)


def pointers(wmap: WellbeingMap) -> list[Pointer]:
    found = [p for rule in POINTER_RULES if (p := rule(wmap)) is not None]
    return found[:MAX_POINTERS]


# --- the goal summary in one SMS --------------------------------------------------------

ELLIPSIS = "..."  # plain ASCII keeps the SMS in the GSM alphabet


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters; cut at a word boundary and mark the cut with '...'.
    A single word longer than the limit is cut, with the ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    room = max(limit - len(ELLIPSIS), 1)
    cut = text[:room + 1]
    if " " in cut.strip():
        cut = cut[:cut.rstrip().rfind(" ")]
    else:
        cut = cut[:room]
    return cut.rstrip(" ,;:.-") + ELLIPSIS


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _list(names: list[str], max_items: int, label_limit: int) -> str:
    shown = [shorten(n, label_limit) for n in names[:max_items]]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" +{more} more" if more else "")


def _end(text: str) -> str:
    return text.rstrip(" .!?,;:") if not text.endswith(ELLIPSIS) else text


def _sentences(pieces: list[str]) -> str:
    """Join into sentences; a piece already ending in '...' gets no extra full stop."""
    text = ""
    for piece in pieces:
        if text:
            text += " " if text.endswith(ELLIPSIS) else ". "
        text += piece
    return text if text.endswith(ELLIPSIS) else text + "."


# From generous to tight: label, items per list, goal text, first step, when. The
# changes matter most, so the lists of what helps and drains shrink first.
_SMS_LADDER = ((30, 4, 120, 80, 30), (20, 3, 120, 80, 30), (20, 2, 120, 80, 30),
               (15, 1, 120, 80, 30), (15, 1, 90, 60, 25), (15, 1, 70, 50, 22),
               (15, 1, 56, 42, 20), (12, 1, 45, 34, 16), (12, 1, 34, 26, 14),
               (10, 1, 26, 20, 12))


def _sms(wmap: WellbeingMap, name: str | None, sizes: tuple[int, ...]) -> str:
    label, items, goal_limit, step_limit, when_limit = sizes
    a = analyse(wmap)
    name = " ".join((name or "").split())
    if len(name) > NAME_LIMIT:  # a long name: the first word, if that fits
        name = name.split()[0]
    who = f"{shorten(name, NAME_LIMIT)}, your" if name else "Your"
    if not current(wmap):
        head = f"{who} wellbeing map is empty for now."
    else:
        head = (f"{who} map: {_plural(a.people, 'person', 'people')}, "
                f"{_plural(a.places, 'place', 'places')}, "
                f"{_plural(a.activities, 'activity', 'activities')}")
        if wmap.time_at_home:
            head += f"; at home {Q.TIME_AT_HOME_WORDS[wmap.time_at_home]}"
        head += "."
    parts = [head]
    helps = [name_of(c) for c in current(wmap) if c.effect == "positive"]
    drains = [name_of(c) for c in current(wmap) if c.effect == "negative"]
    if helps:
        parts.append(f"Helps: {_list(helps, items, label)}.")
    if drains:
        parts.append(f"Drains: {_list(drains, items, label)}.")
    if wmap.goals:
        parts.append("Changes:")
        for i, goal in enumerate(wmap.goals, 1):
            pieces = [f"{i}) {_end(shorten(goal.text, goal_limit))}"]
            when = _by(_end(shorten(goal.by_when, when_limit))) if goal.by_when else ""
            if goal.first_step:
                step = f"First step: {_end(shorten(goal.first_step, step_limit))}"
                pieces.append(f"{step}, {when}" if when else step)
            elif when:
                pieces[0] += f", {when}"
            parts.append(_sentences(pieces))
    elif current(wmap):
        parts.append("No changes chosen this time, and that's fine.")
    return " ".join(parts)


def sms_summary(wmap: WellbeingMap, name: str | None = None) -> str:
    """The map in a sentence, what helps, what drains, and the chosen changes with the
    first step and when: always fewer than SMS_LIMIT characters."""
    for sizes in _SMS_LADDER:
        text = _sms(wmap, name, sizes)
        if len(text) < SMS_LIMIT:
            return text
    return shorten(text, SMS_LIMIT - 1)
