"""One unit of work per update: one session, repositories over it, one commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.courses_repo import SqlCourses
from storage.diagnosis_repo import SqlDiagnosis
from storage.events_repo import SqlDeficits, SqlEvents, SqlHoursLedger
from storage.repositories import SqlInvites, SqlOrgs, SqlOutbox, SqlPeople
from storage.route_repo import SqlRoutes


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
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

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
