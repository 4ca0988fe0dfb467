"""The repository feedback needs (storage/feedback/repo.py implements it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.feedback.model import Comment, Feedback, Figures


class FeedbackRepository(Protocol):
    async def add(self, event_id: int, person_id: int, template: str, step: str,
                  now: datetime) -> Feedback | None:
        """A new form; None when this person already has one for this event."""
    async def get(self, feedback_id: int) -> Feedback | None: ...
    async def save(self, feedback: Feedback, now: datetime) -> None: ...
    async def figures(self, event_ids: Sequence[int] | None = None,
                      organiser_ids: Sequence[int] | None = None,
                      within: Sequence[int] | None = None) -> Figures:
        """Over the given events, events organised by the given orgs, or by any org in the
        subtrees of ``within``."""
    async def events_of(self, organiser_ids: Sequence[int]) -> int:
        """How many events of these organisers have any score."""
    async def comments(self, event_id: int, named: bool, limit: int) -> list[Comment]: ...
