"""Every CallbackData of the courses feature (the teacher's forms and the coordinator's review).
What a button does is a closed vocabulary (a ``StrEnum``): each value has its own handler
(``Cb.filter(F.action == Action.X)``); a forged value matches none and meets the fallback's
«Эта кнопка уже неактуальна»."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import Int32


class MenuTo(StrEnum):
    HOME = "home"  # the teacher's list «Курсы и отчёты» (a page of it)
    NEW_ASSIGNMENT = "new_assignment"
    NEW_REPORT = "new_report"
    QUEUE = "queue"  # the coordinator's queue (a page of it)


class CrsMenuCb(CallbackData, prefix="crm"):
    to: MenuTo
    page: Int32 = 0


class FormAction(StrEnum):
    """The teacher's own form."""

    OPEN = "open"
    FILL = "fill"  # continue a draft / correct a returned form
    SUBMIT = "submit"
    DELETE = "delete"  # asks to confirm
    DELETE_YES = "delete_yes"
    REPORT_FROM = "report_from"  # a report from an approved technical assignment
    FILE = "file"  # the certificate
    HISTORY = "history"


class CrsFormCb(CallbackData, prefix="crf"):
    action: FormAction
    form_id: Int32


class StepAction(StrEnum):
    """A button of a step (the form engine's own and the course form's)."""

    PICK = "pick"
    TOG = "tog"
    DONE = "done"
    BACK = "back"
    CANCEL = "cancel"
    KEEP = "keep"
    SKIP = "skip"
    CONFIRM = "confirm"
    LINK = "link"  # a linked technical assignment as the programme
    EVENT = "event"  # a catalogue course as the programme
    ADD = "add"  # internships: add, delete one, none at all
    DEL = "del"
    NONE = "none"
    DAY = "day"  # the date picker: a day, another month
    MONTH = "month"


class CrsStepCb(CallbackData, prefix="crp"):
    """A button of the step being asked; ``step`` tells a stale button from a current one."""

    step: str
    action: StepAction
    value: str = ""


class CrsEditCb(CallbackData, prefix="cre"):
    """Change one field from the summary card."""

    form_id: Int32
    field: str


class ReviewAction(StrEnum):
    """The coordinator's side."""

    OPEN = "open"
    ACCEPT = "accept"  # asks to confirm
    ACCEPT_YES = "accept_yes"
    RETURN = "return"  # asks for the comment
    HISTORY = "history"
    FILE = "file"


class CrsReviewCb(CallbackData, prefix="crv"):
    action: ReviewAction
    form_id: Int32
