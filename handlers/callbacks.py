"""Typed, short callback data. Never trusted: the domain re-checks every id it names."""

from __future__ import annotations

import functools
from typing import Annotated, Any

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

#: Every number in callback data (an id, a page, an index). A forged value that no INTEGER
#: column can hold does not unpack: the fallback answers it as a stale button instead of the
#: query failing in the database (asyncpg refuses ids beyond 32 bits, SQLite beyond 64).
Int32 = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]


def packed(cls: type[CallbackData], **fields: Any) -> str:
    """``cls(**fields).pack()``, remembered: a catalogue page packs a dozen buttons that are
    the same for everyone who opens it, and each one was a validated model and a dump
    (~8 µs). Values are told apart by type too (``1``, ``True`` and ``1.0`` pack differently)."""
    return _packed(cls, tuple((name, type(value), value) for name, value in fields.items()))


@functools.lru_cache(maxsize=8192)
def _packed(cls: type[CallbackData], items: tuple[tuple[str, type, Any], ...]) -> str:
    return cls(**{name: value for name, _, value in items}).pack()


class MenuCb(CallbackData, prefix="m"):
    to: str  # home, diagnosis, route, events, courses, profile, help, coordinator, admin


class ConsentCb(CallbackData, prefix="c"):
    answer: str  # yes, no


class NavCb(CallbackData, prefix="n"):
    action: str  # back, cancel, done, confirm, skip, reset


class PickOrgCb(CallbackData, prefix="o"):
    org_id: Int32


class PageCb(CallbackData, prefix="p"):
    page: Int32


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
    org_id: Int32


class InviteRevokeCb(CallbackData, prefix="iv"):
    invite_id: Int32


# ---- broadcasts (handlers/broadcasts): other features link to them (an event's «announce»,
# the profile's announcement preferences, the admin's menu)

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


# ---- «Моя территория» (handlers/territory): the coordinator's and admin's menus link to it


class TerrCb(CallbackData, prefix="ter"):
    """a: home, dash, units, charts, xlsx, list, card, nudge, search, reset.
    Every id is re-checked in the domain (a forged one is refused)."""

    a: str
    org: Int32 = 0
    id: Int32 = 0
    f: str = "all"
    page: Int32 = 0


# ---- documents: feedback after an event and certificates (handlers/feedback,
# handlers/certificates); the events organiser's card and the notices link to them


class FbCb(CallbackData, prefix="fb"):
    """a: open, score (v = 1..5), skip (v = the step), event (id = event id: the organiser's
    view). Every id is re-checked in the domain."""

    a: str
    id: Int32 = 0
    v: str = ""


class CertCb(CallbackData, prefix="crt"):
    """a: get (id = certificate id), mine (id = event id), all (id = event id: the organiser
    issues them all), verify (asks for a number)."""

    a: str
    id: Int32 = 0


class CampCb(CallbackData, prefix="cp"):
    """Monitoring campaigns (handlers/campaigns): a participant's card (the invitation's
    «Пройти» links here), the set-up steps, the coordinators' screens."""

    a: str
    id: Int32 = 0
    org: Int32 = 0
    v: str = ""


class RouteRowCb(CallbackData, prefix="rtr"):
    """A row of the ИОМ (handlers/route): where «Назад» on an event card opened from the ИОМ
    leads (the card's ``src`` is «r» and its ``page`` carries the row id)."""

    row: Int32


class MntPropCb(CallbackData, prefix="mpr"):
    """A mentor's proposal to the mentee's ИОМ (handlers/mentoring/proposals): the notice's
    «Принять» (ok) / «Отклонить» (no) link here. a: list (id = pair), new (id = pair), kind,
    row, month (v = the value), ok, no, nor (declined without a reason; id = proposal)."""

    a: str
    id: Int32 = 0
    v: str = ""


class AbCb(CallbackData, prefix="ab"):
    """«Методический абонемент» (handlers/abonements): a = home, list, card, agree, return,
    accept, sign, start, done, docx, plan, add, item, rm, mv, chg (changes), chp / ctp (propose
    a volume / topics), ctt / ctd (tick a group / done), chy / chn, …; id = an abonement or a plan
    item; v = a filter or a choice. Every id is re-checked in the domain; the municipality's
    notice links to «open», «agree» and «return»."""

    a: str
    id: Int32 = 0
    v: str = ""
    page: Int32 = 0


class ExtCb(CallbackData, prefix="xd"):
    """External diagnostics (handlers/external): ``a`` = new (one's own), pick (the
    coordinator's teacher list), t (a teacher's results, ``id``: the person), n (a new result
    for the person ``id``), ed (correct the result ``id``); every id re-checked by the domain."""

    a: str
    id: Int32 = 0


class GrCb(CallbackData, prefix="grp"):
    """The group ИОМ (handlers/group_route): a = list, new, sug, grp, tgl, next, dtitle, per,
    open, add, col, due, duem, hrs, mem, mtg, tbl, mbr, xlsx, end, act, done, undo, evd, file,
    leave, leaveok; id = a group route; v = an activity or a person; x = an indicator, group,
    column, hours, a picked day or a shown month (due, duem), or the member whose evidence file
    the coordinator opens (file). Every id is re-checked in the domain."""

    a: str
    id: Int32 = 0
    v: Int32 = 0
    x: str = ""
