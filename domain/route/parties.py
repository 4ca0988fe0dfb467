"""parties"""

from __future__ import annotations

from domain.access import Actor, is_school_coordinator
from domain.entities import Org
from domain.enums import Role
from domain.errors import AccessDenied, DomainError
from domain.route.model import (
    COORDINATOR_EDITABLE,
    Activity,
    ActivityStatus,
    Column,
    Rights,
    Route,
    RouteStatus,
)

# ---- who is who -----------------------------------------------------------------------------


def is_methodist(actor: Actor, school: Org | None) -> bool:
    """A municipal coordinator of the school's municipality, or a regional coordinator (ЦНППМ)
    of its region."""
    if school is None:
        return False
    chain = school.ancestors_and_self()
    return any(
        g.role in (Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_COORDINATOR) and g.org_id in chain
        for g in actor.grants
    )


#: statuses in which the school coordinator shapes the rows: until the route is agreed,
#: reviewing included (002 §V.6: the school fills «Профессиональный дефицит»)
SHAPING = frozenset({RouteStatus.DRAFT, RouteStatus.RETURNED, RouteStatus.SUBMITTED})
SCHOOL_COLUMNS = frozenset({Column.COURSES, Column.SCHOOL, Column.SELF_EDUCATION})
METHODIST_COLUMNS = frozenset({Column.MUNICIPAL, Column.CONSULTATIONS})


def rights(actor: Actor, route: Route, school: Org | None) -> Rights:
    owner = route.person_id == actor.person_id
    view = owner or (school is not None and actor.covers(school))
    school_coord = is_school_coordinator(actor, route.school_id)
    methodist = is_methodist(actor, school)
    columns: set[Column] = set()
    choose: set[Column] = set()
    if route.status in COORDINATOR_EDITABLE:
        if school_coord:
            columns |= SCHOOL_COLUMNS
        if methodist:
            columns |= METHODIST_COLUMNS
        choose |= columns
    if owner and route.teacher_editable:
        columns.add(Column.SELF_EDUCATION)
        choose |= set(Column)  # the teacher's choice among what is offered (§IV.6)
    return Rights(
        view=view,
        owner=owner,
        columns=frozenset(columns),
        choose=frozenset(choose),
        deficits=school_coord and route.status in COORDINATOR_EDITABLE,
        self_analysis=owner and route.status is not RouteStatus.COMPLETED,
        submit=owner and route.teacher_editable,
        review=school_coord and not owner and route.status is RouteStatus.SUBMITTED,
        conclude=school_coord and not owner and route.running,
        carry_out=owner and route.running,
        shape=(owner and route.teacher_editable)
        or (school_coord and not owner and route.status in SHAPING),
        rebuild=owner and route.status is not RouteStatus.COMPLETED,
    )


def own_choice(r: Rights, route: Route, activity: Activity, person_id: int) -> bool:
    """The teacher's own pick (chosen or typed) while they shape the plan: theirs to take out."""
    return r.owner and route.teacher_editable and activity.added_by == person_id


def may_remove(r: Rights, route: Route, activity: Activity, person_id: int) -> bool:
    """Done activities stay (they are the record); the rest go by their column or as the
    teacher's own choice. ``remove_activity`` refuses by the same rule."""
    return activity.status is not ActivityStatus.DONE and (
        activity.column in r.columns or own_choice(r, route, activity, person_id))


def require_column(actor: Actor, route: Route, school: Org | None, column: Column,
                   catalogue: bool = False) -> None:
    """May the actor put an activity into (or take one out of) this column now?"""
    r = rights(actor, route, school)
    if column in (r.choose if catalogue else r.columns):
        return
    _refuse(actor, route, school, r)
    raise AccessDenied("route-error-column-not-yours", column=column.value)


def _refuse(actor: Actor, route: Route, school: Org | None, r: Rights) -> None:
    """The clearest reason first: not yours at all, then a status that forbids editing."""
    if not r.view:
        raise AccessDenied("route-error-not-yours")
    if route.status is RouteStatus.COMPLETED:
        raise DomainError("route-error-completed")
    if r.owner and not route.teacher_editable:
        raise DomainError("route-error-locked", status=route.status.value)
