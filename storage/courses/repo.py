"""SQLAlchemy repository of the course forms. Rows become domain objects before they leave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.courses import (
    Answers,
    CourseForm,
    EventAction,
    FormEvent,
    FormKind,
    FormStatus,
    load_answers,
)
from domain.enums import Role
from storage.courses.models import CourseFormEventRow, CourseFormRow
from storage.models import OrgRow, RoleGrantRow
from storage.scopes import in_subtrees


def form_from_row(row: CourseFormRow) -> CourseForm:
    return CourseForm(
        id=row.id,
        kind=FormKind(row.kind),
        person_id=row.person_id,
        school_id=row.school_id,
        status=FormStatus(row.status),
        answers=load_answers(FormKind(row.kind), row.data, row.id),
        assignment_id=row.assignment_id,
        revision=row.revision,
        comment=row.comment,
        hours=row.hours,
        submitted_at=row.submitted_at,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def event_from_row(row: CourseFormEventRow) -> FormEvent:
    return FormEvent(
        id=row.id,
        form_id=row.form_id,
        action=EventAction(row.action),
        actor_id=row.actor_id,
        revision=row.revision,
        at=row.at,
        comment=row.comment,
        snapshot=dict(row.snapshot or {}),
    )


class SqlCourses:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def _fresh(self, form_id: int) -> CourseFormRow | None:
        # conditional updates bypass the identity map: read the row as stored
        return await self.s.get(CourseFormRow, form_id, populate_existing=True)

    async def add(self, kind: FormKind, person_id: int, school_id: int | None,
                  answers: Answers, now: datetime) -> CourseForm:
        row = CourseFormRow(
            kind=kind.value, person_id=person_id, school_id=school_id,
            status=FormStatus.DRAFT.value, data=answers.stored(), revision=0, created_at=now,
            updated_at=now,
        )
        self.s.add(row)
        await self.s.flush()
        return form_from_row(row)

    async def get(self, form_id: int) -> CourseForm | None:
        row = await self._fresh(form_id)
        return form_from_row(row) if row else None

    async def find_draft(self, person_id: int, kind: FormKind) -> CourseForm | None:
        row = await self.s.scalar(
            select(CourseFormRow)
            .where(CourseFormRow.person_id == person_id, CourseFormRow.kind == kind.value,
                   CourseFormRow.status == FormStatus.DRAFT.value)
            .order_by(CourseFormRow.id.desc())
            .limit(1)
        )
        return form_from_row(row) if row else None

    async def save(self, form_id: int, answers: Answers, assignment_id: int | None,
                   now: datetime) -> CourseForm:
        await self.s.execute(
            update(CourseFormRow)
            .where(CourseFormRow.id == form_id)
            .values(data=answers.stored(), assignment_id=assignment_id, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        row = await self._fresh(form_id)
        assert row is not None
        return form_from_row(row)

    async def delete(self, form_id: int) -> None:
        await self.s.execute(
            delete(CourseFormRow).where(CourseFormRow.id == form_id)
            .execution_options(synchronize_session=False)
        )

    async def mark_submitted(self, form_id: int, from_status: FormStatus, revision: int,
                             school_id: int, answers: Answers, hours: int | None,
                             now: datetime) -> bool:
        result = await self.s.execute(
            update(CourseFormRow)
            .where(CourseFormRow.id == form_id, CourseFormRow.status == from_status.value,
                   CourseFormRow.revision == revision)
            .values(status=FormStatus.SUBMITTED.value, revision=revision + 1,
                    school_id=school_id, data=answers.stored(), hours=hours, submitted_at=now,
                    updated_at=now, decided_at=None, decided_by=None)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def mark_decided(self, form_id: int, revision: int, status: FormStatus, by: int,
                           comment: str | None, now: datetime) -> bool:
        result = await self.s.execute(
            update(CourseFormRow)
            .where(CourseFormRow.id == form_id,
                   CourseFormRow.status == FormStatus.SUBMITTED.value,
                   CourseFormRow.revision == revision)
            .values(status=status.value, decided_at=now, decided_by=by, comment=comment,
                    updated_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def add_event(self, form_id: int, action: EventAction, actor_id: int | None,
                        revision: int, comment: str | None, snapshot: dict[str, Any],
                        now: datetime) -> None:
        self.s.add(CourseFormEventRow(
            form_id=form_id, action=action.value, actor_id=actor_id, revision=revision,
            comment=comment, snapshot=dict(snapshot), at=now,
        ))
        await self.s.flush()

    async def events(self, form_id: int) -> list[FormEvent]:
        rows = (await self.s.scalars(
            select(CourseFormEventRow).where(CourseFormEventRow.form_id == form_id)
            .order_by(CourseFormEventRow.at, CourseFormEventRow.id)
        )).all()
        return [event_from_row(r) for r in rows]

    async def list_by_person(self, person_id: int, kind: FormKind) -> list[CourseForm]:
        rows = (await self.s.scalars(
            select(CourseFormRow)
            .where(CourseFormRow.person_id == person_id, CourseFormRow.kind == kind.value)
            .order_by(CourseFormRow.id.desc())
        )).all()
        return [form_from_row(r) for r in rows]

    async def page_by_person(self, person_id: int, offset: int,
                             limit: int) -> tuple[list[CourseForm], int]:
        where = CourseFormRow.person_id == person_id
        total = await self.s.scalar(
            select(func.count()).select_from(CourseFormRow).where(where)
        ) or 0
        rows = (await self.s.scalars(
            select(CourseFormRow).where(where)
            .order_by(CourseFormRow.updated_at.desc(), CourseFormRow.id.desc())
            .offset(offset).limit(limit)
        )).all()
        return [form_from_row(r) for r in rows], total

    async def assignments_with_accepted_reports(self, person_id: int) -> set[int]:
        ids = (await self.s.scalars(
            select(CourseFormRow.assignment_id).where(
                CourseFormRow.person_id == person_id,
                CourseFormRow.kind == FormKind.REPORT.value,
                CourseFormRow.status == FormStatus.ACCEPTED.value,
                CourseFormRow.assignment_id.is_not(None),
            )
        )).all()
        return {i for i in ids if i is not None}

    async def queue(self, within: Sequence[int] | None, offset: int,
                    limit: int) -> tuple[list[CourseForm], int]:
        cond = [CourseFormRow.status == FormStatus.SUBMITTED.value]
        base = select(CourseFormRow).join(OrgRow, OrgRow.id == CourseFormRow.school_id)
        if within is not None:
            ids = list(within)
            if not ids:
                return [], 0
            cond.append(in_subtrees(ids))
        where = and_(*cond)
        total = await self.s.scalar(
            select(func.count()).select_from(CourseFormRow)
            .join(OrgRow, OrgRow.id == CourseFormRow.school_id).where(where)
        ) or 0
        rows = (await self.s.scalars(
            base.where(where).order_by(CourseFormRow.submitted_at, CourseFormRow.id)
            .offset(offset).limit(limit)
        )).all()
        return [form_from_row(r) for r in rows], total

    async def school_coordinators(self, school_id: int) -> list[int]:
        ids = (await self.s.scalars(
            select(RoleGrantRow.person_id).where(
                RoleGrantRow.org_id == school_id,
                RoleGrantRow.role == Role.SCHOOL_COORDINATOR.value,
            ).order_by(RoleGrantRow.person_id)
        )).all()
        return list(dict.fromkeys(ids))

    async def accepted_hours(self, person_id: int) -> int:
        total = await self.s.scalar(
            select(func.coalesce(func.sum(CourseFormRow.hours), 0)).where(
                CourseFormRow.person_id == person_id,
                CourseFormRow.kind == FormKind.REPORT.value,
                CourseFormRow.status == FormStatus.ACCEPTED.value,
            )
        )
        return int(total or 0)

    async def accepted_reports(self, person_id: int) -> list[CourseForm]:
        rows = (await self.s.scalars(
            select(CourseFormRow).where(
                CourseFormRow.person_id == person_id,
                CourseFormRow.kind == FormKind.REPORT.value,
                CourseFormRow.status == FormStatus.ACCEPTED.value,
            ).order_by(CourseFormRow.decided_at, CourseFormRow.id)
        )).all()
        return [form_from_row(r) for r in rows]


__all__ = ["SqlCourses"]
