"""The wellbeing map: the connections in a person's life, how they rate them, and the
changes they choose. Plain dataclasses, serialisable to the export schema."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

SCHEMA = "wellbeing-map/1"

KINDS = ("person", "place", "activity")
CLOSENESS = ("inner", "middle", "outer")
EFFECTS = ("positive", "mixed", "negative", "neutral")
FREQUENCIES = ("daily", "weekly", "monthly", "less_often")
TIME_AT_HOME = ("most", "about_half", "less_than_half")
TIE_KINDS = ("knows", "does_with", "happens_at")

CATEGORIES = {
    "person": ("family", "partner", "friend", "neighbour", "colleague", "practitioner",
               "community", "online", "pet", "other"),
    "place": ("home", "shop", "park", "library", "cafe", "gym", "worship", "health",
              "day_centre", "work", "education", "community", "pub", "other"),
    "activity": ("exercise", "outdoors", "creative", "reading", "gaming", "music",
                 "learning", "volunteering", "work", "faith", "social", "pet_care",
                 "self_care", "other"),
}


# Roles that say no more than the category does.
GENERIC_ROLES = {"mate", "mates", "friend", "friends", "pal", "buddy", "bestie", "bff",
                 "best friend", "best mate", "m8", "neighbour", "neighbor", "colleague",
                 "online friend", "pet", "gf", "bf", "partner",
                 "other half"}


def new_id() -> str:
    """An unguessable id (122 random bits)."""
    return uuid.uuid4().hex


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Connection:
    id: str
    kind: str
    label: str
    category: str | None = None
    role: str | None = None  # the word the person used: "CPN", "sister", "mate"
    closeness: str | None = None
    effect: str | None = None
    frequency: str | None = None
    missed: bool = False  # lost touch / used to do, and would like back

    @property
    def display(self) -> str:
        """'Sarah (CPN)', 'Priya (sister)', but plain 'Dave' for 'my mate Dave'."""
        if self.role and self.role.lower() not in GENERIC_ROLES and \
                self.role.lower() != self.label.lower():
            return f"{self.label} ({self.role})"
        return self.label


@dataclass
class Tie:
    source: str
    target: str
    kind: str


@dataclass
class Goal:
    text: str
    why: str | None = None
    helpers: list[str] = field(default_factory=list)  # connection ids
    helper_notes: list[str] = field(default_factory=list)  # help from outside the map
    barriers: list[str] = field(default_factory=list)
    first_step: str | None = None
    by_when: str | None = None


@dataclass
class WellbeingMap:
    id: str
    conversation_id: str
    status: str = "in_progress"
    created_at: str = field(default_factory=utcnow)
    updated_at: str = field(default_factory=utcnow)
    time_at_home: str | None = None
    connections: list[Connection] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)

    @classmethod
    def new(cls, conversation_id: str) -> "WellbeingMap":
        return cls(id=new_id(), conversation_id=conversation_id)

    # --- reading -------------------------------------------------------------
    def of_kind(self, kind: str) -> list[Connection]:
        return [c for c in self.connections if c.kind == kind]

    def get(self, connection_id: str) -> Connection | None:
        return next((c for c in self.connections if c.id == connection_id), None)

    def linked(self, connection_id: str, tie_kind: str) -> list[Connection]:
        """Connections tied to this one by a tie of the given kind, either direction."""
        other_ids = [t.target if t.source == connection_id else t.source
                     for t in self.ties
                     if t.kind == tie_kind and connection_id in (t.source, t.target)]
        return [c for c in self.connections if c.id in other_ids]

    def find(self, label: str, kind: str | None = None) -> Connection | None:
        wanted = label.strip().lower()
        for c in self.connections:
            if kind and c.kind != kind:
                continue
            if wanted in (c.label.lower(), (c.role or "").lower(), c.display.lower()):
                return c
        return None

    # --- changing ------------------------------------------------------------
    def add(self, kind: str, label: str, category: str | None = None,
            role: str | None = None) -> Connection:
        connection = Connection(id=new_id(), kind=kind, label=label, category=category,
                                role=role)
        self.connections.append(connection)
        return connection

    def remove(self, connection_id: str) -> None:
        self.connections = [c for c in self.connections if c.id != connection_id]
        self.ties = [t for t in self.ties if connection_id not in (t.source, t.target)]
        for goal in self.goals:
            goal.helpers = [h for h in goal.helpers if h != connection_id]

    def tie(self, source: str, target: str, kind: str) -> None:
        if source == target:
            return
        for t in self.ties:
            if t.kind == kind and {t.source, t.target} == {source, target}:
                return
        self.ties.append(Tie(source, target, kind))

    def touch(self) -> None:
        self.updated_at = utcnow()

    # --- (de)serialising -----------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "conversation_id": self.conversation_id,
            "status": self.status,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "time_at_home": self.time_at_home,
            "connections": [asdict(c) for c in self.connections],
            "ties": [asdict(t) for t in self.ties],
            "goals": [asdict(g) for g in self.goals],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "WellbeingMap":
        return cls(
            id=data["id"],
            conversation_id=data["conversation_id"],
            status=data.get("status", "in_progress"),
            created_at=data["created_at"],
            updated_at=data["updated_at"],
            time_at_home=data.get("time_at_home"),
            connections=[Connection(**c) for c in data.get("connections", [])],
            ties=[Tie(**t) for t in data.get("ties", [])],
            goals=[Goal(**g) for g in data.get("goals", [])],
        )
