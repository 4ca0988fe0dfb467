"""Every CallbackData of the courses feature (the teacher's forms and the coordinator's review)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import Int32


class CrsMenuCb(CallbackData, prefix="crm"):
    to: str  # home, new_assignment, new_report, queue
    page: Int32 = 0


class CrsFormCb(CallbackData, prefix="crf"):
    """The teacher's own form: open, fill (continue / correct), submit, delete, history…"""

    action: str
    form_id: Int32


class CrsStepCb(CallbackData, prefix="crp"):
    """A button of the step being asked; ``step`` tells a stale button from a current one."""

    step: str
    action: str  # pick, tog, done, back, cancel, keep, skip, link, add, del, none
    value: str = ""


class CrsEditCb(CallbackData, prefix="cre"):
    """Change one field from the summary card."""

    form_id: Int32
    field: str


class CrsReviewCb(CallbackData, prefix="crv"):
    """The coordinator's side: open, accept, accept_yes, return, history, file."""

    action: str
    form_id: Int32
