"""Saving conversations and maps with SQLAlchemy 2: SQLite by default, PostgreSQL by URL.

A conversation is saved after every answer. Maps are kept in plain tables (one row per
connection, tie and goal) so a worker or researcher can query them; the flow's own
bookkeeping is a small JSON document on the conversation row. People who chose not to
be saved are kept in memory only.

Everything a person typed (their name, labels, roles, goals, the flow's notes and undo
snapshots) is sealed with `bot.crypto` before it reaches the database; coded answers
(kind, closeness, effect, how often) stay plain so maps can be counted.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict
from datetime import datetime, timedelta, timezone

from sqlalchemy import (
    Boolean, ForeignKey, Integer, String, Text, create_engine, delete, event, insert,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from .crypto import Sealer
from .flow import UNDO_DEPTH, Conversation, UndoStack
from .model import Connection, Goal, Tie, WellbeingMap, utcnow


RECENT_CONVERSATIONS = 512


class Base(DeclarativeBase):
    pass


class ConversationRow(Base):
    __tablename__ = "conversations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32), index=True)
    consent: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    name: Mapped[str | None] = mapped_column(Text, nullable=True)  # sealed
    state: Mapped[str] = mapped_column(Text)  # sealed JSON
    active_map_id: Mapped[str] = mapped_column(String(64))


class MapRow(Base):
    __tablename__ = "maps"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    time_at_home: Mapped[str | None] = mapped_column(String(16), nullable=True)


class ConnectionRow(Base):
    __tablename__ = "connections"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(Text)  # sealed
    category: Mapped[str | None] = mapped_column(String(32), nullable=True)
    role: Mapped[str | None] = mapped_column(Text, nullable=True)  # sealed
    closeness: Mapped[str | None] = mapped_column(String(16), nullable=True)
    effect: Mapped[str | None] = mapped_column(String(16), nullable=True)
    frequency: Mapped[str | None] = mapped_column(String(16), nullable=True)
    missed: Mapped[bool] = mapped_column(Boolean, default=False)


class TieRow(Base):
    __tablename__ = "ties"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))


class GoalRow(Base):
    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    details: Mapped[str] = mapped_column(Text)  # sealed JSON: the goal as the person put it


class UndoRow(Base):
    """One snapshot per answer, so "back" works after a restart without rewriting the
    whole history on every turn."""
    __tablename__ = "undo_snapshots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    snapshot: Mapped[str] = mapped_column(Text)  # sealed JSON


class StoredUndoStack(UndoStack):
    """Loads saved snapshots only if "back" reaches past this turn's own."""

    def __init__(self, load):
        super().__init__()
        self._load = load

    def pop(self):
        if self._load is not None:
            self.snapshots = self._load() + self.snapshots
            self._load = None
        return super().pop()

    def mark_saved(self) -> None:
        super().mark_saved()
        if self._load is not None:
            self.snapshots = []  # they are in the table now; pop() will load them


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # WAL: readers don't block the writer
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Store:
    """Conversations and maps. Unsaved (no-consent) conversations live in memory."""

    def __init__(self, url: str, key: bytes):
        self.url = url
        self.sealer = Sealer(key)
        self.engine = make_engine(url)
        Base.metadata.create_all(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._unsaved: dict[str, Conversation] = {}
        # Write-through cache of recent conversations: this process is the only writer
        # (one turn at a time per conversation), so a turn needn't re-read what it wrote.
        self._recent: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    # --- conversations ----------------------------------------------------------
    def load(self, conversation_id: str) -> Conversation | None:
        with self._lock:
            if conversation_id in self._unsaved:
                return self._unsaved[conversation_id]
            if conversation_id in self._recent:
                self._recent.move_to_end(conversation_id)
                return self._recent[conversation_id]
        with self._session() as session:
            row = session.get(ConversationRow, conversation_id)
            if row is None:
                return None
            wmap = self._load_map(session, row.active_map_id) or WellbeingMap.new(row.id)
            return Conversation(id=row.id, map=wmap, consent=row.consent,
                                consent_at=row.consent_at,
                                name=self.sealer.open(row.name, "conversations.name"),
                                state=self.sealer.open_json(row.state, "conversations.state", {}),
                                created_at=row.created_at,
                                undo=StoredUndoStack(lambda: self._undo_snapshots(row.id)))

    def _undo_snapshots(self, conversation_id: str) -> list[dict]:
        with self._session() as session:
            rows = session.scalars(select(UndoRow.snapshot)
                                   .where(UndoRow.conversation_id == conversation_id)
                                   .order_by(UndoRow.id.desc()).limit(UNDO_DEPTH))
            return [self.sealer.open_json(row, "undo_snapshots.snapshot")
                    for row in reversed(list(rows))]

    def save(self, conv: Conversation, map_changed: bool = True) -> None:
        if conv.consent is False:
            with self._lock:
                self._unsaved[conv.id] = conv
            self._delete_rows(conv.id)  # in case they said no after starting
            return
        with self._session.begin() as session:
            row = session.get(ConversationRow, conv.id)
            if row is None:
                row = ConversationRow(id=conv.id, created_at=conv.created_at)
                session.add(row)
            row.updated_at = utcnow()
            row.consent, row.consent_at = conv.consent, conv.consent_at
            row.name = self.sealer.seal(conv.name, "conversations.name")
            row.state = self.sealer.seal_json(conv.state, "conversations.state")
            row.active_map_id = conv.map.id
            session.flush()
            if map_changed:
                self._save_map(session, conv.map)
            self._save_undo(session, conv)
        with self._lock:
            self._recent[conv.id] = conv
            self._recent.move_to_end(conv.id)
            if len(self._recent) > RECENT_CONVERSATIONS:
                self._recent.popitem(last=False)

    def forget_cached(self, conversation_id: str) -> None:
        """After a failed turn: the next load reads what the database really holds."""
        with self._lock:
            self._recent.pop(conversation_id, None)

    def _save_undo(self, session: Session, conv: Conversation) -> None:
        undo = conv.undo
        if undo.popped:
            newest = list(session.scalars(select(UndoRow.id)
                                          .where(UndoRow.conversation_id == conv.id)
                                          .order_by(UndoRow.id.desc()).limit(undo.popped)))
            session.execute(delete(UndoRow).where(UndoRow.id.in_(newest)))
        if undo.pushed:
            session.execute(insert(UndoRow), [
                {"conversation_id": conv.id,
                 "snapshot": self.sealer.seal_json(snapshot, "undo_snapshots.snapshot")}
                for snapshot in undo.pushed])
            keep = select(UndoRow.id).where(UndoRow.conversation_id == conv.id) \
                .order_by(UndoRow.id.desc()).limit(UNDO_DEPTH).scalar_subquery()
            session.execute(delete(UndoRow).where(UndoRow.conversation_id == conv.id,
                                                  UndoRow.id.not_in(keep)))
        undo.mark_saved()

    def delete(self, conversation_id: str) -> None:
        with self._lock:
            self._unsaved.pop(conversation_id, None)
        self._delete_rows(conversation_id)

    def _delete_rows(self, conversation_id: str) -> None:
        self.forget_cached(conversation_id)
        with self._session.begin() as session:
            map_ids = list(session.scalars(
                select(MapRow.id).where(MapRow.conversation_id == conversation_id)))
            for table in (ConnectionRow, TieRow, GoalRow):
                session.execute(delete(table).where(table.map_id.in_(map_ids)))
            session.execute(delete(MapRow).where(MapRow.conversation_id == conversation_id))
            session.execute(delete(UndoRow).where(UndoRow.conversation_id == conversation_id))
            session.execute(delete(ConversationRow).where(ConversationRow.id == conversation_id))

    def purge_stale(self, days: int) -> list[str]:
        """Remove in-progress conversations untouched for `days` days; return their ids."""
        cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
        has_finished_map = select(MapRow.id).where(
            MapRow.conversation_id == ConversationRow.id, MapRow.status == "complete").exists()
        with self._session() as session:
            removed = list(session.scalars(select(ConversationRow.id).where(
                ConversationRow.updated_at < cutoff, ~has_finished_map)))
        for conversation_id in removed:
            self._delete_rows(conversation_id)
        return removed

    # --- maps -------------------------------------------------------------------
    def load_map(self, map_id: str) -> WellbeingMap | None:
        with self._lock:
            for conv in self._unsaved.values():
                if conv.map.id == map_id:
                    return conv.map
        with self._session() as session:
            return self._load_map(session, map_id)

    def maps_for(self, conversation_id: str) -> list[WellbeingMap]:
        with self._session() as session:
            ids = session.scalars(select(MapRow.id).where(MapRow.conversation_id == conversation_id)
                                  .order_by(MapRow.created_at))
            return [self._load_map(session, map_id) for map_id in list(ids)]

    def conversation_of_map(self, map_id: str) -> Conversation | None:
        with self._session() as session:
            conversation_id = session.scalar(select(MapRow.conversation_id).where(MapRow.id == map_id))
        return self.load(conversation_id) if conversation_id else None

    def _load_map(self, session: Session, map_id: str) -> WellbeingMap | None:
        row = session.get(MapRow, map_id)
        if row is None:
            return None
        connections = session.scalars(select(ConnectionRow).where(ConnectionRow.map_id == map_id)
                                      .order_by(ConnectionRow.position))
        ties = session.scalars(select(TieRow).where(TieRow.map_id == map_id).order_by(TieRow.id))
        goals = session.scalars(select(GoalRow).where(GoalRow.map_id == map_id)
                                .order_by(GoalRow.position))
        return WellbeingMap(
            id=row.id, conversation_id=row.conversation_id, status=row.status,
            created_at=row.created_at, updated_at=row.updated_at, time_at_home=row.time_at_home,
            connections=[Connection(id=c.id, kind=c.kind,
                                    label=self.sealer.open(c.label, "connections.label"),
                                    category=c.category,
                                    role=self.sealer.open(c.role, "connections.role"),
                                    closeness=c.closeness, effect=c.effect,
                                    frequency=c.frequency, missed=c.missed) for c in connections],
            ties=[Tie(t.source, t.target, t.kind) for t in ties],
            goals=[Goal(**self.sealer.open_json(g.details, "goals.details")) for g in goals],
        )

    def _save_map(self, session: Session, wmap: WellbeingMap) -> None:
        row = session.get(MapRow, wmap.id)
        if row is None:
            row = MapRow(id=wmap.id, conversation_id=wmap.conversation_id,
                         created_at=wmap.created_at)
            session.add(row)
        row.status, row.updated_at, row.time_at_home = wmap.status, wmap.updated_at, wmap.time_at_home
        # Replace the map's rows: simpler than diffing, and a map is at most 60 rows.
        seal = self.sealer.seal
        rows = {
            ConnectionRow: [{"map_id": wmap.id, "position": i, **asdict(c),
                             "label": seal(c.label, "connections.label"),
                             "role": seal(c.role, "connections.role")}
                            for i, c in enumerate(wmap.connections)],
            TieRow: [{"map_id": wmap.id, **asdict(t)} for t in wmap.ties],
            GoalRow: [{"map_id": wmap.id, "position": i,
                       "details": self.sealer.seal_json(asdict(g), "goals.details")}
                      for i, g in enumerate(wmap.goals)],
        }
        for table, values in rows.items():
            session.execute(delete(table).where(table.map_id == wmap.id))
            if values:
                session.execute(insert(table), values)
