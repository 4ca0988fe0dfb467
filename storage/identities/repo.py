"""Linked accounts and link codes over SQLAlchemy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.enums import Channel
from storage.identities.models import IdentityLinkCodeRow, PersonIdentityRow
from storage.models import PersonRow


class SqlIdentities:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def add_code(self, code: str, person_id: int, expires_at: datetime) -> None:
        # one open code per person: a new one replaces the old
        await self.s.execute(delete(IdentityLinkCodeRow)
                             .where(IdentityLinkCodeRow.person_id == person_id))
        self.s.add(IdentityLinkCodeRow(code=code, person_id=person_id, expires_at=expires_at))
        await self.s.flush()

    async def take_code(self, code: str) -> tuple[int, datetime] | None:
        """The code's (person id, expiry), deleted: a code works once."""
        row = await self.s.get(IdentityLinkCodeRow, code)
        if row is None:
            return None
        found = (row.person_id, row.expires_at)
        await self.s.delete(row)
        await self.s.flush()
        return found

    async def person_of(self, channel: Channel, external_id: str) -> int | None:
        return await self.s.scalar(select(PersonIdentityRow.person_id).where(
            PersonIdentityRow.channel == channel.value,
            PersonIdentityRow.external_id == external_id))

    async def own_row(self, channel: Channel, external_id: str) -> tuple[int, bool] | None:
        """A people row of this account itself: (id, has consented)."""
        row = (await self.s.execute(select(PersonRow.id, PersonRow.consented_at).where(
            PersonRow.channel == channel.value, PersonRow.external_id == external_id))).first()
        return (row[0], row[1] is not None) if row else None

    async def drop_person(self, person_id: int) -> None:
        """A bare first-contact row (no consent, nothing stored) given up for the link."""
        await self.s.execute(delete(PersonRow).where(PersonRow.id == person_id,
                                                     PersonRow.consented_at.is_(None)))

    async def link(self, person_id: int, channel: Channel, external_id: str,
                   now: datetime) -> None:
        self.s.add(PersonIdentityRow(person_id=person_id, channel=channel.value,
                                     external_id=external_id, linked_at=now))
        await self.s.flush()

    async def of_person(self, person_id: int) -> list[tuple[str, str]]:
        rows = await self.s.execute(select(PersonIdentityRow.channel,
                                           PersonIdentityRow.external_id)
                                    .where(PersonIdentityRow.person_id == person_id))
        return [(c, e) for c, e in rows]
