"""Handlers of the events feature: the catalogue, registration, my events and hours (catalogue); organisers' screens (organiser); files (files).

Re-exports the names of the former ``handlers/events.py`` (now ``catalogue``); ``router`` (a ``Routes``)
builds the feature's routers, in order."""

from handlers.events import catalogue as _catalogue
from handlers.events import form as _form
from handlers.events import importing as _importing
from handlers.events import organiser as _organiser
from handlers.events.callbacks import (  # noqa: F401
    ANY,
    AdmAction,
    CardFrom,
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
    FilterWhat,
    MyTab,
    OrgAction,
    RegAction,
)
from handlers.events.catalogue import (  # noqa: F401
    CheckinForm,
    _card_back,
    _filter_of,
    calendar_file,
    card_cb,
    checkin,
    checkin_cancel,
    checkin_cancel_command,
    checkin_code,
    checkin_not_text,
    confirm_offer,
    event_card,
    event_text,
    events_filter,
    events_menu,
    events_page,
    fmt_short,
    hours_text,
    leave,
    list_cb,
    my_hours,
    my_records,
    register,
    render_card,
    render_catalogue,
    seats_text,
    sessions_text,
    status_text,
)
from handlers.routing import Routes

router = Routes("events-feature", _catalogue.router, _form.router, _importing.router,
                _organiser.router)
