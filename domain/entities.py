"""Plain values the domain works with; storage converts its rows into these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.enums import Category, Channel, Education, OrgKind, Position, Role, Status
from domain.notifications import Target


@dataclass(frozen=True, slots=True)
class Org:
    id: int
    kind: OrgKind
    name: str
    parent_id: int | None = None
    municipality_id: int | None = None
    region_id: int | None = None

    def ancestors_and_self(self) -> frozenset[int]:
        return frozenset(i for i in (self.id, self.municipality_id, self.region_id) if i)


@dataclass(frozen=True, slots=True)
class RoleGrant:
    role: Role
    org_id: int | None = None
    id: int | None = None


@dataclass(slots=True)
class Profile:
    """What a teacher tells about themselves; every field optional until onboarding ends."""

    full_name: str | None = None
    municipality_id: int | None = None
    school_id: int | None = None
    position: Position | None = None
    subjects: list[str] = field(default_factory=list)
    experience_years: int | None = None
    category: Category | None = None
    statuses: list[str] = field(default_factory=list)
    education: Education | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "full_name": self.full_name,
            "municipality_id": self.municipality_id,
            "school_id": self.school_id,
            "position": self.position.value if self.position else None,
            "subjects": list(self.subjects),
            "experience_years": self.experience_years,
            "category": self.category.value if self.category else None,
            "statuses": list(self.statuses),
            "education": self.education.value if self.education else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Profile:
        data = data or {}
        return cls(
            full_name=data.get("full_name"),
            municipality_id=data.get("municipality_id"),
            school_id=data.get("school_id"),
            position=Position(data["position"]) if data.get("position") else None,
            subjects=list(data.get("subjects") or []),
            experience_years=data.get("experience_years"),
            category=Category(data["category"]) if data.get("category") else None,
            statuses=list(data.get("statuses") or []),
            education=Education(data["education"]) if data.get("education") else None,
        )

    @property
    def is_young_specialist(self) -> bool:
        return Status.YOUNG_SPECIALIST.value in self.statuses


@dataclass(slots=True)
class Person:
    id: int
    channel: Channel
    external_id: str
    consented_at: datetime | None = None
    profile_completed_at: datetime | None = None
    profile: Profile = field(default_factory=Profile)
    locale: str | None = None
    blocked_at: datetime | None = None
    created_at: datetime | None = None
    last_seen_at: datetime | None = None
    grants: list[RoleGrant] = field(default_factory=list)

    @property
    def has_consented(self) -> bool:
        return self.consented_at is not None

    @property
    def is_onboarded(self) -> bool:
        return self.profile_completed_at is not None


@dataclass(frozen=True, slots=True)
class Invite:
    id: int
    code: str
    role: Role
    org_id: int | None
    created_by: int | None
    expires_at: datetime
    max_uses: int
    uses: int
    revoked_at: datetime | None = None
    created_at: datetime | None = None

    @property
    def uses_left(self) -> int:
        return max(self.max_uses - self.uses, 0)


@dataclass(frozen=True, slots=True)
class Notification:
    """A message for someone who did not write to the bot, as data (domain.notifications):
    a key of ``NOTICES`` (its text is in locales/), raw typed ``params`` and the ``targets`` of
    its buttons, one button per row. The sender renders it. ``dedupe_key``, when given, makes a
    second notification with the same key a no-op (a reminder is recorded once).
    """

    person_id: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    targets: tuple[Target, ...] = ()
    dedupe_key: str | None = None
    not_before: datetime | None = None
