"""What a coordinator sees of their territory, as plain values (no framework)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from domain.entities import Org

if TYPE_CHECKING:
    from domain.activity import ActivityFigures
    from domain.mentoring import UnitFigures as MentoringUnit

#: competence groups in the questionnaire's order (domain.instrument.GROUP_ORDER)
GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")
#: ИОМ states a coordinator counts; "none" is a teacher without a route, "overdue" a running
#: route with an activity past its date
ROUTE_STATES = ("none", "draft", "submitted", "returned", "approved", "in_progress",
                "completed")
HOURS_KINDS = ("in_person", "remote", "self_study")
#: a repeat test counts as a success from this total on (001: 95–100 %)
REPEAT_SUCCESS = 95.0


class TeacherFilter(StrEnum):
    ALL = "all"
    NEVER_DIAGNOSED = "nodiag"
    ROUTE_NONE = "noroute"
    ROUTE_WAITING = "waiting"  # submitted, waits for a coordinator
    ROUTE_RETURNED = "returned"
    ROUTE_OVERDUE = "overdue"
    NO_HOURS = "nohours"  # no hours credited this calendar year
    NO_REPORT = "noreport"  # an accepted technical assignment without a report after it


@dataclass(frozen=True, slots=True)
class Period:
    """The moments the figures are counted against."""

    now: datetime
    today: date
    year_start: datetime  # the calendar year's hours
    year_end: datetime
    since_12m: datetime  # "diagnosed in the last 12 months"


@dataclass(frozen=True, slots=True)
class IndicatorCount:
    code: str
    title: str
    count: int


@dataclass(slots=True)
class Figures:
    teachers: int = 0
    by_position: dict[str, int] = field(default_factory=dict)
    by_subject: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    diagnosed: int = 0
    diagnosed_12m: int = 0
    group_avg: dict[str, float | None] = field(default_factory=dict)
    group_deficits: dict[str, int] = field(default_factory=dict)
    top_indicators: list[IndicatorCount] = field(default_factory=list)
    repeated: int = 0  # teachers with a previous attempt
    improved: int = 0
    avg_change: float | None = None
    repeat_success: int = 0  # repeated and reached REPEAT_SUCCESS
    routes: dict[str, int] = field(default_factory=dict)  # latest route per teacher
    routes_overdue: int = 0
    activities_done: int = 0
    activities_planned: int = 0
    hours: dict[str, float] = field(default_factory=dict)
    forms: dict[str, int] = field(default_factory=dict)  # submitted / accepted / returned
    registrations: int = 0
    attended: int = 0
    no_shows: int = 0

    def share(self, n: int) -> int:
        """Percent of the teachers in scope, rounded."""
        return round(100 * n / self.teachers) if self.teachers else 0

    @property
    def top_deficit_group(self) -> str | None:
        best = max(self.group_deficits.items(), key=lambda kv: kv[1], default=None)
        return best[0] if best and best[1] > 0 else None

    @property
    def attendance_rate(self) -> int:
        due = self.attended + self.no_shows
        return round(100 * self.attended / due) if due else 0

    @property
    def hours_total(self) -> float:
        return sum(self.hours.values())


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """One unit inside the scope (a municipality of the region, a school of a municipality)."""

    org: Org
    teachers: int
    diagnosed: int
    routes_agreed: int  # approved, running or completed

    def diagnosed_share(self) -> int:
        return round(100 * self.diagnosed / self.teachers) if self.teachers else 0


@dataclass(frozen=True, slots=True)
class Dashboard:
    org: Org
    figures: Figures
    units: list[UnitFigures]
    period: Period
    #: «доля молодых специалистов с наставником» and mentoring activity since the year's start
    #: (domain.mentoring.figures: the scope's total) — None where mentoring is not counted
    mentoring: MentoringUnit | None = None
    #: verified professional activity of the scope (domain.activity.figures: its total line)
    activity: ActivityFigures | None = None


@dataclass(frozen=True, slots=True)
class TeacherRow:
    person_id: int
    full_name: str
    school: str | None
    diagnosed_at: datetime | None
    route_status: str  # one of ROUTE_STATES


@dataclass(frozen=True, slots=True)
class TeacherPage:
    org: Org
    items: list[TeacherRow]
    total: int
    page: int
    pages: int
    filter: TeacherFilter
    query: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Deficit shares by group for the scope and for the level above (for the chart)."""

    org: Org
    parent: Org | None
    scope: dict[str, int]  # percent of diagnosed with a deficit in the group
    above: dict[str, int] | None


__all__ = [
    "GROUPS", "HOURS_KINDS", "REPEAT_SUCCESS", "ROUTE_STATES", "Comparison", "Dashboard",
    "Figures", "IndicatorCount", "Period", "TeacherFilter", "TeacherPage", "TeacherRow",
    "UnitFigures",
]
