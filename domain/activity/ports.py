"""The repository professional activity needs (storage/activity/repo.py implements it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.activity.model import BankItem, Draft, Outcome, Record, RecordStatus
from domain.enums import Role


class ActivityRepository(Protocol):
    async def add(self, person_id: int, school_id: int | None, draft: Draft,
                  now: datetime) -> Record: ...
    async def add_from_event(self, person_id: int, school_id: int | None, draft: Draft,
                             event_id: int, now: datetime) -> Record:
        """A competition record verified by an attendance mark, linked to the event."""
    async def of_event(self, person_id: int, event_id: int) -> Record | None: ...
    async def set_result(self, record_id: int, outcome: Outcome, file_id: str | None,
                         file_name: str | None) -> bool:
        """An event's record with the teacher's result, back to verification; only a
        verified or returned record linked to an event; False otherwise."""
    async def get(self, record_id: int) -> Record | None: ...
    async def of_person(self, person_id: int, limit: int) -> list[Record]: ...
    async def decide(self, record_id: int, status: RecordStatus, by: int,
                     comment: str | None, now: datetime) -> bool:
        """Only a submitted record is decided; False otherwise."""
    async def resubmit(self, record_id: int) -> bool: ...
    async def delete(self, record_id: int) -> None: ...
    async def queue(self, school_ids: Sequence[int] | None, offset: int, limit: int
                    ) -> tuple[list[Record], int]: ...
    async def bank(self, group: str, subject: str | None, offset: int, limit: int
                   ) -> tuple[list[BankItem], int]: ...
    async def coordinators(self, role: Role, org_id: int) -> list[int]: ...
    async def scope_counts(self, org_id: int, since: date) -> tuple[int, int, int, int, int]:
        """``school_counts`` summed over the schools in the org's subtree."""
    async def school_counts(self, school_ids: Sequence[int], since: date
                            ) -> dict[int, tuple[int, int, int, int, int]]:
        """school → (teachers, in competitions, experts, methodists, practices): verified
        records since ``since``."""
