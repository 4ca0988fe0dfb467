"""Mentoring (seed 003; seed 002 §II.8 names it a form of the ИОМ): the values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

#: a meeting's hours: from a quarter of an hour to a working day
HOURS_MIN, HOURS_MAX = Decimal("0.25"), Decimal("8")
TOPIC_MAX = 200
CONCLUSION_MAX = 2000
#: goals picked from the mentee's deficits
GOALS_MAX = 5
#: how far back a meeting may be logged, and a pair may start (or ahead, for a start)
PAST_DAYS = 366
AHEAD_DAYS = 92
RATINGS = (1, 2, 3, 4, 5)
#: a pair silent for this many weeks reminds the mentor; twice as long tells the coordinator
REMIND_WEEKS_DEFAULT = 3


@dataclass(frozen=True, slots=True)
class Goal:
    group: str  # a competence group code
    indicator: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "indicator": self.indicator, "title": self.title}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Goal:
        return cls(str(data.get("group", "")), str(data.get("indicator", "")),
                   str(data.get("title", "")))


@dataclass(frozen=True, slots=True)
class Pair:
    id: int
    mentee_id: int
    mentor_id: int
    school_id: int | None
    started_on: date
    goals: tuple[Goal, ...] = ()
    ended_on: date | None = None
    conclusion: str | None = None
    created_by: int | None = None
    created_at: datetime | None = None
    #: the day of the last meeting whose silence was reminded / escalated (domain.watch)
    reminded_for: date | None = None
    escalated_for: date | None = None

    @property
    def active(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    pair_id: int
    held_on: date
    topic: str
    hours: float
    file_id: str | None = None
    file_name: str | None = None
    rating: int | None = None
    credited_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """What one side of a pair sees of the other: the name and the school, nothing more."""

    person_id: int
    name: str
    school_id: int | None
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MentorCandidate:
    member: Member
    mentees: int  # active pairs now
    same_subject: bool = False


@dataclass(frozen=True, slots=True)
class QuietPair:
    """An active pair and the day of its last meeting (its start when none yet)."""

    pair: Pair
    last_on: date


@dataclass(frozen=True, slots=True)
class SchoolCounts:
    """Raw counts of one school, for the indicators."""

    young: int = 0  # young specialists
    young_mentored: int = 0  # of them, with an active mentor
    pairs: int = 0  # active pairs
    meetings: int = 0  # meetings in the period
    hours: float = 0.0


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """«Доля молодых специалистов с наставником» and mentoring activity of one unit."""

    org_id: int
    name: str
    young: int
    young_mentored: int
    pairs: int
    meetings: int
    hours: float

    @property
    def share(self) -> float | None:
        """Percent of young specialists with a mentor (goal 100 %, seed 003); None if none."""
        return round(100 * self.young_mentored / self.young, 1) if self.young else None

    @property
    def meetings_per_pair(self) -> float | None:
        return round(self.meetings / self.pairs, 2) if self.pairs else None


@dataclass(frozen=True, slots=True)
class Figures:
    scope_id: int
    since: date
    units: tuple[UnitFigures, ...]
    total: UnitFigures


@dataclass(slots=True)
class PairView:
    """A pair as one of its sides (or a coordinator) sees it."""

    pair: Pair
    mentee: Member
    mentor: Member
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return sum(m.hours for m in self.meetings)


# ---- the mentor's proposals to the mentee's ИОМ ----------------------------------------------


class ProposalKind(StrEnum):
    ACTIVITY = "activity"  # an item of self-education, in a form of the ИОМ (route.SelfForm)
    CONSULTATIONS = "consultations"  # «Консультационные часы» with the mentor


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"


#: a proposal's hours: from half an hour to what an ИОМ item of a few months can hold
PROPOSAL_HOURS_MIN, PROPOSAL_HOURS_MAX = Decimal("0.5"), Decimal("72")
#: how many months ahead a proposal's period may be (within the ИОМ's period)
PROPOSAL_MONTHS = 12
REASON_MAX = 500


@dataclass(frozen=True, slots=True)
class Proposal:
    id: int
    pair_id: int
    kind: ProposalKind
    title: str
    month: date  # the first day of the month it is planned for
    hours: float
    status: ProposalStatus = ProposalStatus.PROPOSED
    form: str | None = None  # a route.SelfForm value for an activity
    group: str | None = None  # the competence group of the mentee's deficit it addresses
    row_id: int | None = None  # that deficit's row of the ИОМ when proposed
    reason: str | None = None  # the mentee's, when declined
    activity_id: int | None = None  # the ИОМ activity it became
    created_at: datetime | None = None
    decided_at: datetime | None = None

    @property
    def pending(self) -> bool:
        return self.status is ProposalStatus.PROPOSED
