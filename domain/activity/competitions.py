"""Events of form «Конкурс» and the competition records of their participants (seed 003).

The events feature states that attendance was marked or taken back (``domain.events``
facts); this feature reacts (``domain/wiring.py``): an attendee of a competition event gets a
competition record — the event's title, level and day, result «участник», verified since the
organiser confirmed attendance — one per person and event. A mark taken back removes the
record only while it is as the mark made it. The teacher then adds the result (prize-winner,
winner) and a diploma, which sends the record to verification as usual."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.access import Actor
from domain.activity.model import TITLE_MAX, Draft, Kind, Level, Outcome, Record
from domain.errors import DomainError, ValidationError
from domain.events import AttendanceMarked, AttendanceTakenBack, EventForm
from domain.ports import UnitOfWork
from domain.reactions import Reactions

#: the results a teacher adds to an event's record (participation is what the mark says)
RESULTS = (Outcome.PRIZE_WINNER, Outcome.WINNER)
#: the day of an event as the region's calendar has it (the facts carry a moment only)
EVENT_DAY_TZ = ZoneInfo("Europe/Moscow")


async def on_attended(uow: UnitOfWork, fact: AttendanceMarked) -> Record | None:
    """An attendee of a competition event: their record, once."""
    event = await uow.events.get(fact.event_id)
    if event is None or event.form is not EventForm.COMPETITION:
        return None
    found = await uow.activity.of_event(fact.person_id, event.id)
    if found is not None:
        return found
    person = await uow.people.get(fact.person_id)
    if person is None:
        return None
    draft = Draft(Kind.COMPETITION, event.title[:TITLE_MAX],
                  event.starts_at.astimezone(EVENT_DAY_TZ).date(), Level(event.level.value),
                  Outcome.PARTICIPANT)
    return await uow.activity.add_from_event(person.id, person.profile.school_id, draft,
                                             event.id, fact.at)


async def on_taken_back(uow: UnitOfWork, fact: AttendanceTakenBack) -> bool:
    """The mark taken back: the record goes if nobody touched it since; True if it went."""
    record = await uow.activity.of_event(fact.person_id, fact.event_id)
    if record is None or not record.untouched:
        return False
    await uow.activity.delete(record.id)
    return True


async def add_result(uow: UnitOfWork, actor: Actor, record_id: int, outcome: Outcome,
                     file_id: str | None, file_name: str | None, now: datetime) -> Record:
    """The teacher's result of a competition event (and the diploma): back to verification,
    the coordinators of their school are alerted."""
    from domain.activity.service import _alert, _record

    record = await _record(uow, record_id)
    actor.require_self(record.person_id)
    if not record.from_event:
        raise DomainError("act-error-not-from-event")
    if outcome not in RESULTS:
        raise ValidationError("act-error-incomplete")
    if not await uow.activity.set_result(record.id, outcome, file_id, file_name):
        raise DomainError("act-error-result-waiting")
    record = await _record(uow, record.id)
    await _alert(uow, record, now)
    return record


def subscribe(reactions: Reactions) -> None:
    """Attendance of a competition event → the competition record (domain/wiring.py)."""
    async def attended(uow: UnitOfWork, fact: AttendanceMarked) -> None:
        await on_attended(uow, fact)

    async def taken_back(uow: UnitOfWork, fact: AttendanceTakenBack) -> None:
        await on_taken_back(uow, fact)

    reactions.on(AttendanceMarked, attended)
    reactions.on(AttendanceTakenBack, taken_back)
