"""rights"""

from __future__ import annotations

from domain.access import Actor
from domain.entities import Org
from domain.enums import Role
from domain.errors import AccessDenied
from domain.courses.model import CourseForm, FormStatus


# ---- permissions -------------------------------------------------------------------------


def is_school_coordinator(actor: Actor, school_id: int | None) -> bool:
    return school_id is not None and any(
        g.role is Role.SCHOOL_COORDINATOR and g.org_id == school_id for g in actor.grants
    )


def can_read(actor: Actor, form: CourseForm, school: Org | None) -> bool:
    if form.person_id == actor.person_id:
        return True
    if form.status is FormStatus.DRAFT:
        return False  # a draft is the teacher's own business
    return school is not None and actor.covers(school)


def can_review(actor: Actor, form: CourseForm) -> bool:
    return (
        form.status is FormStatus.SUBMITTED
        and form.person_id != actor.person_id
        and is_school_coordinator(actor, form.school_id)
    )


def require_reviewer(actor: Actor, form: CourseForm, school: Org | None) -> None:
    if form.person_id == actor.person_id:
        raise AccessDenied("crs-error-own-form")
    if is_school_coordinator(actor, form.school_id):
        return
    if school is not None and actor.covers(school):
        raise AccessDenied("crs-error-review-school-only")
    raise AccessDenied("error-out-of-scope")
