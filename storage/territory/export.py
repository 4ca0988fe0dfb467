"""The rows of a scope's spreadsheet, read in a few set-based queries (no query per teacher)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.territory.figures import GROUPS, HOURS_KINDS, Period
from domain.territory.records import Col, ColKind, Sheet
from storage.courses_models import CourseFormRow
from storage.diagnosis_models import DiagDeficitRow
from storage.events_models import EventRegistrationRow, EventRow, HoursLedgerRow
from storage.models import OrgRow, PersonRow
from storage.route_models import RouteActivityRow, RouteRow
from storage.territory.models import DiagLatestRow

P, L = PersonRow, DiagLatestRow
T, I, N, D = ColKind.TEXT, ColKind.INT, ColKind.NUMBER, ColKind.DATE


def _who() -> tuple[Col, ...]:
    return (Col("name", T, 34), Col("municipality", T, 28), Col("school", T, 34))


async def build_sheets(s: AsyncSession, scope: Any, period: Period) -> list[Sheet]:
    school, mun = aliased(OrgRow), aliased(OrgRow)
    people = (await s.execute(
        select(P.id, P.full_name, mun.name, school.name, P.position, P.subjects, P.category,
               L.completed_at, L.total, *(getattr(L, g) for g in GROUPS), L.previous_total)
        .select_from(P).outerjoin(school, school.id == P.school_id)
        .outerjoin(mun, mun.id == P.municipality_id).outerjoin(L, L.person_id == P.id)
        .where(scope).order_by(P.name_key, P.id)
    )).all()
    who = {r[0]: (r[1] or "—", r[2], r[3]) for r in people}

    routes = (await s.execute(
        select(RouteRow.id, RouteRow.person_id, RouteRow.status, RouteRow.period_start,
               RouteRow.period_end, RouteRow.submitted_at, RouteRow.decided_at,
               func.count(RouteActivityRow.id),
               func.sum(case((RouteActivityRow.status == "done", 1), else_=0)))
        .join(P, P.id == RouteRow.person_id)
        .outerjoin(RouteActivityRow, (RouteActivityRow.route_id == RouteRow.id)
                   & (RouteActivityRow.status != "dropped"))
        .where(scope).group_by(RouteRow.id).order_by(RouteRow.person_id, RouteRow.id)
    )).all()
    latest_route: dict[int, str] = {}
    for r in routes:
        latest_route[r[1]] = r[2]

    hours: dict[int, dict[str, float]] = defaultdict(dict)
    for pid, kind, h in (await s.execute(
        select(HoursLedgerRow.person_id, HoursLedgerRow.kind, func.sum(HoursLedgerRow.hours))
        .join(P, P.id == HoursLedgerRow.person_id)
        .where(scope, HoursLedgerRow.occurred_at >= period.year_start,
               HoursLedgerRow.occurred_at < period.year_end)
        .group_by(HoursLedgerRow.person_id, HoursLedgerRow.kind)
    )).all():
        hours[pid][kind] = float(h or 0)

    deficits = (await s.execute(
        select(DiagDeficitRow.group_code, DiagDeficitRow.indicator_code,
               func.min(DiagDeficitRow.title), func.count())
        .join(L, L.attempt_id == DiagDeficitRow.attempt_id).join(P, P.id == L.person_id)
        .where(scope).group_by(DiagDeficitRow.group_code, DiagDeficitRow.indicator_code)
        .order_by(func.count().desc(), DiagDeficitRow.indicator_code)
    )).all()
    groups_of: dict[int, list[str]] = defaultdict(list)
    for pid, group in (await s.execute(
        select(DiagDeficitRow.person_id, DiagDeficitRow.group_code)
        .join(L, L.attempt_id == DiagDeficitRow.attempt_id).join(P, P.id == L.person_id)
        .where(scope).distinct()
    )).all():
        groups_of[pid].append(group)

    forms = (await s.execute(
        select(CourseFormRow.person_id, CourseFormRow.kind, CourseFormRow.status,
               CourseFormRow.submitted_at, CourseFormRow.decided_at, CourseFormRow.hours)
        .join(P, P.id == CourseFormRow.person_id)
        .where(scope, CourseFormRow.status != "draft")
        .order_by(CourseFormRow.person_id, CourseFormRow.id)
    )).all()
    R = EventRegistrationRow
    regs = (await s.execute(
        select(R.person_id, EventRow.title, EventRow.starts_at, R.status, R.attended_at)
        .join(EventRow, EventRow.id == R.event_id).join(P, P.id == R.person_id)
        .where(scope).order_by(R.person_id, EventRow.starts_at)
    )).all()

    g0 = 9  # first group column in ``people`` rows
    teachers = Sheet("teachers", (*_who(), Col("position", T, 18), Col("subjects", T, 24),
                                  Col("category", T, 14), Col("diagnosed_at", D, 14),
                                  Col("total", N, 10), Col("route", T, 14),
                                  Col("hours", N, 10)))
    diagnosis = Sheet("diagnosis", (*_who(), Col("diagnosed_at", D, 14), Col("total", N, 10),
                                    *(Col(f"group-{g}", N, 16) for g in GROUPS),
                                    Col("previous_total", N, 12)))
    record_diag = Sheet("record_diagnosed", (Col("n", I, 6), *_who(), Col("position", T, 18),
                                             Col("diagnosed_at", D, 14),
                                             Col("deficit_groups", T, 40)))
    n = 0
    for r in people:
        pid, name, m, sc = r[0], r[1] or "—", r[2], r[3]
        subjects = ", ".join(r[5] or [])
        total_hours = sum(hours.get(pid, {}).values())
        teachers.rows.append((name, m, sc, r[4], subjects, r[6], r[7], r[8],
                              latest_route.get(pid, "none"), total_hours))
        if r[7] is not None:
            diagnosis.rows.append((name, m, sc, r[7], r[8], *r[g0:g0 + len(GROUPS)],
                                   r[g0 + len(GROUPS)]))
            n += 1
            record_diag.rows.append((n, name, m, sc, r[4], r[7],
                                     ", ".join(sorted(groups_of.get(pid, [])))))

    indicators = Sheet("indicators", (Col("group", T, 22), Col("indicator", T, 16),
                                      Col("title", T, 60), Col("count", I, 10)))
    indicators.rows = [(g, c, t, int(k)) for g, c, t, k in deficits]

    route_sheet = Sheet("routes", (*_who(), Col("route", T, 14), Col("period_start", D, 12),
                                   Col("period_end", D, 12), Col("submitted_at", D, 14),
                                   Col("decided_at", D, 14), Col("activities_done", I, 12),
                                   Col("activities_planned", I, 12)))
    record_routes = Sheet("record_routes", (Col("n", I, 6), *_who(), Col("route", T, 14),
                                            Col("period_start", D, 12),
                                            Col("period_end", D, 12), Col("decided_at", D, 14)))
    n = 0
    for r in routes:
        name, m, sc = who.get(r[1], ("—", None, None))
        route_sheet.rows.append((name, m, sc, r[2], r[3], r[4], r[5], r[6], int(r[8] or 0),
                                 int(r[7] or 0)))
        if r[2] in ("approved", "in_progress", "completed"):
            n += 1
            record_routes.rows.append((n, name, m, sc, r[2], r[3], r[4], r[6]))

    hours_sheet = Sheet("hours", (*_who(), *(Col(f"hours-{k}", N, 12) for k in HOURS_KINDS),
                                  Col("hours", N, 10)))
    for pid, by_kind in hours.items():
        name, m, sc = who.get(pid, ("—", None, None))
        hours_sheet.rows.append((name, m, sc, *(by_kind.get(k, 0.0) for k in HOURS_KINDS),
                                 sum(by_kind.values())))
    hours_sheet.rows.sort(key=lambda row: (str(row[0]).casefold()))

    form_sheet = Sheet("forms", (*_who(), Col("form_kind", T, 16), Col("form_status", T, 14),
                                 Col("submitted_at", D, 14), Col("decided_at", D, 14),
                                 Col("hours", I, 10)))
    for pid, kind, status, sub, dec, h in forms:
        name, m, sc = who.get(pid, ("—", None, None))
        form_sheet.rows.append((name, m, sc, kind, status, sub, dec, h))

    event_sheet = Sheet("events", (*_who(), Col("event", T, 40), Col("starts_at", D, 14),
                                   Col("reg_status", T, 14), Col("attended_at", D, 14)))
    for pid, title, starts, status, attended in regs:
        name, m, sc = who.get(pid, ("—", None, None))
        event_sheet.rows.append((name, m, sc, title, starts, status, attended))

    return [teachers, diagnosis, indicators, route_sheet, hours_sheet, form_sheet,
            event_sheet, record_diag, record_routes]


__all__ = ["build_sheets"]
