"""Invite links: who may create them, and what opening one does."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.access import Actor, grantable_roles, require_can_invite
from domain.entities import Invite, Org, Person
from domain.enums import COORDINATOR_ROLES, ROLE_SCOPE_KIND, OrgKind, Role
from domain.errors import AccessDenied, InviteError, NotFound, ValidationError
from domain.orgs import OrgPage, browse
from domain.ports import UnitOfWork

DEFAULT_DAYS = 14
MAX_DAYS = 365
MAX_USES = 10_000
#: Coordinator invites are personal by default; teacher invites are for a staff room.
DEFAULT_USES: dict[Role, int] = {
    Role.TEACHER: 200,
    Role.MENTOR: 20,
}


def default_uses(role: Role) -> int:
    return DEFAULT_USES.get(role, 1)


def new_code() -> str:
    # 16 url-safe characters: allowed in /start payloads (A-Z a-z 0-9 _ -), unguessable
    return secrets.token_urlsafe(12)


async def create_invite(
    uow: UnitOfWork,
    actor: Actor | None,
    role: Role,
    org_id: int | None,
    now: datetime,
    days: int = DEFAULT_DAYS,
    uses: int | None = None,
) -> Invite:
    """``actor`` is None for the operator's command line, which may invite anyone anywhere."""
    org: Org | None = None
    if org_id is not None:
        org = await uow.orgs.get(org_id)
        if org is None:
            raise NotFound("error-org-not-found")
    uses = default_uses(role) if uses is None else uses
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError("invite-error-days", max=MAX_DAYS)
    if not 1 <= uses <= MAX_USES:
        raise ValidationError("invite-error-uses", max=MAX_USES)
    if actor is not None:
        require_can_invite(actor, role, org)
    else:
        require_can_invite(Actor(person_id=0, is_config_admin=True), role, org)
    return await uow.invites.add(
        code=new_code(),
        role=role,
        org_id=org_id,
        created_by=actor.person_id if actor else None,
        expires_at=now + timedelta(days=days),
        max_uses=uses,
        now=now,
    )


def _check_usable(invite: Invite | None, now: datetime) -> Invite:
    if invite is None:
        raise InviteError("invite-unknown")
    if invite.revoked_at is not None:
        raise InviteError("invite-revoked")
    if invite.expires_at <= now:
        raise InviteError("invite-expired")
    if invite.uses >= invite.max_uses:
        raise InviteError("invite-used-up")
    return invite


async def inspect(uow: UnitOfWork, code: str, now: datetime) -> Invite:
    """Look an invite up without using it (before consent nothing is written)."""
    code = (code or "").strip()
    if not code or len(code) > 64:
        raise InviteError("invite-unknown")
    return _check_usable(await uow.invites.get_by_code(code), now)


@dataclass(frozen=True, slots=True)
class Redeemed:
    invite: Invite
    org: Org | None
    #: the org the person's school must lie in (None: anywhere)
    scope_org_id: int | None
    already_had: bool


async def redeem(uow: UnitOfWork, person: Person, code: str, now: datetime) -> Redeemed:
    """Use one seat of an invite; coordinator roles are granted at once.

    Teacher and mentor roles are granted when the person's school is known (at the end of
    onboarding, or at once if the invite names a school and the profile is complete).
    A person who already holds the role does not use up a seat.
    """
    invite = await inspect(uow, code, now)
    org = await uow.orgs.get(invite.org_id) if invite.org_id else None
    holds = {(g.role, g.org_id) for g in person.grants}
    already = (invite.role, invite.org_id) in holds
    if not already and not await uow.invites.consume(invite.id, now):
        # somebody else took the last seat between our check and now
        raise InviteError("invite-used-up")
    if invite.role in COORDINATOR_ROLES or invite.role is Role.ADMIN:
        await uow.people.add_grant(person.id, invite.role, invite.org_id)
    elif person.is_onboarded and org is not None and org.kind is OrgKind.SCHOOL:
        await uow.people.add_grant(person.id, Role.TEACHER, org.id)
        if invite.role is Role.MENTOR:
            await uow.people.add_grant(person.id, Role.MENTOR, org.id)
    return Redeemed(invite=invite, org=org, scope_org_id=invite.org_id, already_had=already)


async def list_mine(uow: UnitOfWork, actor: Actor, now: datetime) -> list[Invite]:
    return await uow.invites.list_by_creator(actor.person_id, now)


async def revoke(uow: UnitOfWork, actor: Actor, invite_id: int, now: datetime) -> Invite:
    """The creator may revoke; so may anyone whose scope covers the invite's org."""
    invite = await uow.invites.get(invite_id)
    if invite is None:
        raise NotFound("error-not-found")
    if invite.created_by != actor.person_id and not actor.is_admin:
        org = await uow.orgs.get(invite.org_id) if invite.org_id else None
        if org is None or not actor.covers(org):
            raise AccessDenied()
    await uow.invites.revoke(invite.id, now)
    return invite


def scope_kind(role: Role) -> OrgKind | None:
    """The kind of org an invite for ``role`` names; teachers are invited to a school."""
    return ROLE_SCOPE_KIND[role]


def require_grantable(actor: Actor, role: Role) -> None:
    if role not in grantable_roles(actor):
        raise AccessDenied("error-cannot-grant-role", role=role.value)


async def scope_options(
    uow: UnitOfWork, actor: Actor, role: Role, query: str | None, page: int
) -> tuple[OrgPage, list[Org]]:
    """Orgs the actor may name in an invite for ``role``: a page to pick from, plus the
    actor's own wider scopes (a teacher invite for «any school of the municipality»)."""
    require_grantable(actor, role)
    kind = scope_kind(role)
    if kind is None:
        return OrgPage(items=[], total=0, page=0), []
    within = None if actor.is_admin else [g.org_id for g in actor.scope_grants() if g.org_id]
    result = await browse(uow, kind, None, query, page, within=within)
    wider: list[Org] = []
    if role in (Role.TEACHER, Role.MENTOR) and within:
        orgs = await uow.orgs.get_many(within)
        wider = [o for o in orgs.values() if o.kind is not OrgKind.SCHOOL]
    return result, wider
