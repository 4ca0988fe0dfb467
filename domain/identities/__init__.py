"""One profile in several messengers: a person who joined in Telegram (or MAX) links their
account in the other messenger with a one-time code, and keeps one profile, one history.

``start_link`` gives the code (valid ``CODE_TTL``, once); ``complete_link``, called from the
other messenger's account, attaches that account to the person. An account that already has
a profile of its own (consent given) cannot be linked — two profiles are never merged
silently; a bare first contact (``/start`` only, nothing stored) is given up for the link.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from domain.enums import Channel
from domain.errors import DomainError

CODE_TTL = timedelta(minutes=15)
PREFIX = "link-"


class LinkError(DomainError):
    key = "link-error-unknown"


def new_code() -> str:
    return secrets.token_urlsafe(9).replace("-", "x").replace("_", "y")


async def start_link(uow: Any, person: Any, now: datetime) -> tuple[str, datetime]:
    """A one-time code for ``person`` (onboarded); returns (code, expiry)."""
    if person is None or not person.has_consented:
        raise LinkError("link-error-no-profile")
    code = new_code()
    expires = now + CODE_TTL
    await uow.identities.add_code(code, person.id, expires)
    return code, expires


async def complete_link(uow: Any, code: str, channel: Channel, external_id: str,
                        now: datetime) -> int:
    """Attach (channel, external_id) to the code's person; returns their id."""
    code = code.strip().removeprefix(PREFIX)
    taken = await uow.identities.take_code(code)
    if taken is None:
        raise LinkError("link-error-unknown")
    person_id, expires = taken
    if expires < now:
        raise LinkError("link-error-expired")
    owner = await uow.people.get(person_id)
    if owner is None:
        raise LinkError("link-error-unknown")
    if owner.channel == channel and owner.external_id == external_id:
        raise LinkError("link-error-same")
    if await uow.identities.person_of(channel, external_id) is not None:
        raise LinkError("link-error-linked")
    own = await uow.identities.own_row(channel, external_id)
    if own is not None:
        own_id, consented = own
        if consented:
            raise LinkError("link-error-own-profile")
        await uow.identities.drop_person(own_id)
    await uow.identities.link(person_id, channel, external_id, now)
    return int(person_id)
