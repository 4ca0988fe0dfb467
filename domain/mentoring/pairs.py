"""A pair's life: what each side sees, the meeting log (hours credited once to both), the
mentee's ratings, the end with the mentor's conclusion."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.entities import Notification
from domain.enums import OrgKind
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.mentoring.model import (
    CONCLUSION_MAX,
    HOURS_MAX,
    HOURS_MIN,
    PAST_DAYS,
    RATINGS,
    TOPIC_MAX,
    Goal,
    Meeting,
    Member,
    Pair,
    PairView,
)
from domain.notifications import OpenMenu, Section
from domain.outbox import notify
from domain.ports import UnitOfWork
from domain.route import Plan


async def _pair(uow: UnitOfWork, pair_id: int) -> Pair:
    pair = await uow.mentoring.get_pair(pair_id)
    if pair is None:
        raise NotFound("mnt-error-no-pair")
    return pair


async def _may_watch(uow: UnitOfWork, actor: Actor, pair: Pair) -> bool:
    if actor.person_id in (pair.mentor_id, pair.mentee_id):
        return True
    school = await uow.orgs.get(pair.school_id) if pair.school_id else None
    return actor.is_admin or (school is not None and actor.covers(school))


def _require_mentor(actor: Actor, pair: Pair) -> None:
    if actor.person_id != pair.mentor_id:
        raise AccessDenied("mnt-error-not-your-mentee")


def _require_active(pair: Pair) -> None:
    if not pair.active:
        raise DomainError("mnt-error-ended")


async def _member(uow: UnitOfWork, person_id: int) -> Member:
    return await uow.mentoring.member(person_id) or Member(person_id, "—", None)


async def view(uow: UnitOfWork, actor: Actor, pair_id: int) -> PairView:
    """The pair's card: for its two sides and the coordinators whose scope holds it."""
    pair = await _pair(uow, pair_id)
    if not await _may_watch(uow, actor, pair):
        raise AccessDenied("mnt-error-not-your-pair")
    return PairView(pair, await _member(uow, pair.mentee_id), await _member(uow, pair.mentor_id),
                    await uow.mentoring.meetings(pair.id))


async def my_pairs(uow: UnitOfWork, actor: Actor) -> list[PairView]:
    """Pairs the person is a side of (as a mentor and as a mentee), active first."""
    out = []
    for pair in await uow.mentoring.pairs_of(actor.person_id):
        out.append(PairView(pair, await _member(uow, pair.mentee_id),
                            await _member(uow, pair.mentor_id)))
    return out


async def pairs_in_scope(uow: UnitOfWork, actor: Actor, page: int, size: int
                         ) -> tuple[list[PairView], int]:
    """A coordinator's pairs: those of the schools in their scope, active first."""
    if actor.is_admin:
        within = None
    else:
        if not actor.is_coordinator:
            raise AccessDenied()
        grants = [g.org_id for g in actor.scope_grants() if g.org_id is not None]
        schools: set[int] = set()
        for org_id in grants:
            org = await uow.orgs.get(org_id)
            if org is None:
                continue
            if org.kind is OrgKind.SCHOOL:
                schools.add(org.id)
            else:
                found, _ = await uow.orgs.page(OrgKind.SCHOOL, None, None, 0, 10_000,
                                               within=[org.id])
                schools |= {o.id for o in found}
        within = sorted(schools)
    pairs, total = await uow.mentoring.pairs_in(within, max(page, 0) * size, size)
    return [PairView(p, await _member(uow, p.mentee_id), await _member(uow, p.mentor_id))
            for p in pairs], total


# ---- the mentee's data, for the mentor only -------------------------------------------------


async def mentee_of(uow: UnitOfWork, actor: Actor, pair_id: int) -> Pair:
    """The pair, if the actor is its mentor and it is running: the mentee's diagnosis and ИОМ
    open to them read-only; to nobody else through this door."""
    pair = await _pair(uow, pair_id)
    _require_mentor(actor, pair)
    _require_active(pair)
    return pair


async def mentee_deficits(uow: UnitOfWork, actor: Actor, pair_id: int
                          ) -> tuple[datetime | None, list[Goal]]:
    from domain.mentoring.pairing import latest_deficits

    pair = await mentee_of(uow, actor, pair_id)
    attempt = await uow.diagnosis.last_completed(pair.mentee_id)
    return (attempt.completed_at if attempt else None,
            await latest_deficits(uow, pair.mentee_id))


async def mentee_route(uow: UnitOfWork, actor: Actor, pair_id: int) -> Plan | None:
    """The mentee's latest ИОМ with its rows and activities, or None."""
    pair = await mentee_of(uow, actor, pair_id)
    route = await uow.routes.latest_of(pair.mentee_id)
    if route is None:
        return None
    return Plan(route, await uow.routes.rows(route.id), await uow.routes.activities(route.id))


# ---- meetings -------------------------------------------------------------------------------


def parse_hours(text: str) -> Decimal:
    refused = ValidationError("mnt-error-hours", low=float(HOURS_MIN), high=float(HOURS_MAX))
    try:
        value = Decimal(text.strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise refused from None
    if not value.is_finite() or not HOURS_MIN <= value <= HOURS_MAX or value % Decimal("0.25"):
        raise refused
    return value


def check_topic(text: str) -> str:
    topic = " ".join(text.split())
    if len(topic) < 3:
        raise ValidationError("mnt-error-topic-short")
    if len(topic) > TOPIC_MAX:
        raise ValidationError("mnt-error-topic-long", max=TOPIC_MAX, length=len(topic))
    return topic


def check_meeting_day(held_on: date, started_on: date, today: date) -> None:
    earliest = max(started_on, today - timedelta(days=PAST_DAYS))
    if held_on > today:
        raise ValidationError("mnt-error-meeting-future")
    if held_on < earliest:
        raise ValidationError("mnt-error-meeting-early", earliest=earliest)


async def can_log(uow: UnitOfWork, actor: Actor, pair_id: int) -> Pair:
    pair = await _pair(uow, pair_id)
    _require_mentor(actor, pair)
    _require_active(pair)
    return pair


async def log_meeting(uow: UnitOfWork, actor: Actor, pair_id: int, held_on: date, topic: str,
                      hours: Decimal, file_id: str | None, file_name: str | None, today: date,
                      tz: ZoneInfo, now: datetime) -> Meeting:
    """The mentor records a meeting; its hours go to both ledgers (once), the mentee is asked
    to rate it."""
    pair = await can_log(uow, actor, pair_id)
    check_meeting_day(held_on, pair.started_on, today)
    topic = check_topic(topic)
    hours = parse_hours(str(hours))
    meeting = await uow.mentoring.add_meeting(pair.id, held_on, topic, float(hours), file_id,
                                              file_name, now)
    occurred = datetime.combine(held_on, time(12), tzinfo=tz)
    await uow.mentoring.credit_meeting(meeting, (pair.mentor_id, pair.mentee_id), occurred, now)
    mentor = await _member(uow, pair.mentor_id)
    await notify(uow, Notification(
        pair.mentee_id, "mnt-notice-meeting",
        {"name": mentor.name, "topic": topic, "date": held_on, "hours": hours},
        (OpenMenu(Section.MENTORING),), dedupe_key=f"mnt-meeting:{meeting.id}"), now)
    return meeting


async def meeting_of(uow: UnitOfWork, actor: Actor, meeting_id: int) -> tuple[Pair, Meeting]:
    meeting = await uow.mentoring.get_meeting(meeting_id)
    if meeting is None:
        raise NotFound("mnt-error-no-meeting")
    pair = await _pair(uow, meeting.pair_id)
    if not await _may_watch(uow, actor, pair):
        raise AccessDenied("mnt-error-not-your-pair")
    return pair, meeting


async def rate_meeting(uow: UnitOfWork, actor: Actor, meeting_id: int, rating: int,
                       now: datetime) -> Meeting:
    """The mentee rates a meeting (1–5); a new rating replaces the old one."""
    pair, meeting = await meeting_of(uow, actor, meeting_id)
    if actor.person_id != pair.mentee_id:
        raise AccessDenied("mnt-error-rate-mentee-only")
    if rating not in RATINGS:
        raise ValidationError("mnt-error-rating")
    await uow.mentoring.rate(meeting.id, rating, now)
    return (await uow.mentoring.get_meeting(meeting.id)) or meeting


async def end_pair(uow: UnitOfWork, actor: Actor, pair_id: int, conclusion: str, today: date,
                   now: datetime) -> Pair:
    """The mentor ends the pair with a conclusion; the mentee is told."""
    pair = await _pair(uow, pair_id)
    _require_mentor(actor, pair)
    _require_active(pair)
    text = conclusion.strip()
    if len(text) < 10:
        raise ValidationError("mnt-error-conclusion-short")
    if len(text) > CONCLUSION_MAX:
        raise ValidationError("mnt-error-conclusion-long", max=CONCLUSION_MAX, length=len(text))
    if not await uow.mentoring.end_pair(pair.id, max(today, pair.started_on), text):
        raise DomainError("mnt-error-ended")
    mentor = await _member(uow, pair.mentor_id)
    await notify(uow, Notification(
        pair.mentee_id, "mnt-notice-ended", {"name": mentor.name, "conclusion": text},
        (OpenMenu(Section.MENTORING),), dedupe_key=f"mnt-ended:{pair.id}"), now)
    return await _pair(uow, pair.id)
