"""The professional activity repository; rows become domain values before they leave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.activity import (
    BankItem,
    Draft,
    ExpertRole,
    Kind,
    Level,
    Outcome,
    PracticeKind,
    Record,
    RecordStatus,
)
from domain.enums import Role, Status
from storage.activity.models import ActivityRecordRow
from storage.models import PersonRow, RoleGrantRow
from storage.scopes import schools_within

_METHODIST = f'%"{Status.METHODIST.value}"%'


def _record(r: ActivityRecordRow) -> Record:
    draft = Draft(
        Kind(r.kind), r.title, r.held_on, Level(r.level) if r.level else None,
        Outcome(r.outcome) if r.outcome else None,
        ExpertRole(r.expert_role) if r.expert_role else None,
        PracticeKind(r.practice) if r.practice else None, r.competence_group, r.abstract,
        r.link, r.file_id, r.file_name)
    return Record(r.id, r.person_id, r.school_id, draft, RecordStatus(r.status), r.comment,
                  r.decided_by, r.decided_at, r.created_at, r.event_id)


class SqlActivity:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def add(self, person_id: int, school_id: int | None, draft: Draft,
                  now: datetime) -> Record:
        row = ActivityRecordRow(
            person_id=person_id, school_id=school_id, kind=draft.kind.value, title=draft.title,
            held_on=draft.held_on, level=draft.level.value if draft.level else None,
            outcome=draft.outcome.value if draft.outcome else None,
            expert_role=draft.expert_role.value if draft.expert_role else None,
            practice=draft.practice.value if draft.practice else None,
            competence_group=draft.group, abstract=draft.abstract, link=draft.link,
            file_id=draft.file_id, file_name=draft.file_name,
            status=RecordStatus.SUBMITTED.value, created_at=now)
        self.s.add(row)
        await self.s.flush()
        return _record(row)

    async def add_from_event(self, person_id: int, school_id: int | None, draft: Draft,
                             event_id: int, now: datetime) -> Record:
        row = ActivityRecordRow(
            person_id=person_id, school_id=school_id, kind=draft.kind.value, title=draft.title,
            held_on=draft.held_on, level=draft.level.value if draft.level else None,
            outcome=draft.outcome.value if draft.outcome else None,
            status=RecordStatus.ACCEPTED.value, decided_at=now, created_at=now,
            event_id=event_id)
        self.s.add(row)
        await self.s.flush()
        return _record(row)

    async def of_event(self, person_id: int, event_id: int) -> Record | None:
        row = await self.s.scalar(
            select(ActivityRecordRow).where(ActivityRecordRow.person_id == person_id,
                                            ActivityRecordRow.event_id == event_id))
        return _record(row) if row else None

    async def set_result(self, record_id: int, outcome: Outcome, file_id: str | None,
                         file_name: str | None) -> bool:
        result = await self.s.execute(
            update(ActivityRecordRow)
            .where(ActivityRecordRow.id == record_id,
                   ActivityRecordRow.event_id.is_not(None),
                   ActivityRecordRow.status.in_([RecordStatus.ACCEPTED.value,
                                                 RecordStatus.RETURNED.value]))
            .values(outcome=outcome.value, file_id=file_id, file_name=file_name,
                    status=RecordStatus.SUBMITTED.value, decided_by=None, decided_at=None,
                    comment=None)
            .execution_options(synchronize_session=False))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def get(self, record_id: int) -> Record | None:
        row = await self.s.get(ActivityRecordRow, record_id, populate_existing=True)
        return _record(row) if row else None

    async def of_person(self, person_id: int, limit: int) -> list[Record]:
        rows = await self.s.scalars(
            select(ActivityRecordRow).where(ActivityRecordRow.person_id == person_id)
            .order_by(ActivityRecordRow.held_on.desc(), ActivityRecordRow.id.desc())
            .limit(limit))
        return [_record(r) for r in rows]

    async def decide(self, record_id: int, status: RecordStatus, by: int, comment: str | None,
                     now: datetime) -> bool:
        result = await self.s.execute(
            update(ActivityRecordRow)
            .where(ActivityRecordRow.id == record_id,
                   ActivityRecordRow.status == RecordStatus.SUBMITTED.value)
            .values(status=status.value, decided_by=by, decided_at=now, comment=comment)
            .execution_options(synchronize_session=False))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def resubmit(self, record_id: int) -> bool:
        result = await self.s.execute(
            update(ActivityRecordRow)
            .where(ActivityRecordRow.id == record_id,
                   ActivityRecordRow.status == RecordStatus.RETURNED.value)
            .values(status=RecordStatus.SUBMITTED.value)
            .execution_options(synchronize_session=False))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def delete(self, record_id: int) -> None:
        await self.s.execute(delete(ActivityRecordRow).where(ActivityRecordRow.id == record_id)
                             .execution_options(synchronize_session=False))

    async def queue(self, school_ids: Sequence[int] | None, offset: int, limit: int
                    ) -> tuple[list[Record], int]:
        cond = [ActivityRecordRow.status == RecordStatus.SUBMITTED.value]
        if school_ids is not None:
            cond.append(ActivityRecordRow.school_id.in_(list(school_ids)))
        total = await self.s.scalar(
            select(func.count()).select_from(ActivityRecordRow).where(*cond)) or 0
        rows = await self.s.scalars(
            select(ActivityRecordRow).where(*cond)
            .order_by(ActivityRecordRow.created_at, ActivityRecordRow.id)
            .offset(offset).limit(limit))
        return [_record(r) for r in rows], total

    async def bank(self, group: str, subject: str | None, offset: int, limit: int
                   ) -> tuple[list[BankItem], int]:
        cond = [ActivityRecordRow.kind == Kind.PRACTICE.value,
                ActivityRecordRow.status == RecordStatus.ACCEPTED.value,
                ActivityRecordRow.competence_group == group]
        if subject:
            cond.append(cast(PersonRow.subjects, String).like(f'%"{subject}"%'))
        base = select(ActivityRecordRow, PersonRow).join(
            PersonRow, PersonRow.id == ActivityRecordRow.person_id).where(*cond)
        total = await self.s.scalar(select(func.count()).select_from(base.subquery())) or 0
        rows = await self.s.execute(
            base.order_by(ActivityRecordRow.held_on.desc(), ActivityRecordRow.id.desc())
            .offset(offset).limit(limit))
        return [BankItem(_record(r), p.full_name or "—", p.school_id, tuple(p.subjects or ()))
                for r, p in rows], total

    async def coordinators(self, role: Role, org_id: int) -> list[int]:
        rows = await self.s.scalars(
            select(RoleGrantRow.person_id).where(RoleGrantRow.role == role.value,
                                                 RoleGrantRow.org_id == org_id)
            .order_by(RoleGrantRow.person_id))
        return list(dict.fromkeys(rows))

    async def scope_counts(self, org_id: int, since: date) -> tuple[int, int, int, int, int]:
        """The sums of ``school_counts`` over the schools in the org's subtree, in one
        statement (a scalar subquery each; the schools stay in SQL, not in a list of ids)."""
        schools = schools_within(org_id)
        onboarded = [PersonRow.profile_completed_at.is_not(None),
                     PersonRow.school_id.in_(schools)]
        accepted = [ActivityRecordRow.status == RecordStatus.ACCEPTED.value,
                    ActivityRecordRow.held_on >= since]

        def people_with(kind: Kind) -> Any:
            return (select(func.count(func.distinct(PersonRow.id)))
                    .join(ActivityRecordRow, ActivityRecordRow.person_id == PersonRow.id)
                    .where(*onboarded, ActivityRecordRow.kind == kind.value, *accepted)
                    .scalar_subquery())

        row = (await self.s.execute(select(
            select(func.count()).select_from(PersonRow).where(*onboarded).scalar_subquery(),
            people_with(Kind.COMPETITION), people_with(Kind.EXPERT),
            select(func.count()).select_from(PersonRow)
            .where(*onboarded, cast(PersonRow.statuses, String).like(_METHODIST))
            .scalar_subquery(),
            select(func.count()).select_from(ActivityRecordRow)
            .where(ActivityRecordRow.school_id.in_(schools),
                   ActivityRecordRow.kind == Kind.PRACTICE.value, *accepted).scalar_subquery(),
        ))).one()
        teachers, competitions, experts, methodists, practices = (int(v or 0) for v in row)
        return teachers, competitions, experts, methodists, practices

    async def school_counts(self, school_ids: Sequence[int], since: date
                            ) -> dict[int, tuple[int, int, int, int, int]]:
        if not school_ids:
            return {}
        ids = list(school_ids)
        onboarded = [PersonRow.profile_completed_at.is_not(None), PersonRow.school_id.in_(ids)]
        teachers = dict((await self.s.execute(
            select(PersonRow.school_id, func.count()).where(*onboarded)
            .group_by(PersonRow.school_id))).all())
        methodists = dict((await self.s.execute(
            select(PersonRow.school_id, func.count())
            .where(*onboarded, cast(PersonRow.statuses, String).like(_METHODIST))
            .group_by(PersonRow.school_id))).all())

        async def people_with(kind: Kind) -> dict[int, int]:
            return dict((await self.s.execute(
                select(PersonRow.school_id, func.count(func.distinct(PersonRow.id)))
                .join(ActivityRecordRow, ActivityRecordRow.person_id == PersonRow.id)
                .where(*onboarded, ActivityRecordRow.kind == kind.value,
                       ActivityRecordRow.status == RecordStatus.ACCEPTED.value,
                       ActivityRecordRow.held_on >= since)
                .group_by(PersonRow.school_id))).all())

        competitions = await people_with(Kind.COMPETITION)
        experts = await people_with(Kind.EXPERT)
        practices = dict((await self.s.execute(
            select(ActivityRecordRow.school_id, func.count())
            .where(ActivityRecordRow.school_id.in_(ids),
                   ActivityRecordRow.kind == Kind.PRACTICE.value,
                   ActivityRecordRow.status == RecordStatus.ACCEPTED.value,
                   ActivityRecordRow.held_on >= since)
            .group_by(ActivityRecordRow.school_id))).all())
        return {s: (int(teachers.get(s, 0)), int(competitions.get(s, 0)),
                    int(experts.get(s, 0)), int(methodists.get(s, 0)),
                    int(practices.get(s, 0)))
                for s in set(teachers) | set(practices) if s is not None}
