"""Talking to the Rasa engine over its REST channel, and tidying its tracker store.

Rasa replays a conversation's whole tracker on every message, so a 300-message
mapping conversation gets slower with every turn. The map and the flow's place live
in our database, so Rasa only needs recent context: each conversation is sent to Rasa
as '<conversation id>.<boot>-<segment>', with a new segment (a fresh, short tracker)
every few messages. The count is kept in memory; after a restart a new <boot> token
starts fresh segments. Deleting a conversation deletes all its segments' events.
"""

from __future__ import annotations

import secrets

import httpx
from sqlalchemy import create_engine, inspect, text

from actions.actions import SEGMENT_SEPARATOR

MAX_TRACKED_CONVERSATIONS = 10_000


class RasaBridge:
    def __init__(self, rasa_url: str, tracker_db_url: str, session_turns: int):
        self.rasa_url = rasa_url.rstrip("/")
        self.session_turns = session_turns
        self._turns: dict[str, int] = {}
        self._boot = secrets.token_hex(4)
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=5.0),
                                        limits=httpx.Limits(max_connections=100))
        self.tracker_events = TrackerEvents(tracker_db_url)

    def rasa_sender(self, conversation_id: str) -> str:
        """The Rasa sender id for this conversation's next message."""
        turns = self._turns.pop(conversation_id, 0)
        self._turns[conversation_id] = turns + 1  # re-inserted: most recent last
        if len(self._turns) > MAX_TRACKED_CONVERSATIONS:
            del self._turns[next(iter(self._turns))]  # forget the least recent
        segment = turns // self.session_turns
        return f"{conversation_id}{SEGMENT_SEPARATOR}{self._boot}-{segment}"

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
        return self.tracker_events.forget(conversation_id)

    async def close(self) -> None:
        await self.client.aclose()
        self.tracker_events.engine.dispose()


class TrackerEvents:
    """Rasa's tracker store, for deleting what it keeps about people."""

    def __init__(self, tracker_db_url: str):
        self.engine = create_engine(tracker_db_url)

    def _has_events(self) -> bool:
        return inspect(self.engine).has_table("events")

    def forget(self, conversation_id: str) -> int:
        """Delete every event Rasa stored for this conversation, all segments."""
        if not self._has_events():
            return 0
        with self.engine.begin() as db:
            return db.execute(text("DELETE FROM events WHERE sender_id = :exact "
                                   "OR sender_id LIKE :segments"),
                              {"exact": conversation_id,
                               "segments": f"{conversation_id}{SEGMENT_SEPARATOR}%"}).rowcount

    def purge_before(self, unix_time: float) -> int:
        """Delete events older than this: Rasa only ever needs the last few messages."""
        if not self._has_events():
            return 0
        with self.engine.begin() as db:
            return db.execute(text("DELETE FROM events WHERE timestamp < :before"),
                              {"before": unix_time}).rowcount
