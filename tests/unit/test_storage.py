"""Storage: every answer is saved, maps are kept, delete removes everything. Runs
against SQLite (the default) and the local PostgreSQL server."""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from sqlalchemy import text

from bot.crypto import SealError
from bot.flow import Conversation, Flow, Incoming
from bot.service import MappingService
from bot.storage import Store

KEY = os.urandom(32)  # a fresh key per test run: nothing relies on a fixed one
PG_ADMIN = os.environ.get("WBMAP_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield Store(f"sqlite:///{tmp_path / 'test.db'}", KEY)
        return
    name = f"wbmap_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN}: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)[0] + f"/{name}"
    created = Store(url, KEY)
    yield created
    created.engine.dispose()
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


def talk(service: MappingService, conversation_id: str, *turns: str):
    for turn in turns:
        outcome, conv = service.handle(conversation_id, Incoming(turn))
    return outcome, conv


def test_every_answer_is_saved_and_survives_a_new_process(store):
    service = MappingService(store)
    cid = uuid.uuid4().hex
    talk(service, cid, "/start", "yes", "Rae", "my mum and my mate Ola", "that's all", "inner")
    fresh = MappingService(Store(store.url, KEY))  # as if the process had died and restarted
    outcome, conv = talk(fresh, cid, "/start")
    assert conv.name == "Rae"
    assert [(c.label, c.closeness) for c in conv.map.connections] == [("Mum", "inner"), ("Ola", None)]
    assert "Overall, is Mum good for your wellbeing" in outcome.replies[-1].text


def test_mapping_again_keeps_the_earlier_map(store):
    service = MappingService(store)
    cid = uuid.uuid4().hex
    talk(service, cid, "/start", "yes", "skip", "my dad", "start again", "yes", "my aunt Viv")
    maps = store.maps_for(cid)
    assert [[c.label for c in m.connections] for m in maps] == [["Dad"], ["Viv"]]


def test_delete_removes_every_row(store):
    service = MappingService(store)
    cid = uuid.uuid4().hex
    talk(service, cid, "/start", "yes", "Quill", "my brother Thaddeus", "delete my data", "yes")
    assert store.load(cid) is None and store.maps_for(cid) == []
    with store.engine.connect() as db:
        for table in ("conversations", "maps", "connections", "ties", "goals"):
            assert db.execute(text(f"select count(*) from {table}")).scalar() == 0


def test_without_consent_nothing_reaches_the_database(store):
    service = MappingService(store)
    cid = uuid.uuid4().hex
    _, conv = talk(service, cid, "/start", "no", "Wren", "my sister Juniper")
    assert [c.label for c in conv.map.connections] == ["Juniper"]  # still works in memory
    with store.engine.connect() as db:
        for table in ("conversations", "maps", "connections"):
            assert db.execute(text(f"select count(*) from {table}")).scalar() == 0


def test_a_whole_map_round_trips(store):
    flow, conv = Flow(), Conversation.new()
    for turn in ("/start", "yes", "Ari", "my mum, my CPN Sarah", "that's all", "1", "good",
                 "2", "mixed", "Sarah", "the library", "that's all", "good", "weekly",
                 "about half", "reading", "that's all", "good", "Mum", "the library",
                 "looks right", "read more", "calm", "Mum", "time", "one chapter", "sunday", "no"):
        flow.handle(conv, Incoming(turn))
    store.save(conv)
    loaded = store.load(conv.id)
    assert loaded.map.to_dict() == conv.map.to_dict()
    assert loaded.map.status == "complete"


def test_back_still_works_after_a_restart_and_only_undoes_one_answer_at_a_time(store):
    cid = uuid.uuid4().hex
    talk(MappingService(store), cid, "/start", "yes", "Bo", "my gran", "my friend Ife")
    fresh = MappingService(Store(store.url, KEY))
    _, conv = talk(fresh, cid, "back")
    assert [c.label for c in conv.map.connections] == ["Gran"]
    _, conv = talk(MappingService(Store(store.url, KEY)), cid, "back")
    assert conv.map.connections == []
    _, conv = talk(MappingService(Store(store.url, KEY)), cid, "my grandad")
    assert [c.label for c in conv.map.connections] == ["Grandad"]


def test_purge_removes_abandoned_unfinished_conversations_only(store):
    service = MappingService(store)
    abandoned, finished, recent = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4().hex
    talk(service, abandoned, "/start", "yes", "Ivo", "my uncle Bram")
    talk(service, finished, "/start", "yes", "skip", "that's all", "that's all", "most",
         "that's all", "looks right", "no changes")
    talk(service, recent, "/start", "yes", "Pia", "my aunt Saskia")
    with store.engine.begin() as db:
        db.execute(text("update conversations set updated_at = '2020-01-01T00:00:00+00:00' "
                        "where id in (:a, :b)"), {"a": abandoned, "b": finished})
    assert store.purge_stale(days=30) == [abandoned]
    assert Store(store.url, KEY).load(abandoned) is None
    assert Store(store.url, KEY).load(finished) is not None and Store(store.url, KEY).load(recent) is not None


def test_the_database_holds_no_readable_personal_text(store):
    """Names, roles, goals and the flow's notes are sealed; a full map still reads back."""
    cid = uuid.uuid4().hex
    talk(MappingService(store), cid, "/start", "yes", "Zephyrine", "my mum Ottoline, my CPN Sarasvati",
         "nobody", "that's all", "1", "good", "2", "mixed", "none", "Kittiwake Library",
         "that's all", "good", "weekly", "about half", "bouldering", "that's all", "good",
         "Sarasvati", "Kittiwake Library", "looks right", "visit Ottoline fortnightly",
         "feel calmer", "Sarasvati", "bus fare", "ring on Sunday", "by Marchember", "no")
    secrets_typed = ("Zephyrine", "Ottoline", "Sarasvati", "Kittiwake", "bouldering",
                     "fortnightly", "calmer", "bus fare", "Marchember")
    with store.engine.connect() as db:
        tables = [row[0] for row in db.execute(text(
            "select name from sqlite_master where type='table'" if store.url.startswith("sqlite")
            else "select tablename from pg_tables where schemaname='public'"))]
        dump = " ".join(str(row) for table in tables
                        for row in db.execute(text(f'select * from "{table}"')))
    assert "wbenc1:" in dump  # the rows are there, sealed
    assert not [word for word in secrets_typed if word.lower() in dump.lower()]
    reloaded = Store(store.url, KEY).maps_for(cid)[-1]
    assert {c.label for c in reloaded.connections} >= {"Ottoline", "Sarasvati", "Kittiwake Library"}
    assert reloaded.goals[0].text.startswith("visit Ottoline")


def test_the_sqlite_file_on_disk_holds_no_names(tmp_path):
    path = tmp_path / "disk.db"
    store = Store(f"sqlite:///{path}", KEY)
    talk(MappingService(store), uuid.uuid4().hex, "/start", "yes", "Bellatrixa", "my uncle Quennell")
    store.engine.dispose()  # checkpoint the WAL into the file
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("disk.db-*"))
    assert b"Bellatrixa" not in raw and b"Quennell" not in raw


def test_another_key_cannot_read_the_map(store):
    cid = uuid.uuid4().hex
    talk(MappingService(store), cid, "/start", "yes", "Rae", "my mum")
    with pytest.raises(SealError, match="another key"):
        Store(store.url, os.urandom(32)).maps_for(cid)
