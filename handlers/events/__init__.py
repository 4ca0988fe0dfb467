"""Handlers of the events feature: the catalogue, registration, my events and hours (catalogue); organisers' screens (organiser); files (files).

Re-exports the names of the former ``handlers/events.py`` (now ``catalogue``); ``router`` holds
the feature's routers in order."""

from aiogram import Router

from handlers.events.catalogue import (  # noqa: F401
    CheckinForm,
    list_cb,
    card_cb,
    fmt_short,
    hours_text,
    seats_text,
    status_text,
    sessions_text,
    event_text,
    render_card,
    _filter_of,
    render_catalogue,
    events_menu,
    events_page,
    events_filter,
    event_card,
    event_action,
    _card_back,
    checkin_code,
    checkin_cancel,
    checkin_cancel_command,
    checkin_not_text,
    my_records,
)
from handlers.events.callbacks import (  # noqa: F401
    ANY,
    EvActCb,
    EvAdmCb,
    EvAttCb,
    EvCardCb,
    EvChoiceCb,
    EvEditCb,
    EvFilterCb,
    EvListCb,
    EvMyCb,
    EvOrgCb,
)
from handlers.events import catalogue as _catalogue
from handlers.events import organiser as _organiser

router = Router(name="events-feature")
router.include_routers(_catalogue.router, _organiser.router)
