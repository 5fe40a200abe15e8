"""Risk detection: urgent help for risk, silence for idioms and innocent names."""

import pytest

from bot.safety import suggests_risk, urgent_help_message


@pytest.mark.parametrize("text", [
    "i want to kill myself", "kms", "thinking of ending it all", "i'm going to end my life",
    "been cutting again", "i took too many pills", "my partner hits me",
    "he hurts my kids", "i wanna unalive", "su1cide", "i don't want to be here anymore",
])
def test_risk_messages_are_noticed(text):
    assert suggests_risk(text)


@pytest.mark.parametrize("text", [
    "this form is killing me", "i could murder a curry", "my friend Hope",
    "the Cutting Room on the high street", "dying to see the new film", "my mum",
    "the gym is bad for me", "Dave drains me",
])
def test_idioms_and_names_are_not(text):
    assert not suggests_risk(text)


def test_a_confident_nlu_risk_reading_counts_but_a_weak_one_does_not():
    assert suggests_risk("everything feels pointless and heavy", "risk", 0.93)
    assert not suggests_risk("everything feels pointless and heavy", "risk", 0.4)


def test_urgent_help_lists_uk_numbers():
    message = urgent_help_message()
    for number in ("999", "111", "option 2", "116 123", "85258"):
        assert number in message
