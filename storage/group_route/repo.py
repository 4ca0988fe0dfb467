"""The group ИОМ's repository (domain/group_route/ports.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.group_route.model import GroupRoute, GroupStatus, Mark, Member
from domain.route import Activity, ActivityStatus, Column
from storage.diagnosis.latest import DiagLatestRow
from storage.diagnosis.models import DiagDeficitRow
from storage.events.models import HoursLedgerRow
from storage.group_route.models import GroupActivityRow, GroupMarkRow, GroupMemberRow, GroupRouteRow
from storage.models import PersonRow


def _route(r: GroupRouteRow) -> GroupRoute:
    return GroupRoute(r.id, r.school_id, r.author_id, r.title, r.group_code, r.indicator,
                      r.deficit, r.period_start, r.period_end, GroupStatus(r.status),
                      r.conclusion, r.closed_at, r.created_at)


def _activity(r: GroupActivityRow) -> Activity:
    return Activity(id=r.id, route_id=r.group_id, row_id=r.group_id, person_id=r.added_by or 0,
                    column=Column(r.plan_column), title=r.title, due=r.due, hours=r.hours,
                    added_by=r.added_by, created_at=r.created_at)


class SqlGroupRoutes:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def school_deficits(self, school_id: int) -> list[tuple[int, str, str, str]]:
        rows = await self.s.execute(
            select(PersonRow.id, DiagDeficitRow.group_code, DiagDeficitRow.indicator_code,
                   DiagDeficitRow.title)
            .join(DiagLatestRow, DiagLatestRow.person_id == PersonRow.id)
            .join(DiagDeficitRow, DiagDeficitRow.attempt_id == DiagLatestRow.attempt_id)
            .where(PersonRow.school_id == school_id,
                   PersonRow.profile_completed_at.is_not(None))
            .order_by(DiagDeficitRow.rank))
        return [(pid, g, i, t) for pid, g, i, t in rows]

    async def add(self, route: GroupRoute) -> GroupRoute:
        row = GroupRouteRow(school_id=route.school_id, author_id=route.author_id,
                            title=route.title, group_code=route.group, indicator=route.indicator,
                            deficit=route.deficit, period_start=route.period_start,
                            period_end=route.period_end, status=route.status.value,
                            created_at=route.created_at)
        self.s.add(row)
        await self.s.flush()
        return _route(row)

    async def get(self, group_id: int) -> GroupRoute | None:
        row = await self.s.get(GroupRouteRow, group_id)
        return _route(row) if row else None

    async def save(self, route: GroupRoute) -> None:
        row = await self.s.get(GroupRouteRow, route.id)
        assert row is not None
        row.status, row.conclusion, row.closed_at = (route.status.value, route.conclusion,
                                                     route.closed_at)
        await self.s.flush()

    async def of_school(self, school_id: int) -> list[GroupRoute]:
        rows = await self.s.scalars(select(GroupRouteRow).where(
            GroupRouteRow.school_id == school_id).order_by(GroupRouteRow.id.desc()))
        return [_route(r) for r in rows]

    async def of_member(self, person_id: int) -> list[GroupRoute]:
        rows = await self.s.scalars(
            select(GroupRouteRow).join(GroupMemberRow, GroupMemberRow.group_id == GroupRouteRow.id)
            .where(GroupMemberRow.person_id == person_id, GroupMemberRow.left_at.is_(None))
            .order_by(GroupRouteRow.id.desc()))
        return [_route(r) for r in rows]

    async def members(self, group_id: int) -> list[Member]:
        rows = await self.s.execute(
            select(GroupMemberRow.person_id, PersonRow.full_name)
            .join(PersonRow, PersonRow.id == GroupMemberRow.person_id)
            .where(GroupMemberRow.group_id == group_id, GroupMemberRow.left_at.is_(None))
            .order_by(PersonRow.full_name, PersonRow.id))
        return [Member(group_id, pid, name or "—") for pid, name in rows]

    async def set_member(self, group_id: int, person_id: int, present: bool,
                         by: int | None, now: datetime) -> bool:
        row = await self.s.get(GroupMemberRow, (group_id, person_id))
        if present:
            if row is None:
                self.s.add(GroupMemberRow(group_id=group_id, person_id=person_id, added_by=by,
                                          added_at=now))
            elif row.left_at is not None:
                row.left_at, row.added_by, row.added_at = None, by, now
            else:
                return False
        else:
            if row is None or row.left_at is not None:
                return False
            row.left_at = now
        await self.s.flush()
        return True

    async def activities(self, group_id: int) -> list[Activity]:
        rows = await self.s.scalars(select(GroupActivityRow).where(
            GroupActivityRow.group_id == group_id).order_by(GroupActivityRow.id))
        return [_activity(r) for r in rows]

    async def add_activity(self, activity: Activity) -> Activity:
        row = GroupActivityRow(group_id=activity.route_id, plan_column=activity.column.value,
                               title=activity.title, due=activity.due, hours=activity.hours,
                               added_by=activity.added_by, created_at=activity.created_at)
        self.s.add(row)
        await self.s.flush()
        return _activity(row)

    async def marks(self, group_id: int) -> list[Mark]:
        rows = await self.s.scalars(select(GroupMarkRow).where(GroupMarkRow.group_id == group_id))
        return [Mark(r.activity_id, r.person_id, ActivityStatus(r.status), r.evidence_text,
                     r.evidence_url, r.done_at, r.evidence_file_id, r.evidence_file_name)
                for r in rows]

    async def save_mark(self, group_id: int, mark: Mark, hours: float | None,
                        now: datetime) -> None:
        row = await self.s.get(GroupMarkRow, (mark.activity_id, mark.person_id))
        if row is None:
            row = GroupMarkRow(activity_id=mark.activity_id, person_id=mark.person_id,
                               group_id=group_id, status=mark.status.value)
            self.s.add(row)
        row.status, row.done_at, row.updated_at = mark.status.value, mark.done_at, now
        row.evidence_text, row.evidence_url = mark.evidence_text, mark.evidence_url
        row.evidence_file_id, row.evidence_file_name = (mark.evidence_file_id,
                                                        mark.evidence_file_name)
        if mark.done and hours and row.ledger_id is None:
            entry = HoursLedgerRow(person_id=mark.person_id, event_id=None, kind="in_person",
                                   hours=hours, occurred_at=mark.done_at or now, created_at=now)
            self.s.add(entry)
            await self.s.flush()
            row.ledger_id = entry.id
        elif not mark.done and row.ledger_id is not None:
            await self.s.execute(delete(HoursLedgerRow).where(HoursLedgerRow.id == row.ledger_id))
            row.ledger_id = None
        await self.s.flush()

    async def overdue(self, today: date) -> list[tuple[GroupRoute, Activity, int]]:
        rows = await self.s.execute(
            select(GroupRouteRow, GroupActivityRow, GroupMemberRow.person_id)
            .join(GroupActivityRow, GroupActivityRow.group_id == GroupRouteRow.id)
            .join(GroupMemberRow, GroupMemberRow.group_id == GroupRouteRow.id)
            .where(GroupRouteRow.status == GroupStatus.OPEN.value,
                   GroupMemberRow.left_at.is_(None), GroupActivityRow.due < today,
                   ~member_did(GroupActivityRow.id, GroupMemberRow.person_id))
            .order_by(GroupActivityRow.due, GroupActivityRow.id, GroupMemberRow.person_id))
        return [(_route(r), _activity(a), pid) for r, a, pid in rows]


def member_did(activity_id: object, person_id: object) -> object:
    """SQL: the member has done the activity (their mark says so)."""
    return select(GroupMarkRow.activity_id).where(
        GroupMarkRow.activity_id == activity_id, GroupMarkRow.person_id == person_id,
        GroupMarkRow.status == ActivityStatus.DONE.value).exists()


def overdue_of(person_id: object, today: date) -> object:
    """SQL for the audience filters: the person has an overdue activity in an open group
    route they are a member of (as ``routes``' own overdue activities count)."""
    return (select(GroupMemberRow.person_id)
            .join(GroupRouteRow, GroupRouteRow.id == GroupMemberRow.group_id)
            .join(GroupActivityRow, GroupActivityRow.group_id == GroupRouteRow.id)
            .where(GroupMemberRow.person_id == person_id, GroupMemberRow.left_at.is_(None),
                   GroupRouteRow.status == GroupStatus.OPEN.value,
                   GroupActivityRow.due < today,
                   ~member_did(GroupActivityRow.id, GroupMemberRow.person_id))
            .exists())


__all__ = ["SqlGroupRoutes", "member_did", "overdue_of"]
