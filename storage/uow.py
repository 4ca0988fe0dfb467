"""One unit of work per update: one session, repositories over it, one commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import Clock

from storage.activity.repo import SqlActivity
from storage.courses_repo import SqlCourses
from storage.diagnosis_repo import SqlDiagnosis
from storage.events_repo import SqlDeficits, SqlEvents, SqlHoursLedger
from storage.mentoring.repo import SqlMentoring
from storage.repositories import SqlInvites, SqlOrgs, SqlOutbox, SqlPeople
from storage.route_repo import SqlRoutes


class SqlUnitOfWork:
    """``clock`` is the time source of whoever opens the unit of work: the update middleware
    passes the dispatcher's clock, jobs the scheduler's, the CLI the system clock, and tests a
    frozen one. Handlers read the time as ``uow.clock.now()``; services take ``now``."""

    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self.session = session
        self.clock = clock
        self.people = SqlPeople(session)
        self.orgs = SqlOrgs(session)
        self.invites = SqlInvites(session)
        self.outbox = SqlOutbox(session)
        self.events = SqlEvents(session)  # events and courses
        self.hours = SqlHoursLedger(session)
        self.deficits = SqlDeficits(session)
        self.diagnosis = SqlDiagnosis(session)  # self-diagnosis
        self.courses = SqlCourses(session)  # course forms
        self.routes = SqlRoutes(session)  # the ИОМ
        self.mentoring = SqlMentoring(session)  # mentoring pairs and meetings
        self.activity = SqlActivity(session)  # professional activity records

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
