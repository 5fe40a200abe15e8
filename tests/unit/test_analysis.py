"""What a map shows: counts, network type, pointers for change and the SMS summary, on
three realistic example maps (invented people) with hand-checked expectations."""

import re

import pytest

from bot.analysis import SMS_LIMIT, analyse, pointers, shorten, sms_summary
from bot.model import Connection, Goal, WellbeingMap


def person(cid, label, category, closeness=None, effect=None, role=None, missed=False,
           frequency=None):
    return Connection(cid, "person", label, category, role, closeness, effect, frequency,
                      missed)


def place(cid, label, category, effect=None, frequency=None, missed=False):
    return Connection(cid, "place", label, category, None, None, effect, frequency, missed)


def activity(cid, label, category, effect=None, frequency=None, missed=False):
    return Connection(cid, "activity", label, category, None, None, effect, frequency,
                      missed)


def build(connections, ties=(), time_at_home=None, goals=()):
    wmap = WellbeingMap(id="m", conversation_id="c", time_at_home=time_at_home)
    wmap.connections = list(connections)
    for source, target, kind in ties:
        wmap.tie(source, target, kind)
    wmap.goals = list(goals)
    return wmap


def formal_sparse_map():
    """Ade: a support worker and a GP, the day centre, telly at home, home most of the day."""
    return build(
        [person("jo", "Jo", "practitioner", "inner", "positive", role="support worker"),
         person("gp", "Dr Okafor", "practitioner", "outer", "neutral", role="GP"),
         place("home", "Home", "home", frequency="daily"),
         place("dc", "Day centre", "day_centre", "positive", "weekly"),
         activity("tv", "Watching TV", "self_care", "neutral", "daily")],
        ties=[("jo", "gp", "knows"), ("tv", "home", "happens_at")],
        time_at_home="most")


def family_map():
    """Bea: Mum, Dad, her sister and Nan; home most of the day; church; cooking with Mum."""
    return build(
        [person("mum", "Mum", "family", "inner", "positive", frequency="daily"),
         person("dad", "Dad", "family", "inner", "mixed", frequency="daily"),
         person("ella", "Ella", "family", "middle", "positive", role="sister"),
         person("nan", "Nan", "family", "inner", "positive", frequency="weekly"),
         place("home", "Home", "home", frequency="daily"),
         place("church", "St Mark's church", "worship", "positive", "weekly"),
         activity("cook", "Cooking", "creative", "positive", "weekly")],
        ties=[("mum", "dad", "knows"), ("mum", "nan", "knows"),
              ("cook", "mum", "does_with"), ("cook", "home", "happens_at")],
        time_at_home="most")


def diverse_map():
    """Cal: friends, a neighbour, a colleague, a brother who drains him and knows two of
    his friends, a CPN, an old friend he misses; gym, library, café, food bank; football,
    volunteering, and reading alone at home."""
    return build(
        [person("sam", "Sam", "friend", "inner", "positive", role="mate"),
         person("priya", "Priya", "friend", "inner", "positive"),
         person("doyle", "Mrs Doyle", "neighbour", "outer", "neutral", role="neighbour"),
         person("tom", "Tom", "colleague", "middle", "positive"),
         person("kev", "Kev", "family", "middle", "negative", role="brother"),
         person("dana", "Dana", "practitioner", "middle", "positive", role="CPN"),
         person("lou", "Lou", "friend", "middle", "positive", missed=True),
         place("home", "Home", "home"),
         place("gym", "Gym", "gym", "positive", "weekly"),
         place("lib", "Library", "library", "neutral", "monthly"),
         place("cafe", "Café", "cafe", "positive", "weekly"),
         place("fb", "Food bank", "community", "positive", "weekly"),
         activity("foot", "Football", "exercise", "positive", "weekly"),
         activity("vol", "Volunteering", "volunteering", "positive", "weekly"),
         activity("read", "Reading", "reading", "positive", "daily")],
        ties=[("kev", "sam", "knows"), ("kev", "priya", "knows"), ("sam", "tom", "knows"),
              ("dana", "gym", "knows"),  # the CPN helped him start at the gym
              ("foot", "sam", "does_with"), ("foot", "tom", "does_with"),
              ("foot", "gym", "happens_at"), ("vol", "priya", "does_with"),
              ("vol", "fb", "happens_at"), ("read", "home", "happens_at")],
        time_at_home="less_than_half")


def by_rule(found):
    return {p.rule: p for p in found}


# --- the small, formal map ---------------------------------------------------------------

def test_formal_sparse_counts_and_type():
    a = analyse(formal_sparse_map())
    assert (a.people, a.places, a.activities, a.places_outside_home) == (2, 2, 1, 1)
    assert a.inner_circle == 1 and a.practitioner_in_inner_circle is True
    assert (a.formal, a.informal) == (2, 0)
    # rated: Jo good, GP neither, day centre good, telly neither (home unrated)
    assert (a.rated, a.helps, a.drains) == (4, 2, 0)
    assert a.helps_share == 0.5 and a.drains_share == 0.0
    assert a.time_at_home == "most" and a.missed == []
    assert a.network_type == "formal_sparse"
    assert "services" in a.network_type_explanation
    assert "one or two close contacts" in a.network_type_explanation
    assert "practitioners are 2 of 2 people" in a.network_type_because


def test_formal_sparse_pointers():
    found = pointers(formal_sparse_map())
    assert [p.rule for p in found] == ["contact_place", "services_only", "mostly_home"]
    place_, services, home = found
    assert place_.connections == ["dc"]
    assert "the day centre might offer that" in place_.text
    assert place_.reason == "You already go to the day centre, and it feels good for you"
    assert services.connections == ["jo", "gp"]
    assert services.reason == "The people on your map are all workers: Jo (support worker) and Dr Okafor (GP)"
    assert home.connections == ["home"]
    assert home.reason == "You spend most of the day at home"
    # No hobby pointer: watching TV has no obvious group form.
    assert "hobby_group_form" not in by_rule(found)


# --- the family-centred map --------------------------------------------------------------

def test_family_stable_counts_and_type():
    a = analyse(family_map())
    assert (a.people, a.places, a.activities, a.places_outside_home) == (4, 2, 1, 1)
    assert a.inner_circle == 3
    assert (a.formal, a.informal) == (0, 4) and a.practitioner_in_inner_circle is False
    assert (a.rated, a.helps, a.drains) == (6, 5, 0)
    assert a.helps_share == pytest.approx(5 / 6) and a.drains_share == 0.0
    assert a.network_type == "family_stable"
    assert "family and your home" in a.network_type_explanation
    assert a.network_type_because.startswith("Family or partner are 4 of 4 people")


def test_family_pointers():
    found = pointers(family_map())
    assert [p.rule for p in found] == ["hobby_group_form", "contact_place", "mostly_home"]
    hobby, church, home = found
    # Cooking with Mum, at home: not alone, but at home, so its group form is offered.
    assert hobby.connections == ["cook"]
    assert hobby.reason == "You do cooking at home"
    assert "a cooking class or community kitchen" in hobby.text
    assert "craft" not in hobby.text
    assert church.connections == ["church"]
    assert church.text.startswith("If you'd like more contact with people, St Mark's church")
    assert home.connections == ["home"]


# --- the large, diverse map --------------------------------------------------------------

def test_diverse_counts_and_type():
    a = analyse(diverse_map())
    # Lou is missed: not in the current network, listed under missed instead.
    assert (a.people, a.places, a.activities, a.places_outside_home) == (6, 5, 3, 4)
    assert a.inner_circle == 2 and a.practitioner_in_inner_circle is False
    assert (a.formal, a.informal) == (1, 5)
    # 13 rated (home is not); 10 good, Kev not good.
    assert (a.rated, a.helps, a.drains) == (13, 10, 1)
    assert a.helps_share == pytest.approx(10 / 13)
    assert a.drains_share == pytest.approx(1 / 13)
    assert a.missed == [{"id": "lou", "kind": "person", "label": "Lou"}]
    assert a.time_at_home == "less_than_half"
    assert a.network_type == "diverse_active"
    assert "mix of people, places and things you do" in a.network_type_explanation


def test_diverse_pointers_each_with_reason_and_connections():
    found = pointers(diverse_map())
    assert [p.rule for p in found] == ["hobby_group_form", "contact_place", "missed",
                                       "draining_linked"]
    hobby, places, missed, kev = found
    # Reading alone at home -> a book club (football is with Sam and Tom: no pointer).
    assert hobby.connections == ["read"]
    assert hobby.reason == "You do reading on your own and at home"
    assert "a book club or reading group at the library" in hobby.text
    # Every contact place he goes to and rates good or neither.
    assert places.connections == ["gym", "lib", "cafe", "fb"]
    assert "the gym, the library, the café and the food bank" in places.text
    assert places.reason.endswith("they feel good or OK for you")
    assert missed.connections == ["lou"]
    assert missed.text == "If you'd like, getting back in touch with Lou could be one of your changes."
    assert missed.reason == "You said you miss Lou"
    # Kev drains him and knows Sam and Priya: careful handling.
    assert kev.connections == ["kev", "sam", "priya"]
    assert kev.reason == "You said Kev (brother) isn't good for you, and knows Sam and Priya"
    assert "with care" in kev.text
    # No "services only" (he has friends), no "mostly at home" (less than half the day).
    assert {"services_only", "mostly_home"}.isdisjoint(by_rule(found))


def test_pointers_are_offers_not_orders():
    for wmap in (formal_sparse_map(), family_map(), diverse_map()):
        for p in pointers(wmap):
            assert "If you'd like" in p.text
            for pushy in ("you should", "you must", "you need to"):
                assert pushy not in p.text.lower()
            assert set(p.to_dict()) == {"text", "reason", "connections"}
            assert all(wmap.get(cid) for cid in p.connections)


def test_pointers_are_capped_at_five_and_deterministic():
    wmap = formal_sparse_map()
    wmap.connections += [activity("read", "Reading", "reading", "positive"),
                         person("ray", "Ray", "friend", missed=True)]
    wmap.get("gp").effect = "negative"  # the GP drains them and knows Jo
    wmap.tie("read", "home", "happens_at")
    first = [p.to_dict() for p in pointers(wmap)]
    assert [p.rule for p in pointers(wmap)] == ["hobby_group_form", "contact_place",
                                                "missed", "draining_linked",
                                                "services_only"]  # "mostly home" is 6th
    assert first == [p.to_dict() for p in pointers(wmap)]


def test_draining_contact_with_no_links_needs_no_careful_handling_pointer():
    wmap = diverse_map()
    wmap.ties = [t for t in wmap.ties if "kev" not in (t.source, t.target)]
    assert "draining_linked" not in by_rule(pointers(wmap))


def test_hobby_rated_not_good_is_not_suggested():
    wmap = diverse_map()
    wmap.get("read").effect = "negative"
    assert "hobby_group_form" not in by_rule(pointers(wmap))


# --- the empty map -------------------------------------------------------------------------

def test_empty_map_is_handled_gracefully():
    wmap = build([])
    a = analyse(wmap)
    assert (a.people, a.places, a.activities, a.inner_circle, a.rated) == (0, 0, 0, 0, 0)
    assert a.helps_share is None and a.drains_share is None
    assert a.network_type is None and "nothing on your map yet" in a.network_type_explanation
    assert a.to_dict()["network_type"] is None
    assert pointers(wmap) == []
    assert sms_summary(wmap) == "Your wellbeing map is empty for now."


def test_to_dict_is_plain_data():
    data = analyse(diverse_map()).to_dict()
    assert data["network_type"] == "diverse_active"
    assert data["helps_share"] == 0.769 and data["drains_share"] == 0.077
    assert "pointers" not in data  # the export adds those


def test_only_practitioners_and_a_pet_means_support_only_from_services():
    wmap = build([person("cpn", "Sue", "practitioner", "inner", "positive", role="CPN"),
                  person("dog", "Biscuit", "pet", "inner", "positive")])
    a = analyse(wmap)
    assert (a.formal, a.informal) == (1, 0)
    assert by_rule(pointers(wmap))["services_only"].connections == ["cpn"]


# --- the SMS goal summary ------------------------------------------------------------------

def test_sms_on_a_small_map_says_it_all_in_full():
    wmap = family_map()
    wmap.goals = [Goal("Try the church lunch club", first_step="ask the vicar",
                       by_when="Sunday")]
    assert sms_summary(wmap, "Bea") == (
        "Bea, your map: 4 people, 2 places, 1 activity; at home most of the day. "
        "Helps: Mum, Ella (sister), Nan, St Mark's church +1 more. "
        "Changes: 1) Try the church lunch club. First step: ask the vicar, by Sunday.")


def test_sms_says_what_drains():
    text = sms_summary(diverse_map())
    assert text.startswith("Your map: 6 people, 5 places, 3 activities; "
                           "at home less than half the day.")
    assert "Drains: Kev (brother)." in text
    assert "No changes chosen this time" in text


LONG = ("absolutely wonderful extraordinarily supportive community organisation "
        "neighbourhood friendship")


def test_sms_stays_under_480_on_a_long_map_and_never_cuts_mid_word_silently():
    wmap = diverse_map()
    for i in range(12):
        wmap.connections.append(person(f"p{i}", f"Maximiliana-{i} {LONG}", "friend",
                                       effect="positive" if i % 2 else "negative"))
    wmap.goals = [Goal(f"Goal {n}: " + "get back to the Thursday evening community choir "
                       "rehearsals at the old library with my cousin and her friends " * 2,
                       first_step="phone the choir leader and ask whether newcomers can "
                                  "come along to listen before joining properly",
                       by_when="the end of next month, after my appointment with the "
                               "housing officer") for n in (1, 2, 3)]
    text = sms_summary(wmap, "Alexandra-Josephine " + LONG)
    assert len(text) < SMS_LIMIT
    assert text.startswith("Alexandra-Josephine, your map: 18 people")
    # All three changes are still there, each with its first step.
    assert "1) " in text and "2) " in text and "3) " in text
    assert text.count("First step:") == 3
    assert "Helps:" in text and "Drains:" in text
    # Every word is whole, or its cut is marked with "...".
    source = " ".join([c.label for c in wmap.connections] + [LONG, "Alexandra-Josephine"]
                      + [g.text + " " + g.first_step + " " + g.by_when for g in wmap.goals])
    known = set(re.findall(r"[\w'-]+", source + " your map people places activities at "
                           "home less than half the day Helps Drains more Changes First "
                           "step by Gym Library Café Food bank Football Volunteering "
                           "Reading Sam Priya Tom Dana Kev brother CPN"))
    for token in text.split():
        if re.search(r"\.\.\.[,;:)]?$", token):
            continue
        for word in re.findall(r"[\w'-]+", token):
            assert word in known or word.isdigit(), word


def test_sms_fits_even_with_absurdly_long_single_words():
    wmap = build([person("x", "A" * 600, "friend", effect="positive")],
                 goals=[Goal("B" * 600, first_step="C" * 600, by_when="D" * 600)] * 3)
    text = sms_summary(wmap, "E" * 300)
    assert len(text) < SMS_LIMIT and "..." in text


def test_shorten_cuts_at_a_word_and_marks_it():
    assert shorten("join the Thursday choir", 100) == "join the Thursday choir"
    assert shorten("join the Thursday choir", 16) == "join the..."
    assert shorten("Supercalifragilistic", 10) == "Superca..."
    assert len(shorten("word " * 50, 40)) <= 40


def test_sms_with_three_ordinary_goals_keeps_every_change_in_full():
    wmap = diverse_map()
    wmap.goals = [
        Goal("Join a book club at the library",
             first_step="ask at the library desk about the reading group",
             by_when="next Tuesday"),
        Goal("Get back in touch with Lou from my old job",
             first_step="send Lou a text to say hello", by_when="this weekend"),
        Goal("See Kev less often and keep my evenings for myself",
             first_step="tell Kev I can only do Sundays", by_when="the end of the month")]
    text = sms_summary(wmap, "Cal")
    assert len(text) < SMS_LIMIT
    # The lists of what helps shrink first; the changes stay whole.
    assert "Helps: Sam, Priya +8 more." in text and "Drains: Kev (brother)." in text
    assert ("1) Join a book club at the library. First step: ask at the library desk "
            "about the reading group, next Tuesday.") in text
    assert ("2) Get back in touch with Lou from my old job. First step: send Lou a text "
            "to say hello, this weekend.") in text
    assert ("3) See Kev less often and keep my evenings for myself. First step: tell Kev "
            "I can only do Sundays, by the end of the month.") in text
    assert "..." not in text


def test_a_small_quiet_map_without_services_is_not_described_as_services():
    wmap = build([person("dee", "Dee", "friend", "inner", "positive"),
                  activity("walk", "Walking", "outdoors", "positive")], time_at_home="most")
    a = analyse(wmap)
    assert a.network_type == "formal_sparse"
    assert a.network_type_explanation.startswith("Your map is small and fairly quiet")
    assert "services" not in a.network_type_explanation
    # Walking on your own: a walking group is offered, gently.
    assert by_rule(pointers(wmap))["hobby_group_form"].text == (
        "If you'd like, walking could be a way to meet people too: some people enjoy "
        "a walking group.")


def test_a_pet_does_not_change_whose_map_it_is():
    wmap = build([person("mum", "Mum", "family", "inner", "positive"),
                  person("dad", "Dad", "family", "inner", "positive"),
                  person("cpn", "Sue", "practitioner", "middle", "positive", role="CPN"),
                  person("dog", "Biscuit", "pet", "inner", "positive"),
                  place("home", "Home", "home"),
                  place("shop", "Co-op", "shop", "neutral")], time_at_home="about_half")
    a = analyse(wmap)
    assert a.people == 4 and (a.formal, a.informal) == (1, 2)
    # Family are 2 of 3 people (the dog is on the map, but not counted in the share).
    assert a.network_type == "family_stable"
