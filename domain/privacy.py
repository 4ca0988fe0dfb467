"""The right to erasure across features: leave what others depend on cleanly, then delete."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain import events, people
from domain.access import Actor
from domain.entities import Person
from domain.ports import UnitOfWork


async def erase(
    uow: UnitOfWork, actor: Actor, person: Person, tz: ZoneInfo, now: datetime
) -> None:
    """Erase a person. Seats they hold in upcoming events are given up first, through the
    registration rules, so the waitlist moves on instead of a seat silently vanishing."""
    actor.require_self(person.id)
    for item in await events.my_registrations(uow, actor, now, past=False):
        await events.cancel_registration(uow, actor, item.event.id, tz, now)
    await people.forget(uow, actor, person)
