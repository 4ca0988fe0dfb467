"""mine"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.access import Actor
from domain.events.model import Event, Registration, RegStatus
from domain.ports import UnitOfWork

# ---- teachers: my registrations and hours --------------------------------------------------


@dataclass(frozen=True, slots=True)
class MyItem:
    event: Event
    registration: Registration
    position: int | None


async def my_registrations(uow: UnitOfWork, actor: Actor, now: datetime, past: bool
                           ) -> list[MyItem]:
    """Upcoming (not yet ended, active) or past (ended, or cancelled, or left) registrations."""
    out = []
    for event, reg in await uow.events.registrations_of_person(actor.person_id):
        ended = event.ends_at <= now
        current = not ended and reg.is_active and not event.is_cancelled
        if current == past:
            continue
        position = None
        if reg.status is RegStatus.WAITLISTED and not past:
            position = await uow.events.waitlist_position(event.id, reg.seq)
        out.append(MyItem(event, reg, position))
    out.sort(key=lambda i: i.event.starts_at, reverse=past)
    return out
