"""The request and its way to an agreement: the school files it (pre-filled from its staff's
diagnosis), the municipality agrees or returns it (three-party), the centre accepts it with a
curator, the volume and the school year, or returns it; then signed, running, completed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain import territory
from domain.abonements.model import (
    PAGE,
    Abonement,
    Action,
    HistoryEntry,
    Request,
    Row,
    Status,
    parse_comment,
    years_offered,
)
from domain.abonements.ports import AbonementUnitOfWork
from domain.abonements.rights import Rights
from domain.access import Actor, is_school_coordinator
from domain.entities import Notification, Org
from domain.enums import OrgKind, Role
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events import Hours
from domain.notifications import AbonementAction
from domain.outbox import notify


@dataclass(frozen=True, slots=True)
class Prefill:
    """What the school's figures suggest for a new request (000 §5.2–5.3)."""

    school: Org
    teachers: int
    diagnosed: int
    deficits: dict[str, int]  # teachers with a deficit per competence group
    positions: list[str]  # positions and subjects present at the school (subgroups)
    subjects: list[str]

    @property
    def groups(self) -> list[str]:
        """The groups with a deficit, the most frequent first."""
        return [g for g, n in sorted(self.deficits.items(), key=lambda kv: -kv[1]) if n > 0]


@dataclass(frozen=True, slots=True)
class Card:
    abonement: Abonement
    school: Org
    municipality: Org | None
    rights: Rights
    author: str | None
    curator: str | None
    history: list[HistoryEntry]


async def schools_of(uow: AbonementUnitOfWork, actor: Actor) -> list[Org]:
    """The schools the actor coordinates (a request is filed for one of them)."""
    ids = [g.org_id for g in actor.grants
           if g.role is Role.SCHOOL_COORDINATOR and g.org_id is not None]
    found = await uow.orgs.get_many(ids)
    return [found[i] for i in sorted(found)]


async def my_schools(uow: AbonementUnitOfWork, actor: Actor
                     ) -> list[tuple[Org, Abonement | None]]:
    """The actor's schools, each with its open request (None: a new one may be filed)."""
    return [(school, await uow.abonements.open_for_school(school.id))
            for school in await schools_of(uow, actor)]


async def open_request(uow: AbonementUnitOfWork, actor: Actor, school_id: int
                       ) -> Abonement | None:
    """The school's open request, if the actor may see it."""
    found = await uow.abonements.open_for_school(school_id)
    return found if found is not None and Rights.of(actor, found).view else None


async def _school(uow: AbonementUnitOfWork, actor: Actor, school_id: int) -> Org:
    if not is_school_coordinator(actor, school_id):
        raise AccessDenied("abon-error-not-school")
    school = await uow.orgs.get(school_id)
    if school is None or school.kind is not OrgKind.SCHOOL:
        raise NotFound("error-org-not-found")
    return school


async def prefill(uow: AbonementUnitOfWork, actor: Actor, school_id: int, tz: ZoneInfo,
                  now: datetime) -> Prefill:
    school = await _school(uow, actor, school_id)
    figures = await uow.territory.figures(school, territory.period(now, tz))
    return Prefill(
        school=school, teachers=figures.teachers, diagnosed=figures.diagnosed,
        deficits={g: int(figures.group_deficits.get(g, 0)) for g in territory.GROUPS},
        positions=[p for p, n in sorted(figures.by_position.items()) if n],
        subjects=[s for s, n in sorted(figures.by_subject.items()) if n and s != "none"],
    )


def _check(request: Request) -> None:
    missing = request.missing()
    if missing is not None:
        raise ValidationError("abon-error-incomplete", step=missing)


async def _get(uow: AbonementUnitOfWork, abonement_id: int) -> Abonement:
    ab = await uow.abonements.get(abonement_id)
    if ab is None:
        raise NotFound("abon-error-not-found")
    return ab


async def _history(uow: AbonementUnitOfWork, ab: Abonement, action: Action, actor: Actor,
                   now: datetime, comment: str | None = None) -> None:
    await uow.abonements.add_history(HistoryEntry(ab.id, action, actor.person_id, now, comment))


async def _name(uow: AbonementUnitOfWork, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    person = await uow.people.get(person_id)
    return person.profile.full_name if person else None


async def _alert_municipality(uow: AbonementUnitOfWork, ab: Abonement, school: Org,
                              resubmitted: bool, now: datetime) -> None:
    if not ab.three_party or ab.municipality_id is None:
        return
    for person_id in await uow.territory.municipal_coordinators(ab.municipality_id):
        await notify(uow, Notification(
            person_id=person_id, key="abon-alert-submitted",
            params={"school": school.name, "resubmitted": int(resubmitted)},
            targets=(AbonementAction(ab.id, "agree"), AbonementAction(ab.id, "return")),
        ), now)


async def _alert_centre(uow: AbonementUnitOfWork, ab: Abonement, school: Org | None,
                        now: datetime) -> None:
    """The request reached the centre's bank: the admins (with the buttons to accept it) and
    the region's methodists (for information: the centre attaches one of them) are told."""
    name = school.name if school else None
    params = {"school": name, "three": int(ab.three_party)}
    admins = await uow.abonements.admins()
    for person_id in admins:
        await notify(uow, Notification(
            person_id=person_id, key="abon-alert-bank", params=params,
            targets=(AbonementAction(ab.id, "acc"), AbonementAction(ab.id, "open")),
        ), now)
    region = school.region_id if school else None
    for person_id, _ in (await uow.abonements.curators(region) if region else []):
        if person_id not in admins:
            await notify(uow, Notification(person_id=person_id, key="abon-alert-bank-info",
                                           params=params), now)


async def _tell_school(uow: AbonementUnitOfWork, ab: Abonement, key: str, now: datetime
                       ) -> None:
    """The school's coordinator who filed the request hears of its agreement."""
    if ab.created_by is None:
        return
    school = await uow.orgs.get(ab.school_id)
    await notify(uow, Notification(
        person_id=ab.created_by, key=key, params={"school": school.name if school else None},
        targets=(AbonementAction(ab.id, "open"),)), now)


async def submit(uow: AbonementUnitOfWork, actor: Actor, school_id: int, request: Request,
                 now: datetime) -> Abonement:
    """File the request: three-party when the school's municipality has a coordinator in the
    bot (they are told), two-party (straight to the centre's bank) otherwise."""
    school = await _school(uow, actor, school_id)
    _check(request)
    if await uow.abonements.open_for_school(school.id) is not None:
        raise ValidationError("abon-error-open-exists", school=school.name)
    three = bool(school.municipality_id
                 and await uow.territory.municipal_coordinators(school.municipality_id))
    ab = await uow.abonements.add(school.id, school.municipality_id, three, request,
                                  actor.person_id, now)
    await _history(uow, ab, Action.SUBMITTED, actor, now)
    await _alert_municipality(uow, ab, school, False, now)
    if not ab.three_party:
        await _alert_centre(uow, ab, school, now)
    return ab


async def editable(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int) -> Abonement:
    """A returned request its school edits (the form starts from what it holds)."""
    ab = await _get(uow, abonement_id)
    if not Rights.of(actor, ab).edit:
        raise AccessDenied("abon-error-not-editable")
    return ab


async def resubmit(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, request: Request,
                   now: datetime) -> Abonement:
    ab = await editable(uow, actor, abonement_id)
    _check(request)
    school = await _school(uow, actor, ab.school_id)
    ab.request, ab.status, ab.submitted_at = request, Status.SUBMITTED, now
    await uow.abonements.save(ab, now)
    await _history(uow, ab, Action.RESUBMITTED, actor, now)
    await _alert_municipality(uow, ab, school, True, now)
    if not ab.three_party:
        await _alert_centre(uow, ab, school, now)
    return ab


async def card(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int) -> Card:
    ab = await _get(uow, abonement_id)
    rights = Rights.of(actor, ab)
    if not rights.view:
        raise AccessDenied("abon-error-no-access")
    orgs = await uow.orgs.get_many([i for i in (ab.school_id, ab.municipality_id) if i])
    return Card(ab, orgs[ab.school_id], orgs.get(ab.municipality_id or 0), rights,
                await _name(uow, ab.created_by), await _name(uow, ab.curator_id),
                await uow.abonements.history(ab.id))


async def agree_municipal(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int,
                          now: datetime) -> Abonement:
    ab = await _get(uow, abonement_id)
    if not Rights.of(actor, ab).municipal:
        raise _refusal(actor, ab)
    ab.status = Status.AGREED_MUNICIPALITY
    await uow.abonements.save(ab, now)
    await _history(uow, ab, Action.AGREED_MUNICIPALITY, actor, now)
    await _alert_centre(uow, ab, await uow.orgs.get(ab.school_id), now)
    await _tell_school(uow, ab, "abon-notice-mun-agreed", now)
    return ab


def _refusal(actor: Actor, ab: Abonement) -> Exception:
    """Not theirs at all, or theirs but not at this stage."""
    if not Rights.of(actor, ab).view:
        return AccessDenied("abon-error-no-access")
    return ValidationError("abon-error-wrong-status", status=ab.status.value)


async def give_back(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, comment: str,
                    now: datetime) -> Abonement:
    """Return the request to the school with a comment (the municipality or the centre)."""
    ab = await _get(uow, abonement_id)
    rights = Rights.of(actor, ab)
    if not (rights.municipal or rights.centre):
        raise _refusal(actor, ab)
    text = parse_comment(comment)
    school = await uow.orgs.get(ab.school_id)
    ab.status, ab.comment = Status.RETURNED, text
    await uow.abonements.save(ab, now)
    await _history(uow, ab, Action.RETURNED, actor, now, text)
    if ab.created_by is not None:
        await notify(uow, Notification(
            person_id=ab.created_by, key="abon-notice-returned",
            params={"school": school.name if school else None, "comment": text,
                    "reviewer": await _name(uow, actor.person_id)},
            targets=(AbonementAction(ab.id, "open"),),
        ), now)
    return ab


async def may_return(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int) -> Abonement:
    """Asked before the comment is typed, so nobody types one in vain."""
    ab = await _get(uow, abonement_id)
    rights = Rights.of(actor, ab)
    if not (rights.municipal or rights.centre):
        raise _refusal(actor, ab)
    return ab


async def curators(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int
                   ) -> tuple[Abonement, list[tuple[int, str]]]:
    """The centre picks a curator among the region's methodists (regional coordinators)."""
    ab = await _get(uow, abonement_id)
    if not Rights.of(actor, ab).centre:
        raise _refusal(actor, ab)
    school = await uow.orgs.get(ab.school_id)
    if school is None or school.region_id is None:
        return ab, []
    return ab, await uow.abonements.curators(school.region_id)


async def accept(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, curator_id: int,
                 ordered: Hours, school_year: int, today: date, now: datetime) -> Abonement:
    """The centre accepts: curator, the ordered volume by kind, the school year. The agreement
    is a draft until signed."""
    ab, allowed = await curators(uow, actor, abonement_id)
    if curator_id not in {pid for pid, _ in allowed}:
        raise ValidationError("abon-error-curator")
    if ordered.total <= 0:
        raise ValidationError("abon-error-hours-zero")
    if school_year not in years_offered(today):
        raise ValidationError("abon-error-year")
    school = await uow.orgs.get(ab.school_id)
    ab.curator_id, ab.ordered, ab.school_year = curator_id, ordered, school_year
    ab.status, ab.accepted_at, ab.comment = Status.ACCEPTED, now, None
    await uow.abonements.save(ab, now)
    await _history(uow, ab, Action.ACCEPTED, actor, now)
    name = school.name if school else None
    await notify(uow, Notification(
        person_id=curator_id, key="abon-notice-curator", params={"school": name},
        targets=(AbonementAction(ab.id, "open"),)), now)
    if ab.created_by is not None:
        await notify(uow, Notification(
            person_id=ab.created_by, key="abon-notice-accepted",
            params={"school": name, "curator": await _name(uow, curator_id)},
            targets=(AbonementAction(ab.id, "open"),)), now)
    return ab


async def _advance(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, right: str,
                   status: Status, action: Action, now: datetime) -> Abonement:
    ab = await _get(uow, abonement_id)
    if not getattr(Rights.of(actor, ab), right):
        raise _refusal(actor, ab)
    ab.status = status
    if status is Status.AGREED:
        ab.agreed_at = now
    await uow.abonements.save(ab, now)
    await _history(uow, ab, action, actor, now)
    return ab


async def sign(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, now: datetime
               ) -> Abonement:
    """The agreement is signed by every party (the centre records it); the school is told."""
    ab = await _advance(uow, actor, abonement_id, "sign", Status.AGREED, Action.SIGNED, now)
    await _tell_school(uow, ab, "abon-notice-signed", now)
    return ab


async def start(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, now: datetime
                ) -> Abonement:
    return await _advance(uow, actor, abonement_id, "start", Status.RUNNING, Action.STARTED,
                          now)


@dataclass(frozen=True, slots=True)
class Listing:
    rows: list[Row]
    total: int
    page: int
    pages: int
    status: Status | None
    municipality_id: int | None
    municipalities: list[Org]  # the filter's choices (the centre's bank)


async def listing(uow: AbonementUnitOfWork, actor: Actor, status: str | None,
                  municipality_id: int | None, page: int) -> Listing:
    """The bank of requests for the centre (every school, filtered); for anyone else the
    abonements of their schools, municipalities or their curatorship."""
    chosen = None
    if status:
        try:
            chosen = Status(status)
        except ValueError:
            raise ValidationError("error-choice-unknown") from None
    municipalities: list[Org] = []
    if actor.is_admin:
        scope: dict[str, object] = {"school_ids": None, "municipality_ids": None,
                                    "curator_id": None}
        for region in await uow.territory.children(None):
            municipalities.extend(await uow.territory.children(region))
    else:
        schools = [g.org_id for g in actor.grants if g.role is Role.SCHOOL_COORDINATOR
                   and g.org_id is not None]
        muns = [g.org_id for g in actor.grants if g.role is Role.MUNICIPAL_COORDINATOR
                and g.org_id is not None]
        regional = any(g.role is Role.REGIONAL_COORDINATOR for g in actor.grants)
        if not (schools or muns or regional):
            raise AccessDenied("abon-error-no-access")
        scope = {"school_ids": schools, "municipality_ids": muns,
                 "curator_id": actor.person_id}
        municipality_id = None
    page = max(page, 0)
    rows, total = await uow.abonements.listing(
        status=chosen, municipality_id=municipality_id, offset=page * PAGE, limit=PAGE,
        **scope)  # type: ignore[arg-type]
    pages = max((total + PAGE - 1) // PAGE, 1)
    if page >= pages and total:
        return await listing(uow, actor, status, municipality_id, pages - 1)
    return Listing(rows, total, page, pages, chosen, municipality_id, municipalities)


__all__ = [
    "Card", "Listing", "Prefill", "accept", "agree_municipal", "card", "curators",
    "editable", "give_back", "listing", "may_return", "my_schools", "open_request", "prefill", "resubmit", "schools_of",
    "sign", "start", "submit",
]
