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
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    select,
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
from storage.diagnosis_models import DiagAttemptRow, DiagDeficitRow
from storage.events_models import EventRegistrationRow, EventRow, HoursLedgerRow
from storage.models import OrgRow, OutboxRow, PersonRow, RoleGrantRow
from storage.diagnosis.latest import latest_counts, record_latest  # noqa: F401
from storage.names import name_key, name_pattern  # noqa: F401
from storage.scopes import org_from_row
from storage.route_models import RouteActivityRow, RouteRow
from storage.territory.models import (
    GROUP_COLUMNS,
    DiagLatestRow,
    TerritoryPrefRow,
    latest_values,
)

L = DiagLatestRow
P = PersonRow
AGREED = ("approved", "in_progress", "completed")
RUNNING = ("approved", "in_progress")
OPEN_ACTIVITY = ("planned", "in_progress")


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
        f = Figures()
        scope = await self.scope(org)
        await self._people(f, scope)
        await self._diagnosis(f, scope, period)
        await self._routes(f, scope, period)
        await self._hours(f, scope, period)
        await self._forms(f, scope)
        await self._events(f, scope, period)
        return f

    async def _people(self, f: Figures, scope: Any) -> None:
        # grouped by the JSON lists' text: a few hundred combinations, not one row a person
        subjects, statuses = cast(P.subjects, String), cast(P.statuses, String)
        rows = (await self.s.execute(
            select(P.position, P.category, subjects, statuses, func.count())
            .where(scope).group_by(P.position, P.category, subjects, statuses)
        )).all()
        pos: Counter[str] = Counter()
        cat: Counter[str] = Counter()
        subj: Counter[str] = Counter()
        stat: Counter[str] = Counter()
        for position, category, subj_json, stat_json, n in rows:
            f.teachers += n
            pos[position or "none"] += n
            cat[category or "none"] += n
            for code in _json_list(subj_json):
                subj[code] += n
            for code in _json_list(stat_json):
                stat[code] += n
        f.by_position, f.categories = dict(pos), dict(cat)
        f.by_subject, f.statuses = dict(subj), dict(stat)

    async def _diagnosis(self, f: Figures, scope: Any, period: Period) -> None:
        row = (await self.s.execute(
            select(
                func.count(),
                func.sum(case((L.completed_at >= period.since_12m, 1), else_=0)),
                *(func.avg(getattr(L, g)) for g in GROUPS),
                *(func.sum(case((getattr(L, f"{g}_deficit"), 1), else_=0)) for g in GROUPS),
                func.count(L.previous_total),
                func.sum(case((L.total > L.previous_total, 1), else_=0)),
                func.avg(L.total - L.previous_total),
                func.sum(case((and_(L.previous_total.is_not(None),
                                    L.total >= REPEAT_SUCCESS), 1), else_=0)),
            ).select_from(L).join(P, P.id == L.person_id).where(scope)
        )).one()
        n = len(GROUPS)
        f.diagnosed, f.diagnosed_12m = int(row[0] or 0), int(row[1] or 0)
        f.group_avg = {g: (float(row[2 + i]) if row[2 + i] is not None else None)
                       for i, g in enumerate(GROUPS)}
        f.group_deficits = {g: int(row[2 + n + i] or 0) for i, g in enumerate(GROUPS)}
        base = 2 + 2 * n
        f.repeated, f.improved = int(row[base] or 0), int(row[base + 1] or 0)
        f.avg_change = float(row[base + 2]) if row[base + 2] is not None else None
        f.repeat_success = int(row[base + 3] or 0)
        top = (await self.s.execute(
            select(DiagDeficitRow.indicator_code, func.min(DiagDeficitRow.title), func.count())
            .join(L, L.attempt_id == DiagDeficitRow.attempt_id)
            .join(P, P.id == L.person_id).where(scope)
            .group_by(DiagDeficitRow.indicator_code)
            .order_by(func.count().desc(), DiagDeficitRow.indicator_code).limit(10)
        )).all()
        f.top_indicators = [IndicatorCount(c, t, int(k)) for c, t, k in top]

    async def _routes(self, f: Figures, scope: Any, period: Period) -> None:
        rows = (await self.s.execute(
            select(RouteRow.status, func.count())
            .join(P, P.id == RouteRow.person_id).where(scope, _latest_route())
            .group_by(RouteRow.status)
        )).all()
        routes = {status: int(n) for status, n in rows}
        f.routes_overdue = int(await self.s.scalar(
            select(func.count(func.distinct(RouteRow.id)))
            .select_from(RouteActivityRow)
            .join(RouteRow, RouteRow.id == RouteActivityRow.route_id)
            .join(P, P.id == RouteRow.person_id)
            .where(scope, RouteRow.status.in_(RUNNING), _latest_route(),
                   RouteActivityRow.status.in_(OPEN_ACTIVITY),
                   RouteActivityRow.due < period.today)
        ) or 0)
        routes["none"] = max(f.teachers - sum(routes.values()), 0)
        f.routes = routes
        acts = (await self.s.execute(
            select(RouteActivityRow.status, func.count())
            .join(RouteRow, RouteRow.id == RouteActivityRow.route_id)
            .join(P, P.id == RouteRow.person_id)
            .where(scope, RouteRow.status.in_(AGREED), _latest_route(),
                   RouteActivityRow.status != "dropped")
            .group_by(RouteActivityRow.status)
        )).all()
        by = {s: int(n) for s, n in acts}
        f.activities_done = by.get("done", 0)
        f.activities_planned = sum(by.values())

    async def _hours(self, f: Figures, scope: Any, period: Period) -> None:
        rows = (await self.s.execute(
            select(HoursLedgerRow.kind, func.sum(HoursLedgerRow.hours))
            .join(P, P.id == HoursLedgerRow.person_id)
            .where(scope, HoursLedgerRow.occurred_at >= period.year_start,
                   HoursLedgerRow.occurred_at < period.year_end)
            .group_by(HoursLedgerRow.kind)
        )).all()
        f.hours = {k: float(h or 0) for k, h in rows}

    async def _forms(self, f: Figures, scope: Any) -> None:
        rows = (await self.s.execute(
            select(CourseFormRow.status, func.count())
            .join(P, P.id == CourseFormRow.person_id)
            .where(scope, CourseFormRow.status != "draft")
            .group_by(CourseFormRow.status)
        )).all()
        f.forms = {s: int(n) for s, n in rows}

    async def _events(self, f: Figures, scope: Any, period: Period) -> None:
        R = EventRegistrationRow
        row = (await self.s.execute(
            select(
                func.count(),
                func.count(R.attended_at),
                func.sum(case((and_(R.status == "confirmed", R.attended_at.is_(None),
                                    EventRow.ends_at < period.now), 1), else_=0)),
            ).select_from(R).join(EventRow, EventRow.id == R.event_id)
            .join(P, P.id == R.person_id)
            .where(scope, R.status.in_(("confirmed", "offered", "waitlisted")))
        )).one()
        f.registrations, f.attended = int(row[0] or 0), int(row[1] or 0)
        f.no_shows = int(row[2] or 0)

    async def group_deficit_shares(self, org: Org) -> dict[str, int]:
        row = (await self.s.execute(
            select(func.count(),
                   *(func.sum(case((getattr(L, f"{g}_deficit"), 1), else_=0)) for g in GROUPS))
            .select_from(L).join(P, P.id == L.person_id).where(await self.scope(org))
        )).one()
        total = int(row[0] or 0)
        return {g: round(100 * int(row[1 + i] or 0) / total) if total else 0
                for i, g in enumerate(GROUPS)}

    async def units(self, org: Org, children: list[Org]) -> list[UnitFigures]:
        if not children:
            return []
        col = P.municipality_id if org.kind is OrgKind.REGION else P.school_id
        scope = await self.scope(org)
        teachers = dict((await self.s.execute(
            select(col, func.count()).where(scope).group_by(col))).all())
        diagnosed = dict((await self.s.execute(
            select(col, func.count()).select_from(L).join(P, P.id == L.person_id)
            .where(scope).group_by(col))).all())
        agreed = dict((await self.s.execute(
            select(col, func.count()).select_from(RouteRow).join(P, P.id == RouteRow.person_id)
            .where(scope, _latest_route(), RouteRow.status.in_(AGREED)).group_by(col))).all())
        return [UnitFigures(o, int(teachers.get(o.id, 0)), int(diagnosed.get(o.id, 0)),
                            int(agreed.get(o.id, 0))) for o in children]

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
        scope = await self.scope(org)
        routes = (await self.s.execute(
            select(func.count(), func.sum(case((RouteRow.submitted_at <= stalled_before, 1),
                                               else_=0)))
            .join(P, P.id == RouteRow.person_id)
            .where(scope, RouteRow.status == "submitted")
        )).one()
        forms = await self.s.scalar(
            select(func.count()).select_from(CourseFormRow)
            .join(P, P.id == CourseFormRow.person_id)
            .where(scope, CourseFormRow.status == "submitted")) or 0
        overdue = await self.s.scalar(
            select(func.count(func.distinct(RouteRow.id))).select_from(RouteActivityRow)
            .join(RouteRow, RouteRow.id == RouteActivityRow.route_id)
            .join(P, P.id == RouteRow.person_id)
            .where(scope, RouteRow.status.in_(RUNNING), _latest_route(),
                   RouteActivityRow.status.in_(OPEN_ACTIVITY),
                   RouteActivityRow.due < period.today)) or 0
        never = await self.s.scalar(
            select(func.count()).select_from(P)
            .where(scope, ~exists().where(L.person_id == P.id))) or 0
        return DigestCounts(waiting=int(routes[0] or 0) + int(forms),
                            overdue=int(overdue), stalled=int(routes[1] or 0),
                            never_diagnosed=int(never))

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
