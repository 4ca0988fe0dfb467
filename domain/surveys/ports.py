"""What the surveys feature needs from storage (storage/campaigns/repo.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.surveys.model import Survey


class StoredSurvey:
    __slots__ = ("id", "code", "version", "title", "survey", "created_at")

    def __init__(self, id: int, code: str, version: int, title: str, survey: Survey,
                 created_at: datetime) -> None:
        self.id, self.code, self.version, self.title = id, code, version, title
        self.survey, self.created_at = survey, created_at


class SurveyRepository(Protocol):
    async def add(self, survey: Survey, source: str, uploaded_by: int | None,
                  now: datetime) -> StoredSurvey: ...
    async def get(self, survey_id: int) -> StoredSurvey | None: ...
    async def latest(self) -> list[StoredSurvey]: ...
