"""The answers of a course form as typed data: ``AssignmentAnswers`` (the technical assignment,
annex 1) and ``ReportAnswers`` (the course report, annex 2), pydantic models over the JSON kept
in the form's row.

The stored JSON keeps its shape: a field is in it once it has been answered, and an optional
step answered «no» is kept as an explicit ``null`` / ``[]`` («не проходил», «без стажировки»),
so «answered» is «set» (``model_fields_set``). ``load_answers`` validates what storage holds: a
field that does not fit its type (a hand-edited row, a bug of an older version) is dropped and
logged, so the teacher is simply asked it again instead of meeting a traceback. Every change of
a field is validated too (``validate_assignment``)."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as Invalid

from domain.competences import COMPETENCE_GROUPS, CompetenceGroup
from domain.courses.model import (
    ASSIGNMENT_STEPS,
    DIFF_PREFIX,
    MULTI_STEPS,
    PREFILLED,
    RECOMMEND_MIN_PERCENT,
    REPORT_STEPS,
    Attestation,
    Education,
    FileMeta,
    FormKind,
)

log = logging.getLogger(__name__)


class Internship(BaseModel):
    """One internship of a course (annex 2): where, how many hours, what was done."""

    model_config = ConfigDict(frozen=True)

    place: str
    hours: int = Field(ge=1)
    activity: str


class InternshipDraft(BaseModel):
    """An internship being entered, one step at a time (the place first, then the hours)."""

    model_config = ConfigDict(frozen=True)

    place: str
    hours: int | None = Field(default=None, ge=1)


class Answers(BaseModel):
    """What both forms hold: the three fields the profile fills in and the programme (typed,
    a linked technical assignment's, or a catalogue course named by ``event_id``)."""

    model_config = ConfigDict(validate_assignment=True, extra="ignore")

    kind: ClassVar[FormKind]
    #: the steps of the form, in order, before the conditional ones
    base_steps: ClassVar[tuple[str, ...]]

    full_name: str | None = None
    workplace: str | None = None
    position: str | None = None
    program: str | None = None
    event_id: int | None = None

    # ---- the answers as stored ---------------------------------------------------------

    def has(self, name: str) -> bool:
        """Was the field answered (a «no» to an optional step counts)?"""
        return name in self.model_fields_set

    def forget(self, *names: str) -> None:
        """The fields are asked again: back to unanswered (and out of the stored JSON)."""
        for name in names:
            info = type(self).model_fields[name]
            setattr(self, name, info.get_default(call_default_factory=True))
            self.model_fields_set.discard(name)

    def stored(self) -> dict[str, Any]:
        """The JSON kept in the form's row: the answered fields only."""
        return self.model_dump(mode="json", exclude_unset=True)

    def changed(self) -> Any:
        """A copy to change (the form's own answers stay as read)."""
        return self.model_copy(deep=True)

    def sent(self) -> Any:
        """The answers as they are sent for review (without work in progress)."""
        return self.changed()

    def value(self, step: str) -> Any:
        """The answer of a step (the summary card shows every step this way)."""
        return getattr(self, step, None)

    # ---- the steps ---------------------------------------------------------------------

    def steps(self) -> list[str]:
        """The steps of the form, in order, for the answers given so far."""
        return list(self.base_steps)

    def is_answered(self, step: str) -> bool:
        if step in MULTI_STEPS or step == "attestation_other":
            return bool(getattr(self, step, None))
        # optional steps are answered with an explicit None / [] («не проходил», «без
        # стажировки»)
        return self.has(step)

    def missing(self) -> list[str]:
        return [s for s in self.steps() if not self.is_answered(s)]

    def next_step(self, after: str | None) -> str | None:
        """The first unanswered step after ``after`` (or from the start); None when all are."""
        order = self.steps()
        start = order.index(after) + 1 if after in order else 0
        for step in order[start:] + order[:start]:
            if not self.is_answered(step):
                return step
        return None

    def asked_steps(self, prefilled: Collection[str] = PREFILLED) -> list[str]:
        """The steps a teacher is walked through, for the step counter: the form's steps less
        the ones the profile fills in (``prefilled``: those it gave for this person; they are
        changed from the summary card)."""
        return [s for s in self.steps() if not (s in prefilled and self.is_answered(s))]


class AssignmentAnswers(Answers):
    """The technical assignment (annex 1): then one «directions of difficulty» step per marked
    competence group (``diff_<group>``)."""

    kind = FormKind.ASSIGNMENT
    base_steps = ASSIGNMENT_STEPS

    education: Education | None = None
    diploma_number: str | None = None
    diploma_date: date | None = None
    specialty: str | None = None
    position_years: int | None = Field(default=None, ge=0)
    age: int | None = Field(default=None, ge=0)
    groups: list[CompetenceGroup] = Field(default_factory=list)
    difficulties: dict[CompetenceGroup, str] = Field(default_factory=dict)

    def steps(self) -> list[str]:
        return [*self.base_steps,
                *(DIFF_PREFIX + g for g in COMPETENCE_GROUPS if g in self.groups)]

    def difficulty(self, step: str) -> str | None:
        """The answer of a ``diff_<group>`` step."""
        return self.difficulties.get(CompetenceGroup(step[len(DIFF_PREFIX):]))

    def value(self, step: str) -> Any:
        return self.difficulty(step) if step.startswith(DIFF_PREFIX) else super().value(step)

    def is_answered(self, step: str) -> bool:
        if step.startswith(DIFF_PREFIX):
            return bool(self.difficulty(step))
        return super().is_answered(step)


class ReportAnswers(Answers):
    """The course report (annex 2); «attestation_other» is asked only when «другое» is marked."""

    kind = FormKind.REPORT
    base_steps = REPORT_STEPS

    start_date: date | None = None
    end_date: date | None = None
    hours: int | None = Field(default=None, ge=1)
    input_percent: float | None = Field(default=None, ge=0, le=100)
    repeat_percent: float | None = Field(default=None, ge=0, le=100)
    internships: list[Internship] = Field(default_factory=list)
    internship_draft: InternshipDraft | None = None
    attestation: list[Attestation] = Field(default_factory=list)
    attestation_other: str | None = None
    competences: list[CompetenceGroup] = Field(default_factory=list)
    certificate_number: str | None = None
    certificate_file: FileMeta | None = None
    recommendation: bool | None = None

    def steps(self) -> list[str]:
        wanted = list(self.base_steps)
        if Attestation.OTHER not in self.attestation:
            wanted.remove("attestation_other")
        return wanted

    def sent(self) -> ReportAnswers:
        answers: ReportAnswers = self.changed()
        answers.forget("internship_draft")
        return answers

    @property
    def internship_hours(self) -> int:
        return sum(i.hours for i in self.internships)

    @property
    def recommendation_allowed(self) -> bool:
        """A recommendation for dissemination of experience needs a sufficient subject level
        on the input test (95–100 %) and an open-lesson fragment at the final attestation
        (001 §5)."""
        return (self.input_percent is not None
                and self.input_percent >= RECOMMEND_MIN_PERCENT
                and Attestation.OPEN_LESSON in self.attestation)

    def drop_stale_recommendation(self) -> None:
        """A «yes» that no longer holds is asked again rather than silently changed."""
        if self.recommendation is True and not self.recommendation_allowed:
            self.forget("recommendation")


ANSWERS: dict[FormKind, type[AssignmentAnswers | ReportAnswers]] = {
    FormKind.ASSIGNMENT: AssignmentAnswers,
    FormKind.REPORT: ReportAnswers,
}
FormAnswers = AssignmentAnswers | ReportAnswers


def new_answers(kind: FormKind) -> FormAnswers:
    return ANSWERS[kind]()


def load_answers(kind: FormKind, raw: Any, form_id: int | None = None) -> FormAnswers:
    """The answers of a form as storage keeps them, validated. A field that does not fit is
    dropped (and logged): the teacher is asked it again; anything else loads as it is."""
    model = ANSWERS[kind]
    data = dict(raw) if isinstance(raw, Mapping) else {}
    if raw is not None and not isinstance(raw, Mapping):
        log.warning("course form %s: answers are not an object, ignored", form_id)
    while True:
        try:
            return model.model_validate(data)
        except Invalid as err:
            bad = {str(e["loc"][0]) for e in err.errors() if e["loc"]} & set(data)
            if not bad:  # not a field's fault: start afresh rather than fail
                log.warning("course form %s: answers unreadable, ignored", form_id)
                return model()
            log.warning("course form %s: stored answers %s are invalid, asked again",
                        form_id, sorted(bad))
            for key in bad:
                data.pop(key)
