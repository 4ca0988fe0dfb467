"""Announcements and broadcasts (issue 11): admins and coordinators reach exactly the
teachers they mean, once, and see what happened. Framework-free; storage in
storage/broadcasts, screens in handlers/broadcasts."""

from domain.audience import (
    COMPETENCE_GROUPS,
    DIMENSIONS,
    VOCABULARY,
    Audience,
    EventRelation,
    RouteFilter,
)
from domain.broadcasts.model import (
    ACTIVE,
    CANCELLABLE,
    NAME_PLACEHOLDERS,
    SECTIONS,
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
    first_name,
    progress_bar,
)
from domain.broadcasts.ports import BroadcastRepository, BroadcastUnitOfWork
from domain.broadcasts.quiet import QuietHours
from domain.broadcasts.rights import effective_audience, kind_for, require_own, require_sender
from domain.broadcasts.service import (
    BROADCAST_PRIORITY,
    CAPTION_LIMIT,
    OUTBOX_KEY,
    TEXT_LIMIT,
    advance,
    announcement_audience,
    cancel,
    check_content,
    count,
    create_draft,
    dedupe_key,
    delete_draft,
    duplicate,
    mine,
    opt_out_of,
    opted_out,
    own,
    progress,
    schedule,
    send_now,
    set_audience,
    set_content,
    set_media,
    set_opt_out,
    start_due,
    toggle_button,
    unschedule,
)

__all__ = [
    "ACTIVE", "BROADCAST_PRIORITY", "CANCELLABLE", "CAPTION_LIMIT", "COMPETENCE_GROUPS",
    "DIMENSIONS", "NAME_PLACEHOLDERS", "OUTBOX_KEY", "SECTIONS", "TEXT_LIMIT", "VOCABULARY",
    "Audience", "AudienceCount", "AuditEntry", "Broadcast", "BroadcastRepository",
    "BroadcastStatus", "BroadcastUnitOfWork", "Button", "ButtonKind", "Content",
    "EventRelation", "Kind", "MediaKind", "Progress", "QuietHours", "RouteFilter", "advance",
    "announcement_audience", "cancel", "check_content", "count", "create_draft", "dedupe_key",
    "delete_draft", "duplicate", "effective_audience", "first_name", "kind_for", "mine",
    "opt_out_of", "opted_out", "own", "progress", "progress_bar", "require_own",
    "require_sender", "schedule", "send_now", "set_audience", "set_content", "set_media",
    "set_opt_out", "start_due", "toggle_button", "unschedule",
]
