"""Recording, verifying and finding professional activity. A teacher records; a coordinator
whose scope holds the teacher's school accepts or returns with a comment; accepted practice
forms the bank, searchable by competence group and subject."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from domain.access import Actor
from domain.activity.model import (
    ABSTRACT_MAX,
    COMMENT_MAX,
    GROUPS,
    LINK_MAX,
    TITLE_MAX,
    ActivityFigures,
    BankItem,
    Draft,
    Kind,
    Record,
    RecordStatus,
)
from domain.entities import Notification, Org
from domain.enums import OrgKind, Role
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork

#: how far back a record may go (a certification period is five years)
PAST_YEARS = 5
_MAX_SCHOOLS = 100_000


def check_title(text: str) -> str:
    title = " ".join(text.split())
    if len(title) < 3:
        raise ValidationError("act-error-title-short")
    if len(title) > TITLE_MAX:
        raise ValidationError("act-error-title-long", max=TITLE_MAX, length=len(title))
    return title


def check_abstract(text: str) -> str:
    abstract = text.strip()
    if len(abstract) < 10:
        raise ValidationError("act-error-abstract-short")
    if len(abstract) > ABSTRACT_MAX:
        raise ValidationError("act-error-abstract-long", max=ABSTRACT_MAX, length=len(abstract))
    return abstract


def check_link(text: str) -> str:
    link = text.strip()
    if not (link.startswith("https://") or link.startswith("http://")) or " " in link \
            or len(link) > LINK_MAX or len(link) < 12:
        raise ValidationError("act-error-link")
    return link


def check_day(held_on: date, today: date) -> None:
    earliest = today - timedelta(days=365 * PAST_YEARS)
    if held_on > today:
        raise ValidationError("act-error-date-future")
    if held_on < earliest:
        raise ValidationError("act-error-date-early", earliest=earliest)


def check_draft(draft: Draft, today: date) -> Draft:
    check_title(draft.title)
    check_day(draft.held_on, today)
    if draft.kind is Kind.COMPETITION and (draft.level is None or draft.outcome is None):
        raise ValidationError("act-error-incomplete")
    if draft.kind is Kind.EXPERT and draft.expert_role is None:
        raise ValidationError("act-error-incomplete")
    if draft.kind is Kind.PRACTICE:
        if draft.practice is None or draft.group not in GROUPS or not draft.abstract:
            raise ValidationError("act-error-incomplete")
        check_abstract(draft.abstract)
    if draft.link:
        check_link(draft.link)
    return draft


async def _coordinators(uow: UnitOfWork, school_id: int | None) -> list[int]:
    if not school_id:
        return []
    found = await uow.activity.coordinators(Role.SCHOOL_COORDINATOR, school_id)
    if not found:
        school = await uow.orgs.get(school_id)
        if school is not None and school.municipality_id:
            found = await uow.activity.coordinators(Role.MUNICIPAL_COORDINATOR,
                                                     school.municipality_id)
    return found


async def _alert(uow: UnitOfWork, record: Record, now: datetime) -> int:
    person = await uow.people.get(record.person_id)
    school = await uow.orgs.get(record.school_id) if record.school_id else None
    sent = 0
    for coordinator in await _coordinators(uow, record.school_id):
        if coordinator == record.person_id:
            continue
        sent += await notify(uow, Notification(
            coordinator, "act-alert-submitted",
            {"name": person.profile.full_name if person else None,
             "school": school.name if school else None, "title": record.draft.title,
             "kind": record.draft.kind.value},
            (OpenMenu(Section.ACTIVITY),)), now)
    return sent


async def submit(uow: UnitOfWork, actor: Actor, draft: Draft, today: date,
                 now: datetime) -> Record:
    """The teacher's record goes to the coordinators of their school for verification."""
    check_draft(draft, today)
    person = await uow.people.get(actor.person_id)
    if person is None:
        raise NotFound()
    record = await uow.activity.add(actor.person_id, person.profile.school_id, draft, now)
    await _alert(uow, record, now)
    return record


async def my_records(uow: UnitOfWork, actor: Actor) -> list[Record]:
    return await uow.activity.of_person(actor.person_id, 50)


async def _record(uow: UnitOfWork, record_id: int) -> Record:
    record = await uow.activity.get(record_id)
    if record is None:
        raise NotFound("act-error-not-found")
    return record


async def _covers(uow: UnitOfWork, actor: Actor, record: Record) -> bool:
    school = await uow.orgs.get(record.school_id) if record.school_id else None
    return actor.is_admin or (school is not None and actor.is_coordinator
                              and actor.covers(school))


async def record_for(uow: UnitOfWork, actor: Actor, record_id: int) -> Record:
    """The owner's record, or one of the actor's scope; a forged id of anyone else's is
    refused."""
    record = await _record(uow, record_id)
    if record.person_id != actor.person_id and not await _covers(uow, actor, record):
        raise AccessDenied("act-error-not-yours")
    return record


async def file_of(uow: UnitOfWork, actor: Actor, record_id: int) -> Record:
    """A record's file: for its owner and coordinators of the scope, and for everyone when it
    is verified practice (the bank is shared)."""
    record = await _record(uow, record_id)
    if record.draft.kind is Kind.PRACTICE and record.status is RecordStatus.ACCEPTED:
        return record
    return await record_for(uow, actor, record_id)


async def scope_schools(uow: UnitOfWork, actor: Actor) -> list[int] | None:
    if actor.is_admin:
        return None
    grants = [g.org_id for g in actor.scope_grants() if g.org_id is not None]
    if not grants:
        raise AccessDenied()
    schools, _ = await uow.orgs.page(OrgKind.SCHOOL, None, None, 0, _MAX_SCHOOLS, within=grants)
    return [s.id for s in schools]


async def review_queue(uow: UnitOfWork, actor: Actor, page: int, size: int
                       ) -> tuple[list[Record], int]:
    return await uow.activity.queue(await scope_schools(uow, actor), max(page, 0) * size, size)


async def decide(uow: UnitOfWork, actor: Actor, record_id: int, accept: bool,
                 comment: str | None, now: datetime) -> Record:
    """Accept, or return with a comment; the teacher is told. Never one's own record."""
    record = await _record(uow, record_id)
    if record.person_id == actor.person_id or not await _covers(uow, actor, record):
        raise AccessDenied("act-error-not-yours")
    text = (comment or "").strip() or None
    if not accept:
        if text is None or len(text) < 5:
            raise ValidationError("act-error-comment-short")
        if len(text) > COMMENT_MAX:
            raise ValidationError("act-error-comment-long", max=COMMENT_MAX, length=len(text))
    status = RecordStatus.ACCEPTED if accept else RecordStatus.RETURNED
    if not await uow.activity.decide(record.id, status, actor.person_id, text, now):
        raise DomainError("act-error-decided")
    reviewer = await uow.people.get(actor.person_id)
    await notify(uow, Notification(
        record.person_id, f"act-notice-{status.value}",
        {"title": record.draft.title, "comment": text,
         "reviewer": reviewer.profile.full_name if reviewer else None},
        (OpenMenu(Section.ACTIVITY),)), now)
    return await _record(uow, record.id)


async def resubmit(uow: UnitOfWork, actor: Actor, record_id: int, now: datetime) -> Record:
    record = await _record(uow, record_id)
    actor.require_self(record.person_id)
    if record.status is not RecordStatus.RETURNED or not await uow.activity.resubmit(record.id):
        raise DomainError("act-error-decided")
    record = await _record(uow, record.id)
    await _alert(uow, record, now)
    return record


async def delete(uow: UnitOfWork, actor: Actor, record_id: int) -> None:
    record = await _record(uow, record_id)
    actor.require_self(record.person_id)
    if record.status is RecordStatus.ACCEPTED:
        raise DomainError("act-error-accepted-stays")
    await uow.activity.delete(record.id)


async def bank(uow: UnitOfWork, actor: Actor, group: str, subject: str | None, page: int,
               size: int) -> tuple[list[BankItem], int]:
    """Verified practice of colleagues by competence group (and subject): «как это делают
    коллеги»."""
    if group not in GROUPS:
        raise ValidationError("act-error-group")
    return await uow.activity.bank(group, subject, max(page, 0) * size, size)


async def deficit_groups(uow: UnitOfWork, actor: Actor) -> list[str]:
    """The competence groups of the reader's latest diagnosis, worst first: where the bank's
    «как это делают коллеги» starts for a teacher with a deficit."""
    return [g for g in await uow.deficits.latest_groups(actor.person_id) if g in GROUPS]


async def total(uow: UnitOfWork, actor: Actor, org: Org, since: date) -> ActivityFigures:
    """The last line of ``figures`` (the unit's total) alone, in one statement."""
    actor.require_covers(org)
    return ActivityFigures(org.id, org.name, *await uow.activity.scope_counts(org.id, since))


async def figures(uow: UnitOfWork, actor: Actor, org_id: int, since: date
                  ) -> list[ActivityFigures]:
    """Verified activity since ``since`` for a unit of the actor's scope: a line per unit one
    level down, then the unit's total (for the territory figures and their export)."""
    org = await uow.orgs.get(org_id)
    if org is None:
        raise NotFound()
    actor.require_covers(org)
    schools = [org] if org.kind is OrgKind.SCHOOL else (await uow.orgs.page(
        OrgKind.SCHOOL, None, None, 0, _MAX_SCHOOLS, within=[org.id]))[0]
    counts = await uow.activity.school_counts([s.id for s in schools], since)
    zero = (0, 0, 0, 0, 0)
    groups: dict[int, list[tuple[int, int, int, int, int]]] = {}
    names: dict[int, str] = {}
    for s in schools:
        unit = s.municipality_id if org.kind is OrgKind.REGION and s.municipality_id else s.id
        groups.setdefault(unit, []).append(counts.get(s.id, zero))
        names.setdefault(unit, s.name)
    if org.kind is OrgKind.REGION:
        orgs = await uow.orgs.get_many(list(groups))
        names = {i: orgs[i].name if i in orgs else "—" for i in groups}

    def line(unit: int, name: str, rows: Sequence[tuple[int, int, int, int, int]]
             ) -> ActivityFigures:
        return ActivityFigures(unit, name, *(sum(r[k] for r in rows) for k in range(5)))

    lines = sorted((line(u, names[u], rows) for u, rows in groups.items()),
                   key=lambda f: f.name.casefold())
    every = [r for rows in groups.values() for r in rows]
    return [*lines, line(org.id, org.name, every)]
