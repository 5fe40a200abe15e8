"""Whole conversations through the real stack: the trained Rasa model, Rasa's REST
channel, our action endpoint, the flow, and the SQLite database."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time

import pytest

from evaluation.scripts import differences, load_scripts
from wbmap.config import ROOT
from wbmap.harness import ChatClient, start_stack

pytestmark = pytest.mark.e2e


def wbmap(stack, *args: str) -> str:
    result = subprocess.run([str(ROOT / ".venv/bin/wbmap"), *args], env=stack.env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def assert_in_no_database(stack, *secrets: str) -> None:
    """Search every row of every table, the app's and Rasa's, for the given words."""
    for name in ("wbmap.db", "rasa_tracker.db"):
        db = sqlite3.connect(stack.data_dir / name)
        try:
            for (table,) in db.execute("select name from sqlite_master where type='table'"):
                for row in db.execute(f'select * from "{table}"'):
                    for secret in secrets:
                        assert secret not in repr(row), (secret, name, table)
        finally:
            db.close()


@pytest.mark.parametrize("script", load_scripts(), ids=lambda s: s.path.stem)
def test_scripted_conversation_exports_exactly_what_was_said(live_stack, script):
    chat = ChatClient(live_stack.base_url)
    for turn in script.turns:
        chat.say(turn)
    assert "summary" in chat.text.lower() or "changes" in chat.text.lower()
    exported = json.loads(wbmap(live_stack, "export", chat.conversation_id, "--format", "json"))
    assert exported["schema"] == "wellbeing-map/1"
    assert exported["conversation_id"] == chat.conversation_id
    assert differences(exported, script.expect) == []


def test_finished_map_has_a_private_page_that_shows_what_was_typed_safely(live_stack):
    script = next(s for s in load_scripts() if s.path.stem.startswith("03"))
    chat = ChatClient(live_stack.base_url)
    for turn in script.turns:
        chat.say(turn)
    map_url = chat.custom["map_url"]
    page = chat.http.get(map_url)
    assert page.status_code == 200
    assert "&lt;b&gt;Bob&lt;/b&gt; from the shed" in page.text  # markup shown as text
    assert "<b>Bob</b>" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert chat.http.get(map_url + ".json").json()["status"] == "complete"
    assert chat.http.get("/map/" + "0" * 32).status_code == 404


def test_someone_at_risk_gets_urgent_help_before_anything_else(live_stack):
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "yes", "skip", "my mum and my friend Ola"):
        chat.say(turn)
    question = chat.text.splitlines()[-1]
    chat.say("honestly i just want to end it all")
    first = chat.last[0]["text"]
    for number in ("999", "111", "116 123"):
        assert number in first
    assert "Carry on" in chat.buttons and "Pause for now" in chat.buttons
    chat.say("Carry on")
    assert question in chat.text  # the same question again, nothing lost


def test_commands_work_at_any_point(live_stack):
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "yes", "Kit", "my brother Ravi"):
        chat.say(turn)
    chat.say("help")
    assert "commas" in chat.text
    chat.say("show my map")
    assert "Ravi" in chat.text
    chat.say("go back")
    chat.say("show my map")
    assert "Ravi" not in chat.text  # undone
    chat.say("pause")
    assert "saved" in chat.text
    chat.say("/start")
    assert "Welcome back, Kit" in chat.text


def test_bad_input_gets_a_kind_answer_and_loses_nothing(live_stack):
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "yes", "Mo", "my aunt Bea"):
        chat.say(turn)
    for odd in ("", "   ", "🙂🙂🙂", "x" * 5000, "¿Qué es esto?", "<script>alert(1)</script>"):
        chat.say(odd)
        assert chat.text and "Traceback" not in chat.text
    chat.say("that's all")
    assert "Bea" in chat.text  # asks about Bea: nothing was lost
    short = chat.http.post("/webhooks/rest/webhook", json={"sender": "abc", "message": "hi"})
    assert short.status_code == 400 and "conversation id" in short.json()["error"]
    huge = chat.http.post("/webhooks/rest/webhook",
                          content=json.dumps({"sender": chat.conversation_id,
                                              "message": "y" * 100_000}))
    assert huge.status_code == 413


def test_delete_my_data_erases_the_map_and_rasa_history(live_stack):
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "yes", "Zebedee", "my neighbour Quentin Brightwater", "that's all", "1"):
        chat.say(turn)
    chat.say("delete my data")
    assert "can't be undone" in chat.text
    chat.say("yes")
    assert "deleted" in chat.text
    assert chat.custom.get("conversation_id") not in (None, chat.conversation_id)
    assert_in_no_database(live_stack, "Brightwater", "Zebedee")


def test_terminal_chat_runs_the_same_flow(live_stack):
    lines = "\n".join(["1", "Robin", "my uncle Fergus", "That's all", "1", "1"]) + "\n"
    result = subprocess.run([str(ROOT / ".venv/bin/wbmap"), "chat", "--url", live_stack.base_url],
                            input=lines, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    out = result.stdout
    assert "Wellbeing Map" in out and "  1. I'm 16 or over: save my answers" in out
    assert "Got it: Fergus (uncle)" in out
    assert "Step 1 of 6" in out and "How close do you feel to Fergus (uncle)?" in out


def test_conversation_resumes_after_the_server_is_killed(tmp_path):
    stack = start_stack(tmp_path)
    try:
        chat = ChatClient(stack.base_url)
        for turn in ("/start", "yes", "Lou", "my dad and my mate Jin", "that's all", "inner"):
            chat.say(turn)
        assert "Overall, is Dad good for your wellbeing" in chat.text
    finally:
        stack.stop(signal.SIGKILL)  # no clean shutdown
    stack = start_stack(tmp_path)
    try:
        resumed = ChatClient(stack.base_url, chat.conversation_id)
        resumed.say("/start")
        assert "Welcome back, Lou" in resumed.text
        assert "Overall, is Dad good for your wellbeing" in resumed.text
        resumed.say("good")
        resumed.say("show my map")
        assert "Dad: inner circle, good for you" in resumed.text
    finally:
        stack.stop()


def test_logs_hold_no_names_or_message_text(live_stack):
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "yes", "Ottoline", "my neighbour Wilhelmina Quarrie", "that's all",
                 "inner", "she is lovely"):
        chat.say(turn)
    for log in ("serve.log", "rasa.log"):
        text = (live_stack.data_dir / log).read_text(errors="replace")
        for secret in ("Ottoline", "Wilhelmina", "Quarrie", "she is lovely"):
            assert secret not in text, f"{secret!r} appears in {log}"


def test_without_consent_nothing_personal_reaches_either_database(live_stack):
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "No, don't save anything", "Peregrine", "my cousin Ximena Thorncastle",
                 "that's all", "inner"):
        chat.say(turn)
    assert "Ximena" in ChatClient(live_stack.base_url, chat.conversation_id).say("show my map")[0]["text"]
    assert_in_no_database(live_stack, "Thorncastle", "Peregrine")


def test_both_database_files_hold_no_readable_personal_text(live_stack):
    """With consent everything is saved, and sealed: the raw files (and their WAL
    journals) don't contain the names or the words typed; the key file is owner-only."""
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "yes", "Hyacinthe", "my godmother Ermengarde Pocklington",
                 "nobody", "that's all", "inner", "good"):
        chat.say(turn)
    assert "Ermengarde" in chat.say("show my map")[0]["text"]
    raw = b"".join(path.read_bytes() for path in live_stack.data_dir.glob("*.db*"))
    for secret in (b"Hyacinthe", b"Ermengarde", b"Pocklington", b"godmother"):
        assert secret not in raw, secret
    key_file = live_stack.data_dir / "wbmap.key"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_someone_sending_too_fast_gets_a_kind_wait_and_loses_nothing(tmp_path):
    """The shipped limits: a burst is fine, a flood gets 429 with how long to wait."""
    stack = start_stack(tmp_path)
    try:
        chat = ChatClient(stack.base_url)
        for turn in ("/start", "yes", "Tamsin", "my lodger Evander"):
            chat.say(turn)
        url = f"{stack.base_url}/webhooks/rest/webhook"
        replies = [chat.http.post(url, json={"sender": chat.conversation_id, "message": "help"})
                   for _ in range(30)]
        limited = [r for r in replies if r.status_code == 429]
        assert limited and all(r.status_code in (200, 429) for r in replies)
        assert "faster than I can keep up" in limited[0].json()["error"]
        assert "Nothing you've told me is lost" in limited[0].json()["error"]
        assert int(limited[0].headers["Retry-After"]) >= 1
        time.sleep(int(limited[-1].headers["Retry-After"]) + 1)
        assert "Evander" in chat.say("show my map")[0]["text"]
    finally:
        stack.stop()


def test_show_my_data_gives_everything_held_readable_and_as_json(live_stack):
    """The person's data rights, and what a worker reviews with them: name, consent and
    notice version, maps and goals, and the moments risk was noticed (kind and time only)."""
    chat = ChatClient(live_stack.base_url)
    for turn in ("/start", "yes", "Perpetua", "my flatmate <b>Ignatius</b>", "that's all"):
        chat.say(turn)
    chat.say("i want to kill myself")
    chat.say("carry on")
    chat.say("show my data")
    assert "everything we hold about you" in chat.text
    data_url = chat.custom["data_url"]
    assert data_url == f"/data/{chat.conversation_id}"
    data = chat.http.get(data_url + ".json").json()
    assert data["conversation"]["name"] == "Perpetua"
    assert data["conversation"]["consent"] is True and data["conversation"]["consent_at"]
    assert data["conversation"]["privacy_notice_version"]
    [ignatius] = data["maps"][-1]["connections"]
    assert "<b>Ignatius</b>" in ignatius["label"]
    [note] = data["safety_notes"]
    assert note["kind"] == "suicidal_or_unspecified" and note["at"]
    assert "kill" not in json.dumps(data)  # the words themselves are never kept
    page = chat.http.get(data_url).text
    assert "&lt;b&gt;Ignatius&lt;/b&gt;" in page and "<b>Ignatius" not in page
    assert "thoughts of suicide" in page
    assert chat.http.get(f"/data/{'0' * 32}.json").status_code == 404
