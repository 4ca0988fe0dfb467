"""Who may do what with an abonement: one object asked by the screens and the services
(callback data can be forged, so every service checks again)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.abonements.model import DIAGNOSING, PLANNING, Abonement, Status
from domain.access import Actor, is_school_coordinator
from domain.enums import Role


def is_municipal_coordinator(actor: Actor, municipality_id: int | None) -> bool:
    return municipality_id is not None and any(
        g.role is Role.MUNICIPAL_COORDINATOR and g.org_id == municipality_id
        for g in actor.grants)


def is_curator(actor: Actor, ab: Abonement) -> bool:
    return ab.curator_id is not None and ab.curator_id == actor.person_id


@dataclass(frozen=True, slots=True)
class Rights:
    view: bool = False
    edit: bool = False  # the school edits and sends a returned request again
    municipal: bool = False  # the municipality agrees or returns
    centre: bool = False  # the centre accepts (curator, volume, year) or returns
    sign: bool = False  # the centre marks the agreement signed
    plan: bool = False  # the curator adds, removes and transfers plan events
    start: bool = False
    complete: bool = False
    document: bool = False  # the agreement's DOCX
    #: the curator or the centre launches the staff's diagnosis (the school coordinator does
    #: not: the diagnosis of the staff is the centre's part, 000 §III; the school follows it)
    diagnose: bool = False

    @classmethod
    def of(cls, actor: Actor, ab: Abonement) -> Rights:
        school = is_school_coordinator(actor, ab.school_id)
        municipal = is_municipal_coordinator(actor, ab.municipality_id)
        curator = is_curator(actor, ab)
        admin = actor.is_admin
        view = school or municipal or curator or admin
        runs = curator or admin
        return cls(
            view=view,
            edit=school and ab.status is Status.RETURNED,
            municipal=municipal and ab.with_municipality(),
            centre=admin and ab.with_centre(),
            sign=admin and ab.status is Status.ACCEPTED,
            plan=runs and ab.status in PLANNING,
            start=runs and ab.status is Status.AGREED,
            complete=runs and ab.status is Status.RUNNING,
            document=view and ab.curator_id is not None and ab.school_year is not None,
            diagnose=runs and any(ab.status in s for s in DIAGNOSING.values()),
        )


__all__ = ["Rights", "is_curator", "is_municipal_coordinator"]
