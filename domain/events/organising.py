"""organising"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.entities import Notification, Org
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events.access import _event, check_draft, require_manage, scope_ids
from domain.events.attendance import _credit
from domain.events.facts import AttendanceTakenBack
from domain.events.model import (
    ATTENDANCE_FROM,
    CAPACITY_MAX,
    LIST_PAGE,
    ChangeKind,
    Event,
    EventChange,
    EventDraft,
    EventStatus,
    Registrant,
    Registration,
    RegStatus,
    SeatCounts,
    Subgroup,
    _notice_targets,
    new_checkin_code,
    reminder_prefix,
    spans,
)
from domain.events.seats import fill_free_seats
from domain.outbox import notify
from domain.ports import UnitOfWork

# ---- organisers --------------------------------------------------------------------------


async def create_event(uow: UnitOfWork, actor: Actor, draft: EventDraft, now: datetime) -> Event:
    await check_draft(uow, actor, draft, now)
    event = await uow.events.add(draft, actor.person_id, now)
    await uow.events.add_change(EventChange(
        event.id, ChangeKind.CREATED, None, None, None, actor.person_id, now))
    return event


#: fields a change of which is announced to registrants
ANNOUNCED = ("place", "online_url")


def _field_values(draft: EventDraft) -> dict[str, Any]:
    d = draft.to_dict()
    d.pop("organiser_id", None)
    d.pop("level", None)
    return d


async def edit_event(
    uow: UnitOfWork, actor: Actor, event_id: int, draft: EventDraft, tz: ZoneInfo,
    now: datetime,
) -> list[str]:
    """Apply an organiser's edit; returns the changed fields.

    A change of dates is a reschedule (перенос): every registrant and waitlisted teacher is
    told old → new with a one-tap cancel, queued reminders for the old dates are dropped.
    More seats go to the waitlist; fewer seats than already taken are refused.
    """
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if event.ends_at <= now:
        raise ValidationError("ev-error-past")
    draft.organiser_id, draft.level = event.organiser_id, event.level
    moved = [(s.starts_at, s.ends_at) for s in draft.sessions] != [
        (s.starts_at, s.ends_at) for s in event.sessions]
    if moved and draft.sessions and draft.deadline is not None \
            and draft.deadline > min(s.starts_at for s in draft.sessions):
        draft.deadline = None  # a deadline after the new start: registration runs to the start
    await check_draft(uow, actor, draft, now, new=False)
    old, new = _field_values(event.draft()), _field_values(draft)
    changed = [k for k in new if new[k] != old.get(k)]
    if not changed:
        return []
    if "sessions" in changed and min(s.starts_at for s in draft.sessions) <= now:
        raise ValidationError("ev-error-session-past", line=1)
    counts = await uow.events.counts(event.id)
    if draft.capacity is not None and draft.capacity < counts.held:
        raise ValidationError("ev-error-capacity-below", taken=counts.held)
    await uow.events.update(event.id, draft, now)
    change_ids = {}
    for name in changed:
        change = await uow.events.add_change(EventChange(
            event.id, ChangeKind.RESCHEDULED if name == "sessions" else ChangeKind.EDITED,
            name, old.get(name), new[name], actor.person_id, now))
        change_ids[name] = change.id
    updated = await _event(uow, event.id)
    people = await uow.events.active_people(event.id)
    if "sessions" in changed:
        await uow.events.drop_pending(reminder_prefix(event.id))
        for person_id in people:
            await notify(uow, Notification(
                person_id=person_id, key="ev-notice-rescheduled",
                params={"title": updated.title, "old": spans(event.sessions),
                        "new": spans(updated.sessions)},
                targets=_notice_targets(event.id),
                dedupe_key=f"ev-resched:e{event.id}:c{change_ids['sessions']}:p{person_id}",
            ), now)
    elif any(name in changed for name in ANNOUNCED):
        for person_id in people:
            await notify(uow, Notification(
                person_id=person_id, key="ev-notice-place",
                params={"title": updated.title, "place": updated.place,
                        "link": updated.online_url},
                targets=_notice_targets(event.id),
            ), now)
    if "capacity" in changed:
        await fill_free_seats(uow, updated, tz, now)
    return changed



async def cancel_event(uow: UnitOfWork, actor: Actor, event_id: int, tz: ZoneInfo,
                       now: datetime) -> int:
    """Cancel an event: everyone registered or waiting is told; returns how many."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if event.ends_at <= now:
        raise ValidationError("ev-error-past")
    await uow.events.set_status(event.id, EventStatus.CANCELLED, now)
    await uow.events.add_change(EventChange(
        event.id, ChangeKind.CANCELLED, "status", EventStatus.PUBLISHED.value,
        EventStatus.CANCELLED.value, actor.person_id, now))
    await uow.events.drop_pending(reminder_prefix(event.id))
    people = await uow.events.active_people(event.id)
    for person_id in people:
        await notify(uow, Notification(
            person_id=person_id, key="ev-notice-cancelled",
            params={"title": event.title, "when": spans(event.sessions)},
            dedupe_key=f"ev-cancel:e{event.id}:p{person_id}",
        ), now)
    return len(people)


@dataclass(frozen=True, slots=True)
class OrganisedPage:
    items: list[tuple[Event, SeatCounts]]
    total: int
    page: int
    pages: int


async def organised(uow: UnitOfWork, actor: Actor, page: int, now: datetime,
                    page_size: int = LIST_PAGE) -> OrganisedPage:
    """Events whose organiser lies inside the actor's scope: upcoming and of the last 60 days."""
    if not (actor.is_admin or actor.is_coordinator):
        raise AccessDenied()
    within = await scope_ids(uow, actor)
    page = max(page, 0)
    events, total = await uow.events.organised(within, now, now - timedelta(days=60),
                                               page * page_size, page_size)
    pages = max((total + page_size - 1) // page_size, 1)
    if not events and total and page > 0:
        page = pages - 1
        events, total = await uow.events.organised(within, now, now - timedelta(days=60),
                                                   page * page_size, page_size)
    counts = await uow.events.counts_many([e.id for e in events])
    return OrganisedPage([(e, counts.get(e.id, SeatCounts())) for e in events], total, page,
                         pages)


async def manage_view(uow: UnitOfWork, actor: Actor, event_id: int) -> tuple[Event, Org,
                                                                               SeatCounts]:
    event = await _event(uow, event_id)
    organiser = await require_manage(uow, actor, event)
    return event, organiser, await uow.events.counts(event.id)


async def registrants(uow: UnitOfWork, actor: Actor, event_id: int, page: int,
                      page_size: int = LIST_PAGE) -> tuple[Event, list[Registrant], int, int]:
    """Confirmed registrants for the attendance list (paged): (event, page items, page, pages)."""
    event = await _event(uow, event_id)
    await require_manage(uow, actor, event)
    total = (await uow.events.counts(event.id)).confirmed
    pages = max((total + page_size - 1) // page_size, 1)
    page = min(max(page, 0), pages - 1)
    items = await uow.events.registrants(event.id, [RegStatus.CONFIRMED], page * page_size,
                                         page_size)
    return event, items, page, pages


async def set_attendance(uow: UnitOfWork, actor: Actor, event_id: int, registration_id: int,
                         attended: bool, now: datetime) -> Registration:
    """Mark who came; hours by kind go to (or leave) the attendee's ledger."""
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    reg = await uow.events.registration(registration_id)
    if reg is None or reg.event_id != event.id:
        raise NotFound("ev-error-no-registration")
    if reg.status is not RegStatus.CONFIRMED:
        raise ValidationError("ev-error-attendance-status")
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    if now < event.starts_at - ATTENDANCE_FROM:
        raise ValidationError("ev-error-attendance-early")
    if attended and reg.attended_at is None:
        if reg.person_id == actor.person_id:  # hours are credited by someone else
            raise ValidationError("ev-error-attendance-self")
        await _credit(uow, event, reg, now)
    elif not attended and reg.attended_at is not None:
        reg.attended_at = None
        await uow.events.save_registration(reg, now)
        await uow.hours.revoke(reg.person_id, event.id)
        # the ИОМ reacts: what the attendance mark did is undone
        uow.emit(AttendanceTakenBack(reg.person_id, event.id, now))
    return reg


async def toggle_attendance(uow: UnitOfWork, actor: Actor, event_id: int, registration_id: int,
                            now: datetime) -> Registration:
    reg = await uow.events.registration(registration_id)
    if reg is None or reg.event_id != event_id:
        raise NotFound("ev-error-no-registration")
    return await set_attendance(uow, actor, event_id, registration_id,
                                reg.attended_at is None, now)


async def issue_checkin_code(uow: UnitOfWork, actor: Actor, event_id: int
                             ) -> tuple[Event, str]:
    event = await uow.events.lock(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await require_manage(uow, actor, event)
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    code = event.checkin_code
    if not code:
        code = new_checkin_code()
        await uow.events.set_checkin_code(event.id, code)
        event = replace(event, checkin_code=code)
    return event, code


async def set_subgroup(uow: UnitOfWork, actor: Actor, event_id: int,
                       subgroup: Subgroup | None, now: datetime) -> Event:
    """Hold the event for a subgroup of one school's staff (None: for its whole audience
    again). Only an event addressed to that school alone: a subgroup would otherwise close
    it to the other schools' teachers. Who registered earlier keeps the seat."""
    event = await _event(uow, event_id)
    await require_manage(uow, actor, event)
    if subgroup is not None and set(event.audience) != {subgroup.school_id}:
        raise ValidationError("ev-error-subgroup-audience", title=event.title)
    await uow.events.set_subgroup(event.id, subgroup, now)
    return replace(event, subgroup=subgroup)


async def export_registrants(uow: UnitOfWork, actor: Actor, event_id: int
                             ) -> tuple[Event, list[Registrant]]:
    """Everyone registered, offered a seat or waiting (in that order) for the XLSX export."""
    event = await _event(uow, event_id)
    await require_manage(uow, actor, event)
    items = await uow.events.registrants(
        event.id, [RegStatus.CONFIRMED, RegStatus.OFFERED, RegStatus.WAITLISTED], 0, CAPACITY_MAX
    )
    return event, items


async def history(uow: UnitOfWork, actor: Actor, event_id: int) -> tuple[Event, list[EventChange]]:
    event = await _event(uow, event_id)
    await require_manage(uow, actor, event)
    return event, await uow.events.changes(event.id)
