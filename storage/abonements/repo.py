"""The «методический абонемент» over SQLAlchemy (domain/abonements/ports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement

from domain.abonements.model import (
    OPEN,
    THRESHOLD_DEFAULT,
    Abonement,
    Action,
    Change,
    ChangeKind,
    ChangeStatus,
    HistoryEntry,
    PlanItem,
    Request,
    Row,
    Side,
    Status,
    Transfer,
)
from domain.enums import Role
from domain.events import Hours
from storage.abonements.models import (
    AbonementCampaignRow,
    AbonementChangeRow,
    AbonementHistoryRow,
    AbonementItemRow,
    AbonementRow,
    AbonementTransferRow,
)
from storage.diagnosis.models import DiagAttemptRow, DiagDeficitRow
from storage.events.models import EventAudienceRow, EventRow
from storage.models import OrgRow, PersonRow, RoleGrantRow


def _abonement(row: AbonementRow) -> Abonement:
    return Abonement(
        id=row.id, school_id=row.school_id, municipality_id=row.municipality_id,
        three_party=bool(row.three_party), status=Status(row.status),
        request=Request.from_dict(row.request), created_by=row.created_by,
        created_at=row.created_at, updated_at=row.updated_at, comment=row.comment,
        curator_id=row.curator_id,
        ordered=Hours(row.ordered_in_person or 0.0, row.ordered_remote or 0.0,
                      row.ordered_self_study or 0.0),
        school_year=row.school_year, submitted_at=row.submitted_at,
        accepted_at=row.accepted_at, agreed_at=row.agreed_at,
        threshold=row.threshold_pct if row.threshold_pct is not None else THRESHOLD_DEFAULT)


def _item(row: AbonementItemRow) -> PlanItem:
    return PlanItem(row.id, row.abonement_id, row.event_id,
                    Hours(row.in_person, row.remote, row.self_study), row.planned_on,
                    row.added_by, row.created_at)


def _change(r: AbonementChangeRow) -> Change:
    return Change(
        r.id, r.abonement_id, Hours(r.old_in_person, r.old_remote, r.old_self_study),
        Hours(r.new_in_person, r.new_remote, r.new_self_study), r.reason, Side(r.side),
        ChangeStatus(r.status), r.proposed_by, r.created_at, r.decided_by, r.decided_at,
        ChangeKind(r.kind or ChangeKind.VOLUME.value), tuple(r.old_groups or ()),
        tuple(r.new_groups or ()))


class SqlAbonements:
    """``config_admins``: the (channel, messenger id) of the admins the settings name
    (storage.uow.ConfigAdmins)."""

    def __init__(self, session: AsyncSession,
                 config_admins: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.s = session
        self.config_admins = config_admins

    async def add(self, school_id: int, municipality_id: int | None, three_party: bool,
                  request: Request, created_by: int, now: datetime) -> Abonement:
        row = AbonementRow(
            school_id=school_id, municipality_id=municipality_id, three_party=three_party,
            status=Status.SUBMITTED.value, request=request.to_dict(), created_by=created_by,
            ordered_in_person=0.0, ordered_remote=0.0, ordered_self_study=0.0,
            threshold_pct=THRESHOLD_DEFAULT, created_at=now, updated_at=now, submitted_at=now)
        self.s.add(row)
        await self.s.flush()
        return _abonement(row)

    async def get(self, abonement_id: int) -> Abonement | None:
        row = await self.s.get(AbonementRow, abonement_id)
        return _abonement(row) if row else None

    async def save(self, ab: Abonement, now: datetime) -> None:
        row = await self.s.get(AbonementRow, ab.id)
        assert row is not None
        row.status, row.request, row.comment = ab.status.value, ab.request.to_dict(), ab.comment
        row.curator_id, row.school_year = ab.curator_id, ab.school_year
        row.ordered_in_person = ab.ordered.in_person
        row.ordered_remote = ab.ordered.remote
        row.ordered_self_study = ab.ordered.self_study
        row.submitted_at, row.accepted_at = ab.submitted_at, ab.accepted_at
        row.agreed_at, row.updated_at = ab.agreed_at, now
        row.threshold_pct = ab.threshold
        await self.s.flush()

    async def open_for_school(self, school_id: int) -> Abonement | None:
        row = (await self.s.scalars(
            select(AbonementRow).where(AbonementRow.school_id == school_id,
                                       AbonementRow.status.in_([s.value for s in OPEN]))
            .order_by(AbonementRow.id.desc()).limit(1))).first()
        return _abonement(row) if row else None

    async def listing(self, *, school_ids: Sequence[int] | None,
                      municipality_ids: Sequence[int] | None, curator_id: int | None,
                      status: Status | None, municipality_id: int | None, offset: int,
                      limit: int) -> tuple[list[Row], int]:
        A = AbonementRow
        where: list[ColumnElement[bool]] = []
        scope: list[ColumnElement[bool]] = []
        if school_ids is not None:
            scope.append(A.school_id.in_(list(school_ids)))
        if municipality_ids is not None:
            scope.append(A.municipality_id.in_(list(municipality_ids)))
        if curator_id is not None:
            scope.append(A.curator_id == curator_id)
        if scope:
            where.append(or_(*scope))
        if status is not None:
            where.append(A.status == status.value)
        if municipality_id is not None:
            where.append(A.municipality_id == municipality_id)
        total = int(await self.s.scalar(select(func.count()).select_from(A).where(*where)) or 0)
        school, mun = aliased(OrgRow), aliased(OrgRow)
        rows = (await self.s.execute(
            select(A.id, school.name, mun.name, A.status, A.updated_at, A.three_party)
            .join(school, school.id == A.school_id)
            .outerjoin(mun, mun.id == A.municipality_id)
            .where(*where).order_by(A.updated_at.desc(), A.id.desc())
            .offset(offset).limit(limit))).all()
        return [Row(r[0], r[1], r[2], Status(r[3]), r[4], bool(r[5])) for r in rows], total

    async def add_history(self, entry: HistoryEntry) -> None:
        self.s.add(AbonementHistoryRow(abonement_id=entry.abonement_id,
                                       action=entry.action.value, comment=entry.comment,
                                       actor_id=entry.actor_id, at=entry.at))
        await self.s.flush()

    async def history(self, abonement_id: int) -> list[HistoryEntry]:
        rows = (await self.s.scalars(
            select(AbonementHistoryRow).where(AbonementHistoryRow.abonement_id == abonement_id)
            .order_by(AbonementHistoryRow.id))).all()
        return [HistoryEntry(r.abonement_id, Action(r.action), r.actor_id, r.at, r.comment, r.id)
                for r in rows]

    async def curators(self, region_id: int) -> list[tuple[int, str]]:
        rows = (await self.s.execute(
            select(PersonRow.id, PersonRow.full_name)
            .join(RoleGrantRow, RoleGrantRow.person_id == PersonRow.id)
            .where(RoleGrantRow.role == Role.REGIONAL_COORDINATOR.value,
                   RoleGrantRow.org_id == region_id, PersonRow.consented_at.is_not(None))
            .order_by(PersonRow.name_key, PersonRow.id))).all()
        return list(dict.fromkeys((int(r[0]), r[1] or f"#{r[0]}") for r in rows))

    async def admins(self) -> list[int]:
        """The admin role's holders and the accounts the settings name (ADMIN_IDS,
        MAX_ADMIN_IDS: admins with no role row), each person once."""
        found = list((await self.s.scalars(
            select(RoleGrantRow.person_id).where(RoleGrantRow.role == Role.ADMIN.value))).all())
        if self.config_admins:
            from storage.identities.models import PersonIdentityRow

            def named(table: type[PersonRow] | type[PersonIdentityRow]) -> ColumnElement[bool]:
                return or_(*(and_(table.channel == channel, table.external_id == external_id)
                             for channel, external_id in sorted(self.config_admins)))

            found += (await self.s.scalars(select(PersonRow.id).where(named(PersonRow)))).all()
            found += (await self.s.scalars(select(PersonIdentityRow.person_id)
                                           .where(named(PersonIdentityRow)))).all()
        return sorted({int(r) for r in found})

    async def add_change(self, change: Change) -> Change:
        old, new = change.old, change.new
        row = AbonementChangeRow(
            abonement_id=change.abonement_id, kind=change.kind.value,
            old_in_person=old.in_person, old_remote=old.remote, old_self_study=old.self_study,
            new_in_person=new.in_person, new_remote=new.remote, new_self_study=new.self_study,
            old_groups=list(change.old_groups) or None, new_groups=list(change.new_groups) or None,
            reason=change.reason, side=change.side.value, status=change.status.value,
            proposed_by=change.proposed_by, created_at=change.created_at)
        self.s.add(row)
        await self.s.flush()
        return _change(row)

    async def change(self, change_id: int) -> Change | None:
        row = await self.s.get(AbonementChangeRow, change_id)
        return _change(row) if row else None

    async def changes(self, abonement_id: int) -> list[Change]:
        rows = (await self.s.scalars(
            select(AbonementChangeRow).where(AbonementChangeRow.abonement_id == abonement_id)
            .order_by(AbonementChangeRow.id))).all()
        return [_change(r) for r in rows]

    async def decide_change(self, change_id: int, status: str, by: int, now: datetime
                            ) -> Change:
        row = await self.s.get(AbonementChangeRow, change_id)
        assert row is not None
        row.status, row.decided_by, row.decided_at = status, by, now
        await self.s.flush()
        return _change(row)

    async def diagnoses(self, school_id: int, until: datetime
                        ) -> list[tuple[int, datetime, int, frozenset[str]]]:
        A = DiagAttemptRow
        rows = (await self.s.execute(
            select(A.id, A.person_id, A.completed_at).join(PersonRow, PersonRow.id == A.person_id)
            .where(PersonRow.school_id == school_id, A.completed_at.is_not(None),
                   A.completed_at <= until))).all()
        groups: dict[int, set[str]] = {int(r[0]): set() for r in rows}
        if groups:
            for attempt_id, group in (await self.s.execute(
                    select(DiagDeficitRow.attempt_id, DiagDeficitRow.group_code).distinct()
                    .where(DiagDeficitRow.attempt_id.in_(list(groups))))).all():
                groups[int(attempt_id)].add(group)
        return [(int(r[1]), r[2], int(r[0]), frozenset(groups[int(r[0])])) for r in rows]

    async def in_municipalities(self, municipality_ids: Sequence[int] | None
                                ) -> list[Abonement]:
        q = select(AbonementRow).order_by(AbonementRow.id)
        if municipality_ids is not None:
            q = q.where(AbonementRow.municipality_id.in_(list(municipality_ids)))
        return [_abonement(r) for r in (await self.s.scalars(q)).all()]

    async def campaigns(self, abonement_id: int) -> dict[str, int]:
        rows = (await self.s.execute(
            select(AbonementCampaignRow.stage, AbonementCampaignRow.campaign_id)
            .where(AbonementCampaignRow.abonement_id == abonement_id))).all()
        return {stage: int(campaign_id) for stage, campaign_id in rows}

    async def link_campaign(self, abonement_id: int, stage: str, campaign_id: int,
                            now: datetime) -> None:
        self.s.add(AbonementCampaignRow(abonement_id=abonement_id, stage=stage,
                                        campaign_id=campaign_id, created_at=now))
        await self.s.flush()

    async def items(self, abonement_id: int) -> list[PlanItem]:
        rows = (await self.s.scalars(
            select(AbonementItemRow).where(AbonementItemRow.abonement_id == abonement_id)
            .order_by(AbonementItemRow.id))).all()
        return [_item(r) for r in rows]

    async def item(self, item_id: int) -> PlanItem | None:
        row = await self.s.get(AbonementItemRow, item_id)
        return _item(row) if row else None

    async def add_item(self, abonement_id: int, event_id: int, hours: Hours, planned_on: date,
                       added_by: int, now: datetime) -> PlanItem:
        row = AbonementItemRow(abonement_id=abonement_id, event_id=event_id,
                               in_person=hours.in_person, remote=hours.remote,
                               self_study=hours.self_study, planned_on=planned_on,
                               added_by=added_by, created_at=now)
        self.s.add(row)
        await self.s.flush()
        return _item(row)

    async def remove_item(self, item_id: int) -> None:
        await self.s.execute(delete(AbonementTransferRow)
                             .where(AbonementTransferRow.item_id == item_id))
        await self.s.execute(delete(AbonementItemRow).where(AbonementItemRow.id == item_id))

    async def add_transfer(self, item_id: int, old_on: date, new_on: date, by: int,
                           now: datetime) -> Transfer:
        row = AbonementTransferRow(item_id=item_id, old_on=old_on, new_on=new_on, by=by, at=now)
        self.s.add(row)
        await self.s.flush()
        return Transfer(row.id, row.item_id, row.old_on, row.new_on, row.by, row.at)

    async def transfers(self, abonement_id: int) -> list[Transfer]:
        T, I = AbonementTransferRow, AbonementItemRow
        rows = (await self.s.scalars(
            select(T).join(I, I.id == T.item_id).where(I.abonement_id == abonement_id)
            .order_by(T.id))).all()
        return [Transfer(r.id, r.item_id, r.old_on, r.new_on, r.by, r.at) for r in rows]

    async def school_events(self, school_id: int, start: datetime, end: datetime,
                            exclude: Sequence[int], limit: int) -> list[int]:
        addressed = select(EventAudienceRow.event_id).where(EventAudienceRow.org_id == school_id)
        q = (select(EventRow.id)
             .where(or_(EventRow.organiser_id == school_id, EventRow.id.in_(addressed)),
                    EventRow.status == "published", EventRow.starts_at >= start,
                    EventRow.starts_at < end)
             .order_by(EventRow.starts_at, EventRow.id).limit(limit))
        if exclude:
            q = q.where(EventRow.id.not_in(list(exclude)))
        return [int(i) for i in (await self.s.scalars(q)).all()]
