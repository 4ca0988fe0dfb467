"""Who may act on what. Every handler's action is re-checked here: callback data is untrusted."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.entities import Org, RoleGrant
from domain.enums import COORDINATOR_ROLES, ROLE_SCOPE_KIND, Role
from domain.errors import AccessDenied

#: How far each role reaches; a person may grant (invite to) roles of rank ≤ their own.
ROLE_RANK: dict[Role, int] = {
    Role.TEACHER: 0,
    Role.MENTOR: 1,
    Role.SCHOOL_COORDINATOR: 2,
    Role.MUNICIPAL_COORDINATOR: 3,
    Role.REGIONAL_COORDINATOR: 4,
    Role.ADMIN: 5,
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The person behind an update, with everything needed to decide on permissions."""

    person_id: int
    grants: tuple[RoleGrant, ...] = field(default_factory=tuple)
    is_config_admin: bool = False  # listed in ADMIN_IDS

    @property
    def roles(self) -> frozenset[Role]:
        roles = {g.role for g in self.grants}
        if self.is_config_admin:
            roles.add(Role.ADMIN)
        return frozenset(roles)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def is_coordinator(self) -> bool:
        return bool(self.roles & COORDINATOR_ROLES)

    def scope_grants(self) -> list[RoleGrant]:
        """Grants that give authority over an org subtree (coordinator roles)."""
        return [g for g in self.grants if g.role in COORDINATOR_ROLES and g.org_id is not None]

    def covers(self, org: Org) -> bool:
        """True if ``org`` lies inside one of the actor's coordinator scopes (or actor is admin)."""
        if self.is_admin:
            return True
        chain = org.ancestors_and_self()
        return any(g.org_id in chain for g in self.scope_grants())

    def require_covers(self, org: Org) -> None:
        if not self.covers(org):
            raise AccessDenied("error-out-of-scope")

    def require_self(self, person_id: int) -> None:
        """A person acts on their own data only."""
        if person_id != self.person_id:
            raise AccessDenied()

    def max_rank(self) -> int:
        return max((ROLE_RANK[r] for r in self.roles), default=-1)


def grantable_roles(actor: Actor) -> list[Role]:
    """Roles the actor may hand out by invite: admins any; coordinators up to their own rank."""
    if actor.is_admin:
        return list(Role)
    if not actor.is_coordinator:
        return []
    top = max(ROLE_RANK[r] for r in actor.roles if r in COORDINATOR_ROLES)
    return [r for r in Role if r is not Role.ADMIN and ROLE_RANK[r] <= top]


def check_role_scope(role: Role, org: Org | None) -> None:
    """A role's scope must be an org of the kind the role is bound to (a school for teachers…)."""
    kind = ROLE_SCOPE_KIND[role]
    if kind is None:
        if org is not None:
            raise AccessDenied("error-role-scope-kind", role=role.value)
        return
    if org is None:
        raise AccessDenied("error-role-needs-scope", role=role.value)
    # teachers and mentors may be invited at a wider scope: they then pick their school
    if role in (Role.TEACHER, Role.MENTOR):
        return
    if org.kind is not kind:
        raise AccessDenied("error-role-scope-kind", role=role.value)


def require_can_invite(actor: Actor, role: Role, org: Org | None) -> None:
    """Admins and coordinators create invites only for roles and scopes inside their own."""
    check_role_scope(role, org)
    if role not in grantable_roles(actor):
        raise AccessDenied("error-cannot-grant-role", role=role.value)
    if actor.is_admin:
        return
    if org is None or not actor.covers(org):
        raise AccessDenied("error-out-of-scope")


def require_coordinator(actor: Actor) -> None:
    """Sections for coordinators and admins; their data is still filtered by scope."""
    if not (actor.is_coordinator or actor.is_admin):
        raise AccessDenied()


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise AccessDenied()


def is_school_coordinator(actor: Actor, school_id: int | None) -> bool:
    """The school coordinator of this very school (who agrees routes and reviews course
    forms there), as opposed to anyone whose scope merely covers it."""
    return school_id is not None and any(
        g.role is Role.SCHOOL_COORDINATOR and g.org_id == school_id for g in actor.grants
    )
