"""Rasa's SQL tracker store, with every event sealed before it is written.

Rasa keeps each event (including the text a person typed and what the NLU read from
it) as JSON in `events.data`. This subclass seals that JSON with the app's key
(`bot.crypto`, AES-256-GCM) and leaves `intent_name` empty, since even the name of an
intent ("risk") says something about a person. Sender id, event type and timestamp
stay plain: Rasa's queries, `delete my data` and `wbmap purge` need them.

The key arrives in WBMAP_ENCRYPTION_KEY from the app that starts Rasa; it is never
written to endpoints.yml. Only `save` and `_retrieve` touch `data` in Rasa 3.6.21.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.crypto import Sealer, decode_key

logger = logging.getLogger(__name__)

PURPOSE = "rasa.events.data"


class SealedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._sealer = Sealer(decode_key(os.environ["WBMAP_ENCRYPTION_KEY"]))

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool
                        ) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id,
                fetch_events_from_all_sessions=fetch_events_from_all_sessions).all()
            events = [json.loads(self._sealer.open(row.data, PURPOSE)) for row in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=None,
                    action_name=data.get("name"),
                    data=self._sealer.seal(json.dumps(data), PURPOSE),
                ))
            session.commit()
