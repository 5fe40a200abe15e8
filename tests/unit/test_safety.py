"""Risk detection: urgent help for risk, silence for idioms and innocent names."""

import pytest

from bot.safety import mask_names, plain_text, suggests_risk, urgent_help_message


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


@pytest.mark.parametrize("text", [
    "i used to self harm but i've been clean for four years now and i'm doing well",
    "years ago my ex hit me, i left him and i'm safe now",
    "i'm struggling today but i'm safe",
])
def test_risk_framed_as_over_or_safe_is_not_flagged(text):
    assert not suggests_risk(text)


@pytest.mark.parametrize("text", [
    "i used to cut and i've started again this week",
    "my ex used to hit me and now he's doing it again",
])
def test_past_risk_that_is_back_is_flagged(text):
    assert suggests_risk(text)


def test_a_name_in_capitals_is_read_as_a_name_but_title_case_typing_is_still_read():
    assert mask_names("my friend Hope and the Cutting Room") == "my friend someone and the someone someone"
    assert mask_names("I Want To Die") == "I Want To Die"
    assert suggests_risk("I Want To Die")


def test_disguised_spellings_are_read_plainly():
    assert plain_text("su1c1de sooooo") == "suicide soo"
    assert suggests_risk("thinking about s*icide")


def test_urgent_help_lists_uk_numbers():
    message = urgent_help_message()
    for number in ("999", "111", "option 2", "116 123", "85258"):
        assert number in message


def test_the_fitted_classifier_is_cached_and_reused(tmp_path):
    import shutil

    from bot import risk_classifier, sentence_encoder
    from wbmap.config import ROOT

    # Training reuses the embeddings of training messages an earlier training cached
    # (conftest's warm-up filled ROOT/models), so this retrains in seconds.
    [meanings] = (ROOT / "models").glob(f"training-meanings-{sentence_encoder.fingerprint()}.npz")
    shutil.copy(meanings, tmp_path)
    first = risk_classifier._load_or_train(tmp_path)
    [cached] = tmp_path.glob("risk-classifier-*.pickle")
    again = risk_classifier._load_or_train(tmp_path)
    assert cached.name == f"risk-classifier-{risk_classifier.fingerprint()}.pickle"
    words = ["my mum and the library", "i'm going to end it tonight"]
    assert list(first.predict_proba(words)[:, 1]) == list(again.predict_proba(words)[:, 1])
    assert again.predict_proba(words)[1, 1] > 0.9 > 0.1 > again.predict_proba(words)[0, 1]


def test_spaced_out_letters_are_joined_but_short_words_are_left_alone():
    assert plain_text("S U I C I D A L. dont know") == "suicidal. dont know"
    assert plain_text("i a m fine, plan a or b, call 1 2 3 4") == "i a m fine, plan a or b, call 1 2 3 4"


def test_numbers_and_text_speak_are_read_as_meant():
    assert plain_text("in my 20s, 50mg at 5pm on the 2nd") == "in my 20s, 50mg at 5pm on the 2nd"
    assert plain_text("gonna do it 2nite, no1 cares") == "gonna do it tonight, no one cares"
    assert plain_text("k1ll mys3lf") == "kill myself"


def test_a_plain_risk_phrase_in_safe_company_is_weighed_not_obeyed():
    assert not suggests_risk("I'd rather die than sing karaoke at the works do")
    assert suggests_risk("I'd rather die than go on like this")
