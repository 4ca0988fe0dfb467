"""access"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.access import Actor
from domain.entities import Org
from domain.enums import OrgKind
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events.model import (
    AUDIENCE_MAX,
    LEVEL_ORG_KIND,
    Event,
    EventDraft,
    EventLevel,
    Viewer,
)
from domain.ports import UnitOfWork

# ---- permissions ----------------------------------------------------------------------------


def require_organiser(actor: Actor, organiser: Org) -> None:
    """Admins anywhere; coordinators for organisers inside their scope."""
    if not (actor.is_admin or actor.is_coordinator):
        raise AccessDenied()
    actor.require_covers(organiser)


def can_organise(actor: Actor, organiser: Org) -> bool:
    return (actor.is_admin or actor.is_coordinator) and actor.covers(organiser)


def levels_for(actor: Actor, scope_orgs: Iterable[Org]) -> list[EventLevel]:
    """Levels the actor can organise at: an admin all; a coordinator its scope kind and below."""
    if actor.is_admin:
        return list(EventLevel)
    kinds = {o.kind for o in scope_orgs}
    out = []
    if OrgKind.REGION in kinds:
        out.append(EventLevel.REGIONAL)
    if kinds & {OrgKind.REGION, OrgKind.MUNICIPALITY}:
        out.append(EventLevel.MUNICIPAL)
    if kinds:
        out.append(EventLevel.SCHOOL)
    return [lvl for lvl in EventLevel if lvl in out]


async def scope_orgs(uow: UnitOfWork, actor: Actor) -> list[Org]:
    ids = [g.org_id for g in actor.scope_grants() if g.org_id is not None]
    found = await uow.orgs.get_many(ids)
    return [found[i] for i in sorted(found)]


async def scope_ids(uow: UnitOfWork, actor: Actor) -> list[int] | None:
    """Org ids whose subtrees the actor manages; None for an admin (everything)."""
    if actor.is_admin:
        return None
    return sorted({g.org_id for g in actor.scope_grants() if g.org_id is not None})


async def check_draft(
    uow: UnitOfWork, actor: Actor, draft: EventDraft, now: datetime, *, new: bool = True
) -> Org:
    """Completeness and coherence of a draft; returns the organiser org."""
    missing = [
        name for name, ok in (
            ("title", draft.title), ("form", draft.form), ("level", draft.level),
            ("organiser", draft.organiser_id), ("sessions", draft.sessions),
            ("hours", draft.hours.total > 0),
        ) if not ok
    ]
    if missing:
        raise ValidationError("ev-error-incomplete", field=missing[0])
    assert draft.level is not None and draft.organiser_id is not None
    organiser = await uow.orgs.get(draft.organiser_id)
    if organiser is None:
        raise NotFound("error-org-not-found")
    if organiser.kind is not LEVEL_ORG_KIND[draft.level]:
        raise ValidationError("ev-error-organiser-kind")
    require_organiser(actor, organiser)
    if not draft.place and not draft.online_url:
        raise ValidationError("ev-error-place-or-link")
    first = min(s.starts_at for s in draft.sessions)
    if draft.deadline is not None and draft.deadline > first:
        raise ValidationError("ev-error-deadline-after-start")
    if new and first <= now:
        raise ValidationError("ev-error-session-past", line=1)
    if not draft.audience:
        draft.audience = [organiser.id]
    if len(draft.audience) > AUDIENCE_MAX:
        raise ValidationError("ev-error-audience-many", max=AUDIENCE_MAX)
    found = await uow.orgs.get_many(draft.audience)
    for org_id in draft.audience:
        org = found.get(org_id)
        if org is None:
            raise NotFound("error-org-not-found")
        if organiser.id not in org.ancestors_and_self():
            raise ValidationError("ev-error-audience-outside", org=org.name)
    return organiser


# ---- who sees what --------------------------------------------------------------------------


async def viewer(uow: UnitOfWork, person_id: int) -> Viewer:
    """The school, municipality and region of a person (an event is visible if its audience
    names one of them) and their profile (an event for a subgroup of a school's staff)."""
    person = await uow.people.get(person_id)
    if person is None:
        return Viewer(frozenset())
    # a coordinator also sees what is offered inside its scope; the orgs in one statement
    own = [person.profile.school_id, person.profile.municipality_id,
           *(grant.org_id for grant in person.grants)]
    found = await uow.orgs.get_many(sorted({org_id for org_id in own if org_id}))
    ids: set[int] = set()
    for org in found.values():
        ids |= org.ancestors_and_self()
    profile = person.profile
    return Viewer(frozenset(ids), profile.school_id,
                  profile.position.value if profile.position else None,
                  frozenset(profile.subjects))


async def _event(uow: UnitOfWork, event_id: int) -> Event:
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    return event


async def _organiser_of(uow: UnitOfWork, event: Event) -> Org:
    org = await uow.orgs.get(event.organiser_id)
    if org is None:
        raise NotFound("error-org-not-found")
    return org


async def require_manage(uow: UnitOfWork, actor: Actor, event: Event) -> Org:
    organiser = await _organiser_of(uow, event)
    require_organiser(actor, organiser)
    return organiser
