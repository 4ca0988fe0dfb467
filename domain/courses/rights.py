"""Who may do what with a course form: the teacher with their own (``FormRights``), the school
coordinator as reviewer, coordinators of a wider scope as readers."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor, is_school_coordinator
from domain.courses.model import CourseForm, FormKind, FormStatus
from domain.entities import Org
from domain.errors import AccessDenied, DomainError

# ---- permissions -------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class FormRights:
    """What the actor may do with a form now as its owner: the card shows only these buttons,
    and the services refuse the rest by the same rules."""

    owner: bool
    fill: bool  # continue a draft or correct a returned form
    delete: bool  # only a draft
    report_from: bool  # an accepted technical assignment starts a report

    @classmethod
    def of(cls, actor: Actor, form: CourseForm) -> FormRights:
        owner = form.person_id == actor.person_id
        return cls(
            owner=owner,
            fill=owner and form.editable,
            delete=owner and form.status is FormStatus.DRAFT,
            report_from=owner and form.kind is FormKind.ASSIGNMENT
            and form.status is FormStatus.ACCEPTED,
        )

    def require_fill(self) -> None:
        if not self.fill:
            raise DomainError("crs-error-not-editable")

    def require_delete(self) -> None:
        if not self.delete:
            raise DomainError("crs-error-not-draft")
