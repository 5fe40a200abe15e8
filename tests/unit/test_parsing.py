"""Reading what people type: lists, kinds of people, places and activities, choices."""

import pytest

from bot import questions as Q
from bot.parsing import (choose_option, is_done, parse_activity, parse_person, parse_place,
                         split_list, yes_or_no)


def test_a_list_in_one_message_is_split_into_people():
    assert split_list("my mum, my mate Dave n my CPN Sarah") == ["my mum", "my mate Dave", "my CPN Sarah"]
    assert split_list("nan & grandad + Auntie Jo; my dog") == ["nan", "grandad", "Auntie Jo", "my dog"]
    assert split_list("mum/dad") == ["mum", "dad"]
    assert split_list("<b>Bob</b>") == ["<b>Bob</b>"]  # markup is kept as typed, not split
    assert split_list(" ,, 😊 ") == []


@pytest.mark.parametrize("typed, label, category, display", [
    ("my mum", "Mum", "family", "Mum"),
    ("my mate Dave", "Dave", "friend", "Dave"),
    ("my CPN Sarah", "Sarah", "practitioner", "Sarah (CPN)"),
    ("Sarah my CPN", "Sarah", "practitioner", "Sarah (CPN)"),
    ("my GP", "GP", "practitioner", "GP"),
    ("my sister Priya", "Priya", "family", "Priya (sister)"),
    ("our dog Biscuit", "Biscuit", "pet", "Biscuit (dog)"),
    ("the nurse at the clinic", "Nurse at the clinic", "practitioner", "Nurse at the clinic"),
    ("i live with my girlfriend Zoe", "Zoe", "partner", "Zoe (girlfriend)"),
    ("lost touch with my cousin Tom", "Tom", "family", "Tom (cousin)"),
    ("Dave", "Dave", None, "Dave"),
])
def test_people_get_a_label_and_a_category_from_the_words_used(typed, label, category, display):
    from bot.model import Connection
    parsed = parse_person(typed)
    assert (parsed.label, parsed.category) == (label, category)
    assert Connection("x", "person", parsed.label, parsed.category, parsed.role).display == display


@pytest.mark.parametrize("typed, label, category", [
    ("the library", "Library", "library"), ("Tesco", "Tesco", "shop"),
    ("church on sundays", "Church on sundays", "worship"), ("the day centre", "Day centre", "day_centre"),
    ("my allotment", "Allotment", "park"), ("somewhere odd", "Somewhere odd", "other"),
])
def test_places_are_categorised(typed, label, category):
    assert (parse_place(typed).label, parse_place(typed).category) == (label, category)


@pytest.mark.parametrize("typed, category", [
    ("walking the dog", "pet_care"), ("reading", "reading"), ("playing fifa", "gaming"),
    ("i go swimming", "exercise"), ("volunteering at the food bank", "volunteering"),
])
def test_activities_are_categorised(typed, category):
    assert parse_activity(typed).category == category


@pytest.mark.parametrize("typed, key", [
    ("1", "inner"), ("2.", "middle"), ("option 3", "outer"), ("three", "outer"),
    ("Inner circle, very close", "inner"), ("really close", "inner"),
    ("not that close", "outer"), ("kinda close", "middle"), ("7", None), ("banana", None),
])
def test_choices_by_number_words_or_button_title(typed, key):
    choice = choose_option(typed, Q.CLOSENESS_OPTIONS)
    assert (choice.key if choice else None) == key


@pytest.mark.parametrize("typed, key", [
    ("good", "positive"), ("not good", "negative"), ("bit of both", "mixed"),
    ("drains me tbh", "negative"), ("meh", "neutral"), ("i'd rather not say", "rather_not_say"),
    ("not bad", "positive"),
])
def test_effect_words(typed, key):
    assert choose_option(typed, Q.EFFECT_OPTIONS).key == key


def test_yes_no_and_done():
    assert yes_or_no("yeah go on") == "yes"
    assert yes_or_no("nah not really") == "no"
    assert yes_or_no("purple") is None
    assert is_done("that's all") and is_done("no one else") and is_done("Nope, that's it")
    assert not is_done("my nan")
