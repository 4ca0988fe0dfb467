"""The callback data of the events screens (teachers' and organisers'), in one place: every
module of the package packs and filters them, none imports another for them."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import Int32

ANY = "*"


class EvListCb(CallbackData, prefix="evl"):
    """A page of the catalogue with its filters (``*`` = any)."""

    page: Int32
    form: str
    level: str
    month: str


class EvFilterCb(CallbackData, prefix="evf"):
    what: str  # form, level, month
    form: str
    level: str
    month: str


class EvCardCb(CallbackData, prefix="evc"):
    """An event card; ``src`` says where «Назад» leads: l catalogue, m my records, o organiser,
    r a row of the ИОМ (``page`` is the row id)."""

    event_id: Int32
    src: str
    page: Int32
    form: str
    level: str
    month: str


class EvActCb(CallbackData, prefix="eva"):
    """A teacher's action on an event: reg, cancel, confirm, ics, checkin, with the card's way
    back (as in EvCardCb). Notification buttons are packed here too (bot.render)."""

    action: str
    event_id: Int32
    src: str = "m"
    page: Int32 = 0
    form: str = ANY
    level: str = ANY
    month: str = ANY


class EvMyCb(CallbackData, prefix="evm"):
    tab: str  # up, past, hours
    page: Int32


class EvOrgCb(CallbackData, prefix="evo"):
    action: str  # menu, create, mine, import, template
    page: Int32


class EvAdmCb(CallbackData, prefix="evx"):
    """card, edit, cancel, cancel_yes, att, code, export, hist"""

    action: str
    event_id: Int32
    page: Int32


class EvEditCb(CallbackData, prefix="eve"):
    event_id: Int32
    field: str


class EvAttCb(CallbackData, prefix="evt"):
    event_id: Int32
    reg_id: Int32
    page: Int32


class EvChoiceCb(CallbackData, prefix="evs"):
    value: str
