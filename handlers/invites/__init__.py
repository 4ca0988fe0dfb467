"""Handlers of the invites feature: invite links.

Re-exports the names of the former ``handlers/invites.py`` (now ``screens``); ``router`` holds
the feature's routers in order."""

from handlers.invites.screens import (  # noqa: F401
    InviteForm,
    section_keyboard,
    coordinator_section,
    admin_section,
    choose_role,
    invites_home,
    chose_role,
    _ask_scope,
    scope_search,
    scope_page,
    scope_nav,
    chose_scope,
    _create,
    _describe,
    my_invites,
    revoke,
)
from handlers.invites.screens import router  # noqa: F401
