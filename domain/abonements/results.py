"""The abonement's results (000 §VIII): completion — only when the school year is over or
every plan event is done; the school's report (plan events with hours by kind planned vs
held, attendance per event, the listeners with their hours); certificates (удостоверения)
for every teacher of the school who attended, through the certificates feature; the staff's
diagnosis at the start and the repeat near the end (domain.abonements.diagnostics: share with
deficits per competence group); without those two campaigns, each teacher's diagnoses before
and after the period's start (``shift``).

Certificates go only to listeners who met the agreement's threshold: ``threshold`` percent
(default 50) of the hours of the plan's events that were not cancelled — every plan event is
addressed to the whole staff, so that is what each teacher could attend. The curator or the
centre changes the percent until the abonement is completed; the report lists who met it and,
for the others, their hours against it. The feedback of the plan's events (domain.feedback)
is averaged per event and overall."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain import certificates
from domain.abonements.model import (
    THRESHOLDS,
    Abonement,
    Action,
    HistoryEntry,
    Status,
    add_hours,
    period,
)
from domain.abonements.diagnostics import Staff, staff
from domain.abonements.plan import Plan, plan, plan_done
from domain.abonements.ports import AbonementUnitOfWork
from domain.access import Actor
from domain.competences import COMPETENCE_GROUPS
from domain.entities import Notification
from domain.errors import AccessDenied, ValidationError
from domain.events import Hours, RegStatus
from domain.feedback.model import Figures
from domain.notifications import AbonementAction, DownloadCertificate
from domain.outbox import notify

ATTENDEES_MAX = 10_000
FORM = "abonement"  # a certificate's «form» for an abonement's listener


@dataclass(frozen=True, slots=True)
class Listener:
    """A teacher of the school who attended plan events, with their hours by kind."""

    person_id: int
    name: str
    hours: Hours
    events: int
    first: date
    last: date
    met: bool = False  # attended at least the certificate threshold


@dataclass(frozen=True, slots=True)
class Shift:
    """The staff's diagnosis before and after: teachers measured, and the share (percent)
    of them with a deficit per competence group."""

    before: int
    after: int
    before_share: dict[str, int]
    after_share: dict[str, int]


@dataclass(frozen=True, slots=True)
class Report:
    plan: Plan
    start: date
    end: date
    centre: str
    listeners: list[Listener]
    shift: Shift
    threshold: float = 0.0  # hours a listener must attend for a certificate
    feedback: list[tuple[str, Figures]] = field(default_factory=list)  # per plan event
    feedback_total: Figures = field(default_factory=Figures)
    #: the staff's start and final diagnosis campaigns and their change (when both are
    #: linked, the result; else ``shift`` is the fallback)
    staff: Staff = field(default_factory=Staff)

    @property
    def abonement(self) -> Abonement:
        return self.plan.abonement


def check_completion(p: Plan, today: date, now: datetime) -> None:
    ab = p.abonement
    if not p.rights.complete:
        if not p.rights.view:
            raise AccessDenied("abon-error-no-access")
        if ab.status is Status.RUNNING:  # they see it, but it is not theirs to complete
            raise AccessDenied("abon-error-not-curator")
        raise ValidationError("abon-error-wrong-status", status=ab.status.value)
    assert ab.school_year is not None
    _, last = period(ab.school_year)
    if today <= last and not plan_done(p, now):
        raise ValidationError("abon-error-complete-early", end=last)


def threshold_hours(p: Plan) -> float:
    """The hours a listener must attend: the agreement's percent of the hours of the plan's
    events that were not cancelled."""
    base = sum(v.item.hours.total for v in p.items if not v.event.is_cancelled)
    return round(base * p.abonement.threshold / 100, 2)


async def listeners(uow: AbonementUnitOfWork, p: Plan, tz: ZoneInfo, now: datetime
                    ) -> list[Listener]:
    """The school's teachers who attended held plan events, with the events' hours, each
    marked whether they met the certificate threshold."""
    hours: dict[int, Hours] = {}
    events: dict[int, list[date]] = {}
    for v in p.items:
        if not v.delivered(now):
            continue
        day = v.event.starts_at.astimezone(tz).date()
        for r in await uow.events.registrants(v.event.id, [RegStatus.CONFIRMED], 0,
                                              ATTENDEES_MAX):
            if r.registration.attended_at is None:
                continue
            pid = r.registration.person_id
            hours[pid] = add_hours(hours.get(pid, Hours()), v.item.hours)
            events.setdefault(pid, []).append(day)
    people = await uow.people.get_many(sorted(hours))
    need = threshold_hours(p)
    out = []
    for pid, h in hours.items():
        person = people.get(pid)
        if person is None or person.profile.school_id != p.abonement.school_id:
            continue
        days = events[pid]
        out.append(Listener(pid, person.profile.full_name or "—", h, len(days), min(days),
                            max(days), met=h.total + 1e-9 >= need))
    return sorted(out, key=lambda x: (x.name.casefold(), x.person_id))


async def shift(uow: AbonementUnitOfWork, ab: Abonement, tz: ZoneInfo) -> Shift:
    """Before: each teacher's latest diagnosis up to the period's start, else their first
    within it; after: their latest one within the period, when it is a repeat."""
    assert ab.school_year is not None
    first, last = period(ab.school_year)
    start = datetime.combine(first, datetime.min.time(), tz)
    end = datetime.combine(last, datetime.max.time(), tz)
    return compare(await uow.abonements.diagnoses(ab.school_id, end), start)


def compare(taken: list[tuple[int, datetime, int, frozenset[str]]], start: datetime) -> Shift:
    """(person, completed at, attempt, groups with a deficit) → the shift before/after."""
    before: dict[int, frozenset[str]] = {}
    after: dict[int, frozenset[str]] = {}
    by_person: dict[int, list[tuple[datetime, int, frozenset[str]]]] = {}
    for person_id, at, attempt_id, groups in taken:
        by_person.setdefault(person_id, []).append((at, attempt_id, groups))
    for person_id, attempts in by_person.items():
        attempts.sort()
        earlier = [a for a in attempts if a[0] < start]
        within = [a for a in attempts if a[0] >= start]
        base = earlier[-1] if earlier else (within[0] if within else None)
        if base is None:
            continue
        before[person_id] = base[2]
        if within and within[-1][1] != base[1]:
            after[person_id] = within[-1][2]
    return Shift(len(before), len(after), _shares(before), _shares(after))


def _shares(found: dict[int, frozenset[str]]) -> dict[str, int]:
    n = len(found)
    return {g: round(100 * sum(1 for gs in found.values() if g in gs) / n) if n else 0
            for g in COMPETENCE_GROUPS}


async def report(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, tz: ZoneInfo,
                 now: datetime) -> Report:
    """The school's report: anyone who sees the abonement, once it has an agreement."""
    p = await plan(uow, actor, abonement_id, now)
    ab = p.abonement
    if ab.school_year is None or ab.status not in (Status.AGREED, Status.RUNNING,
                                                   Status.COMPLETED):
        raise ValidationError("abon-error-no-report")
    first, last = period(ab.school_year)
    region = await uow.orgs.get(p.school.region_id) if p.school.region_id else None
    live = [v for v in p.items if not v.event.is_cancelled]
    per_event = [(v.event.title, await uow.feedback.figures(event_ids=[v.event.id]))
                 for v in live]
    total = await uow.feedback.figures(event_ids=[v.event.id for v in live]) if live \
        else Figures()
    return Report(p, first, last, region.name if region else "—",
                  await listeners(uow, p, tz, now), await shift(uow, ab, tz),
                  threshold_hours(p), per_event, total, await staff(uow, ab))


async def set_threshold(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int,
                        percent: int, now: datetime) -> Abonement:
    """The curator or the centre changes the certificate threshold while the plan is open
    (accepted, agreed, running); a completed abonement keeps the one its certificates
    followed."""
    p = await plan(uow, actor, abonement_id, now)
    if not p.rights.plan:
        if p.abonement.status is Status.COMPLETED:
            raise ValidationError("abon-error-threshold-closed")
        raise AccessDenied("abon-error-not-curator")
    if percent not in THRESHOLDS:
        raise ValidationError("abon-error-threshold", choices=", ".join(map(str, THRESHOLDS)))
    ab = replace(p.abonement, threshold=percent)
    if ab.threshold != p.abonement.threshold:
        await uow.abonements.save(ab, now)
        await uow.abonements.add_history(HistoryEntry(ab.id, Action.THRESHOLD,
                                                      actor.person_id, now, f"{percent} %"))
    return ab


async def complete(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, tz: ZoneInfo,
                   now: datetime) -> tuple[Abonement, int]:
    """The curator (or the centre) completes a running abonement when its year is over or
    its plan is done; every listener gets a certificate with their hours, the school is told.
    Returns the abonement and the certificates issued."""
    p = await plan(uow, actor, abonement_id, now)
    check_completion(p, now.astimezone(tz).date(), now)
    ab = p.abonement
    ab.status = Status.COMPLETED
    await uow.abonements.save(ab, now)
    await uow.abonements.add_history(HistoryEntry(ab.id, Action.COMPLETED, actor.person_id,
                                                  now))
    rep = await report(uow, actor, ab.id, tz, now)
    issued = await issue_certificates(uow, rep, now)
    if ab.created_by is not None:
        await notify(uow, Notification(
            person_id=ab.created_by, key="abon-notice-completed",
            params={"school": p.school.name}, targets=(AbonementAction(ab.id, "open"),)), now)
    return ab, issued


async def issue_certificates(uow: AbonementUnitOfWork, rep: Report, now: datetime) -> int:
    ab = rep.abonement
    assert ab.school_year is not None
    title = f"{rep.plan.school.name} · {ab.school_year}/{ab.school_year + 1}"
    issued = 0
    for x in rep.listeners:
        if not x.met:
            continue
        draft = certificates.CertificateDraft(
            event_id=None, person_id=x.person_id, full_name=x.name, event_title=title,
            event_form=FORM, organiser=rep.centre, starts_on=x.first, ends_on=x.last,
            hours_in_person=x.hours.in_person, hours_remote=x.hours.remote,
            hours_self_study=x.hours.self_study, abonement_id=ab.id)
        cert, new = await certificates.issue(uow, draft, now)
        if new:
            issued += 1
            await notify(uow, Notification(
                person_id=x.person_id, key="cert-notice-issued",
                params={"title": title, "number": cert.number},
                targets=(DownloadCertificate(cert.id),), dedupe_key=f"cert:{cert.id}"), now)
    return issued


__all__ = ["COMPETENCE_GROUPS", "FORM", "Listener", "Report", "Shift", "check_completion", "compare", "complete",
           "issue_certificates", "listeners", "plan_done", "report", "set_threshold", "shift",
           "threshold_hours"]
