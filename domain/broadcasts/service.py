"""Broadcast services: compose, choose the audience, send or schedule, cancel, deliver.

Delivery goes through the outbox: starting a broadcast inserts one outbox row per recipient
in the same transaction (a unique dedupe key per broadcast and person), so a crash either
leaves the draft or every row, and a row is never recorded twice. The sender delivers them at
a lower priority than a teacher's own messages; quiet hours hold the rows back and resume.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from domain.access import Actor
from domain.audience import Audience
from domain.broadcasts.model import (
    ACTIVE,
    CANCELLABLE,
    AudienceCount,
    AuditEntry,
    Broadcast,
    BroadcastStatus,
    Button,
    ButtonKind,
    Content,
    Kind,
    MediaKind,
    Progress,
)
from domain.broadcasts.ports import BroadcastUnitOfWork
from domain.broadcasts.quiet import QuietHours
from domain.broadcasts.rights import effective_audience, kind_for, require_own, require_sender
from domain.errors import NotFound, ValidationError

#: outbox priority of broadcast messages: a teacher's own notices (0) go first
BROADCAST_PRIORITY = 10
#: the key of a broadcast message in the outbox (rendered by handlers.broadcasts.render)
OUTBOX_KEY = "bc-message"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
MAX_BUTTONS = 3
MAX_AHEAD = timedelta(days=60)
LIST_LIMIT = 20


def dedupe_key(broadcast_id: int, person_id: int) -> str:
    return f"bc:{broadcast_id}:{person_id}"


def check_content(content: Content) -> Content:
    from domain.broadcasts.text import visible_length

    size = visible_length(content.html)
    if not content.html.strip() and content.media_kind is None:
        raise ValidationError("bc-error-empty")
    limit = CAPTION_LIMIT if content.media_kind else TEXT_LIMIT
    if size > limit:
        raise ValidationError("bc-error-too-long", limit=limit, size=size)
    if len(content.buttons) > MAX_BUTTONS:
        raise ValidationError("bc-error-too-many-buttons", limit=MAX_BUTTONS)
    return content


async def _audit(uow: BroadcastUnitOfWork, b: Broadcast, actor_id: int | None, action: str,
                 now: datetime, **details: object) -> None:
    await uow.broadcasts.add_audit(AuditEntry(b.id, actor_id, action, now, dict(details)))


async def own(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int) -> Broadcast:
    require_sender(actor)
    return require_own(actor, await uow.broadcasts.get(broadcast_id))


async def _own_locked(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int) -> Broadcast:
    require_sender(actor)
    return require_own(actor, await uow.broadcasts.lock(broadcast_id))


def _editable(b: Broadcast) -> None:
    if b.status is not BroadcastStatus.DRAFT:
        raise ValidationError("bc-error-not-draft")


# ---- composing ------------------------------------------------------------------------------


async def create_draft(uow: BroadcastUnitOfWork, actor: Actor, content: Content, now: datetime,
                       *, event_id: int | None = None, kind: Kind | None = None,
                       audience: Audience | None = None) -> Broadcast:
    require_sender(actor)
    check_content(content)
    audience = audience or Audience()
    await effective_audience(uow, actor, audience)  # refused outside the scope
    b = await uow.broadcasts.add(Broadcast(
        id=0, author_id=actor.person_id, kind=kind or kind_for(actor),
        status=BroadcastStatus.DRAFT, content=content, audience=audience, event_id=event_id,
    ), now)
    await _audit(uow, b, actor.person_id, "created", now)
    return b


async def set_content(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int, html: str,
                      now: datetime) -> Broadcast:
    b = await _own_locked(uow, actor, broadcast_id)
    _editable(b)
    b.content = check_content(replace(b.content, html=html))
    await uow.broadcasts.save(b, now)
    return b


async def set_media(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int,
                    kind: MediaKind | None, file_id: str | None, now: datetime) -> Broadcast:
    b = await _own_locked(uow, actor, broadcast_id)
    _editable(b)
    if kind is None:
        file_id = None
    elif not file_id or len(file_id) > 300:
        raise ValidationError("bc-error-media")
    b.content = check_content(replace(b.content, media_kind=kind, media_file_id=file_id))
    await uow.broadcasts.save(b, now)
    return b


async def toggle_button(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int,
                        button: Button, now: datetime) -> Broadcast:
    b = await _own_locked(uow, actor, broadcast_id)
    _editable(b)
    if button.kind is ButtonKind.REGISTER:
        event = await uow.events.get(int(button.value))
        if event is None:
            raise NotFound("ev-error-not-found")
    buttons = tuple(x for x in b.content.buttons if x != button)
    if len(buttons) == len(b.content.buttons):
        buttons = (*buttons, button)
    b.content = check_content(replace(b.content, buttons=buttons))
    await uow.broadcasts.save(b, now)
    return b


async def set_audience(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int,
                       audience: Audience, now: datetime) -> Broadcast:
    """Refuses (AccessDenied) an audience outside the sender's scope: nothing is stored."""
    b = await _own_locked(uow, actor, broadcast_id)
    _editable(b)
    await effective_audience(uow, actor, audience)
    if audience.event_id is not None and await uow.events.get(audience.event_id) is None:
        raise NotFound("ev-error-not-found")
    b.audience = audience
    await uow.broadcasts.save(b, now)
    return b


async def count(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int) -> AudienceCount:
    b = await own(uow, actor, broadcast_id)
    audience = await effective_audience(uow, actor, b.audience)
    return await uow.broadcasts.count(audience, b.kind)


async def delete_draft(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int) -> None:
    b = await _own_locked(uow, actor, broadcast_id)
    _editable(b)
    await uow.broadcasts.delete(b.id)


async def duplicate(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int, now: datetime
                    ) -> Broadcast:
    b = await own(uow, actor, broadcast_id)
    copy = await uow.broadcasts.add(Broadcast(
        id=0, author_id=actor.person_id, kind=b.kind, status=BroadcastStatus.DRAFT,
        content=b.content, audience=b.audience, event_id=b.event_id,
    ), now)
    await _audit(uow, copy, actor.person_id, "duplicated", now, source=b.id)
    return copy


async def mine(uow: BroadcastUnitOfWork, actor: Actor, statuses: tuple[BroadcastStatus, ...]
               ) -> list[Broadcast]:
    require_sender(actor)
    return await uow.broadcasts.by_author(actor.person_id, [s.value for s in statuses],
                                          LIST_LIMIT)


# ---- sending ------------------------------------------------------------------------------


async def _start(uow: BroadcastUnitOfWork, b: Broadcast, actor: Actor | None,
                 quiet: QuietHours, now: datetime) -> int:
    """Record one outbox row per recipient (atomic with the status change)."""
    audience = b.audience
    if actor is not None:
        audience = await effective_audience(uow, actor, b.audience)
    hold = quiet.until(now)
    b.total = await uow.broadcasts.enqueue(replace(b, audience=audience), hold or now,
                                           BROADCAST_PRIORITY, now)
    b.status = BroadcastStatus.PAUSED if hold else BroadcastStatus.RUNNING
    b.paused_until = hold
    b.started_at = b.started_at or now
    b.enqueued_at = now
    if b.total == 0:
        b.status, b.finished_at, b.paused_until = BroadcastStatus.DONE, now, None
    await uow.broadcasts.save(b, now)
    await _audit(uow, b, actor.person_id if actor else None, "started", now,
                 audience=audience.to_dict(), recipients=b.total, kind=b.kind.value)
    return b.total


async def send_now(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int, quiet: QuietHours,
                   now: datetime, report_message_id: int | None = None) -> Broadcast:
    b = await _own_locked(uow, actor, broadcast_id)
    _editable(b)
    check_content(b.content)
    b.report_message_id = report_message_id
    await _start(uow, b, actor, quiet, now)
    return b


async def schedule(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int, at: datetime,
                   now: datetime) -> Broadcast:
    b = await _own_locked(uow, actor, broadcast_id)
    _editable(b)
    check_content(b.content)
    await effective_audience(uow, actor, b.audience)  # refused now, not at night
    if at <= now:
        raise ValidationError("bc-error-past")
    if at > now + MAX_AHEAD:
        raise ValidationError("bc-error-too-far", days=MAX_AHEAD.days)
    b.status, b.scheduled_at = BroadcastStatus.SCHEDULED, at
    await uow.broadcasts.save(b, now)
    await _audit(uow, b, actor.person_id, "scheduled", now, at=at.isoformat(),
                 audience=b.audience.to_dict())
    return b


async def unschedule(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int, now: datetime
                     ) -> Broadcast:
    """A scheduled broadcast back to a draft (to edit it)."""
    b = await _own_locked(uow, actor, broadcast_id)
    if b.status is not BroadcastStatus.SCHEDULED:
        raise ValidationError("bc-error-not-scheduled")
    b.status, b.scheduled_at = BroadcastStatus.DRAFT, None
    await uow.broadcasts.save(b, now)
    await _audit(uow, b, actor.person_id, "unscheduled", now)
    return b


async def cancel(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int, now: datetime
                 ) -> Broadcast:
    b = await _own_locked(uow, actor, broadcast_id)
    if b.status not in CANCELLABLE:
        raise ValidationError("bc-error-not-cancellable")
    dropped = await uow.broadcasts.cancel_pending(b.id)
    b.status, b.cancelled_at, b.paused_until = BroadcastStatus.CANCELLED, now, None
    await uow.broadcasts.save(b, now)
    await _audit(uow, b, actor.person_id, "cancelled", now, dropped=dropped)
    return b


async def progress(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int) -> Progress:
    b = await own(uow, actor, broadcast_id)
    return await uow.broadcasts.progress(b.id)


# ---- the scheduler's tick -------------------------------------------------------------------


async def start_due(uow: BroadcastUnitOfWork, broadcast_id: int, quiet: QuietHours,
                    now: datetime) -> bool:
    """Start one scheduled broadcast that is due (its own transaction). The audience was
    checked against the author's scope when it was scheduled."""
    b = await uow.broadcasts.lock(broadcast_id)
    if b is None or b.status is not BroadcastStatus.SCHEDULED or (
            b.scheduled_at and b.scheduled_at > now):
        return False
    await _start(uow, b, None, quiet, now)
    return True


async def advance(uow: BroadcastUnitOfWork, b: Broadcast, quiet: QuietHours, now: datetime
                  ) -> Progress:
    """Quiet hours pause a running broadcast (its rows are held until they end); it resumes
    after them; it is done when nothing is left to send."""
    hold = quiet.until(now)
    if b.status is BroadcastStatus.RUNNING and hold:
        await uow.broadcasts.hold(b.id, hold)
        b.status, b.paused_until = BroadcastStatus.PAUSED, hold
        await uow.broadcasts.save(b, now)
        await _audit(uow, b, None, "paused", now, until=hold.isoformat())
    elif b.status is BroadcastStatus.PAUSED and not hold:
        b.status, b.paused_until = BroadcastStatus.RUNNING, None
        await uow.broadcasts.save(b, now)
        await _audit(uow, b, None, "resumed", now)
    state = await uow.broadcasts.progress(b.id)
    if b.status in ACTIVE and state.queued == 0:
        b.status, b.finished_at, b.paused_until = BroadcastStatus.DONE, now, None
        await uow.broadcasts.save(b, now)
        await _audit(uow, b, None, "done", now, sent=state.sent, blocked=state.blocked,
                     failed=state.failed)
    return state


# ---- recipients' preferences ----------------------------------------------------------------


async def opted_out(uow: BroadcastUnitOfWork, actor: Actor) -> set[Kind]:
    return await uow.broadcasts.opted_out(actor.person_id)


async def set_opt_out(uow: BroadcastUnitOfWork, actor: Actor, kind: Kind, off: bool,
                      now: datetime) -> None:
    """``off``: the person no longer gets broadcasts of this kind (their own choice only)."""
    await uow.broadcasts.set_opt_out(actor.person_id, kind, off, now)


async def opt_out_of(uow: BroadcastUnitOfWork, actor: Actor, broadcast_id: int, now: datetime
                     ) -> Kind:
    """The one-tap «Не присылать такие сообщения» under a broadcast the person received."""
    b = await uow.broadcasts.get(broadcast_id)
    if b is None:
        raise NotFound("bc-error-not-found")
    await uow.broadcasts.set_opt_out(actor.person_id, b.kind, True, now)
    return b.kind


# ---- event announcements ------------------------------------------------------------------


async def announcement_audience(uow: BroadcastUnitOfWork, actor: Actor, event_id: int,
                                matching_only: bool) -> tuple[Audience, Kind]:
    """An event's audience (its org subtrees inside the organiser's scope), or only the
    teachers whose latest deficits match the event's competence groups."""
    from domain import events as ev

    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound("ev-error-not-found")
    await ev.require_manage(uow, actor, event)
    orgs = tuple(event.audience) if event.audience else (event.organiser_id,)
    found = await uow.orgs.get_many(list(orgs))
    orgs = tuple(o for o in orgs if o in found and actor.covers(found[o]))
    if not orgs:
        raise ValidationError("bc-error-no-audience")
    groups = tuple(g for g in event.groups) if matching_only else ()
    if matching_only and not groups:
        raise ValidationError("bc-error-event-no-groups")
    audience = Audience(orgs=orgs, deficits=groups)
    return audience, (Kind.EVENTS if matching_only else kind_for(actor))
