"""SQLAlchemy implementations of the domain's repositories. Rows never leave this module."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from domain.entities import Invite, Notification, Org, Person, Profile, RoleGrant
from domain.enums import Category, Channel, Education, OrgKind, Position, Role
from domain.notifications import encode_params, encode_targets
from domain.people import CONSENT_VERSION
from storage.models import InviteRow, OrgRow, OutboxRow, PersonRow, RoleGrantRow
from storage.names import name_key
from storage.people_cache import PeopleCache, changed_here, people_changed, people_seen
from storage.read_model import ReadModel
from storage.scopes import in_subtrees, org_from_row  # noqa: F401  (re-exported)

EXPORT_FIELDS = (
    "id", "channel", "external_id", "consented_at", "consent_version", "profile_completed_at",
    "full_name", "school_id", "municipality_id", "position", "subjects", "experience_years",
    "category", "statuses", "education", "locale", "blocked_at", "created_at", "last_seen_at",
)


def person_from_row(row: PersonRow) -> Person:
    profile = Profile(
        full_name=row.full_name,
        municipality_id=row.municipality_id,
        school_id=row.school_id,
        position=Position(row.position) if row.position else None,
        subjects=list(row.subjects or []),
        experience_years=row.experience_years,
        category=Category(row.category) if row.category else None,
        statuses=list(row.statuses or []),
        education=Education(row.education) if row.education else None,
    )
    return Person(
        id=row.id,
        channel=Channel(row.channel),
        external_id=row.external_id,
        consented_at=row.consented_at,
        profile_completed_at=row.profile_completed_at,
        profile=profile,
        locale=row.locale,
        blocked_at=row.blocked_at,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        grants=[RoleGrant(role=Role(g.role), org_id=g.org_id, id=g.id) for g in row.grants],
    )


def invite_from_row(row: InviteRow) -> Invite:
    return Invite(
        id=row.id,
        code=row.code,
        role=Role(row.role),
        org_id=row.org_id,
        created_by=row.created_by,
        expires_at=row.expires_at,
        max_uses=row.max_uses,
        uses=row.uses,
        revoked_at=row.revoked_at,
        created_at=row.created_at,
    )


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


class SqlPeople:
    """``cache``: ``get`` from memory when trusted (storage/people_cache.py)."""

    def __init__(self, session: AsyncSession, cache: PeopleCache | None = None) -> None:
        self.s = session
        self.cache = cache

    async def _row(self, person_id: int) -> PersonRow | None:
        return await self.s.get(PersonRow, person_id)

    async def _with_grants(self, person_id: int) -> PersonRow | None:
        # the person and their roles in one round trip (none if the session holds the row)
        return await self.s.get(PersonRow, person_id, options=[joinedload(PersonRow.grants)])

    async def get(self, person_id: int) -> Person | None:
        cache = self.cache
        if cache is None or changed_here(self.s.sync_session):
            row = await self._with_grants(person_id)
            return person_from_row(row) if row else None
        person = cache.by_id(person_id)
        if person is None:
            generation = cache.generation
            row = await self._with_grants(person_id)
            if row is None:
                return None
            person = person_from_row(row)
            if not changed_here(self.s.sync_session):
                cache.put(person.channel.value, person.external_id, person, generation)
        return person

    async def get_many(self, ids: Sequence[int]) -> dict[int, Person]:
        """Several people in one query (a page of a list), by id."""
        if not ids:
            return {}
        rows = await self.s.scalars(select(PersonRow).where(PersonRow.id.in_(set(ids))))
        return {row.id: person_from_row(row) for row in rows}

    async def get_by_external(self, channel: Channel, external_id: str) -> Person | None:
        # every update starts here: the person and their roles in one round trip
        result = await self.s.execute(
            select(PersonRow)
            .options(joinedload(PersonRow.grants))
            .where(PersonRow.channel == channel.value, PersonRow.external_id == external_id)
        )
        row = result.unique().scalar_one_or_none()
        if row is None:  # an account linked to a person of another messenger
            from storage.identities.models import PersonIdentityRow

            result = await self.s.execute(
                select(PersonRow)
                .options(joinedload(PersonRow.grants))
                .join(PersonIdentityRow, PersonIdentityRow.person_id == PersonRow.id)
                .where(PersonIdentityRow.channel == channel.value,
                       PersonIdentityRow.external_id == external_id)
            )
            row = result.unique().scalar_one_or_none()
        return person_from_row(row) if row else None

    async def create(self, channel: Channel, external_id: str, now: datetime) -> Person:
        row = PersonRow(
            channel=channel.value, external_id=external_id, created_at=now, subjects=[],
            statuses=[], grants=[],
        )
        self.s.add(row)
        await self.s.flush()
        return person_from_row(row)

    async def set_consent(self, person_id: int, at: datetime | None) -> None:
        await self.s.execute(
            update(PersonRow)
            .where(PersonRow.id == person_id)
            .values(consented_at=at, consent_version=CONSENT_VERSION if at else None)
            .execution_options(**people_changed(person_id))
        )

    async def save_profile(
        self, person_id: int, profile: Profile, completed_at: datetime | None
    ) -> None:
        await self.s.execute(
            update(PersonRow)
            .where(PersonRow.id == person_id)
            .values(
                full_name=profile.full_name,
                name_key=name_key(profile.full_name) if profile.full_name else None,
                municipality_id=profile.municipality_id,
                school_id=profile.school_id,
                position=profile.position.value if profile.position else None,
                subjects=list(profile.subjects),
                experience_years=profile.experience_years,
                category=profile.category.value if profile.category else None,
                statuses=list(profile.statuses),
                education=profile.education.value if profile.education else None,
                profile_completed_at=completed_at,
            )
            .execution_options(**people_changed(person_id))
        )

    async def set_locale(self, person_id: int, locale: str | None) -> None:
        await self.s.execute(
            update(PersonRow).where(PersonRow.id == person_id).values(locale=locale)
            .execution_options(**people_changed(person_id))
        )

    async def add_grant(self, person_id: int, role: Role, org_id: int | None) -> bool:
        exists = await self.s.scalar(
            select(RoleGrantRow.id).where(
                RoleGrantRow.person_id == person_id,
                RoleGrantRow.role == role.value,
                RoleGrantRow.org_id.is_(None) if org_id is None else RoleGrantRow.org_id == org_id,
            )
        )
        if exists:
            return False
        self.s.add(RoleGrantRow(person_id=person_id, role=role.value, org_id=org_id))
        await self.s.flush()
        return True

    async def remove_grant(self, person_id: int, role: Role, org_id: int | None) -> bool:
        result = await self.s.execute(
            delete(RoleGrantRow).where(
                RoleGrantRow.person_id == person_id,
                RoleGrantRow.role == role.value,
                RoleGrantRow.org_id.is_(None) if org_id is None else RoleGrantRow.org_id == org_id,
            ).execution_options(**people_changed(person_id))
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def set_blocked(self, person_id: int, at: datetime | None) -> None:
        await self.s.execute(
            update(PersonRow).where(PersonRow.id == person_id).values(blocked_at=at)
            .execution_options(**people_changed(person_id))
        )

    async def touch(self, person_id: int, at: datetime) -> None:
        await self.s.execute(
            update(PersonRow).where(PersonRow.id == person_id).values(last_seen_at=at)
            .execution_options(**people_seen(person_id, at))
        )

    async def delete(self, person_id: int) -> None:
        """Erase the person from every table (storage/personal_data.py)."""
        from storage.personal_data import PersonalData

        await PersonalData(self.s).erase(person_id)
        self.s.expunge_all()

    async def export(self, person_id: int) -> dict[str, Any]:
        row = await self._row(person_id)
        if row is None:
            return {}
        person = {f: _iso(getattr(row, f)) for f in EXPORT_FIELDS}
        org_ids = [i for i in (row.school_id, row.municipality_id) if i]
        org_ids += [g.org_id for g in row.grants if g.org_id]
        orgs = await SqlOrgs(self.s).get_many(org_ids)
        roles = [
            {
                "role": g.role,
                "org_id": g.org_id,
                "org": orgs[g.org_id].name if g.org_id in orgs else None,
                "granted_at": _iso(g.created_at),
            }
            for g in row.grants
        ]
        invites = (
            await self.s.scalars(select(InviteRow).where(InviteRow.created_by == person_id))
        ).all()
        messages = (
            await self.s.scalars(
                select(OutboxRow).where(OutboxRow.person_id == person_id).order_by(OutboxRow.id)
            )
        ).all()
        from storage.personal_data import PersonalData

        found = PersonalData(self.s)
        return {
            "person": person,
            # every row the person owns, in every feature's tables, histories and snapshots
            # included (roles and notifications to them have their own sections)
            "records": await found.records(person_id, skip={"role_grants", "outbox"}),
            # what they did in others' records (decisions, comments, uploads, edits)
            "authored": await found.authored(person_id),
            # others' notifications that name them (a coordinator's alert about their form)
            "named_in_notifications": await found.named_in(person_id),
            "school": orgs[row.school_id].name if row.school_id in orgs else None,
            "municipality": orgs[row.municipality_id].name
            if row.municipality_id in orgs
            else None,
            "roles": roles,
            "invites_created": [
                {
                    "role": i.role,
                    "org_id": i.org_id,
                    "created_at": _iso(i.created_at),
                    "expires_at": _iso(i.expires_at),
                    "uses": i.uses,
                    "max_uses": i.max_uses,
                }
                for i in invites
            ],
            "notifications": [
                {
                    "key": m.key,
                    "params": m.params,
                    "status": m.status,
                    "created_at": _iso(m.created_at),
                    "sent_at": _iso(m.sent_at),
                }
                for m in messages
            ],
        }


class SqlOrgs:
    """``reads``: ``get_many`` from memory when trusted (storage/read_model.py)."""

    def __init__(self, session: AsyncSession, reads: ReadModel | None = None) -> None:
        self.s = session
        self.reads = reads

    async def get(self, org_id: int) -> Org | None:
        row = await self.s.get(OrgRow, org_id)
        return org_from_row(row) if row else None

    async def get_many(self, ids: Sequence[int]) -> dict[int, Org]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        if self.reads is None:
            return await self._get_many(ids)
        return dict(await self.reads.read(self.s, "orgs", tuple(ids),
                                          lambda: self._get_many(ids)))  # Org is frozen

    async def _get_many(self, ids: list[int]) -> dict[int, Org]:
        rows = (await self.s.scalars(select(OrgRow).where(OrgRow.id.in_(ids)))).all()
        return {r.id: org_from_row(r) for r in rows}

    async def page(
        self,
        kind: OrgKind,
        parent_id: int | None,
        query: str | None,
        offset: int,
        limit: int,
        within: Sequence[int] | None = None,
    ) -> tuple[list[Org], int]:
        cond = [OrgRow.kind == kind.value]
        if parent_id is not None:
            cond.append(OrgRow.parent_id == parent_id)
        if within is not None:
            cond.append(in_subtrees(within))
        if query:
            words = name_key(query).split()
            cond.extend(OrgRow.name_key.contains(w, autoescape=True) for w in words)
        where = and_(*cond)
        total = await self.s.scalar(select(func.count()).select_from(OrgRow).where(where)) or 0
        rows = (
            await self.s.scalars(
                select(OrgRow).where(where).order_by(OrgRow.name_key, OrgRow.id)
                .offset(offset).limit(limit)
            )
        ).all()
        return [org_from_row(r) for r in rows], total

    async def find(self, name_or_id: str) -> list[Org]:
        text = name_or_id.strip()
        if text.isdigit():
            org = await self.get(int(text))
            return [org] if org else []
        rows = (
            await self.s.scalars(
                select(OrgRow).where(OrgRow.name_key == name_key(text)).order_by(OrgRow.id)
            )
        ).all()
        return [org_from_row(r) for r in rows]

    async def ensure(self, kind: OrgKind, name: str, parent: Org | None) -> tuple[Org, bool]:
        """Get or create an org by (kind, parent, name); the bool says whether it was created."""
        clean = " ".join(name.split())
        parent_id = parent.id if parent else None
        row = await self.s.scalar(
            select(OrgRow).where(
                OrgRow.kind == kind.value,
                OrgRow.name_key == name_key(clean),
                OrgRow.parent_id.is_(None) if parent_id is None else OrgRow.parent_id == parent_id,
            )
        )
        if row is not None:
            return org_from_row(row), False
        region_id = municipality_id = None
        if parent is not None:
            if parent.kind is OrgKind.REGION:
                region_id = parent.id
            elif parent.kind is OrgKind.MUNICIPALITY:
                municipality_id, region_id = parent.id, parent.region_id
        row = OrgRow(
            kind=kind.value, name=clean, name_key=name_key(clean), parent_id=parent_id,
            municipality_id=municipality_id, region_id=region_id,
        )
        self.s.add(row)
        await self.s.flush()
        return org_from_row(row), True


class SqlInvites:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def add(
        self,
        code: str,
        role: Role,
        org_id: int | None,
        created_by: int | None,
        expires_at: datetime,
        max_uses: int,
        now: datetime,
    ) -> Invite:
        row = InviteRow(
            code=code, role=role.value, org_id=org_id, created_by=created_by,
            expires_at=expires_at, max_uses=max_uses, uses=0, created_at=now,
        )
        self.s.add(row)
        await self.s.flush()
        return invite_from_row(row)

    async def get(self, invite_id: int) -> Invite | None:
        row = await self.s.get(InviteRow, invite_id)
        return invite_from_row(row) if row else None

    async def get_by_code(self, code: str) -> Invite | None:
        row = await self.s.scalar(select(InviteRow).where(InviteRow.code == code))
        return invite_from_row(row) if row else None

    async def consume(self, invite_id: int, now: datetime) -> bool:
        """Atomic: two people racing for the last seat cannot both get it."""
        result = await self.s.execute(
            update(InviteRow)
            .where(
                InviteRow.id == invite_id,
                InviteRow.uses < InviteRow.max_uses,
                InviteRow.revoked_at.is_(None),
                InviteRow.expires_at > now,
            )
            .values(uses=InviteRow.uses + 1)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def revoke(self, invite_id: int, now: datetime) -> None:
        await self.s.execute(
            update(InviteRow).where(InviteRow.id == invite_id).values(revoked_at=now)
        )

    async def list_by_creator(self, person_id: int, now: datetime) -> list[Invite]:
        rows = (
            await self.s.scalars(
                select(InviteRow)
                .where(
                    InviteRow.created_by == person_id,
                    InviteRow.revoked_at.is_(None),
                    InviteRow.expires_at > now,
                    InviteRow.uses < InviteRow.max_uses,
                )
                .order_by(InviteRow.id.desc())
                .limit(20)
            )
        ).all()
        return [invite_from_row(r) for r in rows]


class SqlOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def add(self, notification: Notification, now: datetime) -> bool:
        values = {
            "person_id": notification.person_id,
            "key": notification.key,
            "params": encode_params(notification.params),
            "buttons": encode_targets(notification.targets),
            "dedupe_key": notification.dedupe_key,
            "status": "pending",
            "attempts": 0,
            "not_before": notification.not_before or now,
            "created_at": now,
        }
        dialect = self.s.bind.dialect.name if self.s.bind else "sqlite"
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(OutboxRow).values(**values)
        if notification.dedupe_key:
            stmt = stmt.on_conflict_do_nothing(index_elements=["dedupe_key"])
        result = await self.s.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def recorded(self, dedupe_keys: Sequence[str]) -> set[str]:
        """Which of these dedupe keys are in the outbox already (one query per 500): a tick
        skips them instead of re-issuing an INSERT … ON CONFLICT DO NOTHING each time."""
        keys = list(dict.fromkeys(dedupe_keys))
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            found.update(await self.s.scalars(
                select(OutboxRow.dedupe_key).where(OutboxRow.dedupe_key.in_(keys[i:i + 500]))))
        return found


__all__ = ["SqlInvites", "SqlOrgs", "SqlOutbox", "SqlPeople", "name_key"]
