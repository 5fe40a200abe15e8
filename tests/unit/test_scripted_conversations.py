"""The scripted conversations, through the domain flow alone (no NLU): the flow's own
reading of what people type must already produce exactly the expected map."""

import pytest

from bot.flow import Conversation, Flow, Incoming
from evaluation.scripts import differences, load_scripts


@pytest.mark.parametrize("script", load_scripts(), ids=lambda s: s.path.stem)
def test_script_produces_expected_map(script):
    flow, conv = Flow(), Conversation.new()
    for turn in script.turns:
        flow.handle(conv, Incoming(turn))
    assert differences(conv.map.to_dict(), script.expect) == []
