"""The ready draft (issue 15): for each deficit the best-matching upcoming catalogue activity
is proposed, or a self-education item when nothing fits; the teacher accepts a whole group
of rows in one tap, swaps or removes a proposal, and submits.

A proposed activity is an ordinary activity with ``proposed=True``: it shows in the plan and
the document, but a row whose only activities are proposals is not ready to submit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.competences import stems
from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.route.model import (
    COMPETENCE_GROUPS,
    TITLE_MAX,
    Activity,
    Column,
    Plan,
    PlanRow,
    SelfForm,
    column_for_event,
)
from domain.route.parties import rights
from domain.route.reading import _school, _viewable, load_plan

if TYPE_CHECKING:
    from domain.events import Event

_stems = stems


@dataclass(frozen=True, slots=True)
class Match:
    """How well a catalogue event fits a deficit row; greater is better."""

    indicator: int  # words of the deficit's wording found in the event
    subject: int  # the teacher's subjects named in the event
    specific: int  # fewer competence groups = more specific (negated count)

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.indicator, self.subject, self.specific)


def match(event: Event, row: PlanRow, subjects: Iterable[str] = ()) -> Match | None:
    """None when the event does not address the row's competence group."""
    if row.group not in event.groups:
        return None
    words = _stems(f"{event.title} {event.description or ''}")
    indicator = len(_stems(row.title) & words)
    subject = sum(1 for s in subjects if s and _stems(s) & words)
    return Match(indicator, subject, -len(event.groups))


def pick_best(rows: Sequence[PlanRow], events: Sequence[Event], subjects: Iterable[str] = ()
              ) -> dict[int, Event]:
    """Row id → its best event, each event used once. The closest pairs are matched first
    (words of the deficit in the event, then the teacher's subjects, then the more specific
    event); on a tie the worse deficit (earlier row) and the earlier event win."""
    subjects = tuple(subjects)
    pairs = []
    for i, row in enumerate(rows):
        for j, e in enumerate(events):
            m = match(e, row, subjects)
            if m is not None:
                pairs.append((m.key, -i, -j, row, e))
    pairs.sort(key=lambda p: (p[0], p[1], p[2]), reverse=True)
    chosen: dict[int, Event] = {}
    used: set[int] = set()
    for _key, _i, _j, row, e in pairs:
        if row.id not in chosen and e.id not in used:
            chosen[row.id] = e
            used.add(e.id)
    return chosen


async def candidates(uow: UnitOfWork, person_id: int, period_end: date, columns: Iterable[Column],
                     tz: ZoneInfo, now: datetime) -> list[Event]:
    """Upcoming events the teacher sees, open for registration, with a seat left, starting
    within the period, in a column the teacher may choose into."""
    from domain import events as ev

    seer = await ev.viewer(uow, person_id)
    upcoming = await uow.events.upcoming(sorted(seer.orgs), now, None, None, None, None)
    allowed = set(columns)
    fit = [e for e in upcoming
           if not e.is_cancelled and ev.visible_to(e, seer)
           and column_for_event(e) in allowed
           and e.registration_closes_at() > now
           and e.starts_at.astimezone(tz).date() <= period_end]
    counts = await uow.events.counts_many([e.id for e in fit if e.capacity is not None])
    out = []
    for e in fit:
        if e.capacity is not None:
            left = ev.seats_left(e.capacity, counts.get(e.id, ev.SeatCounts()))
            if left is not None and left <= 0:
                continue
        out.append(e)
    return out


async def prefill(uow: UnitOfWork, actor: Actor, plan: Plan, subjects: Sequence[str],
                  tz: ZoneInfo, now: datetime) -> Plan:
    """Propose one activity for every empty row of a fresh draft."""
    route = plan.route
    school = await _school(uow, route)
    r = rights(actor, route, school)
    empty = [row for row in plan.rows if not plan.of_row(row.id)]
    events = await candidates(uow, route.person_id, route.period_end, r.choose, tz, now) \
        if r.choose else []
    taken = {a.event_id for a in plan.activities if a.event_id}
    best = pick_best(empty, [e for e in events if e.id not in taken], subjects)
    for row in empty:
        e = best.get(row.id)
        if e is not None:
            activity = Activity(
                id=0, route_id=route.id, row_id=row.id, person_id=route.person_id,
                column=column_for_event(e), title=e.title[:TITLE_MAX], form=e.form.value,
                event_id=e.id, due=e.ends_at.astimezone(tz).date(), added_by=actor.person_id,
                created_at=now, updated_at=now, proposed=True)
        else:
            activity = Activity(
                id=0, route_id=route.id, row_id=row.id, person_id=route.person_id,
                column=Column.SELF_EDUCATION, title=row.title[:TITLE_MAX],
                form=SelfForm.READING.value, due=route.period_end, added_by=actor.person_id,
                created_at=now, updated_at=now, proposed=True)
        await uow.routes.add_activity(activity)
    return await load_plan(uow, route)


def pending(plan: Plan, group: str | None = None) -> list[Activity]:
    """Proposals not accepted yet (of one competence group's rows, or all)."""
    rows = {r.id for r in plan.rows if group is None or r.group == group}
    return [a for a in plan.activities if a.proposed and a.row_id in rows]


def groups_of(plan: Plan) -> list[tuple[str, list[PlanRow]]]:
    """The rows by competence group, in the vocabulary's order (groups without rows left out).
    Rows keep their positions inside a group."""
    order = {g: n for n, g in enumerate(COMPETENCE_GROUPS)}
    out: dict[str, list[PlanRow]] = {}
    for row in sorted(plan.rows, key=lambda x: (order.get(x.group, 99), x.position)):
        out.setdefault(row.group, []).append(row)
    return list(out.items())


async def accept(uow: UnitOfWork, actor: Actor, route_id: int, group: str | None,
                 now: datetime, activity_id: int | None = None) -> int:
    """The teacher accepts the proposals of a group (None: all of them), or one proposal.
    Returns how many were accepted."""
    route, school = await _viewable(uow, actor, route_id)
    actor.require_self(route.person_id)
    if not route.teacher_editable:
        raise DomainError("route-error-locked", status=route.status.value)
    if group is not None and group not in COMPETENCE_GROUPS:
        raise DomainError("route-error-group")
    plan = await load_plan(uow, route)
    ids = [a.id for a in pending(plan, group)
           if activity_id is None or a.id == activity_id]
    await uow.routes.accept_proposed(ids, now)
    return len(ids)
