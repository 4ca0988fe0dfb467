"""Helpers for the feedback and certificate tests (no tests here): an event with teachers
registered through the bot, attendance marked by the organiser through the bot."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from domain import events as ev
from domain.enums import Role
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import Person
from tests.support.events import make_event

ORGANISER_ID = 700_100


async def deliver(app: Any) -> None:
    app.sender.per_chat_interval = 0
    await app.sender.run_once(budget=2)


async def organiser(app: Any, orgs: dict[str, int]) -> Person:
    await onboarded(app, ORGANISER_ID, None, name="Смирнов Андрей Викторович",
                    roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    return Person(app, ORGANISER_ID)


async def event_with_attendees(app: Any, orgs: dict[str, int], title: str, names: list[str],
                               form: ev.EventForm = ev.EventForm.SEMINAR,
                               hours: ev.Hours = ev.Hours(4, 2, 0), days: int = 1
                               ) -> tuple[int, Person, list[Person]]:
    """An event starting in 20 minutes, ``names`` registered through the catalogue."""
    event_id = await make_event(app, orgs["mun1"], title=title, form=form, hours=hours,
                                starts=TEST_CLOCK.now() + timedelta(minutes=20), days=days)
    c = await organiser(app, orgs)
    people = []
    for n, name in enumerate(names):
        await onboarded(app, 555_200 + n, orgs["school1"], name=name)
        p = Person(app, 555_200 + n)
        await p.send("/menu")
        await p.press("📅 Мероприятия")
        await p.press(title)
        await p.press("Записаться")
        people.append(p)
    return event_id, c, people


async def open_attendance(c: Person, title: str) -> None:
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Мои мероприятия")
    await c.press(title)
    await c.press("Посещаемость")


async def open_card(c: Person, title: str) -> None:
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    await c.press("Мои мероприятия")
    await c.press(title)
