"""Services of «Моя территория»: every one checks the actor's scope first (callback data is
untrusted: a forged org or person id outside the scope is refused here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from domain.access import Actor, require_coordinator
from domain.entities import Notification, Org, Person
from domain.enums import OrgKind
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.territory.figures import (
    Comparison,
    Dashboard,
    Period,
    TeacherFilter,
    TeacherPage,
)
from domain.territory.records import Sheet

if TYPE_CHECKING:
    from domain.courses import CourseForm
    from domain.diagnosis import Attempt
    from domain.events import Event, Registration
    from domain.instrument import Instrument
    from domain.ports import UnitOfWork
    from domain.route import HistoryEntry, Route

PAGE_SIZE = 8
QUERY_MAX = 100
NUDGE_KEY = "terr-nudge"


def period(now: datetime, tz: ZoneInfo) -> Period:
    """The calendar year (in the configured zone) and the last 12 months, as of ``now``."""
    today = now.astimezone(tz).date()
    start = datetime.combine(date(today.year, 1, 1), time(), tz).astimezone(UTC)
    end = datetime.combine(date(today.year + 1, 1, 1), time(), tz).astimezone(UTC)
    return Period(now=now, today=today, year_start=start, year_end=end,
                  since_12m=now - timedelta(days=365))


async def scopes(uow: UnitOfWork, actor: Actor) -> list[Org]:
    """The org units the actor watches: an admin the regions; a coordinator their grants'."""
    require_coordinator(actor)
    if actor.is_admin:
        regions = await uow.territory.children(None)
        if regions:
            return regions
    ids = sorted({g.org_id for g in actor.scope_grants() if g.org_id is not None})
    found = await uow.orgs.get_many(ids)
    kinds = {OrgKind.REGION: 0, OrgKind.MUNICIPALITY: 1, OrgKind.SCHOOL: 2}
    return sorted(found.values(), key=lambda o: (kinds[o.kind], o.name))


async def _org_in_scope(uow: UnitOfWork, actor: Actor, org_id: int) -> Org:
    require_coordinator(actor)
    org = await uow.orgs.get(org_id)
    if org is None:
        raise NotFound("terr-error-no-org")
    actor.require_covers(org)
    return org


async def dashboard(uow: UnitOfWork, actor: Actor, org_id: int, when: Period) -> Dashboard:
    org = await _org_in_scope(uow, actor, org_id)
    children = await uow.territory.children(org) if org.kind is not OrgKind.SCHOOL else []
    figures, units = await uow.territory.overview(org, children, when)
    mentoring, activity = await _network(uow, actor, org, when)
    return Dashboard(org, figures, units, when, mentoring, activity)


async def _network(uow: UnitOfWork, actor: Actor, org: Org, when: Period
                   ) -> tuple[Any, Any]:
    """The scope's mentoring and professional-activity totals since the year's start
    (seed 003's network indicators: young specialists with a mentor, competitions)."""
    from domain import activity as act
    from domain import mentoring as mnt

    since = when.today.replace(month=1, day=1)
    return await mnt.total(uow, actor, org, since), await act.total(uow, actor, org, since)


async def comparison(uow: UnitOfWork, actor: Actor, org_id: int) -> Comparison:
    """Deficit shares of the scope against the level above (shares only: nothing of another
    scope's people is shown)."""
    org = await _org_in_scope(uow, actor, org_id)
    parent = await uow.orgs.get(org.parent_id) if org.parent_id else None
    scope = await uow.territory.group_deficit_shares(org)
    above = await uow.territory.group_deficit_shares(parent) if parent else None
    return Comparison(org, parent, scope, above)


def clean_query(query: str | None) -> str | None:
    if query is None:
        return None
    query = " ".join(query.split())
    if not query:
        return None
    if len(query) > QUERY_MAX:
        raise ValidationError("terr-error-query-long", limit=QUERY_MAX)
    return query


async def teachers(uow: UnitOfWork, actor: Actor, org_id: int, flt: TeacherFilter,
                   query: str | None, page: int, when: Period) -> TeacherPage:
    org = await _org_in_scope(uow, actor, org_id)
    query = clean_query(query)
    page = max(page, 0)
    items, total = await uow.territory.teachers(org, flt, query, when, page * PAGE_SIZE,
                                                PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if page >= pages and total:
        page = pages - 1
        items, total = await uow.territory.teachers(org, flt, query, when, page * PAGE_SIZE,
                                                    PAGE_SIZE)
    return TeacherPage(org, items, total, page, pages, flt, query)


@dataclass(frozen=True, slots=True)
class TeacherCard:
    person: Person
    school: Org | None
    municipality: Org | None
    attempt: Attempt | None
    route: Route | None
    history: list[HistoryEntry]
    activities_done: int
    activities_planned: int
    hours: dict[str, float]
    registrations: list[tuple[Event, Registration]]
    forms: list[CourseForm]
    nudged_today: bool
    conclusion_due: bool  # the route's period has ended: the conclusion may be written


async def _teacher_in_scope(uow: UnitOfWork, actor: Actor, person_id: int) -> Person:
    require_coordinator(actor)
    person = await uow.people.get(person_id)
    if person is None or not person.is_onboarded:
        raise NotFound("terr-error-no-teacher")
    home_id = person.profile.school_id or person.profile.municipality_id
    home = await uow.orgs.get(home_id) if home_id else None
    if home is None:
        if not actor.is_admin:
            raise AccessDenied("error-out-of-scope")
    else:
        actor.require_covers(home)
    return person


def nudge_key(person_id: int, today: date) -> str:
    return f"{NUDGE_KEY}:{person_id}:{today.isoformat()}"


async def teacher_card(uow: UnitOfWork, actor: Actor, person_id: int, when: Period
                       ) -> TeacherCard:
    person = await _teacher_in_scope(uow, actor, person_id)
    p = person.profile
    orgs = await uow.orgs.get_many([i for i in (p.school_id, p.municipality_id) if i])
    attempt = await uow.diagnosis.last_completed(person.id)
    route = await uow.routes.latest_of(person.id)
    history: list[HistoryEntry] = []
    done = planned = 0
    if route is not None:
        history = await uow.routes.history(route.id)
        for a in await uow.routes.activities(route.id):
            if a.status.value == "dropped":
                continue
            planned += 1
            done += a.status.value == "done"
    forms, _total = await uow.courses.page_by_person(person.id, 0, 10)
    regs = await uow.events.registrations_of_person(person.id)
    hours = await uow.territory.hours_of(person.id, when.year_start, when.year_end)
    nudged = await uow.territory.nudged(nudge_key(person.id, when.today))
    due = (route is not None and route.status.value in ("approved", "in_progress")
           and route.period_end <= when.today)
    return TeacherCard(
        person=person, school=orgs.get(p.school_id) if p.school_id else None,
        municipality=orgs.get(p.municipality_id) if p.municipality_id else None,
        attempt=attempt, route=route, history=history[-5:], activities_done=done,
        activities_planned=planned, hours=hours, registrations=regs[:10], forms=forms,
        nudged_today=nudged, conclusion_due=due,
    )


@dataclass(frozen=True, slots=True)
class TeacherChart:
    """What the teacher card's chart draws: the latest completed self-diagnosis, the one
    before it (for comparison) and the instrument the groups are titled by."""

    person: Person
    attempt: Attempt
    previous: Attempt | None
    instrument: Instrument


async def teacher_chart(uow: UnitOfWork, actor: Actor, person_id: int) -> TeacherChart:
    """The latest diagnosis of a teacher in the actor's scope (a forged id outside it is
    refused like the card is)."""
    from domain import diagnosis as diag

    person = await _teacher_in_scope(uow, actor, person_id)
    attempt = await uow.diagnosis.last_completed(person.id)
    if attempt is None or attempt.result is None:
        raise NotFound("terr-error-no-diag")
    instrument = await diag.instrument_of(uow, attempt)
    previous = await diag.previous(uow, attempt)
    if previous is not None and previous.result is None:
        previous = None
    return TeacherChart(person, attempt, previous, instrument)


async def nudge(uow: UnitOfWork, actor: Actor, person_id: int, when: Period) -> None:
    """A polite reminder to the teacher through the outbox, at most once a day per teacher
    (whoever sends it): the outbox's unique ``dedupe_key`` enforces it in the database."""
    person = await _teacher_in_scope(uow, actor, person_id)
    if person.id == actor.person_id:
        raise ValidationError("terr-error-nudge-self")
    sent = await notify(uow, Notification(
        person_id=person.id, key="terr-notice-nudge", params={},
        targets=(OpenMenu(Section.ROUTE), OpenMenu(Section.DIAGNOSIS)),
        dedupe_key=nudge_key(person.id, when.today),
    ), when.now)
    if not sent:
        raise ValidationError("terr-error-nudged")


async def workbook(uow: UnitOfWork, actor: Actor, org_id: int, when: Period
                   ) -> tuple[Org, list[Sheet]]:
    org = await _org_in_scope(uow, actor, org_id)
    sheets = await uow.territory.sheets(org, when)
    return org, [*sheets, await _network_sheet(uow, actor, org, when)]


async def _network_sheet(uow: UnitOfWork, actor: Actor, org: Org, when: Period) -> Sheet:
    """Mentoring and professional activity per unit one level down, then the scope's
    total (the «leave a place» of the categories and statuses: now filled)."""
    from domain import activity as act
    from domain import mentoring as mnt
    from domain.territory.records import Col, ColKind

    since = when.today.replace(month=1, day=1)
    ment = await mnt.figures(uow, actor, org.id, since)
    acts = {a.org_id: a for a in await act.figures(uow, actor, org.id, since)}
    T, I, N = ColKind.TEXT, ColKind.INT, ColKind.NUMBER
    sheet = Sheet("network", (
        Col("unit", T, 34), Col("young", I, 12), Col("young_mentored", I, 14),
        Col("young_mentored_share", N, 14), Col("pairs", I, 10), Col("meetings", I, 10),
        Col("meeting_hours", N, 12), Col("teachers", I, 10), Col("in_competitions", I, 14),
        Col("competition_share", N, 14), Col("experts", I, 10), Col("practices", I, 12)))
    for unit in (*ment.units, ment.total):
        a = acts.get(unit.org_id)
        sheet.rows.append((
            unit.name, unit.young, unit.young_mentored, unit.share, unit.pairs, unit.meetings,
            unit.hours, a.teachers if a else None, a.in_competitions if a else None,
            a.competition_share if a else None, a.experts if a else None,
            a.practices if a else None))
    return sheet


__all__ = [
    "PAGE_SIZE", "TeacherCard", "TeacherChart", "admin_without_profile", "clean_query", "comparison", "dashboard",
    "nudge", "nudge_key", "period", "scopes", "teacher_card", "teacher_chart", "teachers", "workbook",
]


async def admin_without_profile(uow: UnitOfWork, actor: Actor, person: Person, name: str,
                                now: datetime) -> Person:
    """An admin reaches administration without a teacher's profile: the profile is finished
    with their name only (no school, position or subjects; they may be added later)."""
    from domain.access import require_admin
    from domain.entities import Profile

    require_admin(actor)
    actor.require_self(person.id)
    if not person.has_consented:
        raise AccessDenied("error-no-consent")
    if person.is_onboarded:
        return person
    name = " ".join(name.split())[:200] or "—"
    profile = Profile(full_name=name)
    await uow.people.save_profile(person.id, profile, completed_at=now)
    person.profile, person.profile_completed_at = profile, now
    return person
