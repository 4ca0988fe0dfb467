"""export"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from domain import external
from domain.access import Actor
from domain.ports import UnitOfWork
from domain.route.agreement import _people_names
from domain.route.model import (
    COLUMN_ORDER,
    Activity,
    Column,
    Plan,
    PlanRow,
    Progress,
    progress,
)
from domain.route.reading import _school, get_plan

# ---- the document ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupPercent:
    group: str
    percent: float


@dataclass(slots=True)
class RouteDocument:
    """Everything the ИОМ document shows, as plain values (rendering is in bot/)."""

    plan: Plan
    full_name: str
    school: str
    municipality: str
    position: str | None  # a Position value
    subjects: list[str]
    experience_years: int | None
    category: str | None  # a Category value
    diagnosed_at: datetime | None
    total_percent: float | None
    groups: list[GroupPercent] = field(default_factory=list)
    self_analysis: str | None = None
    coordinator: str | None = None  # who agreed it
    # the paper form (issue 15): statuses and education (section 1), which diagnosis
    # (section 2), the approval, hours of the catalogue items chosen
    statuses: list[str] = field(default_factory=list)  # Status values
    education: str | None = None  # an Education value (the profile's «Образование»)
    diagnosis_kind: str = "self"  # self (self-assessment) or external
    instrument: dict[str, str] = field(default_factory=dict)  # title by locale
    instrument_version: str | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None
    activity_hours: dict[int, float] = field(default_factory=dict)  # activity id → hours
    #: an external diagnosis (domain/external): who ran it and when
    operator: str | None = None
    diagnosed_on: date | None = None
    corrected_at: datetime | None = None  # the external result was corrected then


async def document(uow: UnitOfWork, actor: Actor, route_id: int) -> RouteDocument:
    plan, _ = await get_plan(uow, actor, route_id)
    route = plan.route
    groups = await group_rows(uow, route.person_id, route.id, len(plan.rows) + 1)
    plan = Plan(route, [*plan.rows, *(g.row for g in groups)],
                [*plan.activities, *(a for g in groups for a in g.activities)])
    person = await uow.people.get(route.person_id)
    profile = person.profile if person else None
    school = await _school(uow, route)
    municipality = await uow.orgs.get(school.municipality_id) if school and \
        school.municipality_id else None
    attempt = await uow.diagnosis.get_attempt(route.attempt_id) if route.attempt_id else None
    result = attempt.result if attempt else None
    decided = route.completed_by or route.decided_by
    stored = await uow.diagnosis.get_instrument(attempt.instrument_id) if attempt else None
    approved = route.status.value in ("approved", "in_progress", "completed")
    hours: dict[int, float] = {}
    for activity in plan.activities:
        if activity.hours:  # consultation hours (002 §V.4)
            hours[activity.id] = activity.hours
        elif activity.event_id is not None:
            event = await uow.events.get(activity.event_id)
            if event is not None and event.hours.total:
                hours[activity.id] = event.hours.total
    doc = RouteDocument(
        plan=plan,
        full_name=(profile.full_name if profile else None) or "",
        school=school.name if school else "",
        municipality=municipality.name if municipality else "",
        position=profile.position.value if profile and profile.position else None,
        subjects=list(profile.subjects) if profile else [],
        experience_years=profile.experience_years if profile else None,
        category=profile.category.value if profile and profile.category else None,
        diagnosed_at=attempt.completed_at if attempt else None,
        total_percent=result.total if result else None,
        groups=[GroupPercent(str(g.group.value), g.percent) for g in result.groups]
        if result else [],
        self_analysis=attempt.self_analysis if attempt else None,
        coordinator=await _people_names(uow, decided) if decided else None,
        statuses=list(profile.statuses) if profile else [],
        instrument={loc: stored.instrument.title.get(loc) for loc in ("ru", "en")}
        if stored else {},
        instrument_version=stored.version if stored else None,
        approved_by=await _people_names(uow, route.decided_by)
        if approved and route.decided_by else None,
        approved_at=route.decided_at if approved else None,
        activity_hours=hours,
        education=profile.education.value if profile and profile.education else None,
    )
    found = await external.get(uow, route.external_id) if route.external_id else None
    if found is not None:  # section 2 names the external diagnosis the route was built on
        doc.diagnosis_kind = "external"
        doc.operator = found.operator
        doc.diagnosed_on = found.taken_on
        doc.diagnosed_at = None
        doc.total_percent = None
        doc.instrument = {"ru": found.instrument, "en": found.instrument}
        doc.instrument_version = None
        doc.groups = [GroupPercent(r.group, r.percent) for r in found.results]
        # section 3 is written on the external diagnosis (one written on the self-diagnosis
        # before the route moved to this source stays readable until it is rewritten)
        doc.self_analysis = found.self_analysis or doc.self_analysis
        doc.corrected_at = found.edited_at
    return doc


def by_column(activities: Sequence[Activity]) -> dict[Column, list[Activity]]:
    out: dict[Column, list[Activity]] = {c: [] for c in COLUMN_ORDER}
    for a in sorted(activities, key=lambda a: (a.due or date.max, a.id)):
        out[a.column].append(a)
    return out


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group ИОМ the teacher is a member of (002 §II.2, domain/group_route) as a row of
    their own plan: the shared deficit and its activities with this member's own progress.
    The row's and activities' ids are negated so they never meet the route's own."""

    group_id: int
    title: str  # the group route's name
    open: bool
    row: PlanRow
    activities: list[Activity]

    @property
    def progress(self) -> Progress:
        return progress(self.activities)

    def overdue(self, today: date) -> list[Activity]:
        return [a for a in self.activities if a.is_overdue(today)] if self.open else []


async def group_rows(uow: UnitOfWork, person_id: int, route_id: int = 0, first: int = 1
                     ) -> list[GroupRow]:
    """The group routes of the member, numbered from ``first`` (after their own rows)."""
    out: list[GroupRow] = []
    for n, group in enumerate(await uow.group_routes.of_member(person_id), first):
        marks = {m.activity_id: m for m in await uow.group_routes.marks(group.id)
                 if m.person_id == person_id}
        title = group.deficit if group.title == group.deficit else \
            f"{group.deficit} ({group.title})"
        row = PlanRow(-group.id, route_id, n, group.group, title, group.indicator)
        activities = []
        for a in await uow.group_routes.activities(group.id):
            mark = marks.get(a.id)
            activities.append(replace(mark.on(a) if mark else a, id=-a.id, route_id=route_id,
                                      row_id=-group.id, person_id=person_id))
        out.append(GroupRow(group.id, group.title, group.open, row, activities))
    return out
