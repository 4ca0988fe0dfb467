"""The teacher's profile: validation of each step and the onboarding / editing services."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from domain.access import Actor
from domain.entities import Org, Person, Profile
from domain.enums import Category, Education, OrgKind, Position, Role, Status, Subject
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.ports import UnitOfWork

NAME_MAX = 120
MAX_YEARS = 60
MAX_SUBJECTS = 8
# letters of any alphabet, spaces, hyphens, apostrophes and dots (initials)
_NAME_OK = re.compile(r"^[^\W\d_]+(?:[ \-'’.][^\W\d_]*)*$")

#: Steps of the profile, in the order onboarding asks them.
FIELDS: tuple[str, ...] = (
    "full_name",
    "municipality",
    "school",
    "position",
    "subjects",
    "experience_years",
    "category",
    "statuses",
)


def validate_full_name(text: str | None) -> str:
    value = " ".join((text or "").split())
    if not value:
        raise ValidationError("profile-error-name-empty")
    if len(value) > NAME_MAX:
        raise ValidationError("profile-error-name-long", max=NAME_MAX)
    if any(ch.isdigit() for ch in value):
        raise ValidationError("profile-error-name-digits")
    if not _NAME_OK.match(value):
        raise ValidationError("profile-error-name-chars")
    if len(value.replace(".", "").split()) < 2:
        raise ValidationError("profile-error-name-short")
    return value


def validate_years(text: str | None) -> int:
    value = (text or "").strip()
    if not value:
        raise ValidationError("profile-error-years-empty")
    if not re.fullmatch(r"\d{1,3}", value):
        raise ValidationError("profile-error-years-number")
    years = int(value)
    if years > MAX_YEARS:
        raise ValidationError("profile-error-years-range", max=MAX_YEARS)
    return years


def validate_position(value: str) -> Position:
    try:
        return Position(value)
    except ValueError:
        raise ValidationError("profile-error-choice") from None


def validate_education(value: str) -> Education:
    try:
        return Education(value)
    except ValueError:
        raise ValidationError("profile-error-choice") from None


def validate_category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        raise ValidationError("profile-error-choice") from None


def toggle(selected: list[str], value: str, allowed: type[Subject | Status]) -> list[str]:
    """Multi-select toggle. «Не веду предмет» excludes every subject and vice versa."""
    try:
        allowed(value)
    except ValueError:
        raise ValidationError("profile-error-choice") from None
    if value in selected:
        return [v for v in selected if v != value]
    if allowed is Subject:
        if value == Subject.NONE:
            return [value]
        selected = [v for v in selected if v != Subject.NONE]
        if len(selected) >= MAX_SUBJECTS:
            raise ValidationError("profile-error-subjects-many", max=MAX_SUBJECTS)
    return [*selected, value]


def require_subjects(selected: list[str]) -> list[str]:
    if not selected:
        raise ValidationError("profile-error-subjects-empty")
    return selected


def may_skip_school(actor: Actor) -> bool:
    """Municipal and regional staff and admins need not belong to a school."""
    return bool(
        actor.roles & {Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_COORDINATOR, Role.ADMIN}
    )


async def check_municipality(uow: UnitOfWork, org_id: int, scope_org_id: int | None) -> Org:
    org = await uow.orgs.get(org_id)
    if org is None or org.kind is not OrgKind.MUNICIPALITY:
        raise NotFound("profile-error-org-gone")
    if scope_org_id is not None and scope_org_id not in org.ancestors_and_self():
        scope = await uow.orgs.get(scope_org_id)
        # an invite to a school implies that school's municipality
        if scope is None or scope.municipality_id != org.id:
            raise AccessDenied("error-out-of-scope")
    return org


async def check_school(
    uow: UnitOfWork, org_id: int, municipality_id: int | None, scope_org_id: int | None
) -> Org:
    """The school must exist, lie in the chosen municipality and inside an invite's scope."""
    org = await uow.orgs.get(org_id)
    if org is None or org.kind is not OrgKind.SCHOOL:
        raise NotFound("profile-error-org-gone")
    if municipality_id is not None and org.municipality_id != municipality_id:
        raise AccessDenied("error-out-of-scope")
    if scope_org_id is not None and scope_org_id not in org.ancestors_and_self():
        raise AccessDenied("error-out-of-scope")
    return org


def missing_fields(profile: Profile, school_optional: bool) -> list[str]:
    missing = []
    if not profile.full_name:
        missing.append("full_name")
    if profile.municipality_id is None and not school_optional:
        missing.append("municipality")
    if profile.school_id is None and not school_optional:
        missing.append("school")
    if profile.position is None:
        missing.append("position")
    if not profile.subjects:
        missing.append("subjects")
    if profile.experience_years is None:
        missing.append("experience_years")
    if profile.category is None:
        missing.append("category")
    return missing


async def complete_onboarding(
    uow: UnitOfWork,
    actor: Actor,
    person: Person,
    profile: Profile,
    now: datetime,
    scope_org_id: int | None = None,
    invited_role: Role | None = None,
) -> Person:
    """Store the finished profile and give the teacher role at their school."""
    actor.require_self(person.id)
    if not person.has_consented:
        raise AccessDenied("error-no-consent")
    missing = missing_fields(profile, school_optional=may_skip_school(actor))
    if missing:
        raise ValidationError("profile-error-incomplete", field=missing[0])
    if profile.school_id is not None:
        school = await check_school(uow, profile.school_id, profile.municipality_id, scope_org_id)
        profile = replace(profile, municipality_id=school.municipality_id)
        await uow.people.add_grant(person.id, Role.TEACHER, school.id)
        if invited_role is Role.MENTOR:
            await uow.people.add_grant(person.id, Role.MENTOR, school.id)
    await uow.people.save_profile(person.id, profile, completed_at=now)
    person.profile = profile
    person.profile_completed_at = now
    return person


async def update_field(
    uow: UnitOfWork, actor: Actor, person: Person, profile: Profile, field: str
) -> Profile:
    """Save one edited field of a finished profile; moving school moves the teacher role."""
    actor.require_self(person.id)
    if not person.is_onboarded:
        raise AccessDenied("error-no-profile")
    old = person.profile
    if field == "school":
        if profile.school_id is None:
            if not may_skip_school(actor):
                raise ValidationError("profile-error-incomplete", field="school")
        else:
            school = await check_school(uow, profile.school_id, profile.municipality_id, None)
            profile = replace(profile, municipality_id=school.municipality_id)
        if old.school_id != profile.school_id:
            # the teacher role follows the person; a mentor role was given by the old school
            # and is not carried over: the new school's coordinator grants it again
            if old.school_id is not None:
                await uow.people.remove_grant(person.id, Role.TEACHER, old.school_id)
                await uow.people.remove_grant(person.id, Role.MENTOR, old.school_id)
            if profile.school_id is not None:
                await uow.people.add_grant(person.id, Role.TEACHER, profile.school_id)
    await uow.people.save_profile(person.id, profile, completed_at=person.profile_completed_at)
    person.profile = profile
    return profile
