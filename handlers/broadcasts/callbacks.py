"""Callback data of the broadcasts screens (short prefixes, never trusted: the domain
re-checks every id)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import Int32


class BcCb(CallbackData, prefix="bc"):
    """A sender's screens: a = list, new, card, preview, send, …; id = broadcast id."""

    a: str
    id: Int32 = 0
    v: str = ""


class BcAudCb(CallbackData, prefix="bca"):
    """Audience editing: d = dimension, v = value (toggled)."""

    id: Int32
    d: str
    v: str = ""


class BcMsgCb(CallbackData, prefix="bcm"):
    """Buttons under a received broadcast: reg (register for event ``id``), off (stop
    broadcasts like broadcast ``id``)."""

    a: str
    id: Int32


class BcPrefCb(CallbackData, prefix="bcp"):
    """Profile: announcements on/off per kind."""

    k: str = ""
