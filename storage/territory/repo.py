"""SQL aggregates of «Моя территория». Rows never leave this module.

People are placed by their current profile (school, municipality); a region is the
municipalities whose ``orgs.region_id`` is it. Diagnosis figures read ``diag_latest`` (one small
row per diagnosed person), never the attempts with their answers.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.entities import Org
from domain.enums import COORDINATOR_ROLES, OrgKind, Role
from domain.territory.alerts import (
    DEFAULT_MODE,
    CoordinatorGrant,
    DigestCounts,
    DigestMode,
    Waiting,
)
from domain.territory.figures import (
    GROUPS,
    REPEAT_SUCCESS,
    Figures,
    IndicatorCount,
    Period,
    TeacherFilter,
    TeacherRow,
    UnitFigures,
)
from domain.territory.records import Sheet
from domain.territory.roles import Found, Holder
from storage.courses_models import CourseFormRow
from storage.diagnosis.latest import latest_counts, record_latest  # noqa: F401
from storage.diagnosis_models import DiagDeficitRow
from storage.events_models import EventRegistrationRow, EventRow, HoursLedgerRow
from storage.models import OrgRow, OutboxRow, PersonRow, RoleGrantRow
from storage.names import name_key, name_pattern  # noqa: F401
from storage.route_models import RouteActivityRow, RouteRow
from storage.scopes import org_from_row
from storage.territory.models import (
    DiagLatestRow,
    TerritoryPrefRow,
)

L = DiagLatestRow
P = PersonRow
AGREED = ("approved", "in_progress", "completed")
RUNNING = ("approved", "in_progress")
OPEN_ACTIVITY = ("planned", "in_progress")


#: This transaction only (one round trip): a scope's figures are small aggregates over rows
#: the database holds in memory. A parallel worker's start costs more than it saves (and on
#: a busy host waits for a core); and a random read of a cached page costs what a sequential
#: one does (the default 4 assumes a spinning disk and makes the planner hash a municipality
#: against whole tables instead of probing the scope's people in the covering indexes).
PLANNER = select(func.set_config("max_parallel_workers_per_gather", "0", True),
                 func.set_config("random_page_cost", "1.1", True))


# ---- scope ------------------------------------------------------------------------------


def in_scope(org: Org, municipalities: list[int] | None = None) -> ColumnElement[bool]:
    """Onboarded people placed in the org by their profile. A region is given with its
    municipalities' ids (``SqlTerritory.scope``), so the planner sees how much it covers."""
    base = and_(P.profile_completed_at.is_not(None), P.consented_at.is_not(None))
    if org.kind is OrgKind.SCHOOL:
        return and_(base, P.school_id == org.id)
    if org.kind is OrgKind.MUNICIPALITY:
        return and_(base, P.municipality_id == org.id)
    if municipalities is None:
        sub = select(OrgRow.id).where(
            OrgRow.region_id == org.id, OrgRow.kind == OrgKind.MUNICIPALITY.value
        )
        return and_(base, P.municipality_id.in_(sub.scalar_subquery()))
    return and_(base, P.municipality_id.in_(municipalities))


def _unit_column(org: Org) -> Any:
    """The column that places a person in a unit of the scope (a school is its own unit)."""
    if org.kind is OrgKind.REGION:
        return P.municipality_id
    return P.school_id


def _latest_route() -> Any:
    newer = aliased(RouteRow)
    return ~exists().where(newer.person_id == RouteRow.person_id, newer.id > RouteRow.id)


def _overdue(today: Any) -> Any:
    return exists().where(
        RouteActivityRow.route_id == RouteRow.id,
        RouteActivityRow.status.in_(OPEN_ACTIVITY), RouteActivityRow.due < today,
    )


class SqlTerritory:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def scope(self, org: Org) -> ColumnElement[bool]:
        if org.kind is not OrgKind.REGION:
            return in_scope(org)
        ids = (await self.s.scalars(select(OrgRow.id).where(
            OrgRow.region_id == org.id, OrgRow.kind == OrgKind.MUNICIPALITY.value))).all()
        return in_scope(org, list(ids))

    async def children(self, org: Org | None) -> list[Org]:
        if org is None:
            where = [OrgRow.kind == OrgKind.REGION.value]
        elif org.kind is OrgKind.SCHOOL:
            return []
        else:
            kind = OrgKind.MUNICIPALITY if org.kind is OrgKind.REGION else OrgKind.SCHOOL
            where = [OrgRow.parent_id == org.id, OrgRow.kind == kind.value]
        rows = (await self.s.scalars(select(OrgRow).where(*where).order_by(OrgRow.name_key)))
        return [org_from_row(r) for r in rows]

    # ---- figures ------------------------------------------------------------------------

    async def figures(self, org: Org, period: Period) -> Figures:
        return (await self.overview(org, [], period))[0]

    async def overview(self, org: Org, children: list[Org], period: Period
                       ) -> tuple[Figures, list[UnitFigures]]:
        """Every figure of the scope and the units inside it, in six statements: each
        fact table is read once, grouped by the unit column (the scope's totals are the
        units' sums), so a region costs what its municipalities' figures cost together."""
        f = Figures()
        if self.s.bind.dialect.name == "postgresql":
            await self.s.execute(PLANNER)
        scope = await self.scope(org)
        unit = _unit_column(org)
        teachers = await self._people(f, scope, unit)
        diagnosed = await self._diagnosis(f, scope, unit, period)
        agreed = await self._routes(f, scope, unit, period)
        await self._rest(f, scope, period)
        units = [UnitFigures(o, teachers.get(o.id, 0), diagnosed.get(o.id, 0),
                             agreed.get(o.id, 0)) for o in children]
        return f, units

    async def _people(self, f: Figures, scope: Any, unit: Any) -> dict[int, int]:
        """Teachers by unit, position, category, subject and status. PostgreSQL counts each
        dimension on its own in one pass (GROUPING SETS: a few dozen rows for a region);
        SQLite groups by the five at once (a few hundred combinations, not a row a person).
        The lists are grouped by their JSON text and split here."""
        subjects, statuses = cast(P.subjects, String), cast(P.statuses, String)
        dims = (unit, P.position, P.category, subjects, statuses)
        if self.s.bind.dialect.name == "postgresql":
            # grouping(): a bit per dimension, set where the row sums over it
            query = select(*dims, func.grouping(*dims), func.count()).where(scope) \
                .group_by(func.grouping_sets(*(tuple_(d) for d in dims)))
        else:
            query = select(*dims, literal(0), func.count()).where(scope).group_by(*dims)
        per_unit: Counter[int] = Counter()
        counters: list[Counter[str]] = [Counter() for _ in dims[1:]]
        for *values, summed, n in (await self.s.execute(query)).all():
            for i, value in enumerate(values):
                if summed >> (len(dims) - 1 - i) & 1:
                    continue
                if i == 0:
                    f.teachers += n
                    per_unit[value] += n
                elif i < 3:
                    counters[i - 1][value or "none"] += n
                else:
                    for code in _json_list(value):
                        counters[i - 1][code] += n
        pos, cat, subj, stat = (dict(c) for c in counters)
        f.by_position, f.categories, f.by_subject, f.statuses = pos, cat, subj, stat
        return dict(per_unit)

    async def _diagnosis(self, f: Figures, scope: Any, unit: Any, period: Period
                         ) -> dict[int, int]:
        one = literal(1)
        rows = (await self.s.execute(
            select(
                unit, func.count(),
                func.sum(case((L.completed_at >= period.since_12m, one), else_=0)),
                *(func.sum(getattr(L, g)) for g in GROUPS),
                *(func.count(getattr(L, g)) for g in GROUPS),
                *(func.sum(case((getattr(L, f"{g}_deficit"), one), else_=0)) for g in GROUPS),
                func.count(L.previous_total),
                func.sum(case((L.total > L.previous_total, one), else_=0)),
                func.sum(L.total - L.previous_total),
                func.sum(case((and_(L.previous_total.is_not(None),
                                    L.total >= REPEAT_SUCCESS), one), else_=0)),
            ).select_from(L).join(P, P.id == L.person_id).where(scope).group_by(unit)
        )).all()
        n = len(GROUPS)
        sums = [0.0] * len(rows[0]) if rows else []
        per_unit: dict[int, int] = {}
        for row in rows:
            per_unit[row[0]] = int(row[1] or 0)
            for i, v in enumerate(row[1:], 1):
                sums[i] += float(v or 0)
        if not rows:
            f.group_avg = dict.fromkeys(GROUPS)
            f.group_deficits = dict.fromkeys(GROUPS, 0)
            return per_unit
        f.diagnosed, f.diagnosed_12m = int(sums[1]), int(sums[2])
        f.group_avg = {g: (sums[3 + i] / sums[3 + n + i] if sums[3 + n + i] else None)
                       for i, g in enumerate(GROUPS)}
        f.group_deficits = {g: int(sums[3 + 2 * n + i]) for i, g in enumerate(GROUPS)}
        base = 3 + 3 * n
        f.repeated, f.improved = int(sums[base]), int(sums[base + 1])
        f.avg_change = sums[base + 2] / sums[base] if sums[base] else None
        f.repeat_success = int(sums[base + 3])
        # a plain join: a latest attempt is one person's (no de-duplication of the ids)
        top = (await self.s.execute(
            select(DiagDeficitRow.indicator_code, func.count(), func.min(DiagDeficitRow.title))
            .select_from(L).join(P, P.id == L.person_id)
            .join(DiagDeficitRow, DiagDeficitRow.attempt_id == L.attempt_id).where(scope)
            .group_by(DiagDeficitRow.indicator_code)
            .order_by(func.count().desc(), DiagDeficitRow.indicator_code).limit(10)
        )).all()
        titles = {c: t for c, _k, t in top}
        top = [(c, k) for c, k, _t in top]
        f.top_indicators = [IndicatorCount(c, titles.get(c) or c, int(k)) for c, k in top]
        return per_unit

    async def _routes(self, f: Figures, scope: Any, unit: Any, period: Period
                      ) -> dict[int, int]:
        """Each teacher's latest route by status, with its activities counted beside it
        (one statement: the latest route is the person's highest id, an index lookup)."""
        A = RouteActivityRow
        people = select(P.id).where(scope).scalar_subquery()
        latest = (select(func.max(RouteRow.id).label("id"))
                  .where(RouteRow.person_id.in_(people))
                  .group_by(RouteRow.person_id).subquery())
        acts = (select(
            A.route_id.label("route_id"),
            func.sum(case((A.status != "dropped", 1), else_=0)).label("planned"),
            func.sum(case((A.status == "done", 1), else_=0)).label("done"),
            func.max(case((and_(A.status.in_(OPEN_ACTIVITY), A.due < period.today), 1),
                          else_=0)).label("overdue"),
        ).where(A.person_id.in_(people)).group_by(A.route_id).subquery())
        rows = (await self.s.execute(
            select(unit, RouteRow.status, func.count(), func.sum(acts.c.planned),
                   func.sum(acts.c.done), func.sum(acts.c.overdue))
            .select_from(latest).join(RouteRow, RouteRow.id == latest.c.id)
            .join(P, P.id == RouteRow.person_id)
            .outerjoin(acts, acts.c.route_id == RouteRow.id)
            .group_by(unit, RouteRow.status)
        )).all()
        routes: Counter[str] = Counter()
        agreed: Counter[int] = Counter()
        for unit_id, status, n, planned, done, overdue in rows:
            routes[status] += int(n)
            if status in AGREED:
                agreed[unit_id] += int(n)
                f.activities_planned += int(planned or 0)
                f.activities_done += int(done or 0)
            if status in RUNNING:
                f.routes_overdue += int(overdue or 0)
        routes["none"] = max(f.teachers - sum(routes.values()), 0)
        f.routes = dict(routes)
        return dict(agreed)

    async def _rest(self, f: Figures, scope: Any, period: Period) -> None:
        """Hours, course forms and event participation in one statement, each fact table
        read once (registrations by status, with the attended and the no-shows counted
        beside them): a round trip each would cost more than the work under load."""
        R = EventRegistrationRow
        people = select(P.id).where(scope).scalar_subquery()
        zero = literal(0.0)
        hours = (select(HoursLedgerRow.kind.label("key"),
                        func.sum(HoursLedgerRow.hours).label("value"),
                        literal("hours").label("what"), zero.label("attended"),
                        zero.label("missed"))
                 .where(HoursLedgerRow.person_id.in_(people),
                        HoursLedgerRow.occurred_at >= period.year_start,
                        HoursLedgerRow.occurred_at < period.year_end)
                 .group_by(HoursLedgerRow.kind))
        forms = (select(CourseFormRow.status, cast(func.count(), Float), literal("forms"),
                        zero, zero)
                 .where(CourseFormRow.person_id.in_(people), CourseFormRow.status != "draft")
                 .group_by(CourseFormRow.status))
        missed = and_(R.status == "confirmed", R.attended_at.is_(None),
                      EventRow.ends_at < period.now)
        regs = (select(R.status, cast(func.count(), Float), literal("regs"),
                       cast(func.sum(case((R.attended_at.is_not(None), 1), else_=0)), Float),
                       cast(func.sum(case((missed, 1), else_=0)), Float))
                .select_from(R).outerjoin(EventRow, EventRow.id == R.event_id)
                .where(R.person_id.in_(people),
                       R.status.in_(("confirmed", "offered", "waitlisted")))
                .group_by(R.status))
        rows = (await self.s.execute(union_all(hours, forms, regs))).all()
        for key, value, what, attended, no_shows in rows:
            if what == "hours":
                f.hours[key] = float(value or 0)
            elif what == "forms":
                f.forms[key] = int(value or 0)
            else:
                f.registrations += int(value or 0)
                f.attended += int(attended or 0)
                f.no_shows += int(no_shows or 0)

    async def group_deficit_shares(self, org: Org) -> dict[str, int]:
        row = (await self.s.execute(
            select(func.count(),
                   *(func.sum(case((getattr(L, f"{g}_deficit"), 1), else_=0)) for g in GROUPS))
            .select_from(L).join(P, P.id == L.person_id).where(await self.scope(org))
        )).one()
        total = int(row[0] or 0)
        return {g: round(100 * int(row[1 + i] or 0) / total) if total else 0
                for i, g in enumerate(GROUPS)}

    # ---- teachers -----------------------------------------------------------------------

    def _filter(self, flt: TeacherFilter, period: Period) -> list[Any]:
        latest = select(RouteRow.status).where(RouteRow.person_id == P.id) \
            .order_by(RouteRow.id.desc()).limit(1).scalar_subquery()
        if flt is TeacherFilter.NEVER_DIAGNOSED:
            other = aliased(DiagLatestRow)  # the list itself joins diag_latest
            return [~exists().where(other.person_id == P.id)]
        if flt is TeacherFilter.ROUTE_NONE:
            return [~exists().where(RouteRow.person_id == P.id)]
        if flt is TeacherFilter.ROUTE_WAITING:
            return [latest == "submitted"]
        if flt is TeacherFilter.ROUTE_RETURNED:
            return [latest == "returned"]
        if flt is TeacherFilter.ROUTE_OVERDUE:
            return [exists().where(RouteRow.person_id == P.id, RouteRow.status.in_(RUNNING),
                                   _latest_route(), _overdue(period.today))]
        if flt is TeacherFilter.NO_HOURS:
            return [~exists().where(HoursLedgerRow.person_id == P.id,
                                    HoursLedgerRow.occurred_at >= period.year_start,
                                    HoursLedgerRow.occurred_at < period.year_end)]
        if flt is TeacherFilter.NO_REPORT:
            report = aliased(CourseFormRow)
            return [exists().where(
                CourseFormRow.person_id == P.id, CourseFormRow.kind == "assignment",
                CourseFormRow.status == "accepted",
                ~exists().where(report.person_id == P.id, report.kind == "report",
                                report.status.in_(("submitted", "accepted")),
                                report.assignment_id == CourseFormRow.id),
            )]
        return []

    async def teachers(self, org: Org, flt: TeacherFilter, query: str | None,
                       period: Period, offset: int, limit: int
                       ) -> tuple[list[TeacherRow], int]:
        where = [await self.scope(org), *self._filter(flt, period)]
        if query:
            if query.isdigit():
                where.append(P.external_id == query)
            else:
                where.append(P.name_key.like(name_pattern(query), escape="\\"))
        total = await self.s.scalar(select(func.count()).select_from(P).where(*where)) or 0
        route = select(RouteRow.status).where(RouteRow.person_id == P.id) \
            .order_by(RouteRow.id.desc()).limit(1).scalar_subquery()
        rows = (await self.s.execute(
            select(P.id, P.full_name, OrgRow.name, L.completed_at, route)
            .select_from(P).outerjoin(OrgRow, OrgRow.id == P.school_id)
            .outerjoin(L, L.person_id == P.id).where(*where)
            .order_by(P.name_key, P.id).offset(offset).limit(limit)
        )).all()
        return [TeacherRow(i, name or "—", school, at, status or "none")
                for i, name, school, at, status in rows], int(total)

    async def hours_of(self, person_id: int, start: datetime, end: datetime
                       ) -> dict[str, float]:
        rows = (await self.s.execute(
            select(HoursLedgerRow.kind, func.sum(HoursLedgerRow.hours))
            .where(HoursLedgerRow.person_id == person_id, HoursLedgerRow.occurred_at >= start,
                   HoursLedgerRow.occurred_at < end).group_by(HoursLedgerRow.kind)
        )).all()
        return {k: float(h or 0) for k, h in rows}

    async def nudged(self, dedupe_key: str) -> bool:
        return bool(await self.s.scalar(
            select(literal(1)).where(OutboxRow.dedupe_key == dedupe_key).limit(1)
        ))

    # ---- digests and escalations --------------------------------------------------------

    async def digest_mode(self, person_id: int) -> str | None:
        return await self.s.scalar(
            select(TerritoryPrefRow.digest).where(TerritoryPrefRow.person_id == person_id))

    async def set_digest_mode(self, person_id: int, mode: str, now: datetime) -> None:
        row = await self.s.get(TerritoryPrefRow, person_id)
        if row is None:
            self.s.add(TerritoryPrefRow(person_id=person_id, digest=mode, updated_at=now))
        else:
            row.digest, row.updated_at = mode, now
        await self.s.flush()

    async def coordinator_grants(self) -> list[CoordinatorGrant]:
        rows = (await self.s.execute(
            select(RoleGrantRow.person_id, RoleGrantRow.org_id, TerritoryPrefRow.digest)
            .join(P, P.id == RoleGrantRow.person_id)
            .outerjoin(TerritoryPrefRow, TerritoryPrefRow.person_id == P.id)
            .where(RoleGrantRow.role.in_([r.value for r in COORDINATOR_ROLES]),
                   RoleGrantRow.org_id.is_not(None), P.consented_at.is_not(None),
                   P.profile_completed_at.is_not(None), P.blocked_at.is_(None))
            .order_by(RoleGrantRow.person_id, RoleGrantRow.org_id)
        )).all()
        return [CoordinatorGrant(pid, org, DigestMode(mode) if mode else DEFAULT_MODE)
                for pid, org, mode in rows]

    async def digest_counts(self, org: Org, period: Period, stalled_before: datetime
                            ) -> DigestCounts:
        """The four figures of a digest in one statement (a scalar subquery each, every one
        over the scope's people): one round trip per scope, not four."""
        scope = await self.scope(org)
        waiting_routes = (select(func.count()).select_from(RouteRow)
                          .join(P, P.id == RouteRow.person_id)
                          .where(scope, RouteRow.status == "submitted").scalar_subquery())
        stalled = (select(func.count()).select_from(RouteRow)
                   .join(P, P.id == RouteRow.person_id)
                   .where(scope, RouteRow.status == "submitted",
                          RouteRow.submitted_at <= stalled_before).scalar_subquery())
        forms = (select(func.count()).select_from(CourseFormRow)
                 .join(P, P.id == CourseFormRow.person_id)
                 .where(scope, CourseFormRow.status == "submitted").scalar_subquery())
        overdue = (select(func.count(func.distinct(RouteRow.id))).select_from(RouteActivityRow)
                   .join(RouteRow, RouteRow.id == RouteActivityRow.route_id)
                   .join(P, P.id == RouteRow.person_id)
                   .where(scope, RouteRow.status.in_(RUNNING), _latest_route(),
                          RouteActivityRow.status.in_(OPEN_ACTIVITY),
                          RouteActivityRow.due < period.today).scalar_subquery())
        never = (select(func.count()).select_from(P)
                 .where(scope, ~exists().where(L.person_id == P.id)).scalar_subquery())
        row = (await self.s.execute(select(waiting_routes, stalled, forms, overdue, never))).one()
        routes_n, stalled_n, forms_n, overdue_n, never_n = (int(v or 0) for v in row)
        return DigestCounts(waiting=routes_n + forms_n, overdue=overdue_n, stalled=stalled_n,
                            never_diagnosed=never_n)

    async def waiting_items(self) -> list[Waiting]:
        school = aliased(OrgRow)
        out = []
        for kind_col, model in (("route", RouteRow), (None, CourseFormRow)):
            kind = literal("route") if kind_col else CourseFormRow.kind
            rows = (await self.s.execute(
                select(kind, model.id, model.revision, P.full_name, model.school_id,
                       school.name, school.municipality_id, model.submitted_at)
                .join(P, P.id == model.person_id)
                .outerjoin(school, school.id == model.school_id)
                .where(model.status == "submitted", model.submitted_at.is_not(None))
                .order_by(model.submitted_at, model.id)
            )).all()
            out += [Waiting(str(k), i, int(rev or 0), name or "—", sid, sname, mid, at)
                    for k, i, rev, name, sid, sname, mid, at in rows]
        return out

    async def schools_with_coordinator(self, school_ids: list[int]) -> set[int]:
        if not school_ids:
            return set()
        rows = (await self.s.scalars(
            select(RoleGrantRow.org_id).join(P, P.id == RoleGrantRow.person_id)
            .where(RoleGrantRow.role == Role.SCHOOL_COORDINATOR.value,
                   RoleGrantRow.org_id.in_(school_ids), P.consented_at.is_not(None))
        )).all()
        return {int(r) for r in rows if r is not None}

    async def municipal_coordinators(self, municipality_id: int) -> list[int]:
        rows = (await self.s.scalars(
            select(RoleGrantRow.person_id).join(P, P.id == RoleGrantRow.person_id)
            .where(RoleGrantRow.role == Role.MUNICIPAL_COORDINATOR.value,
                   RoleGrantRow.org_id == municipality_id, P.consented_at.is_not(None),
                   P.blocked_at.is_(None))
            .order_by(RoleGrantRow.person_id)
        )).all()
        return list(dict.fromkeys(int(r) for r in rows))

    # ---- roles ----------------------------------------------------------------------------

    async def holders(self, org: Org, limit: int) -> tuple[list[Holder], int]:
        from storage.scopes import in_subtrees

        where = [in_subtrees([org.id]), RoleGrantRow.role != Role.TEACHER.value]
        base = (select(RoleGrantRow.person_id, P.full_name, RoleGrantRow.role, OrgRow.id,
                       OrgRow.name)
                .join(P, P.id == RoleGrantRow.person_id)
                .join(OrgRow, OrgRow.id == RoleGrantRow.org_id).where(*where))
        total = await self.s.scalar(select(func.count()).select_from(base.subquery())) or 0
        rows = (await self.s.execute(
            base.order_by(OrgRow.kind.desc(), OrgRow.name_key, RoleGrantRow.role, P.name_key)
            .limit(limit))).all()
        return [Holder(pid, name or "—", Role(role), oid, oname)
                for pid, name, role, oid, oname in rows], int(total)

    async def find_people(self, query: str, limit: int) -> list[Found]:
        school = aliased(OrgRow)
        cond = (P.external_id == query) if query.isdigit() else \
            P.name_key.like(name_pattern(query), escape="\\")
        rows = (await self.s.execute(
            select(P.id, P.full_name, P.external_id, school.name)
            .outerjoin(school, school.id == P.school_id)
            .where(cond, P.consented_at.is_not(None))
            .order_by(P.name_key, P.id).limit(limit))).all()
        return [Found(i, n or "—", e, sn) for i, n, e, sn in rows]

    # ---- the spreadsheet ----------------------------------------------------------------

    async def sheets(self, org: Org, period: Period) -> list[Sheet]:
        from storage.territory.export import build_sheets

        return await build_sheets(self.s, await self.scope(org), period)


def _json_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return []
    return [str(v) for v in data] if isinstance(data, list) else []


__all__ = ["SqlTerritory", "in_scope", "latest_counts", "name_pattern", "record_latest"]
