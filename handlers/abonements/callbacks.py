"""Callback data of the abonement screens that no other feature links to (``AbCb``, which the
notices and the coordinator's menu link to, is in handlers/callbacks.py)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import Int32


class AbFormCb(CallbackData, prefix="abf"):
    """A step of the request form: s = the step the button belongs to (a stale one is
    noticed), a = pick, done, back, cancel, skip, keep, edit, send; v = the value picked."""

    s: str
    a: str
    v: str = ""


class AbAcceptCb(CallbackData, prefix="aba"):
    """The centre's acceptance: a = cur (v = person id), year (v = the year), keep (the hours
    asked), go, cancel; id = the abonement (checked again against the conversation's)."""

    a: str
    id: Int32
    v: str = ""


class AbDiagCb(CallbackData, prefix="abd"):
    """Launching the staff's diagnosis: a = q (a quick deadline, v = days), day (v = the day
    picked), mon (v = the month shown), re (another deadline), go; id = the abonement and
    s = the stage, both checked against the conversation's (a stale button is noticed)."""

    a: str
    id: Int32
    s: str
    v: str = ""


__all__ = ["AbAcceptCb", "AbDiagCb", "AbFormCb"]
