"""The certificates repository; rows become domain values before they leave."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.certificates import Certificate, CertificateDraft
from storage.certificates.models import CertificateRow


def _certificate(r: CertificateRow) -> Certificate:
    return Certificate(
        id=r.id, number=r.number, event_id=r.event_id, person_id=r.person_id,
        full_name=r.full_name, event_title=r.event_title, event_form=r.event_form,
        organiser=r.organiser, starts_on=r.starts_on, ends_on=r.ends_on,
        hours_in_person=r.hours_in_person, hours_remote=r.hours_remote,
        hours_self_study=r.hours_self_study, issued_at=r.issued_at,
        abonement_id=r.abonement_id)


class SqlCertificates:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, draft: CertificateDraft, number: str, now: datetime
                  ) -> Certificate | None:
        row = CertificateRow(
            number=number, event_id=draft.event_id, person_id=draft.person_id,
            full_name=draft.full_name[:200], event_title=draft.event_title[:200],
            event_form=draft.event_form, organiser=draft.organiser[:300],
            starts_on=draft.starts_on, ends_on=draft.ends_on,
            hours_in_person=draft.hours_in_person, hours_remote=draft.hours_remote,
            hours_self_study=draft.hours_self_study, issued_at=now,
            abonement_id=draft.abonement_id)
        try:
            async with self.session.begin_nested():
                self.session.add(row)
                await self.session.flush()
        except IntegrityError:
            return None
        return _certificate(row)

    async def get(self, certificate_id: int) -> Certificate | None:
        row = await self.session.get(CertificateRow, certificate_id)
        return _certificate(row) if row else None

    async def of(self, event_id: int, person_id: int) -> Certificate | None:
        row = await self.session.scalar(select(CertificateRow).where(
            CertificateRow.event_id == event_id, CertificateRow.person_id == person_id))
        return _certificate(row) if row else None

    async def of_abonement(self, abonement_id: int, person_id: int) -> Certificate | None:
        row = await self.session.scalar(select(CertificateRow).where(
            CertificateRow.abonement_id == abonement_id, CertificateRow.person_id == person_id))
        return _certificate(row) if row else None

    async def by_number(self, number: str) -> Certificate | None:
        row = await self.session.scalar(select(CertificateRow).where(
            CertificateRow.number == number))
        return _certificate(row) if row else None

    async def number_taken(self, number: str) -> bool:
        return await self.session.scalar(select(CertificateRow.id).where(
            CertificateRow.number == number)) is not None
