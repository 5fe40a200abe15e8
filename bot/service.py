"""One turn of a conversation, end to end in the domain: load, run the flow, save.
Turns for the same conversation are taken one at a time."""

from __future__ import annotations

import json
import threading
from weakref import WeakValueDictionary

from .compare import compare
from .flow import Conversation, Flow, Incoming, Outcome
from .storage import Store


class MappingService:
    def __init__(self, store: Store, flow: Flow | None = None):
        self.store = store
        self.flow = flow or Flow()
        self._locks: WeakValueDictionary[str, threading.Lock] = WeakValueDictionary()
        self._locks_guard = threading.Lock()

    def _lock_for(self, conversation_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(conversation_id)
            if lock is None:
                lock = threading.Lock()
                self._locks[conversation_id] = lock
            return lock

    def handle(self, conversation_id: str, incoming: Incoming) -> tuple[Outcome, Conversation]:
        lock = self._lock_for(conversation_id)
        with lock:
            conv = self.store.load(conversation_id) or Conversation.new(conversation_id)
            before = self._fingerprint(conv)
            try:
                outcome = self.flow.handle(conv, incoming)
                if outcome.deleted:
                    self.store.delete(conversation_id)
                    return outcome, conv
                after = self._fingerprint(conv)
                if after != before:  # "help" or "show my map" writes nothing
                    self.store.save(conv, map_changed=after[0] != before[0])
                if outcome.finished and conv.consent:
                    self._compare_with_last_map(conv, outcome)
            except Exception:
                self.store.forget_cached(conversation_id)  # drop the half-changed copy
                raise
            return outcome, conv

    def _compare_with_last_map(self, conv: Conversation, outcome: Outcome) -> None:
        """A review: someone who mapped before sees what changed since."""
        earlier = [m for m in self.store.maps_for(conv.id)
                   if m.status == "complete" and m.id != conv.map.id]
        if earlier:
            outcome.say(compare(earlier[-1], conv.map).to_text())
            outcome.compared_with = earlier[-1].id

    @staticmethod
    def _fingerprint(conv: Conversation) -> tuple:
        return (json.dumps(conv.map.to_dict(), sort_keys=True),
                json.dumps(conv.state, sort_keys=True), conv.name, conv.consent,
                bool(conv.undo.pushed or conv.undo.popped))
