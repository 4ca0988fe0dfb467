"""What the abonement screens share: the context, hours by kind, a request's summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiogram.types import InlineKeyboardButton

from domain import abonements as ab
from domain.abonements import AbonementUnitOfWork
from domain.events import Hours
from handlers.callbacks import AbCb, MenuCb
from handlers.formatting import fmt_date as fmt_day
from handlers.formatting import fmt_number
from handlers.keyboards import button
from handlers.views import FeatureCtx, esc, fmt_hours


@dataclass
class Ctx(FeatureCtx):
    """The screens' context, with the unit of work that holds the abonements."""

    uow: AbonementUnitOfWork  # type: ignore[assignment]


def hours_text(c: Ctx, hours: Hours) -> str:
    return c.t("abon-hours", in_person=fmt_hours(hours.in_person, c.locale),
               remote=fmt_hours(hours.remote, c.locale),
               self_study=fmt_hours(hours.self_study, c.locale),
               total=fmt_hours(hours.total, c.locale))


def school_year(c: Ctx, year: int | None) -> str:
    return c.t("abon-year", start=str(year), end=str(year + 1)) if year else "—"


def audience_text(c: Ctx, request: ab.Request) -> str:
    if request.whole_staff:
        return c.t("abon-audience-all")
    parts = [c.t(f"position-{p}") for p in request.positions]
    parts += [c.t(f"subject-{s}") for s in request.subjects]
    if request.audience_note:
        parts.append(esc(request.audience_note))
    return "; ".join(parts)


def groups_text(c: Ctx, groups: list[str] | tuple[str, ...]) -> str:
    """Competence groups (a request's topics) by name."""
    return ", ".join(c.t(f"route-group-{g}") for g in groups) or "—"


#: history lines whose comment holds competence groups (codes), not a person's text
GROUP_ACTIONS = (ab.Action.TOPICS_CHANGED, ab.Action.TOPICS_DECLINED)


def history_comment(c: Ctx, entry: ab.HistoryEntry) -> str:
    """A history line's comment as the reader sees it (escaped, groups by name)."""
    if entry.action in GROUP_ACTIONS:
        return groups_text(c, [g for g in (entry.comment or "").split(",") if g])
    return esc(entry.comment or "")


def subgroup_label(get: Callable[..., str], code: str | None) -> str:
    """Who a plan event is for: the whole staff, or a target group (``Subgroup.code``)."""
    kind, _, value = (code or "").partition("=")
    if kind == "position":
        return get("abon-subgroup-position", name=get(f"position-{value}"))
    if kind == "subject":
        return get("abon-subgroup-subject", name=get(f"subject-{value}"))
    return get("abon-audience-all")


def request_text(c: Ctx, request: ab.Request) -> str:
    """The request's answers as the school, the municipality and the centre read them."""
    return c.t(
        "abon-request",
        reason=c.t(f"abon-reason-{request.reason.value}") if request.reason else "—",
        groups=groups_text(c, request.groups),
        topics=esc(request.topics) if request.topics else "—",
        audience=audience_text(c, request),
        hours=hours_text(c, request.hours),
        months=", ".join(c.t(f"abon-month-{m}") for m in ab.MONTHS if m in request.months)
        or "—")


def shift_text(c: Ctx, shift: ab.Shift) -> str:
    """The staff's diagnosis before and after: the share with deficits per group."""
    if not shift.before:
        return c.t("abon-shift-none")
    lines = [c.t("abon-shift-head", before=shift.before, after=shift.after)]
    for g in ab.COMPETENCE_GROUPS:
        lines.append(c.t("abon-shift-line" if shift.after else "abon-shift-line-before",
                         group=c.t(f"route-group-{g}"), before=shift.before_share[g],
                         after=shift.after_share[g]))
    return "\n".join(lines)


def signed(value: float, locale: str) -> str:
    """+12,5 / −8 / ±0 for a change in percentage points."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return sign + fmt_number(abs(value), locale)


def campaign_line(c: Ctx, linked: ab.Linked) -> str:
    """«🩺 Входная диагностика: 01.12.2026 — 14.12.2026, прошли 2 из 3 (идёт)»."""
    camp_ = linked.campaign
    return c.t("abon-diag-campaign", stage=linked.stage.value,
               start=fmt_day(camp_.starts_on, c.locale), end=fmt_day(camp_.ends_on, c.locale),
               done=linked.done, total=linked.total, running=int(linked.running(c.now)))


def staff_text(c: Ctx, staff: ab.Staff, shift: ab.Shift | None) -> str:
    """The staff's diagnosis: the linked campaigns, the change per competence group from the
    two (the share with a deficit among those who took both), or — without them — the
    fallback of each teacher's diagnoses around the period (``shift``; None: not shown)."""
    lines = [campaign_line(c, x) for x in (staff.start, staff.final) if x is not None]
    change = staff.change
    if change is not None and staff.final is not None:
        if not change.people:
            lines.append(c.t("abon-diag-result-nobody"))
            return "\n".join(lines)
        lines.append(c.t("abon-diag-result-head", people=change.people, shrank=change.shrank))
        for g in change.groups:
            lines.append(c.t("abon-diag-result-line", group=c.t(f"route-group-{g.group}"),
                             before=fmt_number(g.deficit_before, c.locale),
                             after=fmt_number(g.deficit_after, c.locale),
                             delta=signed(g.deficit_delta, c.locale)))
        if staff.final.running(c.now):
            lines.append(c.t("abon-diag-result-live"))
        return "\n".join(lines)
    if shift is not None:
        lines.append(c.t("abon-diag-fallback", started=int(staff.start is not None)))
        lines.append(shift_text(c, shift))
    return "\n".join(lines)


def to_section(c: Ctx) -> list[InlineKeyboardButton]:
    return [button(c.t("abon-btn-section"), AbCb(a="home").pack()),
            button(c.t("btn-menu"), MenuCb(to="home").pack())]


def to_card(c: Ctx, abonement_id: int) -> InlineKeyboardButton:
    return button(c.t("abon-btn-back-card"), AbCb(a="card", id=abonement_id).pack())


__all__ = ["Ctx", "audience_text", "campaign_line", "groups_text", "history_comment",
           "hours_text", "request_text", "school_year", "shift_text", "signed", "staff_text",
           "subgroup_label", "to_card", "to_section"]
