"""The person and roles from memory (storage/people_cache.py): a change is seen on the person's
next update in every process — two dispatchers on one database (and Redis on PostgreSQL), a
role granted by another process (the CLI, a subprocess), the language, /forgetme."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event

from bot.app import App
from domain.enums import Channel, Role
from domain.entities import Person as PersonEntity
from storage.db import is_sqlite
from storage.people_cache import EVERYONE, FileBus, PeopleCache, RedisBus
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import AppFactory, onboarded, run
from tests.harness import BOT_TOKEN, Person
from tests.support.processes import REDIS_URL, ROOT, redis_up, uid


async def two_apps(make_app: AppFactory, db_url: str) -> tuple[App, App, dict[str, Any]]:
    """Two dispatchers on one database; on PostgreSQL they share Redis (skip without it)."""
    extra: dict[str, Any] = {}
    if not is_sqlite(db_url):
        if not redis_up():
            pytest.skip("Redis is not reachable (TEST_REDIS_URL)")
        extra = {"redis_url": REDIS_URL}
    a = await make_app(**extra)
    b = await make_app(**extra)
    for app in (a, b):
        assert app.people is not None
        await app.people.start()
        assert app.people.live
    return a, b, extra


async def warm(p: Person) -> None:
    await p.send("/menu")  # from the database, kept ("last seen" written, the entry updated)
    await p.send("/menu")  # from memory


async def test_a_change_is_seen_on_the_next_update_in_every_process(
        make_app: AppFactory, db_url: str, orgs: dict[str, int], tmp_path: Path) -> None:
    a, b, extra = await two_apps(make_app, db_url)
    user = uid(7_410_000)
    await onboarded(a, user, orgs["school1"])
    pa, pb = Person(a, user), Person(b, user)
    await warm(pa)
    await warm(pb)
    assert a.people and b.people and a.people.hits > 0 and b.people.hits > 0
    assert "Координатор" not in str(pb.last.buttons())

    # another process (the operator's CLI) grants a role: both dispatchers show it next
    env = {**os.environ, "DATABASE_URL": db_url, "BOT_TOKEN": BOT_TOKEN, "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    if extra:
        env["REDIS_URL"] = REDIS_URL
    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "bot", "grant", str(user), "school_coordinator",
                         str(orgs["school1"])],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    await asyncio.sleep(0.2)  # the published change crosses Redis (sub-millisecond locally)
    await pb.send("/menu")
    assert "Координатор" in str(pb.last.buttons())
    await pa.send("/menu")
    assert "Координатор" in str(pa.last.buttons())

    # the language changed in one process: the other answers in it on the next update
    person_id = await run(a, lambda uow: uow.people.get_by_external(Channel.TELEGRAM, str(user)))
    await run(a, lambda uow: uow.people.set_locale(person_id.id, "en"))
    await pb.send("/menu")
    assert "Coordinator" in str(pb.last.buttons())

    # a role revoked: gone on the next update
    await run(a, lambda uow: uow.people.remove_grant(person_id.id, Role.SCHOOL_COORDINATOR,
                                                     orgs["school1"]))
    await pb.send("/menu")
    assert "Coordinator" not in str(pb.last.buttons())

    # /forgetme in one process: the other greets a stranger next
    await warm(pb)
    await pa.send("/forgetme")
    await pa.press("Yes", exact=False)
    await pb.send("/start")
    assert "152-ФЗ" in pb.last.text


async def test_a_menu_tap_from_memory_reads_nothing(app: App, orgs: dict[str, int]) -> None:
    if app.people is None:
        pytest.skip("no cache on PostgreSQL without Redis (tests/test_hot_path.py counts it)")
    await onboarded(app, 740_101, orgs["school1"])
    p = Person(app, 740_101)
    await warm(p)
    statements: list[str] = []

    def on_statement(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(app.engine.sync_engine, "before_cursor_execute", on_statement)
    try:
        await p.send("/menu")
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", on_statement)
    assert "Самодиагностика" in str(p.last.buttons())
    fsm_in_memory = is_sqlite(app.settings.database_url)
    assert len(statements) == (0 if fsm_in_memory else 1), statements


async def test_last_seen_keeps_the_person_in_memory(app: App, orgs: dict[str, int]) -> None:
    """"Last seen" is written on the first tap after a pause: the person stays in memory (with
    the new time), so that tap and the next read nothing else from the database."""
    if app.people is None:
        pytest.skip("no cache on PostgreSQL without Redis")
    await onboarded(app, 740_102, orgs["school1"])
    p = Person(app, 740_102)
    await warm(p)
    TEST_CLOCK.advance(timedelta(minutes=6))  # "last seen" is due again
    statements: list[str] = []

    def on_statement(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(app.engine.sync_engine, "before_cursor_execute", on_statement)
    try:
        await p.send("/menu")  # writes "last seen", reads no person
        await p.send("/menu")  # from memory, writes nothing
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", on_statement)
    assert "Самодиагностика" in str(p.last.buttons())
    writes = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(writes) == 1 and "last_seen_at" in writes[0], statements
    assert not [s for s in statements if "FROM people" in s], statements
    async with app.sessions() as session:  # stored, and the cached copy has it too
        stored = await SqlUnitOfWork(session, TEST_CLOCK).people.get_by_external(
            Channel.TELEGRAM, "740102")
    assert stored is not None and stored.last_seen_at == TEST_CLOCK.now()
    cached = app.people.get(Channel.TELEGRAM.value, "740102")
    assert cached is not None and cached.last_seen_at == TEST_CLOCK.now()


def entity(pid: int) -> PersonEntity:
    return PersonEntity(id=pid, channel=Channel.TELEGRAM, external_id=str(pid))


async def test_a_read_that_raced_a_change_is_not_kept() -> None:
    cache = PeopleCache()
    try:
        generation = cache.generation
        cache.forget({7})  # a change committed while the read was in flight
        cache.put("telegram", "7", entity(7), generation)
        assert cache.get("telegram", "7") is None
        cache.put("telegram", "7", entity(7), cache.generation)
        got = cache.get("telegram", "7")
        assert got is not None
        got.grants.append(None)  # type: ignore[arg-type]  # a handler edits its copy
        assert cache.get("telegram", "7").grants == []  # type: ignore[union-attr]
        cache.forget(EVERYONE)
        assert cache.get("telegram", "7") is None
    finally:
        await cache.close()


async def test_sqlite_sidecar_file_tells_the_other_process(tmp_path: Path) -> None:
    path = str(tmp_path / "db.sqlite-people")
    mine, theirs = PeopleCache(FileBus(path)), FileBus(path)
    try:
        mine.put("telegram", "1", entity(1), mine.generation)
        assert mine.get("telegram", "1") is not None
        await mine.bus.publish({1})  # its own touch does not empty it
        mine.put("telegram", "1", entity(1), mine.generation)
        assert mine.get("telegram", "1") is not None
        await asyncio.sleep(0.01)
        await theirs.publish({1})  # another process's does
        assert mine.get("telegram", "1") is None
    finally:
        await mine.close()


async def test_redis_bus_between_processes_and_cold_without_subscription() -> None:
    if not redis_up():
        pytest.skip("Redis is not reachable (TEST_REDIS_URL)")
    one, two = PeopleCache(RedisBus(REDIS_URL)), PeopleCache(RedisBus(REDIS_URL))
    try:
        await one.start()
        await two.start()
        assert one.live and two.live
        two.put("telegram", "5", entity(5), two.generation)
        assert two.get("telegram", "5") is not None
        await one.bus.publish({5})
        for _ in range(100):
            if two.get("telegram", "5") is None:
                break
            await asyncio.sleep(0.01)
        assert two.get("telegram", "5") is None
    finally:
        await one.close()
        await two.close()
    lost = PeopleCache(RedisBus("redis://127.0.0.1:1/0"))  # nothing listens there
    try:
        lost.put("telegram", "5", entity(5), lost.generation)
        assert lost.get("telegram", "5") is None  # never subscribed: the database is read
    finally:
        await lost.close()
