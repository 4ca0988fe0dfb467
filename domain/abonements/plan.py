"""The school's plan (000 §7.3): catalogue events held at the school, with hours by kind,
never above the ordered volume; ordered / planned / delivered hours; transfers of a plan
event's date (000 §7.4: the agreement stays as it is, the transfer is listed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain import dates
from domain import events as ev
from domain.abonements.model import (
    CANDIDATES_MAX,
    Abonement,
    Action,
    HistoryEntry,
    PlanItem,
    Transfer,
    add_hours,
    over_volume,
    period,
)
from domain.abonements.ports import AbonementUnitOfWork
from domain.abonements.rights import Rights
from domain.access import Actor
from domain.entities import Org
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events import Event, Hours, Session, Subgroup


@dataclass(frozen=True, slots=True)
class ItemView:
    item: PlanItem
    event: Event
    attended: int
    transfers: list[Transfer]

    def delivered(self, now: datetime) -> bool:
        """Held: the event is over and someone attended it."""
        return not self.event.is_cancelled and self.event.ends_at <= now and self.attended > 0


@dataclass(frozen=True, slots=True)
class Plan:
    abonement: Abonement
    school: Org
    rights: Rights
    items: list[ItemView]
    ordered: Hours
    planned: Hours
    delivered: Hours

    @property
    def left(self) -> Hours:
        o, p = self.ordered, self.planned
        return Hours(max(o.in_person - p.in_person, 0), max(o.remote - p.remote, 0),
                     max(o.self_study - p.self_study, 0))


def _bounds(ab: Abonement, tz: ZoneInfo) -> tuple[datetime, datetime]:
    assert ab.school_year is not None
    first, last = period(ab.school_year)
    return (datetime.combine(first, time(0), tzinfo=tz),
            datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz))


async def viewable(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int) -> Abonement:
    """The abonement, if the actor may see it (a forged id is refused)."""
    ab = await uow.abonements.get(abonement_id)
    if ab is None:
        raise NotFound("abon-error-not-found")
    if not Rights.of(actor, ab).view:
        raise AccessDenied("abon-error-no-access")
    return ab


def _require_plan(actor: Actor, ab: Abonement) -> None:
    rights = Rights.of(actor, ab)
    if not rights.view:
        raise AccessDenied("abon-error-no-access")
    if not rights.plan:
        if ab.curator_id != actor.person_id and not actor.is_admin:
            raise AccessDenied("abon-error-not-curator")
        raise ValidationError("abon-error-wrong-status", status=ab.status.value)


async def plan(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, now: datetime
               ) -> Plan:
    ab = await viewable(uow, actor, abonement_id)
    return await plan_of(uow, ab, Rights.of(actor, ab), now)


async def plan_of(uow: AbonementUnitOfWork, ab: Abonement, rights: Rights, now: datetime
                  ) -> Plan:
    """The plan's figures (the caller has checked the reader's rights)."""
    school = await uow.orgs.get(ab.school_id)
    assert school is not None
    items = await uow.abonements.items(ab.id)
    counts = await uow.events.counts_many([i.event_id for i in items])
    transfers = await uow.abonements.transfers(ab.id)
    views = []
    for item in items:
        event = await uow.events.get(item.event_id)
        if event is None:
            continue
        views.append(ItemView(item, event, counts.get(item.event_id, ev.SeatCounts()).attended,
                              [t for t in transfers if t.item_id == item.id]))
    views.sort(key=lambda v: (v.event.starts_at, v.item.id))
    planned = delivered = Hours()
    for v in views:
        planned = add_hours(planned, v.item.hours)
        if v.delivered(now):
            delivered = add_hours(delivered, v.item.hours)
    return Plan(ab, school, rights, views, ab.ordered, planned, delivered)


def plan_done(p: Plan, now: datetime) -> bool:
    """Every plan event is over (or cancelled) and at least one was held."""
    live = [v for v in p.items if not v.event.is_cancelled]
    return bool(live) and all(v.event.ends_at <= now for v in live) and any(
        v.delivered(now) for v in live)


async def transfers(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, now: datetime
                    ) -> tuple[Plan, dict[int, str]]:
    """The plan with its transfers and the names of who moved them."""
    p = await plan(uow, actor, abonement_id, now)
    ids = sorted({t.by for v in p.items for t in v.transfers if t.by is not None})
    people = await uow.people.get_many(ids)
    return p, {i: people[i].profile.full_name or "—" for i in ids if i in people}


def held_at(event: Event, school_id: int) -> bool:
    """An event of the school's own or one addressed to the school (000 §7.5: at its site)."""
    return event.organiser_id == school_id or school_id in event.audience


async def candidates(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, tz: ZoneInfo,
                     now: datetime) -> tuple[Abonement, list[Event]]:
    """Events held at the school within the school year, not yet in the plan."""
    ab = await viewable(uow, actor, abonement_id)
    _require_plan(actor, ab)
    start, end = _bounds(ab, tz)
    taken = [i.event_id for i in await uow.abonements.items(ab.id)]
    ids = await uow.abonements.school_events(ab.school_id, max(start, now), end, taken,
                                             CANDIDATES_MAX)
    found = [e for e in [await uow.events.get(i) for i in ids] if e is not None]
    return ab, found


def subgroup_of(ab: Abonement, code: str | None) -> Subgroup | None:
    """A target group of the request (None: the whole staff); another one is refused."""
    if not code:
        return None
    found = Subgroup.parse(ab.school_id, code) if code in ab.request.subgroups() else None
    if found is None:
        raise ValidationError("abon-error-subgroup")
    return found


async def add_item(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, event_id: int,
                   hours: Hours | None, tz: ZoneInfo, now: datetime,
                   subgroup: str | None = None) -> PlanItem:
    """Put an event into the plan with its hours by kind (the event's own unless given), for
    the whole staff or one target group of the request (``subgroup``: only its teachers see
    the event and register); refused when the plan would exceed the ordered volume of a
    kind."""
    ab = await viewable(uow, actor, abonement_id)
    _require_plan(actor, ab)
    group = subgroup_of(ab, subgroup)
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    if event.is_cancelled:
        raise ValidationError("abon-error-event-cancelled", title=event.title)
    if not held_at(event, ab.school_id):
        raise ValidationError("abon-error-event-elsewhere", title=event.title)
    start, end = _bounds(ab, tz)
    if not start <= event.starts_at < end:
        raise ValidationError("abon-error-event-outside", title=event.title)
    items = await uow.abonements.items(ab.id)
    if any(i.event_id == event.id for i in items):
        raise ValidationError("abon-error-event-twice", title=event.title)
    chosen = hours if hours is not None else event.hours
    if chosen.total <= 0:
        raise ValidationError("abon-error-hours-zero")
    planned = Hours()
    for i in items:
        planned = add_hours(planned, i.hours)
    over = over_volume(ab.ordered, add_hours(planned, chosen))
    if over is not None:
        kind, would, ordered = over
        raise ValidationError("abon-error-over-volume", kind=kind.value, planned=would,
                              ordered=ordered, free=max(ordered - planned.by_kind()[kind], 0))
    if group is not None or event.subgroup is not None:
        await ev.set_subgroup(uow, actor, event.id, group, now)
    item = await uow.abonements.add_item(ab.id, event.id, chosen,
                                         event.starts_at.astimezone(tz).date(), actor.person_id,
                                         now)
    await uow.abonements.add_history(HistoryEntry(ab.id, Action.ITEM_ADDED, actor.person_id,
                                                  now, event.title))
    return item


async def _item(uow: AbonementUnitOfWork, actor: Actor, item_id: int
                ) -> tuple[Abonement, PlanItem, Event]:
    item = await uow.abonements.item(item_id)
    if item is None:
        raise NotFound("abon-error-item-not-found")
    ab = await viewable(uow, actor, item.abonement_id)
    _require_plan(actor, ab)
    event = await uow.events.get(item.event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    return ab, item, event


async def item_card(uow: AbonementUnitOfWork, actor: Actor, item_id: int
                    ) -> tuple[Abonement, PlanItem, Event, list[Transfer]]:
    """An item the curator acts on (remove, transfer), with its transfers."""
    ab, item, event = await _item(uow, actor, item_id)
    moves = [t for t in await uow.abonements.transfers(ab.id) if t.item_id == item.id]
    return ab, item, event, moves


async def plan_event(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, event_id: int
                     ) -> tuple[Abonement, Event]:
    """An event the curator is about to put into the plan (``add_item`` checks the rest)."""
    ab = await viewable(uow, actor, abonement_id)
    _require_plan(actor, ab)
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    return ab, event


async def remove_item(uow: AbonementUnitOfWork, actor: Actor, item_id: int, now: datetime
                      ) -> Abonement:
    """Take an event out of the plan (the school changes its topics within the volume,
    000 §7.4); the event itself stays in the catalogue."""
    ab, item, event = await _item(uow, actor, item_id)
    if event.ends_at <= now and not event.is_cancelled:
        raise ValidationError("abon-error-item-held", title=event.title)
    await uow.abonements.remove_item(item.id)
    if event.subgroup is not None:  # the event stays in the catalogue, for its audience
        await ev.set_subgroup(uow, actor, event.id, None, now)
    await uow.abonements.add_history(HistoryEntry(ab.id, Action.ITEM_REMOVED, actor.person_id,
                                                  now, event.title))
    return ab


def transfer_bounds(ab: Abonement, today: date) -> tuple[date, date]:
    assert ab.school_year is not None
    first, last = period(ab.school_year)
    return max(today + timedelta(days=1), first), last


async def transfer(uow: AbonementUnitOfWork, actor: Actor, item_id: int, text: str,
                   tz: ZoneInfo, now: datetime) -> Transfer:
    """Move a plan event to another day (its times stay): the event is rescheduled as any
    event is (its registrants are told), the agreement's plan date stays, the transfer is
    listed."""
    ab, item, event = await _item(uow, actor, item_id)
    if event.is_cancelled:
        raise ValidationError("abon-error-event-cancelled", title=event.title)
    if event.starts_at <= now:
        raise ValidationError("abon-error-transfer-started", title=event.title)
    today = now.astimezone(tz).date()
    earliest, latest = transfer_bounds(ab, today)
    new_on = dates.parse_day(text, today, earliest, latest)
    old_on = event.starts_at.astimezone(tz).date()
    if new_on == old_on:
        raise ValidationError("abon-error-transfer-same")
    shift = new_on - old_on
    draft = event.draft()
    draft.sessions = [Session(s.starts_at.astimezone(tz) + shift, s.ends_at.astimezone(tz) + shift)
                      for s in event.sessions]
    if draft.deadline is not None:
        draft.deadline = draft.deadline.astimezone(tz) + shift
    await ev.edit_event(uow, actor, event.id, draft, tz, now)
    moved = await uow.abonements.add_transfer(item.id, old_on, new_on, actor.person_id, now)
    await uow.abonements.add_history(HistoryEntry(ab.id, Action.TRANSFERRED, actor.person_id,
                                                  now, event.title))
    return moved


__all__ = [
    "ItemView", "Plan", "add_item", "candidates", "held_at", "item_card", "plan", "plan_done",
    "plan_event", "plan_of", "subgroup_of", "viewable",
    "remove_item", "transfer", "transfer_bounds", "transfers",
]
