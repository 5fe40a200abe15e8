"""The one custom action: hands each message to the mapping flow in bot/ and turns
its replies into Rasa messages. The web app binds the service at start-up."""

from __future__ import annotations

from typing import Any

import anyio
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.flow import Incoming, Outcome
from bot.service import MappingService

PROBE_PREFIX = "wbmap-probe-"  # start-up health probe: answered without storing anything
SEGMENT_SEPARATOR = "."

_service: MappingService | None = None
_public_url = ""


def bind(service: MappingService, public_url: str) -> None:
    global _service, _public_url
    _service, _public_url = service, public_url.rstrip("/")


def conversation_id_of(sender_id: str) -> str:
    """Rasa sees '<conversation id>.<segment>' (see wbmap/rasa_bridge.py)."""
    return sender_id.split(SEGMENT_SEPARATOR, 1)[0]


def incoming_from(tracker: Tracker) -> Incoming:
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    return Incoming(text=message.get("text") or "", intent=intent.get("name"),
                    confidence=float(intent.get("confidence") or 0.0),
                    entities=list(message.get("entities") or []))


class ActionConverse(Action):
    def name(self) -> str:
        return "action_converse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        if tracker.sender_id.startswith(PROBE_PREFIX):
            dispatcher.utter_message(text="ok", json_message={"probe": "ok"})
            return []
        if _service is None:
            raise RuntimeError("actions.bind() was not called")
        conversation_id = conversation_id_of(tracker.sender_id)
        outcome, conv = await anyio.to_thread.run_sync(
            _service.handle, conversation_id, incoming_from(tracker))
        send(dispatcher, outcome, conv.map.id, saved=conv.consent is not False,
             conversation_id=conversation_id)
        return []


def send(dispatcher: CollectingDispatcher, outcome: Outcome, map_id: str,
         saved: bool = True, conversation_id: str = "") -> None:
    for reply in outcome.replies:
        buttons = [{"title": o.title, "payload": o.title} for o in reply.options]
        dispatcher.utter_message(text=reply.text, buttons=buttons)
    custom: dict[str, Any] = {}
    if outcome.progress:
        custom["progress"] = {"step": outcome.progress.step, "total": outcome.progress.total,
                              "label": outcome.progress.label}
    if outcome.show_map_link:
        custom["map_url"] = f"/map/{map_id}"
        dispatcher.utter_message(text=f"See your map: {_public_url}/map/{map_id}")
    if outcome.show_data_link and conversation_id:
        custom["data_url"] = f"/data/{conversation_id}"
        dispatcher.utter_message(text=f"Your data: {_public_url}/data/{conversation_id}")
    if outcome.compared_with:
        compare_url = f"/map/{map_id}/since/{outcome.compared_with}"
        custom["compare_url"] = compare_url
        dispatcher.utter_message(text=f"Your two maps side by side: {_public_url}{compare_url}")
    if outcome.deleted:
        custom["deleted"] = True
    if not saved:  # not saving means Rasa's history of the conversation goes too
        custom["forget_history"] = True
    if custom:
        dispatcher.utter_message(json_message=custom)
