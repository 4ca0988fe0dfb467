"""The audience of a broadcast as typed filters over the data we hold.

Every filter narrows the audience (AND); the values inside one filter widen it (OR). An
empty filter does not narrow. The query itself runs in SQL (storage/broadcasts/repo.py).
Audiences come back from FSM data and callback data, so :meth:`Audience.from_dict` checks
every value against the closed vocabularies and refuses anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from domain.enums import Category, Position, Role, Status, Subject
from domain.errors import ValidationError

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
