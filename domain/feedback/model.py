"""Feedback after an event (seed 000 §5.4, the control-and-evaluation block): a short form
each attendee gets once attendance is marked. The form is data: a template per event form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

SCORE_MIN, SCORE_MAX = 1, 5
TEXT_MAX = 1000
COMMENTS_SHOWN = 10  # the latest comments on the organiser's screen


class Step(StrEnum):
    """What the attendee is asked; the order of a template's steps."""

    USEFULNESS = "usefulness"  # 1–5 by buttons, required
    APPLY = "apply"  # what they will apply in class (text, optional)
    COMMENT = "comment"  # a comment (text, optional)
    DONE = "done"


TEXT_STEPS = (Step.APPLY, Step.COMMENT)


@dataclass(frozen=True, slots=True)
class Template:
    """A feedback form: its code, the steps in order, which may be skipped, and whether the
    organiser sees the comments without names."""

    code: str
    steps: tuple[Step, ...]
    optional: frozenset[Step]
    anonymous: bool

    def after(self, step: Step) -> Step:
        if step not in self.steps:
            return self.steps[0] if self.steps else Step.DONE
        i = self.steps.index(step)
        return self.steps[i + 1] if i + 1 < len(self.steps) else Step.DONE


#: The templates, as data. Keys are event forms (domain.events.EventForm values); "default"
#: serves any other form.
TEMPLATES: dict[str, Template] = {
    "default": Template("default", (Step.USEFULNESS, Step.APPLY, Step.COMMENT),
                        frozenset({Step.APPLY, Step.COMMENT}), anonymous=True),
    # a course: the listener's name matters to the organiser (who to help with the report)
    "course": Template("course", (Step.USEFULNESS, Step.APPLY, Step.COMMENT),
                       frozenset({Step.APPLY, Step.COMMENT}), anonymous=False),
    # a consultation is personal: how useful, and a comment
    "consultation": Template("consultation", (Step.USEFULNESS, Step.COMMENT),
                             frozenset({Step.COMMENT}), anonymous=False),
}


def template_for(form: str) -> Template:
    return TEMPLATES.get(form, TEMPLATES["default"])


def template_of(code: str) -> Template:
    return TEMPLATES.get(code, TEMPLATES["default"])


@dataclass(slots=True)
class Feedback:
    id: int
    event_id: int
    person_id: int
    template: str
    step: Step
    usefulness: int | None = None
    apply: str | None = None
    comment: str | None = None
    created_at: datetime | None = None
    done_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.step is Step.DONE


@dataclass(frozen=True, slots=True)
class Comment:
    name: str | None  # None when the template is anonymous
    usefulness: int | None
    apply: str | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class Figures:
    """How many were asked, how many scored, the average score (None when nobody did)."""

    asked: int = 0
    answered: int = 0
    average: float | None = None


@dataclass(frozen=True, slots=True)
class EventFeedback:
    event_title: str
    organiser: str
    anonymous: bool
    event: Figures
    by_organiser: Figures
    events_of_organiser: int
    comments: list[Comment]
