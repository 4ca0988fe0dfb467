"""The repository mentoring needs (storage/mentoring/repo.py implements it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.enums import Role
from domain.mentoring.model import (
    Goal,
    Meeting,
    Member,
    MentorCandidate,
    Pair,
    Proposal,
    ProposalStatus,
    QuietPair,
    SchoolCounts,
)


class MentoringRepository(Protocol):
    async def member(self, person_id: int) -> Member | None: ...
    async def add_pair(self, mentee_id: int, mentor_id: int, school_id: int | None,
                       started_on: date, goals: Sequence[Goal], created_by: int | None,
                       now: datetime) -> Pair: ...
    async def get_pair(self, pair_id: int) -> Pair | None: ...
    async def lock_mentee(self, mentee_id: int) -> None:
        """Serialises pairing of one mentee (two coordinators at once)."""
    async def active_pair_of(self, mentee_id: int) -> Pair | None: ...
    async def pairs_of(self, person_id: int) -> list[Pair]:
        """Every pair the person is a side of, active first, newest first."""
    async def pairs_in(self, school_ids: Sequence[int] | None, offset: int, limit: int
                       ) -> tuple[list[Pair], int]: ...
    async def end_pair(self, pair_id: int, ended_on: date, conclusion: str) -> bool:
        """Only an active pair ends; False otherwise."""
    async def add_meeting(self, pair_id: int, held_on: date, topic: str, hours: float,
                          file_id: str | None, file_name: str | None, now: datetime
                          ) -> Meeting: ...
    async def get_meeting(self, meeting_id: int) -> Meeting | None: ...
    async def meetings(self, pair_id: int) -> list[Meeting]: ...
    async def credit_meeting(self, meeting: Meeting, person_ids: Sequence[int],
                             occurred_at: datetime, now: datetime) -> bool:
        """The meeting's hours into each person's ledger, once: False if already credited."""
    async def rate(self, meeting_id: int, rating: int, now: datetime) -> None: ...
    async def young_without_mentor(self, school_ids: Sequence[int] | None, query: str | None,
                                   offset: int, limit: int) -> tuple[list[Member], int]: ...
    async def teachers(self, school_ids: Sequence[int] | None, query: str,
                       limit: int) -> list[Member]: ...
    async def mentors(self, school_ids: Sequence[int] | None, exclude: int,
                      limit: int) -> list[MentorCandidate]:
        """People with the mentor role or the «Педагог-наставник» status, with their active
        mentee counts."""
    async def schools_with_coordinator(self, school_ids: Sequence[int]) -> set[int]: ...
    async def coordinators(self, role: Role, org_id: int) -> list[int]: ...
    async def members(self, person_ids: Sequence[int]) -> dict[int, Member]: ...
    async def quiet_pairs(self, remind_before: date, escalate_before: date) -> list[QuietPair]:
        """Active pairs whose last meeting (or start, if none) was before ``remind_before``
        and not yet reminded for it, or before ``escalate_before`` and not yet escalated."""
    async def mark_quiet(self, pair_id: int, reminded_for: date,
                         escalated_for: date | None) -> None: ...
    async def school_counts(self, school_ids: Sequence[int], since: date
                            ) -> dict[int, SchoolCounts]: ...
    async def scope_counts(self, org_id: int, since: date) -> SchoolCounts: ...
    async def add_proposal(self, proposal: Proposal, now: datetime) -> Proposal: ...
    async def get_proposal(self, proposal_id: int) -> Proposal | None: ...
    async def proposals(self, pair_id: int) -> list[Proposal]:
        """A pair's proposals, newest first."""
    async def decide_proposal(self, proposal_id: int, status: ProposalStatus,
                              reason: str | None, now: datetime) -> bool:
        """Only a pending proposal is decided (one of two presses wins); False otherwise."""
    async def set_proposal_activity(self, proposal_id: int, activity_id: int) -> None: ...
