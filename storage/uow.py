"""One unit of work per update: one session, repositories over it, one commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import SqlInvites, SqlOrgs, SqlOutbox, SqlPeople


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.people = SqlPeople(session)
        self.orgs = SqlOrgs(session)
        self.invites = SqlInvites(session)
        self.outbox = SqlOutbox(session)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
