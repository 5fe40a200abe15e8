"""What a person sees of their finished map: the picture, the printable page, the
exports with analysis, and a review against an earlier map. Through the real stack."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

from evaluation.scripts import load_scripts
from wbmap.config import ROOT
from wbmap.harness import ChatClient

pytestmark = pytest.mark.e2e

SHORT_MAP = ["my dad and my friend Noor", "that's all", "inner", "good", "outer", "mixed",
             "none", "the gym", "that's all", "good", "weekly", "less than half", "running",
             "that's all", "good", "Noor", "the gym", "looks right", "no changes"]


@pytest.fixture(scope="module")
def finished(live_stack):
    chat = ChatClient(live_stack.base_url)
    for turn in load_scripts()[0].turns:
        chat.say(turn)
    return chat


def test_the_finished_map_shows_a_picture_and_a_printable_page(finished):
    map_url = finished.custom["map_url"]
    svg = finished.http.get(map_url + ".svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(svg.text)
    assert "Priya" in ET.tostring(root, encoding="unicode")
    png = finished.http.get(map_url + ".png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    page = finished.http.get(map_url).text
    assert f'src="{map_url}.svg"' in page
    assert "What your map shows" in page and "see my sister more" in page
    assert "@page" in finished.http.get("/static/chat.css").text  # prints on A4


def test_json_export_carries_the_analysis(finished):
    data = finished.http.get(finished.custom["map_url"] + ".json").json()
    analysis = data["analysis"]
    assert analysis["network_type"] in ("diverse_active", "family_stable", "formal_sparse")
    ids = {c["id"] for c in data["connections"]}
    assert analysis["pointers"] and all(set(p) >= {"text", "reason", "connections"}
                                        for p in analysis["pointers"])
    assert all(set(p["connections"]) <= ids for p in analysis["pointers"])


def test_render_command_writes_every_form(live_stack, finished):
    def render(fmt: str) -> bytes:
        result = subprocess.run([str(ROOT / ".venv/bin/wbmap"), "render",
                                 finished.conversation_id, "--format", fmt],
                                env=live_stack.env, capture_output=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout
    assert render("svg").startswith(b"<svg") or b"<svg" in render("svg")[:200]
    assert render("png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in render("html") and b"see my sister more" in render("html")
    sms = render("sms").decode().strip()
    assert 0 < len(sms) < 480
    assert "see my sister more" in render("txt").decode()


def test_mapping_again_shows_what_changed_since_last_time(live_stack, finished):
    chat = ChatClient(live_stack.base_url, finished.conversation_id)
    chat.say("start again")
    chat.say("yes")
    for turn in SHORT_MAP:
        chat.say(turn)
    assert "since your last map" in chat.text
    assert "Not on your map this time" in chat.text  # Mum, Priya, ... were on the first map
    compare_url = chat.custom["compare_url"]
    page = chat.http.get(compare_url)
    assert page.status_code == 200 and page.text.count("<img") == 2
    exported = json.loads(subprocess.run(
        [str(ROOT / ".venv/bin/wbmap"), "export", chat.conversation_id], env=live_stack.env,
        capture_output=True, text=True, timeout=60).stdout)
    assert [c["label"] for c in exported["connections"]][:2] == ["Dad", "Noor"]
