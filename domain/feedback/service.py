"""Feedback services: the reaction that sends the form, the steps, the organiser's view and
the figures per scope."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.access import Actor
from domain.entities import Notification
from domain.errors import NotFound, ValidationError
from domain.events import AttendanceMarked, require_manage
from domain.feedback.model import (
    COMMENTS_SHOWN,
    SCORE_MAX,
    SCORE_MIN,
    TEXT_MAX,
    EventFeedback,
    Feedback,
    Figures,
    Step,
    template_for,
    template_of,
)
from domain.notifications import OpenFeedback
from domain.outbox import notify
from domain.ports import UnitOfWork
from domain.reactions import Reactions


async def on_attendance(uow: UnitOfWork, fact: AttendanceMarked) -> None:
    """Attendance marked → the attendee gets the form once (a second mark, a mark taken back
    and given again: nothing more)."""
    event = await uow.events.get(fact.event_id)
    if event is None:
        return
    template = template_for(event.form.value)
    feedback = await uow.feedback.add(event.id, fact.person_id, template.code,
                                      template.steps[0].value, fact.at)
    if feedback is None:
        return
    await notify(uow, Notification(
        person_id=fact.person_id, key="fb-notice-ask", params={"title": event.title},
        targets=(OpenFeedback(feedback.id),), dedupe_key=f"fb-ask:{feedback.id}",
    ), fact.at)


def subscribe(reactions: Reactions) -> None:
    reactions.on(AttendanceMarked, on_attendance)


async def own(uow: UnitOfWork, actor: Actor, feedback_id: int) -> Feedback:
    """The attendee's own form (callback data can be forged: anyone else's is not found)."""
    feedback = await uow.feedback.get(feedback_id)
    if feedback is None or feedback.person_id != actor.person_id:
        raise NotFound("fb-error-not-found")
    return feedback


def _advance(feedback: Feedback, now: datetime) -> None:
    feedback.step = template_of(feedback.template).after(feedback.step)
    if feedback.step is Step.DONE:
        feedback.done_at = now


async def score(uow: UnitOfWork, actor: Actor, feedback_id: int, value: int, now: datetime
                ) -> Feedback:
    feedback = await own(uow, actor, feedback_id)
    if feedback.step is not Step.USEFULNESS:
        raise ValidationError("fb-error-answered")
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError("fb-error-score")
    feedback.usefulness = value
    _advance(feedback, now)
    await uow.feedback.save(feedback, now)
    return feedback


async def answer(uow: UnitOfWork, actor: Actor, feedback_id: int, step: str, text: str | None,
                 now: datetime) -> Feedback:
    """A text step answered (``text``) or skipped (None, when the template allows)."""
    feedback = await own(uow, actor, feedback_id)
    if feedback.step.value != step or feedback.step is Step.USEFULNESS:
        raise ValidationError("fb-error-answered")
    template = template_of(feedback.template)
    if text is None:
        if feedback.step not in template.optional:
            raise ValidationError("fb-error-required")
    else:
        text = text.strip()
        if not text:
            raise ValidationError("fb-error-empty")
        if len(text) > TEXT_MAX:
            raise ValidationError("fb-error-long", max=TEXT_MAX, length=len(text))
        setattr(feedback, feedback.step.value, text)
    _advance(feedback, now)
    await uow.feedback.save(feedback, now)
    return feedback


async def event_feedback(uow: UnitOfWork, actor: Actor, event_id: int) -> EventFeedback:
    """What the organiser sees: the event's average and comments, and the organiser's."""
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    organiser = await require_manage(uow, actor, event)
    anonymous = template_for(event.form.value).anonymous
    return EventFeedback(
        event_title=event.title,
        organiser=organiser.name,
        anonymous=anonymous,
        event=await uow.feedback.figures(event_ids=[event.id]),
        by_organiser=await uow.feedback.figures(organiser_ids=[organiser.id]),
        events_of_organiser=await uow.feedback.events_of([organiser.id]),
        comments=await uow.feedback.comments(event.id, named=not anonymous,
                                             limit=COMMENTS_SHOWN),
    )


async def figures(uow: UnitOfWork, scope_ids: Sequence[int]) -> Figures:
    """Feedback on the events organised anywhere in these org units' subtrees (a
    coordinator's territory: its region, municipality or school and everything under it).
    The caller has checked the scope (domain.territory does for the dashboard)."""
    if not scope_ids:
        return Figures()
    return await uow.feedback.figures(within=scope_ids)
