"""seats"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.entities import Notification
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events.access import viewer
from domain.events.model import (
    HOLDING,
    Event,
    Registration,
    RegStatus,
    leave_refusal,
    offer_expiry,
    place_for_newcomer,
    registration_error,
    reminder_prefix,
    seats_to_offer,
    spans,
    visible_to,
)
from domain.notifications import ConfirmSeat, DeclineSeat, OpenEvent
from domain.outbox import notify
from domain.ports import UnitOfWork

# ---- teachers: register, cancel, confirm ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistrationOutcome:
    registration: Registration
    position: int | None


async def register(uow: UnitOfWork, actor: Actor, event_id: int, now: datetime
                   ) -> RegistrationOutcome:
    """A seat if one is free, otherwise the end of the waitlist. Atomic under the event lock."""
    seer = await viewer(uow, actor.person_id)  # read before the lock: short critical part
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    if not visible_to(event, seer):
        if event.subgroup is not None and set(event.audience) & seer.orgs:
            raise AccessDenied("ev-error-not-in-subgroup")  # a forged or an old button
        raise NotFound("ev-error-not-found")
    error = registration_error(event, now)
    if error is not None:
        raise error
    seat = await uow.events.seat_state(event.id, actor.person_id)  # one statement under the lock
    if seat.own_active:
        raise ValidationError("ev-error-already-registered")
    counts = seat.counts
    status = place_for_newcomer(event.capacity, counts)
    reg = await uow.events.save_registration(Registration(
        id=seat.own_id or 0, event_id=event.id, person_id=actor.person_id,
        status=status, seq=counts.last_seq + 1, created_at=now,
    ), now)
    position = None
    if status is RegStatus.WAITLISTED:
        position = counts.waitlisted + 1
    return RegistrationOutcome(reg, position)


async def _own_registration(uow: UnitOfWork, actor: Actor, event_id: int) -> Registration:
    reg = await uow.events.registration_of(event_id, actor.person_id)
    if reg is None:
        raise NotFound("ev-error-no-registration")
    actor.require_self(reg.person_id)
    return reg


async def cancel_registration(uow: UnitOfWork, actor: Actor, event_id: int, tz: ZoneInfo,
                              now: datetime) -> Registration:
    """The teacher leaves (a seat, an offer or the waitlist); a freed seat goes to the head of
    the waitlist; reminders already queued for this person are dropped."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    reg = await _own_registration(uow, actor, event.id)
    refusal = leave_refusal(event, reg, now)
    if refusal is not None:
        raise ValidationError(refusal)
    freed = reg.status in HOLDING
    reg.status, reg.cancelled_at, reg.offer_expires_at = RegStatus.CANCELLED, now, None
    await uow.events.save_registration(reg, now)
    await uow.events.drop_pending(reminder_prefix(event.id, actor.person_id))
    if freed:
        await fill_free_seats(uow, event, tz, now)
    return reg


async def confirm_offer(uow: UnitOfWork, actor: Actor, event_id: int, now: datetime
                        ) -> Registration:
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    reg = await _own_registration(uow, actor, event.id)
    if reg.status is RegStatus.CONFIRMED:
        return reg
    if reg.status is not RegStatus.OFFERED:
        raise ValidationError("ev-error-no-offer")
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if reg.offer_expires_at is not None and reg.offer_expires_at <= now:
        raise ValidationError("ev-error-offer-expired")
    reg.status, reg.offer_expires_at = RegStatus.CONFIRMED, None
    return await uow.events.save_registration(reg, now)


async def fill_free_seats(uow: UnitOfWork, event: Event, tz: ZoneInfo, now: datetime) -> int:
    """Offer free seats to the head of the waitlist, in arrival order. Call under the lock."""
    if event.is_cancelled or event.starts_at <= now:
        return 0
    counts = await uow.events.counts(event.id)
    n = seats_to_offer(event.capacity, counts)
    if n <= 0:
        return 0
    expires = offer_expiry(now, event)
    for reg in await uow.events.waitlist_head(event.id, n):
        reg.status, reg.offer_expires_at = RegStatus.OFFERED, expires
        await uow.events.save_registration(reg, now)
        await notify(uow, Notification(
            person_id=reg.person_id,
            key="ev-notice-offer",
            params={"title": event.title, "when": spans(event.sessions), "until": expires},
            targets=(ConfirmSeat(event.id), DeclineSeat(event.id)),
        ), now)
    return n


async def expire_offers(uow: UnitOfWork, event_id: int, tz: ZoneInfo, now: datetime) -> int:
    """Offers not confirmed in time expire; the seat goes to the next in line."""
    event = await uow.events.lock(event_id)
    if event is None:
        return 0
    expired = 0
    for reg in await uow.events.offers_due(event.id, now):
        reg.status, reg.offer_expires_at = RegStatus.EXPIRED, None
        await uow.events.save_registration(reg, now)
        expired += 1
        if event.is_cancelled:  # they were told about the cancellation already
            continue
        await notify(uow, Notification(
            person_id=reg.person_id, key="ev-notice-offer-expired",
            params={"title": event.title},
            targets=(OpenEvent(event.id),),
        ), now)
    if expired:
        await fill_free_seats(uow, event, tz, now)
    return expired
