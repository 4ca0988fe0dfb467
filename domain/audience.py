"""An audience as typed filters over the data we hold: who a broadcast (domain/broadcasts)
or a monitoring campaign (domain/campaigns) reaches. One model, one SQL query
(storage/audience.py), one scope rule (:func:`within_scope`).

Every filter narrows the audience (AND); the values inside one filter widen it (OR). An
empty filter does not narrow. Audiences come back from FSM data and callback data, so
:meth:`Audience.from_dict` checks every value against the closed vocabularies and refuses
anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from domain.access import Actor
from domain.entities import Org
from domain.enums import Category, Position, Role, Status, Subject
from domain.errors import AccessDenied, ValidationError
from domain.ports import UnitOfWork

COMPETENCE_GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")


class RouteFilter(StrEnum):
    """ИОМ status of the teacher's latest route."""

    NONE = "none"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"  # approved or being carried out
    OVERDUE = "overdue"  # an activity past its due date, not done


class EventRelation(StrEnum):
    REGISTERED = "registered"  # holds a seat (confirmed or offered)
    WAITLISTED = "waitlisted"
    ATTENDED = "attended"
    NOT_ATTENDED = "not_attended"  # held a seat, no attendance recorded


#: the dimensions a sender can filter on, in the order the screen shows them
DIMENSIONS = ("orgs", "roles", "positions", "subjects", "categories", "statuses", "deficits",
              "routes", "event", "consent")

VOCABULARY: dict[str, tuple[str, ...]] = {
    "roles": tuple(r.value for r in Role),
    "positions": tuple(p.value for p in Position),
    "subjects": tuple(s.value for s in Subject),
    "categories": tuple(c.value for c in Category),
    "statuses": tuple(s.value for s in Status),
    "deficits": (*COMPETENCE_GROUPS, "never"),
    "routes": tuple(r.value for r in RouteFilter),
}

MAX_ORGS = 200


@dataclass(frozen=True, slots=True)
class Audience:
    orgs: tuple[int, ...] = ()  # org subtrees (a region, a municipality, a school)
    roles: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    #: a deficit in one of these competence groups in the latest diagnosis; "never": never
    #: diagnosed
    deficits: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    event_id: int | None = None
    event_relation: str | None = None
    #: only people who gave consent to personal-data processing (always on for broadcasts
    #: by coordinators; an admin may include everyone who started the bot)
    consent_only: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    # ---- editing ------------------------------------------------------------------------

    def toggle(self, dimension: str, value: str) -> Audience:
        if dimension not in VOCABULARY:
            raise ValidationError("error-choice-unknown")
        if value not in VOCABULARY[dimension]:
            raise ValidationError("error-choice-unknown")
        current: tuple[str, ...] = getattr(self, dimension)
        new = tuple(v for v in current if v != value) if value in current else (*current, value)
        return replace(self, **{dimension: tuple(v for v in VOCABULARY[dimension] if v in new)})

    def toggle_org(self, org_id: int) -> Audience:
        if org_id in self.orgs:
            return replace(self, orgs=tuple(o for o in self.orgs if o != org_id))
        if len(self.orgs) >= MAX_ORGS:
            raise ValidationError("bc-error-too-many-orgs", limit=MAX_ORGS)
        return replace(self, orgs=(*self.orgs, org_id))

    def with_event(self, event_id: int | None, relation: str | None) -> Audience:
        if event_id is None or relation is None:
            return replace(self, event_id=None, event_relation=None)
        if relation not in {r.value for r in EventRelation}:
            raise ValidationError("error-choice-unknown")
        return replace(self, event_id=int(event_id), event_relation=relation)

    def is_empty(self) -> bool:
        return not any(getattr(self, d) for d in DIMENSIONS[:-3]) and self.event_id is None

    # ---- storing ------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "orgs": list(self.orgs), "roles": list(self.roles),
            "positions": list(self.positions), "subjects": list(self.subjects),
            "categories": list(self.categories), "statuses": list(self.statuses),
            "deficits": list(self.deficits), "routes": list(self.routes),
            "event_id": self.event_id, "event_relation": self.event_relation,
            "consent_only": self.consent_only,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Audience:
        """Refuses values outside the vocabularies (``ValidationError``)."""
        data = dict(data or {})
        try:
            orgs = tuple(int(o) for o in data.get("orgs") or ())
            values: dict[str, tuple[str, ...]] = {}
            for dim, allowed in VOCABULARY.items():
                chosen = [str(v) for v in data.get(dim) or ()]
                if any(v not in allowed for v in chosen):
                    raise ValidationError("error-choice-unknown")
                values[dim] = tuple(v for v in allowed if v in chosen)
            event_id = data.get("event_id")
            relation = data.get("event_relation")
            if (event_id is None) != (relation is None):
                raise ValidationError("error-choice-unknown")
            if relation is not None and relation not in {r.value for r in EventRelation}:
                raise ValidationError("error-choice-unknown")
            if len(orgs) > MAX_ORGS:
                raise ValidationError("bc-error-too-many-orgs", limit=MAX_ORGS)
            return cls(orgs=orgs, event_id=int(event_id) if event_id is not None else None,
                       event_relation=relation, consent_only=bool(data.get("consent_only", True)),
                       **values)
        except (TypeError, ValueError) as exc:
            raise ValidationError("error-choice-unknown") from exc


def scope_orgs(actor: Actor) -> tuple[int, ...]:
    """The roots of a coordinator's scopes (empty for an admin: everything)."""
    return tuple(sorted({g.org_id for g in actor.scope_grants() if g.org_id is not None}))


async def within_scope(uow: UnitOfWork, actor: Actor, audience: Audience) -> Audience:
    """The audience as it will be queried: every org inside the actor's scope (refused
    otherwise), a coordinator's empty org filter meaning their whole scope. Admins reach
    everyone (and may include people who have not consented); coordinators only consented
    people of their scope."""
    if audience.orgs:
        found = await uow.orgs.get_many(list(audience.orgs))
        if len(found) != len(set(audience.orgs)):
            raise AccessDenied("error-out-of-scope")
        for org in found.values():
            actor.require_covers(org)
    if actor.is_admin:
        return audience
    if not audience.consent_only:
        raise AccessDenied()
    if not audience.orgs:
        scope = scope_orgs(actor)
        if not scope:
            raise AccessDenied("error-out-of-scope")
        return replace(audience, orgs=scope)
    return audience


def reaches(audience_orgs: dict[int, Org], actor: Actor, scope: dict[int, Org]
            ) -> tuple[bool, bool]:
    """(inside, overlaps) for a stored audience's org filter and a coordinator's scope roots:
    *inside* — every org of the audience lies in the actor's scope (an admin: always); *overlaps*
    — some of the people it reaches are in the actor's scope (an org of the audience inside the
    scope, or one that contains a scope root; no org filter: the whole region)."""
    if actor.is_admin:
        return True, True
    if not scope:
        return False, False
    if not audience_orgs:
        return False, True
    inside = all(actor.covers(o) for o in audience_orgs.values())
    overlaps = inside or any(
        actor.covers(o) or o.id in root.ancestors_and_self()
        for o in audience_orgs.values() for root in scope.values())
    return inside, overlaps
