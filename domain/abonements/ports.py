"""What the abonements need from storage (storage/abonements/repo.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.abonements.model import (
    Abonement,
    HistoryEntry,
    PlanItem,
    Request,
    Row,
    Status,
    Transfer,
    Change,
)
from domain.events import Hours
from domain.campaigns import CampaignUnitOfWork


class AbonementRepository(Protocol):
    async def add(self, school_id: int, municipality_id: int | None, three_party: bool,
                  request: Request, created_by: int, now: datetime) -> Abonement: ...
    async def get(self, abonement_id: int) -> Abonement | None: ...
    async def save(self, abonement: Abonement, now: datetime) -> None: ...
    async def open_for_school(self, school_id: int) -> Abonement | None: ...
    async def listing(self, *, school_ids: Sequence[int] | None,
                      municipality_ids: Sequence[int] | None, curator_id: int | None,
                      status: Status | None, municipality_id: int | None, offset: int,
                      limit: int) -> tuple[list[Row], int]:
        """Abonements newest first; ``None`` filters nothing. The scope filters (school_ids,
        municipality_ids, curator_id) are OR-ed: a person may hold several roles."""
    async def add_history(self, entry: HistoryEntry) -> None: ...
    async def history(self, abonement_id: int) -> list[HistoryEntry]: ...
    async def curators(self, region_id: int) -> list[tuple[int, str]]:
        """(person id, full name) of the regional coordinators of the region."""
    async def admins(self) -> list[int]:
        """The centre's bank: people holding the admin role and the admins the settings name
        (ADMIN_IDS), each once."""
    async def add_change(self, change: Change) -> Change:
        """Store a proposal (its ``id`` is given by storage)."""
    async def change(self, change_id: int) -> Change | None: ...
    async def changes(self, abonement_id: int) -> list[Change]: ...
    async def decide_change(self, change_id: int, status: str, by: int, now: datetime
                            ) -> Change: ...
    async def diagnoses(self, school_id: int, until: datetime
                        ) -> list[tuple[int, datetime, int, frozenset[str]]]:
        """Completed diagnoses of the school's staff up to ``until``: (person id, completed
        at, attempt id, the competence groups with a deficit)."""
    async def in_municipalities(self, municipality_ids: Sequence[int] | None
                                ) -> list[Abonement]:
        """Every abonement of the schools of these municipalities (None: all)."""
    async def campaigns(self, abonement_id: int) -> dict[str, int]:
        """The staff's diagnosis campaigns linked to the abonement: stage → campaign id."""
    async def link_campaign(self, abonement_id: int, stage: str, campaign_id: int,
                            now: datetime) -> None: ...
    async def items(self, abonement_id: int) -> list[PlanItem]: ...
    async def item(self, item_id: int) -> PlanItem | None: ...
    async def add_item(self, abonement_id: int, event_id: int, hours: Hours, planned_on: date,
                       added_by: int, now: datetime) -> PlanItem: ...
    async def remove_item(self, item_id: int) -> None: ...
    async def add_transfer(self, item_id: int, old_on: date, new_on: date, by: int,
                           now: datetime) -> Transfer: ...
    async def transfers(self, abonement_id: int) -> list[Transfer]: ...
    async def school_events(self, school_id: int, start: datetime, end: datetime,
                            exclude: Sequence[int], limit: int) -> list[int]:
        """Published events organised by the school or addressed to it, starting within
        [start, end), soonest first."""


class AbonementUnitOfWork(CampaignUnitOfWork, Protocol):
    """The abonements' repository, and the campaigns' (the staff's diagnosis runs on them)."""

    @property
    def abonements(self) -> AbonementRepository: ...


__all__ = ["AbonementRepository", "AbonementUnitOfWork"]
