"""The group ИОМ (002 §II.2): one route a school coordinator builds for several teachers of
the school who share a deficit. Its plan is the individual route's plan model — one
:class:`~domain.route.PlanRow` (the shared deficit) and its :class:`~domain.route.Activity`
items in the plan's columns — and each member's progress on each activity is kept apart."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from domain.route import Activity, ActivityStatus, Column, PlanRow


class GroupStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # with the coordinator's conclusion


#: how many teachers one group route takes, and how many activities
MEMBERS_MAX = 60
ACTIVITIES_MAX = 30
SUGGESTIONS = 8


@dataclass(slots=True)
class GroupRoute:
    id: int
    school_id: int
    author_id: int | None
    title: str
    group: str  # the competence group of the shared deficit
    indicator: str | None  # the indicator code (None: the whole group)
    deficit: str  # the deficit as the plan row words it
    period_start: date
    period_end: date
    status: GroupStatus = GroupStatus.OPEN
    conclusion: str | None = None
    closed_at: datetime | None = None
    created_at: datetime | None = None

    @property
    def row(self) -> PlanRow:
        """The plan's one row: the shared deficit."""
        return PlanRow(self.id, self.id, 1, self.group, self.deficit, self.indicator)

    @property
    def open(self) -> bool:
        return self.status is GroupStatus.OPEN


@dataclass(frozen=True, slots=True)
class Member:
    group_id: int
    person_id: int
    name: str


@dataclass(slots=True)
class Mark:
    """One member's progress on one activity."""

    activity_id: int
    person_id: int
    status: ActivityStatus = ActivityStatus.PLANNED
    evidence_text: str | None = None
    evidence_url: str | None = None
    done_at: datetime | None = None
    evidence_file_id: str | None = None  # a file sent as evidence (its messenger id)
    evidence_file_name: str | None = None

    @property
    def done(self) -> bool:
        return self.status is ActivityStatus.DONE

    def on(self, activity: Activity) -> Activity:
        """The group activity as this member carries it out: the individual route's activity
        with the member's own status and evidence (their ИОМ card, document, reminders)."""
        return replace(activity, person_id=self.person_id, status=self.status,
                       evidence_text=self.evidence_text, evidence_url=self.evidence_url,
                       evidence_file_id=self.evidence_file_id,
                       evidence_file_name=self.evidence_file_name, done_at=self.done_at)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A deficit shared by teachers of the school: how many have it."""

    group: str
    indicator: str
    title: str
    count: int


@dataclass(slots=True)
class GroupPlan:
    """A group route with its activities, members and every member's marks."""

    route: GroupRoute
    activities: list[Activity]
    members: list[Member]
    marks: dict[tuple[int, int], Mark] = field(default_factory=dict)  # (activity, person)

    def mark(self, activity_id: int, person_id: int) -> Mark:
        return self.marks.get((activity_id, person_id)) or Mark(activity_id, person_id)

    def done(self, person_id: int) -> int:
        return sum(1 for a in self.activities if self.mark(a.id, person_id).done)

    def of_member(self, person_id: int) -> list[Activity]:
        """Every activity with this member's own progress (``Mark.on``)."""
        return [self.mark(a.id, person_id).on(a) for a in self.activities]

    def overdue(self, person_id: int, today: date) -> list[Activity]:
        """The member's activities past their due date, not done (none once closed)."""
        if not self.route.open:
            return []
        return [a for a in self.of_member(person_id) if a.is_overdue(today)]

    def member(self, person_id: int) -> Member | None:
        return next((m for m in self.members if m.person_id == person_id), None)

    def activity(self, activity_id: int) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)


@dataclass(frozen=True, slots=True)
class GroupRights:
    """What the actor may do on a group route (views show only these; services re-check)."""

    view: bool
    manage: bool  # the school's coordinator: activities, members, closing
    member: bool  # marks their own progress, may leave

    @property
    def carry_out(self) -> bool:
        return self.member


def activity_of(group: GroupRoute, activity_id: int, column: Column, title: str,
                due: date | None, hours: float | None, author_id: int | None,
                now: datetime) -> Activity:
    """A group activity in the individual route's activity model (route and row: the group)."""
    return Activity(id=activity_id, route_id=group.id, row_id=group.id,
                    person_id=author_id or 0, column=column, title=title, due=due,
                    hours=hours, added_by=author_id, created_at=now, updated_at=now)
