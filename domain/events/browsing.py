"""browsing"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.entities import Org
from domain.errors import NotFound, ValidationError
from domain.events.access import _event, _organiser_of, can_organise, viewer
from domain.events.ics import event_ics
from domain.events.model import (
    CATALOGUE_PAGE,
    COMPETENCE_GROUPS,
    Event,
    EventForm,
    EventLevel,
    Registration,
    RegistrationRights,
    RegStatus,
    SeatCounts,
    deficits_addressed,
    month_bounds,
    registration_error,
    sort_catalogue,
    visible_to,
)
from domain.ports import UnitOfWork

# ---- teachers: the catalogue and the card --------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogueFilter:
    form: EventForm | None = None
    level: EventLevel | None = None
    month: str | None = None  # YYYYMM, local time


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    event: Event
    counts: SeatCounts
    mine: Registration | None
    matches_deficits: bool


@dataclass(frozen=True, slots=True)
class CataloguePage:
    items: list[CatalogueItem]
    total: int
    page: int
    pages: int
    deficits: list[str]


async def catalogue(
    uow: UnitOfWork, actor: Actor, flt: CatalogueFilter, page: int, tz: ZoneInfo, now: datetime,
    page_size: int = CATALOGUE_PAGE,
) -> CataloguePage:
    """Upcoming events visible to the person, those matching their latest deficits first."""
    seer = await viewer(uow, actor.person_id)
    start_from = start_to = None
    if flt.month:
        start_from, start_to = month_bounds(flt.month, tz)
    events = [e for e in await uow.events.upcoming(
        sorted(seer.orgs), now, flt.form, flt.level, start_from, start_to
    ) if visible_to(e, seer)]  # the audience, and a subgroup's event only to its members
    wordings = [(g, t) for g, t in await uow.deficits.latest_deficits(actor.person_id)
                if g in COMPETENCE_GROUPS]
    deficits = list(dict.fromkeys(g for g, _ in wordings))  # the groups, worst first
    ordered = sort_catalogue(events, deficits, wordings)
    total = len(ordered)
    pages = max((total + page_size - 1) // page_size, 1)
    page = min(max(page, 0), pages - 1)
    chunk = ordered[page * page_size:(page + 1) * page_size]
    counts = await uow.events.counts_many([e.id for e in chunk])
    mine = await uow.events.registrations_for(actor.person_id, [e.id for e in chunk])
    items = [
        CatalogueItem(e, counts.get(e.id, SeatCounts()), mine.get(e.id),
                      deficits_addressed(e, wordings) > 0)
        for e in chunk
    ]
    return CataloguePage(items, total, page, pages, deficits)


@dataclass(frozen=True, slots=True)
class EventView:
    event: Event
    organiser: Org
    counts: SeatCounts
    mine: Registration | None
    position: int | None  # in the waitlist
    can_manage: bool
    can_register: bool
    closed_reason: str | None  # a locale key when registration is closed


async def event_view(uow: UnitOfWork, actor: Actor, event_id: int, now: datetime) -> EventView:
    """An event as the person sees it. Hidden events are refused unless the person is
    registered or manages the organiser (a forged id is not a way in)."""
    event = await _event(uow, event_id)
    organiser = await _organiser_of(uow, event)
    mine = await uow.events.registration_of(event.id, actor.person_id)
    manage = can_organise(actor, organiser)
    if not manage and mine is None and (
        event.is_cancelled or not visible_to(event, await viewer(uow, actor.person_id))
    ):
        raise NotFound("ev-error-not-found")
    counts = await uow.events.counts(event.id)
    position = None
    if mine is not None and mine.status is RegStatus.WAITLISTED:
        position = await uow.events.waitlist_position(event.id, mine.seq)
    error = registration_error(event, now)
    can_register = error is None and (mine is None or not mine.is_active)
    return EventView(event, organiser, counts, mine, position, manage, can_register,
                     error.key if error else None)


async def calendar_file(uow: UnitOfWork, actor: Actor, event_id: int,
                        now: datetime) -> tuple[Event, bytes]:
    """The .ics of an event, for a person whose seat is confirmed (``RegistrationRights``,
    the rule the card's button follows): a forged or stale button is refused."""
    view = await event_view(uow, actor, event_id, now)
    if not RegistrationRights.of(view.event, view.mine, now).calendar:
        raise ValidationError("ev-error-ics-not-confirmed")
    return view.event, event_ics(view.event, now)
