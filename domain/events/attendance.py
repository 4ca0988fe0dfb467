"""attendance"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from domain.access import Actor
from domain.errors import NotFound, ValidationError
from domain.events.access import _organiser_of, can_organise
from domain.events.facts import AttendanceMarked
from domain.events.model import CHECKIN_ATTEMPTS, Event, Registration, RegStatus, checkin_open
from domain.events.seats import _own_registration
from domain.ports import UnitOfWork


async def check_in(uow: UnitOfWork, actor: Actor, event_id: int, code: str, now: datetime
                   ) -> Registration:
    """A registrant types the short code shown at the event."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    reg = await _own_registration(uow, actor, event.id)
    if reg.status is not RegStatus.CONFIRMED or event.is_cancelled:
        raise ValidationError("ev-error-checkin-not-registered")
    if reg.attended_at is not None:
        return reg
    if can_organise(actor, await _organiser_of(uow, event)):
        # whoever manages the event can read its code: another organiser marks them
        raise ValidationError("ev-error-checkin-organiser")
    if not checkin_open(event, now):
        raise ValidationError("ev-error-checkin-window")
    if reg.checkin_failures >= CHECKIN_ATTEMPTS:
        raise ValidationError("ev-error-checkin-locked")
    typed = re.sub(r"\D", "", code or "")
    if not event.checkin_code or not secrets.compare_digest(typed, event.checkin_code):
        reg.checkin_failures += 1
        await uow.events.save_registration(reg, now)
        left = CHECKIN_ATTEMPTS - reg.checkin_failures
        if left <= 0:
            raise ValidationError("ev-error-checkin-locked")
        raise ValidationError("ev-error-checkin-code", left=left)
    await _credit(uow, event, reg, now)
    return reg


async def _credit(uow: UnitOfWork, event: Event, reg: Registration, now: datetime) -> None:
    reg.attended_at = now
    await uow.events.save_registration(reg, now)
    await uow.hours.credit(reg.person_id, event.id, event.hours, event.starts_at, now)
    # the ИОМ reacts (domain/wiring.py): attending a chosen catalogue event marks its activity done
    uow.emit(AttendanceMarked(reg.person_id, event.id, now))
