"""Typed, short callback data. Never trusted: the domain re-checks every id it names."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    to: str  # home, diagnosis, route, events, courses, profile, help, coordinator, admin


class ConsentCb(CallbackData, prefix="c"):
    answer: str  # yes, no


class NavCb(CallbackData, prefix="n"):
    action: str  # back, cancel, done, confirm, skip, reset


class PickOrgCb(CallbackData, prefix="o"):
    org_id: int


class PageCb(CallbackData, prefix="p"):
    page: int


class ChoiceCb(CallbackData, prefix="ch"):
    value: str


class EditCb(CallbackData, prefix="e"):
    field: str


class LangCb(CallbackData, prefix="l"):
    code: str


class ForgetCb(CallbackData, prefix="f"):
    answer: str  # yes, no


class InviteRoleCb(CallbackData, prefix="ir"):
    role: str


class InviteScopeCb(CallbackData, prefix="is"):
    org_id: int


class InviteRevokeCb(CallbackData, prefix="iv"):
    invite_id: int
