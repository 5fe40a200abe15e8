"""Storage: every answer is saved, maps are kept, delete removes everything. Runs
against SQLite (the default) and the local PostgreSQL server."""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from sqlalchemy import text

from bot.flow import Conversation, Flow, Incoming
from bot.service import MappingService
from bot.storage import Store

PG_ADMIN = os.environ.get("WBMAP_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield Store(f"sqlite:///{tmp_path / 'test.db'}")
        return
    name = f"wbmap_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN}: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)[0] + f"/{name}"
    created = Store(url)
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
    fresh = MappingService(Store(store.url))  # as if the process had died and restarted
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
    fresh = MappingService(Store(store.url))
    _, conv = talk(fresh, cid, "back")
    assert [c.label for c in conv.map.connections] == ["Gran"]
    _, conv = talk(MappingService(Store(store.url)), cid, "back")
    assert conv.map.connections == []
    _, conv = talk(MappingService(Store(store.url)), cid, "my grandad")
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
    assert Store(store.url).load(abandoned) is None
    assert Store(store.url).load(finished) is not None and Store(store.url).load(recent) is not None
