"""Scheduled ticks do no repeated work: a reminder recorded by one tick is not re-inserted by
the next (one SELECT of the known dedupe keys instead of an INSERT … ON CONFLICT per
registrant every 30 s)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event

from bot.app import App
from bot.jobs import events_tick
from domain import events as ev
from domain.clock import FrozenClock
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.support.events import actor, make_event, outbox, run

TZ = ZoneInfo("Europe/Moscow")


async def test_a_second_tick_inserts_nothing(app: App, orgs: dict[str, int]) -> None:
    start = TEST_CLOCK.now().replace(microsecond=0) + timedelta(days=3)
    event_id = await make_event(app, orgs["mun1"], starts=start)
    people = [await onboarded(app, 760_000 + i, orgs["school1"], name=f"Учитель {i}")
              for i in range(5)]
    for pid in people:
        await run(app, ev.register, await actor(app, pid), event_id, TEST_CLOCK.now())
    at = FrozenClock(start - timedelta(hours=23))
    assert (await events_tick(app.sessions, TZ, at)).reminders == 5

    inserts: list[str] = []

    def on_statement(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement)

    event.listen(app.engine.sync_engine, "before_cursor_execute", on_statement)
    try:
        again = await events_tick(app.sessions, TZ, FrozenClock(start - timedelta(hours=22)))
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", on_statement)
    assert again.reminders == 0
    assert inserts == []
    assert len(await outbox(app, "ev-notice-reminder")) == 5
