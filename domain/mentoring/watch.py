"""Watching the pairs: reminders of silent pairs (the mentor first, then the coordinator) and
the indicators for the coordinators' territory figures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from domain.access import Actor
from domain.entities import Notification, Org
from domain.enums import OrgKind, Role
from domain.errors import NotFound
from domain.mentoring.model import Figures, SchoolCounts, UnitFigures
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork


async def record_quiet_reminders(uow: UnitOfWork, today: date, weeks: int, now: datetime) -> int:
    """A pair with no meeting for ``weeks`` weeks reminds its mentor; after twice as long its
    school coordinators (the municipal ones where the school has none) are told. Each is done
    once per silence: the pair keeps the day of the last meeting it was reminded and escalated
    for (a new meeting starts a new silence), and the notices carry dedupe keys. Only pairs
    with something due are read, so an hourly pass over thousands of pairs stays cheap."""
    remind_before = today - timedelta(weeks=weeks)
    escalate_before = today - timedelta(weeks=2 * weeks)
    due = await uow.mentoring.quiet_pairs(remind_before, escalate_before)
    if not due:
        return 0
    members = await uow.mentoring.members(
        sorted({i for q in due for i in (q.pair.mentor_id, q.pair.mentee_id)}))
    schools = await uow.orgs.get_many(sorted({q.pair.school_id for q in due if q.pair.school_id}))
    watchers: dict[int, list[int]] = {}
    recorded = 0
    for q in due:
        pair, last = q.pair, q.last_on
        mentee, mentor = members.get(pair.mentee_id), members.get(pair.mentor_id)
        mentee_name = mentee.name if mentee else None
        if pair.reminded_for != last:
            recorded += await notify(uow, Notification(
                pair.mentor_id, "mnt-notice-quiet",
                {"name": mentee_name, "weeks": weeks, "last": last},
                (OpenMenu(Section.MENTORING),),
                dedupe_key=f"mnt-quiet:{pair.id}:{last.isoformat()}"), now)
        escalate = last < escalate_before and pair.escalated_for != last
        if escalate:
            school = schools.get(pair.school_id) if pair.school_id else None
            if school is not None and school.id not in watchers:
                watchers[school.id] = await _watchers(uow, school)
            for coordinator in watchers.get(school.id, []) if school else []:
                if coordinator in (pair.mentor_id, pair.mentee_id):
                    continue
                recorded += await notify(uow, Notification(
                    coordinator, "mnt-alert-quiet",
                    {"mentor": mentor.name if mentor else None, "mentee": mentee_name,
                     "school": school.name if school else None, "weeks": 2 * weeks,
                     "last": last},
                    (OpenMenu(Section.MENTORING),),
                    dedupe_key=f"mnt-quiet-alert:{pair.id}:{last.isoformat()}:{coordinator}"),
                    now)
        await uow.mentoring.mark_quiet(pair.id, last, last if escalate else pair.escalated_for)
    return recorded


async def _watchers(uow: UnitOfWork, school: Org | None) -> list[int]:
    if school is None:
        return []
    found = await uow.mentoring.coordinators(Role.SCHOOL_COORDINATOR, school.id)
    if not found and school.municipality_id:
        found = await uow.mentoring.coordinators(Role.MUNICIPAL_COORDINATOR,
                                                 school.municipality_id)
    return found


# ---- indicators -----------------------------------------------------------------------------


def _sum(org_id: int, name: str, counts: Sequence[SchoolCounts]) -> UnitFigures:
    return UnitFigures(
        org_id, name, sum(c.young for c in counts), sum(c.young_mentored for c in counts),
        sum(c.pairs for c in counts), sum(c.meetings for c in counts),
        round(sum(c.hours for c in counts), 2))


async def figures(uow: UnitOfWork, actor: Actor, org_id: int, since: date) -> Figures:
    """«Доля молодых специалистов с наставником» (goal 100 %, seed 003) and mentoring activity
    (active pairs, meetings and their hours since ``since``) for a unit of the actor's scope,
    one line per unit one level down (a region's municipalities, a municipality's schools)
    and a total. For the territory figures and their export."""
    org = await uow.orgs.get(org_id)
    if org is None:
        raise NotFound()
    actor.require_covers(org)
    if org.kind is OrgKind.SCHOOL:
        schools = [org]
    else:
        schools, _ = await uow.orgs.page(OrgKind.SCHOOL, None, None, 0, 100_000, within=[org.id])
    counts = await uow.mentoring.school_counts([s.id for s in schools], since)
    empty = SchoolCounts()
    groups: dict[int, list[SchoolCounts]] = {}
    if org.kind is OrgKind.REGION:
        for s in schools:
            if s.municipality_id:
                groups.setdefault(s.municipality_id, []).append(counts.get(s.id, empty))
        names = await uow.orgs.get_many(list(groups))
        units = [_sum(i, names[i].name if i in names else "—", groups[i]) for i in groups]
    else:
        units = [_sum(s.id, s.name, [counts.get(s.id, empty)]) for s in schools]
    units.sort(key=lambda u: u.name.casefold())
    total = _sum(org.id, org.name, [counts.get(s.id, empty) for s in schools])
    return Figures(org.id, since, tuple(units), total)


async def total(uow: UnitOfWork, actor: Actor, org: Org, since: date) -> UnitFigures:
    """The ``total`` line of ``figures`` alone, in one statement (the territory dashboard
    shows only the scope's total: no school list, no line per unit)."""
    actor.require_covers(org)
    return _sum(org.id, org.name, [await uow.mentoring.scope_counts(org.id, since)])
