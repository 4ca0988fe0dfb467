"""Monitoring campaigns: what, who, when, reminders, anonymity (issue 13, seed 001)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from domain.audience import Audience
from domain.enums import Role


class CampaignKind(StrEnum):
    DIAGNOSIS = "diagnosis"
    SURVEY = "survey"


class CampaignStatus(StrEnum):
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"  # the window ended, or finished early by whoever runs it
    CANCELLED = "cancelled"  # called off before it started: nobody was invited


#: the audience a new campaign starts from: teachers (the role); every broadcast filter applies
TEACHERS = Audience(roles=(Role.TEACHER.value,))
#: the filters a campaign offers (the broadcasts' ones but the event and consent switches:
#: a campaign goes to consented people, whatever the event)
FILTERS = ("roles", "positions", "subjects", "categories", "statuses", "deficits", "routes")


#: reminders: at the start (the invitation itself), 3 days after it, 1 day before the end
STAGES = ("start", "day3", "before_end")
MAX_DAYS = 92  # the longest window
#: anonymous results are shown for groups of at least this many respondents
ANONYMITY_MIN = 5
#: outbox priority (after a teacher's own notices, like broadcasts)
PRIORITY = 10
#: «reached 95–100 %» (seed 001: teachers confirming sufficient subject competence)
TOP_PERCENT = 95.0


def window(starts_on: date, ends_on: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Local midnight of the first day … local midnight after the last day."""
    return (datetime.combine(starts_on, time(0), tzinfo=tz),
            datetime.combine(ends_on + timedelta(days=1), time(0), tzinfo=tz))


def stage_day(stage: str, starts_on: date, ends_on: date) -> date:
    if stage == "start":
        return starts_on
    if stage == "day3":
        return starts_on + timedelta(days=3)
    return ends_on - timedelta(days=1)


@dataclass(slots=True)
class Campaign:
    id: int
    author_id: int | None
    title: str
    kind: CampaignKind
    survey_id: int | None
    audience: Audience
    starts_on: date
    ends_on: date
    starts_at: datetime
    ends_at: datetime
    reminders: tuple[str, ...] = STAGES
    reminded: tuple[str, ...] = ()
    anonymous: bool = False
    status: CampaignStatus = CampaignStatus.SCHEDULED
    total: int = 0
    created_at: datetime | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None

    def is_open(self, now: datetime) -> bool:
        return self.status == CampaignStatus.OPEN and self.starts_at <= now < self.ends_at

    def due_stages(self, today: date) -> list[str]:
        """Reminder stages whose day has come and that were not queued yet (the invitation,
        «start», is queued when the campaign opens)."""
        return [s for s in self.reminders if s != "start" and s not in self.reminded
                and stage_day(s, self.starts_on, self.ends_on) <= today
                and stage_day(s, self.starts_on, self.ends_on) > self.starts_on]


@dataclass(frozen=True, slots=True)
class Draft:
    """A campaign being set up in the chat (kept in FSM data)."""

    kind: CampaignKind
    survey_id: int | None
    org_id: int | None  # None: the creator's whole scope
    starts_on: date
    days: int
    anonymous: bool
    reminders: tuple[str, ...] = STAGES
    title: str = ""
    #: the broadcasts' filters (roles, positions, subjects …); the unit is ``org_id``
    filters: Audience = TEACHERS

    def audience(self) -> Audience:
        """Who it reaches before the scope rule: the unit and the filters (the event and
        consent switches of broadcasts do not apply to campaigns)."""
        return replace(self.filters, orgs=(self.org_id,) if self.org_id is not None else (),
                       event_id=None, event_relation=None, consent_only=True)

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=self.days - 1)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "survey_id": self.survey_id, "org_id": self.org_id,
                "starts_on": self.starts_on.isoformat(), "days": self.days,
                "anonymous": self.anonymous, "reminders": list(self.reminders),
                "title": self.title, "filters": filters_dict(self.filters)}


def filters_dict(a: Audience) -> dict[str, Any]:
    """The filters of a draft as FSM data (read back by ``Audience.from_dict``)."""
    return {dim: list(getattr(a, dim)) for dim in FILTERS}


@dataclass(frozen=True, slots=True)
class Reach:
    """Before launch: who the filters select in the creator's scope, and who of them will get
    the invitation (not those who blocked the bot)."""

    matched: int
    blocked: int

    @property
    def invited(self) -> int:
        return max(self.matched - self.blocked, 0)


@dataclass(frozen=True, slots=True)
class CampaignRights:
    """What a viewer may do with a campaign: *view* its figures for their scope (a
    region-wide campaign reaches a coordinator's teachers: read-only, though «Напомнить» to their
    own teachers is allowed), *manage* it (finish early, call off) when its whole audience lies
    inside their scope (admins: all)."""

    view: bool
    manage: bool


@dataclass(frozen=True, slots=True)
class UnitFigures:
    org_id: int | None
    name: str
    total: int
    done: int

    @property
    def share(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Completion:
    org_id: int
    name: str
    total: int
    done: int
    units: tuple[UnitFigures, ...] = ()

    @property
    def share(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Straggler:
    person_id: int
    name: str
    school: str


@dataclass(frozen=True, slots=True)
class Distribution:
    """One question's answers in one group: counts per option / value, or texts."""

    code: str
    respondents: int
    counts: dict[str, int] = field(default_factory=dict)
    texts: tuple[str, ...] = ()
    mean: float | None = None
    hidden: bool = False  # anonymous and fewer than ANONYMITY_MIN respondents


@dataclass(frozen=True, slots=True)
class UnitAnswers:
    org_id: int | None
    name: str
    respondents: int
    questions: tuple[Distribution, ...]
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class GroupChange:
    group: str
    before: float  # the mean score of the group, percent
    after: float
    deficit_before: float = 0.0  # percent of the people with a deficit in the group
    deficit_after: float = 0.0

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 1)

    @property
    def deficit_delta(self) -> float:
        return round(self.deficit_after - self.deficit_before, 1)


@dataclass(frozen=True, slots=True)
class UnitChange:
    org_id: int | None
    name: str
    people: int
    before: float
    after: float


@dataclass(frozen=True, slots=True)
class Comparison:
    """Input vs repeat diagnosis: the people who completed both."""

    people: int
    groups: tuple[GroupChange, ...]
    units: tuple[UnitChange, ...]
    shrank: int  # fewer deficits in the repeat
    top: tuple[tuple[str, str, float], ...]  # (name, school, total %) at 95–100 %
    remaining: tuple[tuple[str, str, int], ...]  # (group, indicator title, people)

    @property
    def shrank_share(self) -> float:
        return 100.0 * self.shrank / self.people if self.people else 0.0
