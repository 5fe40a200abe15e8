"""Talking to the Rasa engine over its REST channel, and tidying its tracker store.

Rasa replays a conversation's whole tracker on every message, so a 300-message
mapping conversation gets slower with every turn. The map and the flow's place live
in our database, so Rasa only needs recent context: each conversation is sent to Rasa
as '<conversation id>.<segment>', with a new segment (a fresh, short tracker) every
few messages. Deleting a conversation deletes all its segments' events.
"""

from __future__ import annotations

import httpx
from sqlalchemy import create_engine, inspect, text

from actions.actions import SEGMENT_SEPARATOR


class RasaBridge:
    def __init__(self, rasa_url: str, tracker_db_url: str, session_turns: int):
        self.rasa_url = rasa_url.rstrip("/")
        self.session_turns = session_turns
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=5.0),
                                        limits=httpx.Limits(max_connections=100))
        self._tracker_engine = create_engine(tracker_db_url)

    def rasa_sender(self, conversation_id: str, turns_before: int) -> str:
        return f"{conversation_id}{SEGMENT_SEPARATOR}{turns_before // self.session_turns}"

    async def send(self, sender: str, message: str) -> list[dict]:
        response = await self.client.post(f"{self.rasa_url}/webhooks/rest/webhook",
                                          json={"sender": sender, "message": message})
        response.raise_for_status()
        return response.json()

    async def ready(self) -> bool:
        try:
            response = await self.client.get(f"{self.rasa_url}/", timeout=2.0)
            return response.status_code == 200
        except httpx.HTTPError:
            return False

    def forget(self, conversation_id: str) -> int:
        """Delete every tracker event Rasa stored for this conversation."""
        if not inspect(self._tracker_engine).has_table("events"):
            return 0
        with self._tracker_engine.begin() as db:
            result = db.execute(text("DELETE FROM events WHERE sender_id = :exact "
                                     "OR sender_id LIKE :segments"),
                                {"exact": conversation_id,
                                 "segments": f"{conversation_id}{SEGMENT_SEPARATOR}%"})
            return result.rowcount

    async def close(self) -> None:
        await self.client.aclose()
        self._tracker_engine.dispose()
