"""The catalogue from memory (storage/read_model.py): a repeated page costs no statement, and
a change — in this process or in another bot process on the same database (and Redis on
PostgreSQL) — is seen on the next update."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import event

from bot.app import App
from domain import events as ev
from handlers.events.callbacks import EvActCb
from storage.db import is_sqlite
from storage.people_cache import EVERYONE
from storage.read_model import ReadModel
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import AppFactory, onboarded
from tests.harness import Person
from tests.support.events import make_event, registration
from tests.support.processes import REDIS_URL, press_elsewhere, redis_up, uid


async def open_events(p: Person) -> None:
    await p.send("/menu")
    await p.press("📅 Мероприятия")


async def statements_of(app: App, action: Any) -> list[str]:
    seen: list[str] = []

    def on(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(app.engine.sync_engine, "before_cursor_execute", on)
    try:
        await action()
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", on)
    return seen


async def test_a_repeated_page_is_served_from_memory_and_a_registration_is_seen_next(
        app: App, orgs: dict[str, int]) -> None:
    await make_event(app, orgs["mun1"], title="Семинар на одно место", capacity=1)
    await onboarded(app, 760_001, orgs["school1"])
    await onboarded(app, 760_002, orgs["school2"], name="Козлова Ирина Павловна")
    anna, irina = Person(app, 760_001), Person(app, 760_002)
    await open_events(anna)
    await open_events(anna)  # the page once more: now it is in memory
    assert "мест: 1" in anna.last.text

    again = await statements_of(app, lambda: anna.press_data(anna.last.buttons()[-1][1]))
    assert "Главное меню" in anna.last.text
    page = await statements_of(app, lambda: anna.press("📅 Мероприятия"))
    assert "Семинар на одно место" in anna.last.text and "мест: 1" in anna.last.text
    if app.reads is not None:  # SQLite, or Redis: the page and the menu issue no SQL
        assert page == [] and again == [], (again, page)
        assert app.reads.hits > 0

    await open_events(irina)
    await irina.press("Семинар на одно место")
    await irina.press("Записаться")
    assert "Вы записаны" in irina.last.text
    await anna.press("Главное меню")
    await anna.press("📅 Мероприятия")  # the next update: the seat is gone
    assert "ожидают: 0" in anna.last.text and "мест: 1" not in anna.last.text


async def test_a_registration_in_another_process_is_seen_on_the_next_update(
        app: App, make_app: AppFactory, db_url: str, orgs: dict[str, int]) -> None:
    extra: dict[str, Any] = {}
    if not is_sqlite(db_url):  # PostgreSQL: trusted only with Redis
        if not redis_up():
            pytest.skip("Redis is not reachable (TEST_REDIS_URL)")
        extra = {"redis_url": REDIS_URL}
        app = await make_app(**extra)  # one process (``app`` has no read model here)
    assert app.reads is not None
    await app.reads.start()
    event_id = await make_event(app, orgs["mun1"], title="Семинар на одно место", capacity=1)
    anna_id, irina_id = uid(761_000), uid(762_000)
    await onboarded(app, anna_id, orgs["school1"])
    irina = await onboarded(app, irina_id, orgs["school2"], name="Козлова Ирина Павловна")
    anna = Person(app, anna_id)
    await open_events(anna)
    hits = app.reads.hits
    await open_events(anna)
    assert app.reads.hits > hits and "мест: 1" in anna.last.text  # from memory
    told = app.reads.epoch

    # the other process registers Irina and replies to her after telling this one
    reply = await press_elsewhere(db_url, extra.get("redis_url"), irina_id,
                                  EvActCb(action="reg", event_id=event_id).pack())
    assert "Вы записаны" in reply, reply
    reg = await registration(app, event_id, irina)
    assert reg is not None and reg.status is ev.RegStatus.CONFIRMED
    if extra:  # the message crosses Redis (sub-millisecond locally)
        for _ in range(200):
            if app.reads.epoch != told:
                break
            await asyncio.sleep(0.01)
    await anna.press("Главное меню")
    await anna.press("📅 Мероприятия")
    assert "ожидают: 0" in anna.last.text and "мест: 1" not in anna.last.text


async def test_what_is_read_while_a_change_is_told_is_not_kept(app: App) -> None:
    model = ReadModel()
    try:
        async with app.sessions() as session:
            async def load() -> str:
                model.forget({"events"})  # another process's change arrives meanwhile
                return "old"

            assert await model.read(session, "events", "k", load) == "old"
            assert await model.read(session, "events", "k", _fresh) == "fresh"  # not kept
            assert await model.read(session, "events", "k", _never) == "fresh"  # kept now
            model.forget(EVERYONE)
            assert await model.read(session, "events", "k", _fresh2) == "fresh 2"
    finally:
        await model.close()


async def _fresh() -> str:
    return "fresh"


async def _fresh2() -> str:
    return "fresh 2"


async def _never() -> str:
    raise AssertionError("read from the database, though it was in memory")


async def test_a_transaction_that_wrote_reads_its_own_rows_and_keeps_nothing(
        app: App, orgs: dict[str, int]) -> None:
    event_id = await make_event(app, orgs["mun1"], title="Семинар", capacity=5)
    person_id = await onboarded(app, 763_001, orgs["school1"])
    model = ReadModel()
    try:
        async with app.sessions() as session:
            uow = SqlUnitOfWork(session, TEST_CLOCK, reads=model)
            assert (await uow.events.counts(event_id)).confirmed == 0
            await uow.events.save_registration(ev.Registration(
                id=0, event_id=event_id, person_id=person_id, status=ev.RegStatus.CONFIRMED,
                seq=1, created_at=TEST_CLOCK.now()), TEST_CLOCK.now())
            assert (await uow.events.counts(event_id)).confirmed == 1  # its own row
            await uow.rollback()
        async with app.sessions() as session:
            uow = SqlUnitOfWork(session, TEST_CLOCK, reads=model)
            assert (await uow.events.counts(event_id)).confirmed == 0  # not the rolled back
            assert (await uow.events.counts(event_id)).confirmed == 0  # now from memory
        assert model.hits == 1
    finally:
        await model.close()


async def test_seats_are_decided_on_the_database_under_the_lock(
        app: App, orgs: dict[str, int]) -> None:
    """A change another process made but has not told yet (a stale entry) never decides a seat:
    under the event's lock the counts come from the database."""
    event_id = await make_event(app, orgs["mun1"], title="Семинар", capacity=1)
    person_id = await onboarded(app, 764_001, orgs["school1"])
    model = ReadModel()
    try:
        async with app.sessions() as session:
            await SqlUnitOfWork(session, TEST_CLOCK, reads=model).events.counts(event_id)
        model._parts["events"][("counts", (event_id,))] = {
            event_id: ev.SeatCounts(confirmed=1, last_seq=1)}  # stale: the seat looks taken
        async with app.sessions() as session:
            uow = SqlUnitOfWork(session, TEST_CLOCK, reads=model)
            assert (await uow.events.counts(event_id)).confirmed == 1  # served from memory
            await uow.events.lock(event_id)
            assert (await uow.events.counts(event_id)).confirmed == 0  # the database's
            await uow.events.save_registration(ev.Registration(
                id=0, event_id=event_id, person_id=person_id, status=ev.RegStatus.CONFIRMED,
                seq=1, created_at=TEST_CLOCK.now()), TEST_CLOCK.now())
            await uow.commit()
        assert not model._parts["events"]  # the registration dropped what was kept
    finally:
        await model.close()
