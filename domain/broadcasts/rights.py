"""Who may broadcast to whom. Admins reach the region; coordinators their own scope only.

Audiences arrive from the client (FSM data, callback data): every org is re-checked here, and
an audience outside the sender's scope is refused before anything is counted or sent.
"""

from __future__ import annotations

from domain.access import Actor
from domain.audience import Audience, within_scope
from domain.broadcasts.model import Broadcast, Kind
from domain.enums import Role
from domain.errors import AccessDenied, NotFound
from domain.ports import UnitOfWork


def require_sender(actor: Actor) -> None:
    if not (actor.is_admin or actor.is_coordinator):
        raise AccessDenied()


def kind_for(actor: Actor) -> Kind:
    """The kind recipients can switch off, by the sender's widest role."""
    roles = actor.roles
    if Role.ADMIN in roles or Role.REGIONAL_COORDINATOR in roles:
        return Kind.REGION
    if Role.MUNICIPAL_COORDINATOR in roles:
        return Kind.MUNICIPALITY
    return Kind.SCHOOL


def require_own(actor: Actor, broadcast: Broadcast | None) -> Broadcast:
    """A sender sees their own broadcasts; a forged id of someone else's is not found."""
    if broadcast is None or broadcast.author_id != actor.person_id:
        raise NotFound("bc-error-not-found")
    return broadcast


async def effective_audience(uow: UnitOfWork, actor: Actor, audience: Audience) -> Audience:
    """The audience as it will be queried (``domain.audience.within_scope``): every org inside
    the sender's scope (refused otherwise), a coordinator's empty org filter meaning their
    whole scope."""
    require_sender(actor)
    return await within_scope(uow, actor, audience)
