"""Handlers of the invites feature: invite links.

Re-exports the names of the former ``handlers/invites.py`` (now ``screens``); ``router`` holds
the feature's routers in order."""

from handlers.invites.screens import (  # noqa: F401
    FORM,
    InviteForm,
    _created,
    _describe,
    admin_section,
    choose_role,
    chose_role,
    coordinator_section,
    invites_home,
    my_invites,
    revoke,
    router,
    section_keyboard,
)
