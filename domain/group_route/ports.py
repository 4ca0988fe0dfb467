"""The repository the group ИОМ needs (storage/group_route/repo.py implements it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from domain.group_route.model import GroupRoute, Mark, Member
from domain.route import Activity


class GroupRouteRepository(Protocol):
    async def school_deficits(self, school_id: int) -> list[tuple[int, str, str, str]]:
        """(person id, group, indicator, title) of the latest diagnosis of every onboarded
        person of the school."""
    async def add(self, route: GroupRoute) -> GroupRoute: ...
    async def get(self, group_id: int) -> GroupRoute | None: ...
    async def save(self, route: GroupRoute) -> None: ...
    async def of_school(self, school_id: int) -> list[GroupRoute]: ...
    async def of_member(self, person_id: int) -> list[GroupRoute]: ...
    async def members(self, group_id: int) -> list[Member]:
        """The current members (not left), by name."""
    async def set_member(self, group_id: int, person_id: int, present: bool,
                         by: int | None, now: datetime) -> bool:
        """Add (or bring back) or remove a member; False when nothing changed."""
    async def activities(self, group_id: int) -> list[Activity]: ...
    async def add_activity(self, activity: Activity) -> Activity: ...
    async def marks(self, group_id: int) -> list[Mark]: ...
    async def save_mark(self, group_id: int, mark: Mark, hours: float | None,
                        now: datetime) -> None:
        """Store the mark; a done activity with hours is in the member's hours ledger (once),
        anything else is not."""
    async def overdue(self, today: date) -> list[tuple[GroupRoute, Activity, int]]:
        """(route, activity, member id) of every open route's activity due before ``today``
        that a current member has not done."""


__all__ = ["GroupRouteRepository"]
