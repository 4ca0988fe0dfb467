"""Issuing, downloading and checking certificates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.certificates.model import Certificate, CertificateDraft, new_number, parse_number
from domain.entities import Notification
from domain.errors import NotFound, ValidationError
from domain.events import Event, RegStatus, require_manage
from domain.notifications import DownloadCertificate
from domain.outbox import notify
from domain.ports import UnitOfWork

NUMBER_TRIES = 5
ATTENDEES_MAX = 10_000


async def _draft(uow: UnitOfWork, event: Event, person_id: int, organiser: str, tz: ZoneInfo
                 ) -> CertificateDraft:
    person = await uow.people.get(person_id)
    name = (person.profile.full_name if person and person.profile else None) or ""
    return CertificateDraft(
        event_id=event.id, person_id=person_id, full_name=name, event_title=event.title,
        event_form=event.form.value, organiser=organiser,
        starts_on=event.starts_at.astimezone(tz).date(),
        ends_on=event.ends_at.astimezone(tz).date(),
        hours_in_person=event.hours.in_person, hours_remote=event.hours.remote,
        hours_self_study=event.hours.self_study,
    )


async def _existing(uow: UnitOfWork, draft: CertificateDraft) -> Certificate | None:
    if draft.abonement_id is not None:
        return await uow.certificates.of_abonement(draft.abonement_id, draft.person_id)
    assert draft.event_id is not None
    return await uow.certificates.of(draft.event_id, draft.person_id)


async def issue(uow: UnitOfWork, draft: CertificateDraft, now: datetime
                ) -> tuple[Certificate, bool]:
    """The person's certificate for what the draft names: issued now (True) or already."""
    existing = await _existing(uow, draft)
    if existing is not None:
        return existing, False
    for _ in range(NUMBER_TRIES):
        number = new_number(now.year)
        if await uow.certificates.number_taken(number):
            continue
        cert = await uow.certificates.add(draft, number, now)
        if cert is None:  # issued meanwhile by another update
            cert = await _existing(uow, draft)
            assert cert is not None
            return cert, False
        return cert, True
    raise RuntimeError("no free certificate number")  # pragma: no cover - 31⁸ numbers


async def _attended_event(uow: UnitOfWork, event_id: int) -> Event:
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    if event.is_cancelled:
        raise ValidationError("ev-error-cancelled")
    return event


async def mine(uow: UnitOfWork, actor: Actor, event_id: int, tz: ZoneInfo, now: datetime
               ) -> Certificate:
    """The attendee's own certificate for an event they attended (issued on first request)."""
    event = await _attended_event(uow, event_id)
    reg = await uow.events.registration_of(event.id, actor.person_id)
    if reg is None or reg.attended_at is None:
        raise ValidationError("cert-error-not-attended")
    organiser = await uow.orgs.get(event.organiser_id)
    draft = await _draft(uow, event, actor.person_id, organiser.name if organiser else "", tz)
    cert, _ = await issue(uow, draft, now)
    return cert


async def issue_all(uow: UnitOfWork, actor: Actor, event_id: int, tz: ZoneInfo, now: datetime
                    ) -> tuple[int, int]:
    """The organiser issues a certificate to every attendee; each new one is announced with a
    download button. Returns (issued now, attendees)."""
    event = await _attended_event(uow, event_id)
    organiser = await require_manage(uow, actor, event)
    registrants = await uow.events.registrants(event.id, [RegStatus.CONFIRMED], 0,
                                               ATTENDEES_MAX)
    attendees = [r.registration.person_id for r in registrants
                 if r.registration.attended_at is not None]
    issued = 0
    for person_id in attendees:
        cert, new = await issue(uow, await _draft(uow, event, person_id, organiser.name, tz),
                                 now)
        if new:
            issued += 1
            await notify(uow, Notification(
                person_id=person_id, key="cert-notice-issued",
                params={"title": event.title, "number": cert.number},
                targets=(DownloadCertificate(cert.id),), dedupe_key=f"cert:{cert.id}",
            ), now)
    return issued, len(attendees)


async def download(uow: UnitOfWork, actor: Actor, certificate_id: int) -> Certificate:
    """The holder's own certificate (a forged id finds nothing)."""
    cert = await uow.certificates.get(certificate_id)
    if cert is None or cert.person_id != actor.person_id:
        raise NotFound("cert-error-not-found")
    return cert


async def verify(uow: UnitOfWork, text: str | None) -> Certificate | None:
    """Anyone checks a number: the certificate (what it shows, nothing more) or None.
    Garbled input raises ``ValidationError``."""
    return await uow.certificates.by_number(parse_number(text))
