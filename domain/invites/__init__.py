"""Invite links: who may create them, and what opening one does.

Re-exports ``domain.invites.service`` (the former ``domain/invites.py``)."""

from domain.invites.service import (  # noqa: F401
    DEFAULT_DAYS,
    DEFAULT_USES,
    MAX_DAYS,
    MAX_USES,
    Redeemed,
    _check_usable,
    create_invite,
    default_uses,
    inspect,
    list_mine,
    new_code,
    redeem,
    require_grantable,
    revoke,
    scope_kind,
    scope_options,
)
