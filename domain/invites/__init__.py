"""Invite links: who may create them, and what opening one does.

Re-exports ``domain.invites.service`` (the former ``domain/invites.py``)."""

from domain.invites.service import (  # noqa: F401
    DEFAULT_DAYS,
    MAX_DAYS,
    MAX_USES,
    DEFAULT_USES,
    default_uses,
    new_code,
    create_invite,
    _check_usable,
    inspect,
    Redeemed,
    redeem,
    list_mine,
    revoke,
    scope_kind,
    require_grantable,
    scope_options,
)
