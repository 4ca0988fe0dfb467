"""Handlers of the invites feature: invite links.

Re-exports the names of the former ``handlers/invites.py`` (now ``screens``); ``router`` holds
the feature's routers in order."""

from handlers.invites.screens import (  # noqa: F401
    InviteForm,
    _ask_scope,
    _create,
    _describe,
    admin_section,
    choose_role,
    chose_role,
    chose_scope,
    coordinator_section,
    invites_home,
    my_invites,
    revoke,
    router,
    scope_nav,
    scope_page,
    scope_search,
    section_keyboard,
)
