"""Changes of a signed agreement, agreed by both sides: after the signature one side — the
school's coordinator, or the curator / the centre — proposes with a reason, the other side
accepts or declines; every proposal stays in the history; one waits for a decision at a time.

* the volume (000 §7.2: the plan never exceeds the order «without a change agreed by both
  sides»): other hours by kind, never below the plan;
* the topics (000 §7.4: «the school may change the topics … as its needs change»): the
  competence groups (deficits) the request works on, from the request's own vocabulary; the
  volume stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.abonements.model import (
    Abonement,
    Action,
    Change,
    ChangeKind,
    ChangeStatus,
    HistoryEntry,
    Side,
    Status,
    add_hours,
    over_volume,
    parse_comment,
    parse_groups,
)
from domain.abonements.plan import viewable
from domain.abonements.ports import AbonementUnitOfWork
from domain.abonements.rights import is_curator
from domain.access import Actor, is_school_coordinator
from domain.competences import COMPETENCE_GROUPS
from domain.entities import Notification
from domain.errors import AccessDenied, NotFound, ValidationError
from domain.events import Hours
from domain.notifications import AbonementAction
from domain.outbox import notify

#: statuses in which the volume may change (the agreement is signed, not yet completed)
CHANGEABLE = (Status.AGREED, Status.RUNNING)


@dataclass(frozen=True, slots=True)
class Changes:
    abonement: Abonement
    school: str
    planned: Hours
    changes: list[Change]
    names: dict[int, str]
    side: Side | None  # the reader's side (None: they only read)
    may_propose: bool

    @property
    def pending(self) -> Change | None:
        return next((c for c in self.changes if c.status is ChangeStatus.PENDING), None)

    def may_decide(self) -> bool:
        p = self.pending
        return p is not None and self.side is not None and self.side is not p.side


def side_of(actor: Actor, ab: Abonement) -> Side | None:
    if is_curator(actor, ab) or actor.is_admin:
        return Side.CENTRE
    if is_school_coordinator(actor, ab.school_id):
        return Side.SCHOOL
    return None


async def _planned(uow: AbonementUnitOfWork, ab: Abonement) -> Hours:
    total = Hours()
    for item in await uow.abonements.items(ab.id):
        total = add_hours(total, item.hours)
    return total


async def changes(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int) -> Changes:
    """The history of proposed volumes, the pending one, and what the reader may do."""
    ab = await viewable(uow, actor, abonement_id)
    found = await uow.abonements.changes(ab.id)
    ids = sorted({i for c in found for i in (c.proposed_by, c.decided_by) if i is not None})
    people = await uow.people.get_many(ids)
    school = await uow.orgs.get(ab.school_id)
    side = side_of(actor, ab)
    pending = any(c.status is ChangeStatus.PENDING for c in found)
    return Changes(ab, school.name if school else "—", await _planned(uow, ab), found,
                   {i: people[i].profile.full_name or "—" for i in ids if i in people}, side,
                   side is not None and ab.status in CHANGEABLE and not pending)


async def may_propose(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int) -> Changes:
    """Asked before the hours are typed, so nobody types them in vain."""
    found = await changes(uow, actor, abonement_id)
    if found.side is None:
        raise AccessDenied("abon-error-no-access")
    if found.abonement.status not in CHANGEABLE:
        raise ValidationError("abon-error-change-status")
    if found.pending is not None:
        raise ValidationError("abon-error-change-pending")
    return found


def check_volume(ab: Abonement, planned: Hours, new: Hours) -> None:
    if new.total <= 0:
        raise ValidationError("abon-error-hours-zero")
    if new == ab.ordered:
        raise ValidationError("abon-error-change-same")
    over = over_volume(new, planned)
    if over is not None:
        kind, have, proposed = over
        raise ValidationError("abon-error-change-below-plan", kind=kind.value, planned=have,
                              proposed=proposed)


async def _tell(uow: AbonementUnitOfWork, ab: Abonement, to_side: Side, key: str,
                params: dict[str, object], now: datetime) -> None:
    target = ab.curator_id if to_side is Side.CENTRE else ab.created_by
    if target is None:
        return
    await notify(uow, Notification(person_id=target, key=key, params=params,
                                   targets=(AbonementAction(ab.id, "chg"),)), now)


async def _propose(uow: AbonementUnitOfWork, actor: Actor, found: Changes, kind: ChangeKind,
                   new: Hours, groups: list[str], reason: str, now: datetime) -> Change:
    """Record a proposal of either kind, its history line, and tell the other side."""
    ab, side = found.abonement, found.side
    assert side is not None
    text = parse_comment(reason)
    change = await uow.abonements.add_change(Change(
        0, ab.id, ab.ordered, new, text, side, ChangeStatus.PENDING, actor.person_id, now,
        kind=kind,
        old_groups=tuple(ab.request.groups) if kind is ChangeKind.TOPICS else (),
        new_groups=tuple(groups)))
    action = Action.VOLUME_PROPOSED if kind is ChangeKind.VOLUME else Action.TOPICS_PROPOSED
    await uow.abonements.add_history(HistoryEntry(ab.id, action, actor.person_id, now, text))
    await _tell(uow, ab, Side.SCHOOL if side is Side.CENTRE else Side.CENTRE,
                "abon-notice-change",
                {"school": found.school, "who": await _name(uow, actor.person_id),
                 "reason": text, "kind": kind.value, **_kinds(new)}, now)
    return change


async def propose(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int, new: Hours,
                  reason: str, now: datetime) -> Change:
    """Propose another volume."""
    found = await may_propose(uow, actor, abonement_id)
    check_volume(found.abonement, found.planned, new)
    return await _propose(uow, actor, found, ChangeKind.VOLUME, new, [], reason, now)


def check_topics(ab: Abonement, groups: list[str] | tuple[str, ...]) -> list[str]:
    """The proposed competence groups, in order: known ones, at least one, not the same."""
    chosen = parse_groups(groups)
    if chosen == [g for g in COMPETENCE_GROUPS if g in ab.request.groups]:
        raise ValidationError("abon-error-topics-same")
    return chosen


async def propose_topics(uow: AbonementUnitOfWork, actor: Actor, abonement_id: int,
                         groups: list[str], reason: str, now: datetime) -> Change:
    """Propose other topics (competence groups) within the same volume."""
    found = await may_propose(uow, actor, abonement_id)
    chosen = check_topics(found.abonement, groups)
    return await _propose(uow, actor, found, ChangeKind.TOPICS, found.abonement.ordered,
                          chosen, reason, now)


def _hours(h: Hours) -> str:
    return " / ".join(f"{x:g}" for x in (h.in_person, h.remote, h.self_study))


def _kinds(h: Hours) -> dict[str, object]:
    return {"in_person": h.in_person, "remote": h.remote, "self_study": h.self_study}


async def _name(uow: AbonementUnitOfWork, person_id: int) -> str:
    person = await uow.people.get(person_id)
    return (person.profile.full_name if person else None) or "—"


async def proposal(uow: AbonementUnitOfWork, actor: Actor, change_id: int) -> Change:
    """A proposal the reader may see (a forged id finds nothing)."""
    change = await uow.abonements.change(change_id)
    if change is None:
        raise NotFound("abon-error-change-gone")
    await viewable(uow, actor, change.abonement_id)
    return change


async def decide(uow: AbonementUnitOfWork, actor: Actor, change_id: int, accept: bool,
                 now: datetime) -> Change:
    """The other side accepts (the order becomes the new volume, the request's groups the new
    topics) or declines."""
    change = await proposal(uow, actor, change_id)
    found = await changes(uow, actor, change.abonement_id)
    ab = found.abonement
    if found.side is None:
        raise AccessDenied("abon-error-no-access")
    if change.status is not ChangeStatus.PENDING:
        raise ValidationError("abon-error-change-gone")
    if found.side is change.side:
        raise ValidationError("abon-error-change-own")
    topics = change.kind is ChangeKind.TOPICS
    if accept:
        if ab.status not in CHANGEABLE:
            raise ValidationError("abon-error-change-status")
        if topics:
            ab.request.groups = list(change.new_groups)
        else:
            check_volume(ab, found.planned, change.new)  # the plan may have grown meanwhile
            ab.ordered = change.new
        await uow.abonements.save(ab, now)
    status = ChangeStatus.ACCEPTED if accept else ChangeStatus.DECLINED
    decided = await uow.abonements.decide_change(change.id, status.value, actor.person_id, now)
    if topics:
        action = Action.TOPICS_CHANGED if accept else Action.TOPICS_DECLINED
        comment = ",".join(change.new_groups)
    else:
        action = Action.VOLUME_CHANGED if accept else Action.VOLUME_DECLINED
        comment = _hours(change.new)
    await uow.abonements.add_history(HistoryEntry(ab.id, action, actor.person_id, now,
                                                  comment))
    await _tell(uow, ab, change.side, "abon-notice-change-decided",
                {"school": found.school, "accepted": int(accept), "kind": change.kind.value,
                 "who": await _name(uow, actor.person_id), **_kinds(change.new)}, now)
    return decided


__all__ = ["CHANGEABLE", "Change", "ChangeKind", "ChangeStatus", "Changes", "Side", "changes",
           "check_topics", "check_volume", "decide", "may_propose", "propose", "propose_topics",
           "proposal", "side_of"]
