"""The conversation's behaviour, in the domain alone: what a person notices."""

from bot.flow import Conversation, Flow, Incoming, MAX_MESSAGE_LENGTH


def start(*turns):
    flow, conv = Flow(), Conversation.new()
    out = None
    for turn in ("/start",) + turns:
        out = flow.handle(conv, Incoming(turn))
    return flow, conv, out


def said(out) -> str:
    return "\n".join(r.text for r in out.replies)


def test_welcome_explains_time_privacy_and_crisis_help_and_asks_consent():
    _, _, out = start()
    text = said(out)
    for must in ("15 to 25 minutes", "pause", "delete", "not a crisis service", "999",
                 "111", "116 123"):
        assert must in text
    assert "aged 16 or over" in said(out)
    assert [o.title for o in out.replies[-1].options][:3] == [
        "I'm 16 or over: save my answers", "I'm 16 or over: don't save anything",
        "I'm under 16"]


def test_someone_under_the_age_is_pointed_to_childline_and_nothing_is_kept():
    flow, conv, out = start("I'm under 16")
    assert "Childline" in said(out) and "0800 1111" in said(out)
    assert conv.consent is False
    out = flow.handle(conv, Incoming("my mum and my friend Lily"))
    assert "Childline" in said(out) and conv.map.connections == []
    out = flow.handle(conv, Incoming("i want to kill myself"))
    assert "116 123" in said(out)  # risk is still answered first


def test_the_age_is_configuration():
    flow, conv = Flow(min_age=18), Conversation.new()
    out = flow.handle(conv, Incoming("/start"))
    assert "aged 18 or over" in said(out)


def test_consent_records_when_and_which_privacy_notice():
    from bot.questions import PRIVACY_NOTICE_VERSION
    _, conv, _ = start("yes")
    assert conv.consent is True and conv.consent_at
    assert conv.state["privacy_notice"] == PRIVACY_NOTICE_VERSION


def test_without_consent_the_conversation_still_runs():
    _, conv, out = start("no")
    assert conv.consent is False
    assert "won't save" in said(out)


def test_progress_cue_at_each_step():
    _, _, out = start("yes", "skip")
    assert "Step 1 of 6: people." in said(out)
    assert out.progress.step == 1 and out.progress.total == 6


def test_back_undoes_the_last_answer_only():
    flow, conv, _ = start("yes", "skip", "my mum", "my friend Ola")
    assert [c.label for c in conv.map.connections] == ["Mum", "Ola"]
    out = flow.handle(conv, Incoming("back"))
    assert "go back" in said(out)
    assert [c.label for c in conv.map.connections] == ["Mum"]


def test_nlu_commands_need_confidence_and_short_messages():
    flow, conv, _ = start("yes", "skip")
    out = flow.handle(conv, Incoming("can we stop there for today", "pause", 0.97))
    assert "pause" in said(out).lower()
    flow, conv, _ = start("yes", "skip")
    flow.handle(conv, Incoming("my friend Hope", "pause", 0.4))
    assert [c.label for c in conv.map.connections] == ["Hope"]


def test_risk_is_answered_first_then_the_same_question_again():
    flow, conv, out = start("yes", "skip")
    question = out.replies[-1].text.splitlines()[-1]
    out = flow.handle(conv, Incoming("i keep thinking about killing myself"))
    assert "116 123" in out.replies[0].text and "999" in out.replies[0].text
    out = flow.handle(conv, Incoming("carry on"))
    assert question in said(out)
    assert conv.map.connections == []  # the risk message was not taken as a name


def test_idioms_are_not_treated_as_risk():
    flow, conv, _ = start("yes", "skip")
    out = flow.handle(conv, Incoming("this form is killing me lol, my mate Kez"))
    assert "116 123" not in said(out)


def test_empty_and_huge_messages_get_kind_answers_and_lose_nothing():
    flow, conv, _ = start("yes", "skip", "my mum")
    for odd in ("", "   ", "x" * (MAX_MESSAGE_LENGTH + 1)):
        out = flow.handle(conv, Incoming(odd))
        assert out.replies and "Who do you live with" in said(out)
    assert [c.label for c in conv.map.connections] == ["Mum"]


def test_reflection_accepts_corrections():
    flow, conv, _ = start("yes", "skip", "my mate Dave", "that's all", "inner", "good",
                          "the gym", "that's all", "good", "weekly", "less than half",
                          "that's all")
    out = flow.handle(conv, Incoming("actually Dave is mixed"))
    assert "Dave is now mixed" in said(out)
    flow.handle(conv, Incoming("remove the gym"))
    assert [c.label for c in conv.map.connections] == ["Dave"]
    flow.handle(conv, Incoming("add my sister Amy"))
    out = flow.handle(conv, Incoming("looks right"))
    assert "How close do you feel to Amy (sister)" in said(out)  # the new person is asked about


def test_start_again_keeps_the_old_map_and_delete_asks_first():
    flow, conv, _ = start("yes", "Ash", "my mum")
    old_map = conv.map.id
    out = flow.handle(conv, Incoming("start again"))
    assert "kept" in said(out)
    out = flow.handle(conv, Incoming("yes"))
    assert "fresh start" in said(out)
    assert conv.map.id != old_map and conv.map.connections == []
    assert conv.name == "Ash"
    out = flow.handle(conv, Incoming("delete my data"))
    assert not out.deleted and "can't be undone" in said(out)
    out = flow.handle(conv, Incoming("no"))
    assert not out.deleted
    flow.handle(conv, Incoming("delete my data"))
    assert flow.handle(conv, Incoming("yes")).deleted


def test_up_to_three_changes_then_the_summary():
    flow, conv, _ = start("yes", "skip", "that's all", "that's all", "most", "that's all",
                          "looks right")
    for n in range(3):
        for turn in (f"change {n}", "why", "no one", "nothing", "a step", "soon"):
            out = flow.handle(conv, Incoming(turn))
        if n < 2:
            flow.handle(conv, Incoming("yes"))
    assert len(conv.map.goals) == 3
    assert conv.map.status == "complete"
    assert "Step 6 of 6" in said(out) and "change 2" in said(out)


def test_risk_is_recorded_by_kind_and_time_without_the_words_and_not_repeated_in_full():
    flow, conv, _ = start("yes", "skip")
    first = flow.handle(conv, Incoming("my partner hits me when he drinks"))
    assert "85258" in said(first)  # the full message, every number
    flow.handle(conv, Incoming("carry on"))
    again = flow.handle(conv, Incoming("i've been cutting again"))
    assert "116 123" in said(again) and "85258" not in said(again)  # shorter, still helps
    assert [f["category"] for f in conv.state["risk_flags"]] == ["abuse_or_violence", "self_harm"]
    assert all(f["at"] for f in conv.state["risk_flags"])
    assert "hits" not in repr(conv.state) and "cutting" not in repr(conv.state)


def test_show_my_data_depends_on_what_was_agreed():
    flow = Flow()
    for consent, expected in (("yes", "everything we hold about you"),
                              ("no", "Nothing about you is saved: you chose not to")):
        conv = Conversation.new()
        for turn in ("/start", consent, "Rae", "my mum"):
            flow.handle(conv, Incoming(turn))
        out = flow.handle(conv, Incoming("show my data"))
        assert expected in " ".join(r.text for r in out.replies)
        assert out.show_data_link is (consent == "yes")
    before_consent = Conversation.new()
    flow.handle(before_consent, Incoming("/start"))
    out = flow.handle(before_consent, Incoming("show my data"))
    assert "Nothing about you is saved yet" in out.replies[0].text
