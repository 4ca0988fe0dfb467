"""The feedback repository; rows become domain values before they leave."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.feedback import Comment, Feedback, Figures, Step
from storage.events.models import EventRow
from storage.feedback.models import FeedbackRow
from storage.models import OrgRow, PersonRow
from storage.scopes import in_subtrees


def _feedback(r: FeedbackRow) -> Feedback:
    return Feedback(id=r.id, event_id=r.event_id, person_id=r.person_id, template=r.template,
                    step=Step(r.step), usefulness=r.usefulness, apply=r.apply,
                    comment=r.comment, created_at=r.created_at, done_at=r.done_at)


class SqlFeedback:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, event_id: int, person_id: int, template: str, step: str,
                  now: datetime) -> Feedback | None:
        exists = await self.session.scalar(select(FeedbackRow.id).where(
            FeedbackRow.event_id == event_id, FeedbackRow.person_id == person_id))
        if exists is not None:
            return None
        row = FeedbackRow(event_id=event_id, person_id=person_id, template=template, step=step,
                          created_at=now, updated_at=now)
        try:
            async with self.session.begin_nested():
                self.session.add(row)
                await self.session.flush()
        except IntegrityError:  # another update asked at the same moment
            return None
        return _feedback(row)

    async def get(self, feedback_id: int) -> Feedback | None:
        row = await self.session.get(FeedbackRow, feedback_id)
        return _feedback(row) if row else None

    async def save(self, feedback: Feedback, now: datetime) -> None:
        row = await self.session.get(FeedbackRow, feedback.id)
        assert row is not None
        row.step = feedback.step.value
        row.usefulness = feedback.usefulness
        row.apply = feedback.apply
        row.comment = feedback.comment
        row.done_at = feedback.done_at
        row.updated_at = now
        await self.session.flush()

    def _scope(self, event_ids: Sequence[int] | None, organiser_ids: Sequence[int] | None,
               within: Sequence[int] | None = None) -> list:  # type: ignore[type-arg]
        where = []
        if within is not None:  # events organised anywhere in these subtrees
            where.append(FeedbackRow.event_id.in_(
                select(EventRow.id).join(OrgRow, OrgRow.id == EventRow.organiser_id)
                .where(in_subtrees(within))))
        if event_ids is not None:
            where.append(FeedbackRow.event_id.in_(list(event_ids)))
        if organiser_ids is not None:
            where.append(FeedbackRow.event_id.in_(
                select(EventRow.id).where(EventRow.organiser_id.in_(list(organiser_ids)))))
        return where

    async def figures(self, event_ids: Sequence[int] | None = None,
                      organiser_ids: Sequence[int] | None = None,
                      within: Sequence[int] | None = None) -> Figures:
        row = (await self.session.execute(
            select(func.count(FeedbackRow.id), func.count(FeedbackRow.usefulness),
                   func.avg(FeedbackRow.usefulness))
            .where(*self._scope(event_ids, organiser_ids, within)))).one()
        return Figures(asked=row[0] or 0, answered=row[1] or 0,
                       average=float(row[2]) if row[2] is not None else None)

    async def events_of(self, organiser_ids: Sequence[int]) -> int:
        return await self.session.scalar(
            select(func.count(distinct(FeedbackRow.event_id)))
            .where(FeedbackRow.usefulness.is_not(None),
                   *self._scope(None, organiser_ids))) or 0

    async def comments(self, event_id: int, named: bool, limit: int) -> list[Comment]:
        rows = (await self.session.execute(
            select(FeedbackRow.usefulness, FeedbackRow.apply, FeedbackRow.comment,
                   PersonRow.full_name)
            .join(PersonRow, PersonRow.id == FeedbackRow.person_id)
            .where(FeedbackRow.event_id == event_id,
                   or_(FeedbackRow.apply.is_not(None), FeedbackRow.comment.is_not(None)))
            .order_by(FeedbackRow.updated_at.desc(), FeedbackRow.id.desc())
            .limit(limit))).all()
        return [Comment(name=(r.full_name if named else None), usefulness=r.usefulness,
                        apply=r.apply, comment=r.comment) for r in rows]
