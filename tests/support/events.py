"""Helpers for the events tests (no tests here): events created straight in the database,
actors read back from it, the outbox as stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from domain import events as ev
from domain.access import Actor
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import outbox, read, run  # noqa: F401  (re-exported for the tests)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DEFAULT_HOURS = ev.Hours(4, 2, 0)


async def make_event(
    app: Any,
    organiser_id: int,
    *,
    title: str = "Формирующее оценивание",
    capacity: int | None = None,
    starts: datetime | None = None,
    days: int = 1,
    hours: ev.Hours = DEFAULT_HOURS,
    audience: list[int] | None = None,
    deadline: datetime | None = None,
    form: ev.EventForm = ev.EventForm.SEMINAR,
    level: ev.EventLevel = ev.EventLevel.MUNICIPAL,
    groups: list[str] | None = None,
    reminders: list[int] | None = None,
    place: str | None = "МАОУ СОШ № 5, актовый зал",
    now: datetime | None = None,
) -> int:
    """An event stored directly (its dates may be in the past: the rules of creation are
    tested elsewhere)."""
    starts = starts or TEST_CLOCK.now() + timedelta(days=3)
    draft = ev.EventDraft(
        title=title, form=form, level=level, organiser_id=organiser_id,
        groups=groups if groups is not None else ["methodological"],
        sessions=[ev.Session(starts + timedelta(days=d), starts + timedelta(days=d, hours=3))
                  for d in range(days)],
        place=place, online_url=None, hours=hours, capacity=capacity, deadline=deadline,
        audience=audience or [organiser_id],
        reminders=list(ev.DEFAULT_REMINDERS) if reminders is None else reminders,
    )
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        event = await uow.events.add(draft, None, now or TEST_CLOCK.now())
        await uow.commit()
        return event.id


async def actor(app: Any, person_id: int, admin: bool = False) -> Actor:
    async with app.sessions() as session:
        person = await SqlUnitOfWork(session, TEST_CLOCK).people.get(person_id)
        assert person is not None
        return Actor(person_id, tuple(person.grants), is_config_admin=admin)


async def registration(app: Any, event_id: int, person_id: int) -> ev.Registration | None:
    async with app.sessions() as session:
        return await SqlUnitOfWork(session, TEST_CLOCK).events.registration_of(event_id, person_id)
