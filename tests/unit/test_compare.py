"""Two maps of the same person, some months apart: what a person or worker would notice."""

from bot.compare import compare, similar_goals
from bot.model import Connection, Goal, WellbeingMap


def c(cid, kind, label, category=None, closeness=None, effect=None, role=None,
      missed=False):
    return Connection(cid, kind, label, category, role, closeness, effect, None, missed)


def build(connections, time_at_home=None, goals=()):
    return WellbeingMap(id="m", conversation_id="c", time_at_home=time_at_home,
                        connections=list(connections), goals=list(goals))


def earlier_map():
    return build(
        [c("1", "person", "Sam", "friend", "inner", "positive"),
         c("2", "person", "Priya", "friend", "inner", "positive"),
         c("3", "person", "Tom", "colleague", "middle", "positive"),
         c("4", "person", "Kev", "family", "middle", "negative", role="brother"),
         c("5", "person", "Lou", "friend", "outer", "positive", missed=True),
         c("6", "place", "Library", "library", effect="neutral"),
         c("7", "activity", "Reading", "reading", effect="positive")],
        time_at_home="less_than_half",
        goals=[Goal("Join a book club at the library", first_step="ask at the desk"),
               Goal("See Kev less")])


def later_map():
    # New ids, different capitals and spaces: matching is by kind and label.
    return build(
        [c("a", "person", "sam ", "friend", "inner", "positive"),
         c("b", "person", "Priya", "friend", "middle", "positive"),
         c("c", "person", "Tom", "colleague", "inner", "positive"),
         c("d", "person", "  LOU", "friend", "middle", "positive"),
         c("e", "person", "Ana", "friend", "middle", "positive"),
         c("f", "place", "library", "library", effect="positive"),
         c("g", "activity", "Reading", "reading", effect="positive"),
         c("h", "activity", "Book club", "reading", effect="positive")],
        time_at_home="about_half",
        goals=[Goal("Keep going to the book club at the library")])


def test_gained_and_lost_match_on_kind_and_label():
    result = compare(earlier_map(), later_map())
    assert result.gained == [{"kind": "person", "label": "Ana"},
                             {"kind": "activity", "label": "Book club"}]
    assert result.lost == [{"kind": "person", "label": "Kev (brother)"}]
    assert result.counts_before == {"person": 4, "place": 1, "activity": 1}
    assert result.counts_after == {"person": 5, "place": 1, "activity": 2}


def test_closer_further_and_effect_changes():
    result = compare(earlier_map(), later_map())
    assert result.closer == [{"kind": "person", "label": "Tom", "from": "middle", "to": "inner"},
                             {"kind": "person", "label": "LOU", "from": "outer", "to": "middle"}]
    assert result.further == [{"kind": "person", "label": "Priya", "from": "inner",
                               "to": "middle"}]
    assert result.effect_changed == [{"kind": "place", "label": "library", "from": "neutral",
                                      "to": "positive"}]
    assert result.back_in_touch == [{"kind": "person", "label": "LOU"}]
    assert result.time_at_home == {"from": "less_than_half", "to": "about_half"}


def test_goals_carried_on_or_for_the_person_to_say():
    result = compare(earlier_map(), later_map())
    assert result.goals_carried_on == [{"earlier": "Join a book club at the library",
                                        "later": "Keep going to the book club at the library"}]
    # Nothing on the later map says whether this was met: we don't pretend to know.
    assert result.goals_for_person_to_say == ["See Kev less"]


def test_to_text_is_plain_and_warm():
    text = compare(earlier_map(), later_map()).to_text()
    assert text.splitlines()[0] == "Here's what's different since your last map."
    assert "New on your map: Ana and Book club." in text
    assert "Not on your map this time: Kev (brother)." in text
    assert "Closer now: Tom (from middle circle to inner circle)" in text
    assert "Further out now: Priya (from inner circle to middle circle)." in text
    assert "library: last time neither good nor bad, now good for you." in text
    assert "You said you missed LOU last time" in text
    assert "Time at home: last time less than half the day, now about half the day." in text
    assert "you're carrying this on" in text
    assert "\u201cSee Kev less\u201d: how did it go? Only you can say" in text
    for word in ("met", "failed", "didn't manage"):
        assert f" {word} " not in text


def test_same_map_twice_reports_no_change():
    result = compare(earlier_map(), earlier_map())
    assert not (result.gained or result.lost or result.closer or result.further
                or result.effect_changed or result.time_at_home)
    assert result.to_text().startswith("Your map looks much the same as last time.")
    # Same goals on both maps: carried on.
    assert len(result.goals_carried_on) == 2 and result.goals_for_person_to_say == []
    assert set(result.to_dict()) >= {"gained", "lost", "closer", "further",
                                     "effect_changed", "goals_carried_on",
                                     "goals_for_person_to_say"}


def test_a_first_rating_is_not_a_change():
    before = build([c("1", "place", "Gym", "gym")])
    after = build([c("2", "place", "gym", "gym", effect="positive")])
    assert compare(before, after).effect_changed == []


def test_same_kind_matters():
    before = build([c("1", "place", "Church", "worship")])
    after = build([c("2", "activity", "Church", "faith")])
    result = compare(before, after)
    assert result.lost == [{"kind": "place", "label": "Church"}]
    assert result.gained == [{"kind": "activity", "label": "Church"}]


def test_similar_goals():
    assert similar_goals("Join a book club at the library",
                         "Keep going to the book club at the library")
    assert similar_goals("walk to the park", "Walk to the park every day")
    assert not similar_goals("See Kev less", "Keep going to the book club at the library")
    assert not similar_goals("Get back in touch with Lou", "Cook with Mum on Sundays")


def test_empty_maps():
    result = compare(build([]), build([]))
    assert result.to_dict()["gained"] == [] and result.goals_carried_on == []
    assert "much the same" in result.to_text()
