"""Who pairs whom: a school coordinator inside their school, a municipal coordinator for the
schools of their municipality that have no school coordinator, an admin anywhere. Every id a
button names is checked here again (callback data can be forged)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from domain.access import Actor
from domain.entities import Notification, Org
from domain.enums import OrgKind, Role
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.mentoring.model import (
    AHEAD_DAYS,
    GOALS_MAX,
    PAST_DAYS,
    Goal,
    Member,
    MentorCandidate,
    Pair,
)
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork

#: a municipality has at most a few hundred schools; a region a few thousand
_MAX_SCHOOLS = 10_000


def _grants(actor: Actor, role: Role) -> list[int]:
    return [g.org_id for g in actor.grants if g.role is role and g.org_id is not None]


async def pairing_schools(uow: UnitOfWork, actor: Actor) -> list[int] | None:
    """The schools where the actor may pair people; None: everywhere (an admin)."""
    if actor.is_admin:
        return None
    schools = set(_grants(actor, Role.SCHOOL_COORDINATOR))
    for mun_id in _grants(actor, Role.MUNICIPAL_COORDINATOR):
        orgs, _ = await uow.orgs.page(OrgKind.SCHOOL, mun_id, None, 0, _MAX_SCHOOLS)
        ids = [o.id for o in orgs]
        schools |= set(ids) - await uow.mentoring.schools_with_coordinator(ids)
    return sorted(schools)


async def may_pair_in(uow: UnitOfWork, actor: Actor, school_id: int | None) -> bool:
    if actor.is_admin:
        return True
    if school_id is None:
        return False
    if school_id in _grants(actor, Role.SCHOOL_COORDINATOR):
        return True
    school = await uow.orgs.get(school_id)
    if school is None or school.municipality_id not in _grants(actor, Role.MUNICIPAL_COORDINATOR):
        return False
    return not await uow.mentoring.schools_with_coordinator([school_id])


async def require_pairing_scope(uow: UnitOfWork, actor: Actor) -> list[int] | None:
    schools = await pairing_schools(uow, actor)
    if schools is not None and not schools:
        raise AccessDenied("mnt-error-no-scope")
    return schools


async def mentor_schools(uow: UnitOfWork, actor: Actor) -> list[int] | None:
    """Where the actor may find a mentor: their whole scope (a municipal methodist may take a
    mentor from a neighbouring school of the municipality); None: everywhere (an admin)."""
    if actor.is_admin:
        return None
    grants = [g.org_id for g in actor.scope_grants() if g.org_id is not None]
    if not grants:
        return []
    schools, _ = await uow.orgs.page(OrgKind.SCHOOL, None, None, 0, _MAX_SCHOOLS, within=grants)
    return [s.id for s in schools]


async def _mentor_in_scope(uow: UnitOfWork, actor: Actor, person_id: int) -> Member:
    member = await uow.mentoring.member(person_id)
    if member is None:
        raise NotFound("mnt-error-no-person")
    school = await uow.orgs.get(member.school_id) if member.school_id else None
    if not (actor.is_admin or (school is not None and actor.covers(school))):
        raise AccessDenied("mnt-error-out-of-scope")
    return member


async def _member_in_scope(uow: UnitOfWork, actor: Actor, person_id: int) -> Member:
    member = await uow.mentoring.member(person_id)
    if member is None:
        raise NotFound("mnt-error-no-person")
    if not await may_pair_in(uow, actor, member.school_id):
        raise AccessDenied("mnt-error-out-of-scope")
    return member


async def suggest_mentees(uow: UnitOfWork, actor: Actor, query: str | None, page: int,
                          size: int) -> tuple[list[Member], int]:
    """Young specialists without a mentor in the actor's scope, by name; with ``query``, any
    teacher of the scope whose name matches (not only the flagged ones)."""
    schools = await require_pairing_scope(uow, actor)
    if query:
        found = await uow.mentoring.teachers(schools, query, size)
        return found, len(found)
    return await uow.mentoring.young_without_mentor(schools, None, max(page, 0) * size, size)


async def mentee_for_pairing(uow: UnitOfWork, actor: Actor, mentee_id: int) -> Member:
    member = await _member_in_scope(uow, actor, mentee_id)
    if await uow.mentoring.active_pair_of(mentee_id) is not None:
        raise ValidationError("mnt-error-has-mentor")
    return member


async def suggest_mentors(uow: UnitOfWork, actor: Actor, mentee_id: int, limit: int
                          ) -> list[MentorCandidate]:
    """Mentors in scope: the mentee's subject first, then the fewest mentees."""
    mentee = await mentee_for_pairing(uow, actor, mentee_id)
    found = await uow.mentoring.mentors(await mentor_schools(uow, actor), mentee_id, 200)
    subjects = set(mentee.subjects) - {"none"}
    ranked = [
        MentorCandidate(c.member, c.mentees, bool(subjects & set(c.member.subjects)))
        for c in found
    ]
    ranked.sort(key=lambda c: (not c.same_subject, c.member.school_id != mentee.school_id,
                               c.mentees, c.member.name.casefold(), c.member.person_id))
    return ranked[:limit]


async def find_mentors(uow: UnitOfWork, actor: Actor, mentee_id: int, query: str,
                       limit: int) -> list[Member]:
    """Any teacher of the scope by name, as a mentor (not only those with the status)."""
    await mentee_for_pairing(uow, actor, mentee_id)
    schools = await mentor_schools(uow, actor)
    return [m for m in await uow.mentoring.teachers(schools, query, limit + 1)
            if m.person_id != mentee_id][:limit]


async def check_mentor(uow: UnitOfWork, actor: Actor, mentor_id: int) -> Member:
    return await _mentor_in_scope(uow, actor, mentor_id)


async def goal_options(uow: UnitOfWork, actor: Actor, mentee_id: int) -> list[Goal]:
    """The mentee's latest deficits, worst first: what the pair's goals are picked from."""
    await _member_in_scope(uow, actor, mentee_id)
    return await latest_deficits(uow, mentee_id)


async def latest_deficits(uow: UnitOfWork, person_id: int) -> list[Goal]:
    attempt = await uow.diagnosis.last_completed(person_id)
    if attempt is None:
        return []
    deficits = sorted(await uow.diagnosis.deficits(attempt.id), key=lambda d: d.rank)
    return [Goal(str(d.group), d.indicator, d.title) for d in deficits]


def check_start(started_on: date, today: date) -> None:
    if not today - timedelta(days=PAST_DAYS) <= started_on <= today + timedelta(days=AHEAD_DAYS):
        raise ValidationError("mnt-error-start-range", earliest=today - timedelta(days=PAST_DAYS),
                              latest=today + timedelta(days=AHEAD_DAYS))


async def create_pair(uow: UnitOfWork, actor: Actor, mentee_id: int, mentor_id: int,
                      started_on: date, indicators: Sequence[str], today: date,
                      now: datetime) -> Pair:
    """Pair a mentee with a mentor; both are told who the other is (name and school)."""
    if mentee_id == mentor_id:
        raise ValidationError("mnt-error-self-pair")
    await uow.mentoring.lock_mentee(mentee_id)
    mentee = await mentee_for_pairing(uow, actor, mentee_id)
    mentor = await _mentor_in_scope(uow, actor, mentor_id)
    check_start(started_on, today)
    options = {g.indicator: g for g in await latest_deficits(uow, mentee_id)}
    chosen = list(dict.fromkeys(indicators))
    if len(chosen) > GOALS_MAX:
        raise ValidationError("mnt-error-goals-max", max=GOALS_MAX)
    if any(i not in options for i in chosen):
        raise ValidationError("mnt-error-goal-unknown")
    pair = await uow.mentoring.add_pair(
        mentee.person_id, mentor.person_id, mentee.school_id, started_on,
        [options[i] for i in chosen], actor.person_id, now)
    schools = await uow.orgs.get_many([i for i in (mentee.school_id, mentor.school_id) if i])
    await notify(uow, Notification(
        mentee.person_id, "mnt-notice-paired-mentee",
        {"name": mentor.name, "school": _name(schools, mentor.school_id), "start": started_on},
        (OpenMenu(Section.MENTORING),), dedupe_key=f"mnt-paired:{pair.id}:mentee"), now)
    await notify(uow, Notification(
        mentor.person_id, "mnt-notice-paired-mentor",
        {"name": mentee.name, "school": _name(schools, mentee.school_id), "start": started_on},
        (OpenMenu(Section.MENTORING),), dedupe_key=f"mnt-paired:{pair.id}:mentor"), now)
    return pair


def _name(orgs: dict[int, Org], org_id: int | None) -> str | None:
    org = orgs.get(org_id) if org_id else None
    return org.name if org else None
