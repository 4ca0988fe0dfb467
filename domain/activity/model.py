"""Professional activity (seed 003): competitions, expert work and the bank of practice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

TITLE_MAX = 200
ABSTRACT_MAX = 1000
COMMENT_MAX = 1000
LINK_MAX = 500


class Kind(StrEnum):
    COMPETITION = "competition"  # профессиональный конкурс
    EXPERT = "expert"  # экспертная работа
    PRACTICE = "practice"  # выступление, открытый урок, публикация: банк практик


class Level(StrEnum):
    SCHOOL = "school"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    FEDERAL = "federal"  # всероссийский


class Outcome(StrEnum):
    PARTICIPANT = "participant"
    PRIZE_WINNER = "prize_winner"
    WINNER = "winner"


class ExpertRole(StrEnum):
    JURY = "jury"  # жюри конкурса
    ATTESTATION = "attestation"  # аттестационная комиссия
    EXAM = "exam"  # предметная комиссия ГИА


class PracticeKind(StrEnum):
    TALK = "talk"
    OPEN_LESSON = "open_lesson"
    PUBLICATION = "publication"


class RecordStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")


@dataclass(frozen=True, slots=True)
class Draft:
    kind: Kind
    title: str
    held_on: date
    level: Level | None = None
    outcome: Outcome | None = None
    expert_role: ExpertRole | None = None
    practice: PracticeKind | None = None
    group: str | None = None
    abstract: str | None = None
    link: str | None = None
    file_id: str | None = None
    file_name: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    id: int
    person_id: int
    school_id: int | None
    draft: Draft
    status: RecordStatus
    comment: str | None = None
    decided_by: int | None = None
    decided_at: datetime | None = None
    created_at: datetime | None = None
    #: a competition event of the catalogue whose attendance created the record
    event_id: int | None = None

    @property
    def from_event(self) -> bool:
        return self.event_id is not None

    @property
    def untouched(self) -> bool:
        """As the attendance mark made it: verified by the mark, no result or diploma
        added, not decided by anyone since."""
        return (self.from_event and self.status is RecordStatus.ACCEPTED
                and self.decided_by is None and self.draft.outcome is Outcome.PARTICIPANT
                and not self.draft.file_id)


@dataclass(frozen=True, slots=True)
class BankItem:
    record: Record
    author: str
    school_id: int | None
    subjects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActivityFigures:
    """Verified activity of one unit: the share of teachers in competitions (goal ≥ 25 %,
    seed 003), experts, methodists (the «Педагог-методист» status)."""

    org_id: int
    name: str
    teachers: int
    in_competitions: int
    experts: int
    methodists: int
    practices: int

    @property
    def competition_share(self) -> float | None:
        return round(100 * self.in_competitions / self.teachers, 1) if self.teachers else None
