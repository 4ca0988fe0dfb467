"""Roles without the shell: who holds which role in a scope (coordinators see their scope,
admins any), and an admin finds a person and grants or revokes a role with a scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.access import Actor, check_role_scope, require_admin, require_coordinator
from domain.entities import Org
from domain.enums import ROLE_SCOPE_KIND, Role
from domain.errors import DomainError, NotFound, ValidationError

if TYPE_CHECKING:
    from domain.ports import UnitOfWork

SEARCH_LIMIT = 8
HOLDERS_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Holder:
    person_id: int
    name: str
    role: Role
    org_id: int
    org_name: str


@dataclass(frozen=True, slots=True)
class Found:
    person_id: int
    name: str
    external_id: str
    school: str | None


def roles_for(org: Org) -> list[Role]:
    """Roles an admin gives at an org of this kind (the teacher role follows the profile's
    school, so it is not handed out here)."""
    return [r for r, kind in ROLE_SCOPE_KIND.items()
            if kind is org.kind and r is not Role.TEACHER]


async def _org(uow: UnitOfWork, actor: Actor, org_id: int) -> Org:
    require_coordinator(actor)
    org = await uow.orgs.get(org_id)
    if org is None:
        raise NotFound("terr-error-no-org")
    actor.require_covers(org)
    return org


async def holders(uow: UnitOfWork, actor: Actor, org_id: int
                  ) -> tuple[Org, list[Holder], int]:
    """Coordinator roles (and mentors) at the org and inside it; teachers are counted only
    (they are the list «Мои педагоги»)."""
    org = await _org(uow, actor, org_id)
    found, total = await uow.territory.holders(org, HOLDERS_LIMIT)
    return org, found, total


async def find_people(uow: UnitOfWork, actor: Actor, query: str | None) -> list[Found]:
    require_admin(actor)
    from domain.territory.services import clean_query

    cleaned = clean_query(query)
    if cleaned is None:
        raise ValidationError("terr-error-query-empty")
    return await uow.territory.find_people(cleaned, SEARCH_LIMIT)


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise DomainError("error-choice-unknown") from None


async def change(uow: UnitOfWork, actor: Actor, person_id: int, role: str, org_id: int,
                 grant: bool) -> bool:
    """Grant (or revoke) ``role`` at the org; False when nothing changed."""
    require_admin(actor)
    chosen = _role(role)
    if chosen is Role.TEACHER or chosen is Role.ADMIN:
        raise DomainError("error-choice-unknown")
    org = await uow.orgs.get(org_id)
    if org is None:
        raise NotFound("terr-error-no-org")
    check_role_scope(chosen, org)
    person = await uow.people.get(person_id)
    if person is None or not person.has_consented:
        raise NotFound("terr-error-no-teacher")
    if grant:
        return await uow.people.add_grant(person.id, chosen, org.id)
    return await uow.people.remove_grant(person.id, chosen, org.id)


__all__ = ["Found", "Holder", "change", "find_people", "holders", "roles_for"]
