"""The callback data of the events screens (teachers' and organisers'), in one place: every
module of the package packs and filters them, none imports another for them.

What a button does is an enum (aiogram packs its value and checks it on unpacking), and each
action has its own handler: ``EvOrgCb.filter(F.action == OrgAction.MINE)``. A button whose
value is not one of them (forged, or from a version that had another action) matches no
handler and gets the fallback's «Эта кнопка уже неактуальна»."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from handlers.callbacks import Int32

ANY = "*"


class FilterWhat(StrEnum):
    """Which filter of the catalogue is being chosen."""

    FORM = "form"
    LEVEL = "level"
    MONTH = "month"


class CardFrom(StrEnum):
    """Where an event card's «Назад» leads."""

    CATALOGUE = "l"
    MINE = "m"  # my records
    ORGANISER = "o"  # the organiser's list (``page`` is its page)
    ROUTE = "r"  # a row of the ИОМ (``page`` is the row id)


class RegAction(StrEnum):
    """A teacher's action on an event."""

    REGISTER = "reg"
    CANCEL = "cancel"  # leave, or decline an offered seat
    CONFIRM = "confirm"  # take an offered seat
    ICS = "ics"  # the calendar file
    CHECKIN = "checkin"  # type the check-in code


class MyTab(StrEnum):
    UPCOMING = "up"
    PAST = "past"
    HOURS = "hours"


class OrgAction(StrEnum):
    """The organiser's section."""

    MENU = "menu"
    CREATE = "create"
    MINE = "mine"
    IMPORT = "import"
    TEMPLATE = "template"


class AdmAction(StrEnum):
    """An organiser's action on an event."""

    CARD = "card"
    EDIT = "edit"
    CANCEL = "cancel"  # asks first
    CANCEL_YES = "cancel_yes"
    ATTENDANCE = "att"
    CODE = "code"  # the check-in code
    EXPORT = "export"
    HISTORY = "hist"


class EvListCb(CallbackData, prefix="evl"):
    """A page of the catalogue with its filters (``*`` = any)."""

    page: Int32
    form: str
    level: str
    month: str


class EvFilterCb(CallbackData, prefix="evf"):
    what: FilterWhat
    form: str
    level: str
    month: str


class EvCardCb(CallbackData, prefix="evc"):
    """An event card; ``src`` says where «Назад» leads."""

    event_id: Int32
    src: CardFrom
    page: Int32
    form: str
    level: str
    month: str


class EvActCb(CallbackData, prefix="eva"):
    """A teacher's action on an event, with the card's way back (as in EvCardCb).
    Notification buttons are packed here too (bot.render)."""

    action: RegAction
    event_id: Int32
    src: CardFrom = CardFrom.MINE
    page: Int32 = 0
    form: str = ANY
    level: str = ANY
    month: str = ANY


class EvMyCb(CallbackData, prefix="evm"):
    tab: MyTab
    page: Int32


class EvOrgCb(CallbackData, prefix="evo"):
    action: OrgAction
    page: Int32


class EvAdmCb(CallbackData, prefix="evx"):
    action: AdmAction
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
