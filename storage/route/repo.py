"""SQLAlchemy repository of the ИОМ. Rows become domain objects before they leave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.enums import Role, Status
from domain.route import (
    Activity,
    ActivityStatus,
    Column,
    DoneSource,
    HistoryAction,
    HistoryEntry,
    PlanRow,
    Route,
    RouteStatus,
    VersionHead,
)
from storage.events_models import HoursLedgerRow
from storage.models import OrgRow, PersonRow, RoleGrantRow
from storage.route.models import (
    RouteActivityRow,
    RouteEventRow,
    RoutePlanRow,
    RouteRow,
    RouteVersionRow,
)
from storage.scopes import in_subtrees

#: columns ``transition`` may set besides the status
TRANSITION_FIELDS = frozenset({
    "revision", "submitted_at", "decided_at", "decided_by", "comment", "conclusion",
    "completed_at", "completed_by", "attempt_id",
    "external_diagnosis_id",
})
OPEN = (ActivityStatus.PLANNED.value, ActivityStatus.IN_PROGRESS.value)


def route_from_row(row: RouteRow) -> Route:
    return Route(
        id=row.id, person_id=row.person_id, school_id=row.school_id,
        status=RouteStatus(row.status), period_start=row.period_start,
        period_end=row.period_end, attempt_id=row.attempt_id, revision=row.revision,
        external_id=row.external_diagnosis_id,
        comment=row.comment, conclusion=row.conclusion, submitted_at=row.submitted_at,
        decided_at=row.decided_at, decided_by=row.decided_by, completed_at=row.completed_at,
        completed_by=row.completed_by, created_at=row.created_at, updated_at=row.updated_at,
    )


def plan_row_from_row(row: RoutePlanRow) -> PlanRow:
    return PlanRow(row.id, row.route_id, row.position, row.group_code, row.title,
                   row.indicator, row.percent)


def activity_from_row(row: RouteActivityRow) -> Activity:
    return Activity(
        id=row.id, route_id=row.route_id, row_id=row.row_id, person_id=row.person_id,
        column=Column(row.plan_column), title=row.title, status=ActivityStatus(row.status),
        form=row.form, event_id=row.event_id, due=row.due, evidence_text=row.evidence_text,
        evidence_url=row.evidence_url, evidence_file_id=row.evidence_file_id,
        evidence_file_name=row.evidence_file_name,
        done_source=DoneSource(row.done_source) if row.done_source else None,
        done_ref=row.done_ref, done_at=row.done_at, added_by=row.added_by,
        proposed=bool(row.proposed), hours=row.hours, consultant_id=row.consultant_id,
        ledger_id=row.ledger_id, created_at=row.created_at, updated_at=row.updated_at,
    )


def version_from_row(row: RouteVersionRow) -> VersionHead:
    return VersionHead(row.id, row.route_id, row.number, HistoryAction(row.action),
                       RouteStatus(row.status), row.actor_id, row.at, row.comment)


def _school_people(school_id: int, exclude: int) -> list[Any]:
    """The onboarded people of a school with a name, one left out (the route's teacher)."""
    return [PersonRow.school_id == school_id, PersonRow.id != exclude,
            PersonRow.full_name.is_not(None), PersonRow.profile_completed_at.is_not(None)]


class SqlRoutes:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    # ---- routes ----------------------------------------------------------------------

    async def add(self, route: Route) -> Route:
        row = RouteRow(
            person_id=route.person_id, school_id=route.school_id, attempt_id=route.attempt_id,
            external_diagnosis_id=route.external_id,
            status=route.status.value, period_start=route.period_start,
            period_end=route.period_end, revision=route.revision,
            created_at=route.created_at, updated_at=route.updated_at or route.created_at,
        )
        self.s.add(row)
        await self.s.flush()
        return route_from_row(row)

    async def get(self, route_id: int) -> Route | None:
        # conditional updates bypass the identity map: read the row as stored
        row = await self.s.get(RouteRow, route_id, populate_existing=True)
        return route_from_row(row) if row else None

    async def built_on_external(self, diagnosis_id: int) -> list[Route]:
        rows = await self.s.scalars(
            select(RouteRow).where(RouteRow.external_diagnosis_id == diagnosis_id)
            .order_by(RouteRow.id))
        return [route_from_row(r) for r in rows]

    async def latest_of(self, person_id: int) -> Route | None:
        row = await self.s.scalar(
            select(RouteRow).where(RouteRow.person_id == person_id)
            .order_by(RouteRow.id.desc()).limit(1)
            .execution_options(populate_existing=True)
        )
        return route_from_row(row) if row else None

    async def transition(self, route_id: int, expected: RouteStatus, expected_revision: int,
                         status: RouteStatus, now: datetime, **values: Any) -> bool:
        unknown = set(values) - TRANSITION_FIELDS
        if unknown:
            raise ValueError(f"not a transition field: {sorted(unknown)}")
        result = await self.s.execute(
            update(RouteRow)
            .where(RouteRow.id == route_id, RouteRow.status == expected.value,
                   RouteRow.revision == expected_revision)
            .values(status=status.value, updated_at=now, **values)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def add_history(self, route_id: int, action: HistoryAction, actor_id: int | None,
                          revision: int, comment: str | None, now: datetime) -> None:
        self.s.add(RouteEventRow(route_id=route_id, action=action.value, actor_id=actor_id,
                                 revision=revision, comment=comment, at=now))
        await self.s.flush()

    async def history(self, route_id: int) -> list[HistoryEntry]:
        rows = (await self.s.scalars(
            select(RouteEventRow).where(RouteEventRow.route_id == route_id)
            .order_by(RouteEventRow.at, RouteEventRow.id)
        )).all()
        return [HistoryEntry(r.route_id, HistoryAction(r.action), r.actor_id, r.revision, r.at,
                             r.comment) for r in rows]

    async def queue(self, within: Sequence[int] | None, offset: int,
                    limit: int) -> tuple[list[Route], int]:
        cond = [RouteRow.status == RouteStatus.SUBMITTED.value]
        if within is not None:
            ids = list(within)
            if not ids:
                return [], 0
            cond.append(in_subtrees(ids))
        where = and_(*cond)
        total = await self.s.scalar(
            select(func.count()).select_from(RouteRow)
            .join(OrgRow, OrgRow.id == RouteRow.school_id).where(where)
        ) or 0
        rows = (await self.s.scalars(
            select(RouteRow).join(OrgRow, OrgRow.id == RouteRow.school_id).where(where)
            .order_by(RouteRow.submitted_at, RouteRow.id).offset(offset).limit(limit)
        )).all()
        return [route_from_row(r) for r in rows], total

    async def coordinators(self, role: Role, org_id: int) -> list[int]:
        ids = (await self.s.scalars(
            select(RoleGrantRow.person_id).where(RoleGrantRow.org_id == org_id,
                                                 RoleGrantRow.role == role.value)
            .order_by(RoleGrantRow.person_id)
        )).all()
        return list(dict.fromkeys(ids))

    # ---- plan rows -------------------------------------------------------------------

    async def rows(self, route_id: int) -> list[PlanRow]:
        rows = (await self.s.scalars(
            select(RoutePlanRow).where(RoutePlanRow.route_id == route_id)
            .order_by(RoutePlanRow.position, RoutePlanRow.id)
        )).all()
        return [plan_row_from_row(r) for r in rows]

    async def get_row(self, row_id: int) -> PlanRow | None:
        row = await self.s.get(RoutePlanRow, row_id)
        return plan_row_from_row(row) if row else None

    async def add_row(self, row: PlanRow) -> PlanRow:
        stored = RoutePlanRow(route_id=row.route_id, position=row.position,
                              group_code=row.group, indicator=row.indicator, title=row.title,
                              percent=row.percent)
        self.s.add(stored)
        await self.s.flush()
        return plan_row_from_row(stored)

    async def set_row_title(self, row_id: int, title: str) -> None:
        await self.s.execute(update(RoutePlanRow).where(RoutePlanRow.id == row_id)
                             .values(title=title).execution_options(synchronize_session=False))

    # ---- activities ------------------------------------------------------------------

    async def activities(self, route_id: int) -> list[Activity]:
        rows = (await self.s.scalars(
            select(RouteActivityRow).where(RouteActivityRow.route_id == route_id)
            .order_by(RouteActivityRow.id)
            .execution_options(populate_existing=True)
        )).all()
        return [activity_from_row(r) for r in rows]

    async def get_activity(self, activity_id: int) -> Activity | None:
        row = await self.s.get(RouteActivityRow, activity_id, populate_existing=True)
        return activity_from_row(row) if row else None

    async def add_activity(self, activity: Activity) -> Activity:
        row = RouteActivityRow(
            route_id=activity.route_id, row_id=activity.row_id, person_id=activity.person_id,
            plan_column=activity.column.value, title=activity.title, form=activity.form,
            event_id=activity.event_id, due=activity.due, status=activity.status.value,
            added_by=activity.added_by, created_at=activity.created_at,
            updated_at=activity.updated_at or activity.created_at, proposed=activity.proposed,
            hours=activity.hours, consultant_id=activity.consultant_id,
        )
        self.s.add(row)
        await self.s.flush()
        return activity_from_row(row)

    async def save_activity(self, activity: Activity) -> None:
        await self.s.execute(
            update(RouteActivityRow).where(RouteActivityRow.id == activity.id).values(
                status=activity.status.value, evidence_text=activity.evidence_text,
                evidence_url=activity.evidence_url, evidence_file_id=activity.evidence_file_id,
                evidence_file_name=activity.evidence_file_name,
                done_source=activity.done_source.value if activity.done_source else None,
                done_ref=activity.done_ref, done_at=activity.done_at,
                updated_at=activity.updated_at,
            ).execution_options(synchronize_session=False)
        )

    async def accept_proposed(self, activity_ids: Sequence[int], now: datetime) -> None:
        if activity_ids:
            await self.s.execute(
                update(RouteActivityRow).where(RouteActivityRow.id.in_(list(activity_ids)))
                .values(proposed=False, updated_at=now)
                .execution_options(synchronize_session=False))

    async def delete_activity(self, activity_id: int) -> None:
        await self.s.execute(delete(RouteActivityRow).where(RouteActivityRow.id == activity_id))

    async def _of_person(self, person_id: int, event_id: int | None,
                         statuses: Sequence[str] | None) -> list[Activity]:
        q = (
            select(RouteActivityRow)
            .join(RouteRow, RouteRow.id == RouteActivityRow.route_id)
            .where(RouteActivityRow.person_id == person_id,
                   RouteRow.status != RouteStatus.COMPLETED.value)
        )
        if event_id is not None:
            q = q.where(RouteActivityRow.event_id == event_id)
        if statuses is not None:
            q = q.where(RouteActivityRow.status.in_(list(statuses)))
        rows = (await self.s.scalars(
            q.order_by(RouteActivityRow.id).execution_options(populate_existing=True)
        )).all()
        return [activity_from_row(r) for r in rows]

    async def open_activities(self, person_id: int, event_id: int | None = None
                              ) -> list[Activity]:
        return await self._of_person(person_id, event_id, OPEN)

    async def activities_of_person(self, person_id: int, event_id: int | None = None
                                   ) -> list[Activity]:
        return await self._of_person(person_id, event_id, None)

    async def overdue(self, today: date, statuses: Sequence[str]) -> list[Activity]:
        rows = (await self.s.scalars(
            select(RouteActivityRow)
            .join(RouteRow, RouteRow.id == RouteActivityRow.route_id)
            .where(RouteActivityRow.status.in_(OPEN), RouteActivityRow.due < today,
                   RouteRow.status.in_(list(statuses)))
            .order_by(RouteActivityRow.due, RouteActivityRow.id)
        )).all()
        return [activity_from_row(r) for r in rows]


    # ---- shaping the rows, the period (issue 15) -------------------------------------

    async def update_row(self, row: PlanRow) -> None:
        await self.s.execute(
            update(RoutePlanRow).where(RoutePlanRow.id == row.id)
            .values(position=row.position, title=row.title, percent=row.percent,
                    indicator=row.indicator)
            .execution_options(synchronize_session=False))

    async def delete_row(self, row_id: int) -> None:
        await self.s.execute(delete(RouteActivityRow).where(RouteActivityRow.row_id == row_id))
        await self.s.execute(delete(RoutePlanRow).where(RoutePlanRow.id == row_id))

    async def move_activities(self, from_row: int, to_row: int, now: datetime) -> None:
        await self.s.execute(
            update(RouteActivityRow).where(RouteActivityRow.row_id == from_row)
            .values(row_id=to_row, updated_at=now).execution_options(synchronize_session=False))

    async def set_period(self, route_id: int, start: date, end: date, now: datetime) -> None:
        await self.s.execute(
            update(RouteRow).where(RouteRow.id == route_id)
            .values(period_start=start, period_end=end, updated_at=now)
            .execution_options(synchronize_session=False))

    # ---- versions --------------------------------------------------------------------

    async def add_version(self, route_id: int, action: HistoryAction, status: RouteStatus,
                          actor_id: int | None, at: datetime, snapshot: dict[str, Any],
                          comment: str | None = None) -> VersionHead:
        number = (await self.s.scalar(
            select(func.max(RouteVersionRow.number)).where(RouteVersionRow.route_id == route_id)
        ) or 0) + 1
        row = RouteVersionRow(route_id=route_id, number=number, action=action.value,
                              status=status.value, actor_id=actor_id, at=at, snapshot=snapshot,
                              comment=comment)
        self.s.add(row)
        await self.s.flush()
        return version_from_row(row)

    async def versions(self, route_id: int) -> list[VersionHead]:
        rows = await self.s.scalars(
            select(RouteVersionRow).where(RouteVersionRow.route_id == route_id)
            .order_by(RouteVersionRow.number.desc()))
        return [version_from_row(r) for r in rows]

    async def get_version(self, version_id: int) -> tuple[VersionHead, dict[str, Any]] | None:
        row = await self.s.get(RouteVersionRow, version_id)
        return (version_from_row(row), dict(row.snapshot)) if row else None

    # ---- consultation hours ----------------------------------------------------------

    async def colleagues(self, school_id: int, exclude: int, limit: int
                         ) -> list[tuple[int, str]]:
        rows = await self.s.execute(
            select(PersonRow.id, PersonRow.full_name)
            .where(*_school_people(school_id, exclude))
            .order_by(PersonRow.full_name, PersonRow.id).limit(limit))
        return [(i, name) for i, name in rows if name]

    async def consultants(self, school_id: int, exclude: int) -> list[tuple[int, str, bool]]:
        mentor_role = exists().where(RoleGrantRow.person_id == PersonRow.id,
                                     RoleGrantRow.role == Role.MENTOR.value)
        rows = await self.s.execute(
            select(PersonRow.id, PersonRow.full_name, PersonRow.statuses,
                   mentor_role.label("mentor"))
            .where(*_school_people(school_id, exclude)))
        found = [(i, name, bool(role) or Status.MENTOR.value in (statuses or []))
                 for i, name, statuses, role in rows if name]
        return sorted(found,
                      key=lambda x: (not x[2], x[1].casefold().replace("ё", "е"), x[0]))

    async def credit_consultation(self, activity_id: int, person_id: int, hours: float,
                                  occurred_at: datetime, now: datetime) -> bool:
        """The consultation's hours into the teacher's ledger (очные), once: False if the
        activity is already credited."""
        row = await self.s.get(RouteActivityRow, activity_id, populate_existing=True)
        if row is None or row.ledger_id is not None:
            return False
        entry = HoursLedgerRow(person_id=person_id, event_id=None, kind="in_person",
                               hours=hours, occurred_at=occurred_at, created_at=now)
        self.s.add(entry)
        await self.s.flush()
        await self.s.execute(
            update(RouteActivityRow).where(RouteActivityRow.id == activity_id)
            .values(ledger_id=entry.id).execution_options(synchronize_session=False))
        return True

    async def revoke_consultation(self, activity_id: int) -> None:
        row = await self.s.get(RouteActivityRow, activity_id, populate_existing=True)
        if row is None or row.ledger_id is None:
            return
        await self.s.execute(delete(HoursLedgerRow).where(HoursLedgerRow.id == row.ledger_id))
        await self.s.execute(
            update(RouteActivityRow).where(RouteActivityRow.id == activity_id)
            .values(ledger_id=None).execution_options(synchronize_session=False))


__all__ = ["SqlRoutes"]
