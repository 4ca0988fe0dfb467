"""Shared pieces of the group ИОМ screens: the router, FSM states, buttons, the card."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain import group_route as grp
from domain.route import ActivityStatus
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import GrCb, MenuCb
from handlers.formatting import cut_html, fmt_date, fmt_number
from handlers.routing import Routes
from handlers.views import FeatureCtx, esc

router = Routes("group-route")
Ctx = FeatureCtx


class GroupStates(StatesGroup):
    create = State()  # data: school, step, group, indicator, deficit, members, title
    title = State()  # the new group route's title (typed)
    period = State()  # … its period (a button, or typed «дд.мм.гггг – дд.мм.гггг»)
    activity = State()  # a new activity's title; data: id, col
    due = State()  # … its due date (the date picker, or typed); data: + title
    hours = State()  # … its hours (buttons, or typed); data: + due
    evidence = State()  # a member's evidence (text, a link or a file); data: id, v
    conclusion = State()  # the coordinator's conclusion; data: id


def btn(text: str, a: str, id: int = 0, v: int = 0, x: str = "") -> InlineKeyboardButton:
    return kb.button(text[:60], GrCb(a=a, id=id, v=v, x=x).pack())


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def card_text(c: Ctx, plan: grp.GroupPlan, r: grp.GroupRights, notice: str | None = None
              ) -> str:
    t, route = c.t, plan.route
    lines = [
        t("grp-card-title", title=esc(route.title)),
        t("grp-card-deficit", group=t(f"route-group-{route.group}"), deficit=esc(route.deficit)),
        t("grp-card-period", start=fmt_date(route.period_start, c.locale),
          end=fmt_date(route.period_end, c.locale)),
        t("grp-card-status", status=t(f"grp-status-{route.status.value}"),
          members=len(plan.members)),
    ]
    acts = [t("grp-card-activities", count=len(plan.activities))] if plan.activities else [
        t("grp-card-no-activities")]
    mine = plan.member(c.actor.person_id) is not None
    late = {a.id for a in plan.overdue(c.actor.person_id, c.today)} if mine else set()
    for n, a in enumerate(plan.activities, 1):
        hours = t("grp-hours", hours=fmt_number(a.hours, c.locale)) if a.hours else ""
        if mine:
            icon = "✅" if plan.mark(a.id, c.actor.person_id).done else "⚪️"
        else:
            icon = f"{sum(plan.mark(a.id, m.person_id).done for m in plan.members)}/" \
                   f"{len(plan.members)}"
        line = t("grp-card-activity", n=n, icon=icon, title=esc(clip(a.title, 80)),
                 column=t(f"route-colshort-{a.column.value}"), due=fmt_date(a.due, c.locale)
                 if a.due else "—", hours=hours)
        acts.append(line + (" ⏰" if a.id in late else ""))
    if late:
        acts.append(t("grp-card-overdue", count=len(late)))
    if mine:
        acts.append(t("grp-card-mine", done=plan.done(c.actor.person_id),
                      total=len(plan.activities)))
    parts = ([notice] if notice else []) + ["\n".join(lines), "\n".join(acts)]
    if route.conclusion:
        parts.append(t("grp-card-conclusion", conclusion=esc(route.conclusion)))
    return cut_html("\n\n".join(parts))


def card_markup(c: Ctx, plan: grp.GroupPlan, r: grp.GroupRights) -> InlineKeyboardMarkup:
    t, gid = c.t, plan.route.id
    b = InlineKeyboardBuilder()
    if r.member:
        for n, a in enumerate(plan.activities, 1):
            done = plan.mark(a.id, c.actor.person_id).status is ActivityStatus.DONE
            b.row(btn(f"{'✅' if done else '⚪️'} {n}. {clip(a.title, 45)}", "act", gid, a.id))
    if r.manage:
        b.row(btn(t("grp-btn-add"), "add", gid), btn(t("grp-btn-members"), "mem", gid))
    if is_coordinator(c, plan):
        b.row(btn(t("grp-btn-table"), "tbl", gid), btn(t("grp-btn-xlsx"), "xlsx", gid))
    if r.manage:
        b.row(btn(t("grp-btn-close"), "end", gid))
        b.row(btn(t("btn-back"), "list"))
    if r.member:
        b.row(btn(t("grp-btn-leave"), "leave", gid))
        b.row(kb.button(t("grp-btn-my-route"), MenuCb(to="route").pack()))
    b.row(kb.button(t("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


def is_coordinator(c: Ctx, plan: grp.GroupPlan) -> bool:
    from domain.access import is_school_coordinator

    return is_school_coordinator(c.actor, plan.route.school_id)


async def show_card(c: Ctx, group_id: int, notice: str | None = None, new: bool = False
                    ) -> None:
    from handlers.views import show

    await c.state.set_state(None)
    await c.state.set_data({})
    plan, r = await grp.load(c.uow, c.actor, group_id)
    await show(c.event, card_text(c, plan, r, notice), card_markup(c, plan, r), new=new)
