"""The repository certificates need (storage/certificates/repo.py implements it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.certificates.model import Certificate, CertificateDraft


class CertificateRepository(Protocol):
    async def add(self, draft: CertificateDraft, number: str, now: datetime
                  ) -> Certificate | None:
        """None when this person already has a certificate for this event."""
    async def get(self, certificate_id: int) -> Certificate | None: ...
    async def of(self, event_id: int, person_id: int) -> Certificate | None: ...
    async def of_abonement(self, abonement_id: int, person_id: int
                           ) -> Certificate | None: ...
    async def by_number(self, number: str) -> Certificate | None: ...
    async def number_taken(self, number: str) -> bool: ...
