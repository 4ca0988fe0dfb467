"""The route card: the plan by rows or by competence group, its buttons, «Мой ИОМ»."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_i18n import I18nContext

from domain import external as ext
from domain import route as rt
from domain.access import Actor
from domain.entities import Person
from domain.ports import UnitOfWork
from domain.route import Activity, ActivityStatus, Plan, Rights, RouteStatus
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import ExtCb, GrCb, MenuCb
from handlers.filters import Onboarded
from handlers.formatting import cut_html, fit, fmt_number
from handlers.views import ack, esc, show

from handlers.route.common import ROWS_PAGE, Ctx, RrCb, RtCb, _ctx, btn, clip, d, router

# ---- the route card ---------------------------------------------------------------------


async def route_text(c: Ctx, plan: Plan, r: Rights, page: int, notice: str | None = None,
                     groups: Sequence[rt.GroupRow] = ()) -> str:
    """The card; the reviewer's comment and the conclusion (up to 3000 characters) are
    shortened with «…» when the whole card would not fit in one message. ``groups``: the
    group ИОМ the teacher is a member of, listed after their own rows."""
    i18n, route = c.i18n, plan.route
    person = await c.uow.people.get(route.person_id)
    school = await c.uow.orgs.get(route.school_id) if route.school_id else None
    total = plan.progress
    head = [i18n.get("route-card-title")]
    lines = [
        i18n.get("route-card-teacher", name=esc(person.profile.full_name if person and
                                                person.profile.full_name else "—"),
                 school=esc(school.name) if school else "—"),
        i18n.get("route-card-status", status=i18n.get(f"route-status-{route.status.value}")),
        i18n.get("route-card-period", start=d(route.period_start, i18n.locale),
                 end=d(route.period_end, i18n.locale)),
    ]
    if route.status in rt.RUNNING or route.status is RouteStatus.COMPLETED:
        lines.append(i18n.get("route-card-progress", done=total.done, total=total.total,
                              percent=total.percent))
    if route.external_id is not None:
        found = await ext.get(c.uow, route.external_id)
        if found is not None:
            lines.append(i18n.get("route-card-basis-external", operator=esc(found.operator),
                                  date=d(found.taken_on, i18n.locale)))
    head.append("\n".join(lines))
    tail = []
    if plan.rows and route.teacher_editable:
        tail.append(draft_rows(c, plan))
        if groups:
            tail.append(groups_block(c, groups))
    elif plan.rows:
        rows = [i18n.get("route-card-plan", count=len(plan.rows) + len(groups))]
        chunk = plan.rows[page * ROWS_PAGE:(page + 1) * ROWS_PAGE]
        for n, row in enumerate(chunk, page * ROWS_PAGE + 1):
            p = plan.row_progress(row.id)
            rows.append(i18n.get("route-card-row", n=n, title=esc(clip(row.title, 90)),
                                 done=p.done, total=p.total))
        rows += [group_line(c, g) for g in groups]
        tail.append("\n".join(rows))
    else:
        tail.append(i18n.get("route-card-no-rows"))
        if groups:
            tail.append(groups_block(c, groups))
    away = rt.outside(plan) if route.status is not RouteStatus.COMPLETED else []
    if away:
        tail.append(i18n.get("route-card-outside", count=len(away)))
    planned, done = rt.route_hours(plan)
    if planned:
        tail.append(i18n.get("route-card-consult-hours", planned=fmt_number(planned, i18n.locale),
                             done=fmt_number(done, i18n.locale)))
    overdue = plan.overdue(c.today) if route.status is not RouteStatus.COMPLETED else []
    if overdue or groups:
        tail += overdue_block(c, [*overdue, *(a for g in groups for a in g.overdue(c.today))])
    hint = _hint(i18n, plan, r)
    if hint:
        tail.append(hint)
    returned = route.status is RouteStatus.RETURNED
    completed = route.status is RouteStatus.COMPLETED

    def card(comment: str | None, conclusion: str | None) -> str:
        parts = ([notice] if notice else []) + head
        if comment:
            parts.append(i18n.get("route-card-comment", comment=comment))
        if conclusion:
            parts.append(i18n.get("route-card-conclusion", conclusion=conclusion))
        return "\n\n".join(parts + tail)

    return fit(card, comment=route.comment if returned else None,
               conclusion=route.conclusion if completed else None)


def group_line(c: Ctx, g: rt.GroupRow) -> str:
    """A group ИОМ among the plan's rows: its number, the shared deficit, the member's own
    progress and the group route's status."""
    p = g.progress
    return c.i18n.get("route-card-group-row", n=g.row.position, title=esc(clip(g.row.title, 90)),
                      done=p.done, total=p.total,
                      status=c.i18n.get("grp-status-open" if g.open else "grp-status-closed"))


def groups_block(c: Ctx, groups: Sequence[rt.GroupRow]) -> str:
    """The group ИОМ as a block of their own (beside a draft, or without a route)."""
    return "\n".join([c.i18n.get("route-card-groups", count=len(groups)),
                      *(group_line(c, g) for g in groups)])


def group_buttons(c: Ctx, groups: Sequence[rt.GroupRow]) -> list[list[InlineKeyboardButton]]:
    """One button per group ИОМ: its card, where the member opens each activity."""
    out = []
    for g in groups:
        p = g.progress
        out.append([kb.button(f"👥 {clip(g.title, 40)} ({p.done}/{p.total})",
                              GrCb(a="open", id=g.group_id).pack())])
    return out


def overdue_block(c: Ctx, overdue: Sequence[Activity]) -> list[str]:
    """«Просрочено»: the route's own activities and the group ИОМ's, by date."""
    if not overdue:
        return []
    i18n = c.i18n
    ordered = sorted(overdue, key=lambda a: (a.due or date.max, a.id))
    return ["\n".join([i18n.get("route-card-overdue", count=len(ordered))] + [
        i18n.get("route-overdue-line", title=esc(clip(a.title, 80)), due=d(a.due, i18n.locale))
        for a in ordered[:10]])]


def draft_rows(c: Ctx, plan: Plan) -> str:
    """The plan being shaped: rows by competence group, each with what is in it; a proposal
    of the ready draft is marked ❔ until accepted."""
    i18n = c.i18n
    numbers = {row.id: n for n, row in enumerate(plan.rows, 1)}
    blocks = [i18n.get("route-card-plan", count=len(plan.rows))]
    for group, rows in rt.groups_of(plan):
        lines = [i18n.get("route-card-group", group=i18n.get(f"route-group-{group}"),
                          count=len(rows))]
        for row in rows:
            lines.append(i18n.get("route-card-draft-row", n=numbers[row.id],
                                  title=esc(clip(row.title, 70))))
            items = [a for a in plan.of_row(row.id) if a.status is not ActivityStatus.DROPPED]
            for a in items[:2]:
                lines.append(i18n.get("route-card-draft-item",
                                      icon="❔" if a.proposed else "✔️",
                                      title=esc(clip(a.title, 60)), due=d(a.due, i18n.locale)))
            if len(items) > 2:
                lines.append(i18n.get("route-card-draft-more", count=len(items) - 2))
            if not items:
                lines.append(i18n.get("route-card-draft-empty"))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _hint(i18n: I18nContext, plan: Plan, r: Rights) -> str | None:
    status = plan.route.status
    if r.owner and status in (RouteStatus.DRAFT, RouteStatus.RETURNED):
        if rt.pending(plan):
            return i18n.get("route-hint-proposed")
        return i18n.get("route-hint-draft")
    if r.owner and status is RouteStatus.SUBMITTED:
        return i18n.get("route-hint-submitted")
    if r.owner and status is RouteStatus.APPROVED:
        return i18n.get("route-hint-approved")
    return None


def route_markup(c: Ctx, plan: Plan, r: Rights, page: int, rebuild: bool = False,
                 groups: Sequence[rt.GroupRow] = (), correct: bool = False
                 ) -> InlineKeyboardMarkup:
    """The card's buttons; ``groups``: the group ИОМ rows of a member; ``correct``: the
    external diagnosis the route is built on may be corrected by the reader."""
    i18n, route = c.i18n, plan.route
    b = InlineKeyboardBuilder()
    if r.owner and route.teacher_editable:
        waiting = [(g, len(rt.pending(plan, g))) for g, _ in rt.groups_of(plan)]
        waiting = [(g, n) for g, n in waiting if n]
        for g, n in waiting:
            b.row(btn(i18n.get("route-btn-accept-group", group=i18n.get(f"route-group-{g}"),
                               count=n), "acc", route.id, g))
        if len(waiting) > 1:
            b.row(btn(i18n.get("route-btn-accept-all", count=sum(n for _, n in waiting)),
                      "acc", route.id))
    chunk = plan.rows[page * ROWS_PAGE:(page + 1) * ROWS_PAGE]
    for n, row in enumerate(chunk, page * ROWS_PAGE + 1):
        p = plan.row_progress(row.id)
        b.row(btn(f"{n}. {clip(row.title, 40)} ({p.done}/{p.total})", "row", row.id))
    for buttons in group_buttons(c, groups):
        b.row(*buttons)
    pages = max((len(plan.rows) + ROWS_PAGE - 1) // ROWS_PAGE, 1)
    if nav := kb.pager(page, pages, lambda n: RtCb(a="route", id=route.id, x=str(n)).pack()):
        b.row(*nav)
    if r.deficits:
        b.row(btn(i18n.get("route-btn-add-row"), "addrow", route.id))
    if r.shape:
        b.row(btn(i18n.get("route-btn-period"), "prd", route.id))
    if rebuild:
        b.row(btn(i18n.get("route-btn-rebuild"), "rbd", route.id))
    if r.self_analysis:
        b.row(btn(i18n.get("route-btn-analysis"), "analysis", route.id))
    if correct and route.external_id is not None:
        b.row(kb.button(i18n.get("route-btn-correct-external"),
                        ExtCb(a="ed", id=route.external_id).pack()))
    if r.submit:
        b.row(btn(i18n.get("route-btn-submit"), "submit", route.id))
    if r.owner and route.status is RouteStatus.APPROVED:
        b.row(btn(i18n.get("route-btn-start"), "start", route.id))
    if r.review:
        b.row(kb.button(i18n.get("route-btn-approve"), RrCb(a="approve", id=route.id).pack()),
              kb.button(i18n.get("route-btn-return"), RrCb(a="ret", id=route.id).pack()))
    if r.conclude and rt.may_conclude(plan, c.today):
        b.row(kb.button(i18n.get("route-btn-conclude"), RrCb(a="end", id=route.id).pack()))
    b.row(btn(i18n.get("route-btn-docx"), "docx", route.id),
          btn(i18n.get("route-btn-pdf"), "pdf", route.id))
    b.row(btn(i18n.get("route-btn-versions"), "ver", route.id))
    if r.owner and route.status is RouteStatus.COMPLETED:
        b.row(btn(i18n.get("route-btn-new"), "build"))
    if not r.owner:
        b.row(kb.button(i18n.get("route-btn-queue"), RrCb(a="queue").pack()))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    return b.as_markup()


async def show_route(c: Ctx, route_id: int, page: int = 0, notice: str | None = None,
                     new: bool = False) -> None:
    plan, r = await rt.get_plan(c.uow, c.actor, route_id)
    pages = max((len(plan.rows) + ROWS_PAGE - 1) // ROWS_PAGE, 1)
    page = min(max(page, 0), pages - 1)
    # the group ИОМ the teacher is a member of (domain/group_route): rows after their own
    groups = (await rt.group_rows(c.uow, c.actor.person_id, plan.route.id, len(plan.rows) + 1)
              if r.owner else [])
    text = await route_text(c, plan, r, page, notice, groups)
    rebuild = r.rebuild and bool(await rt.rebuild_sources(c.uow, plan.route))
    if rebuild and r.owner:  # the teacher learns why the button is there
        text = cut_html(text + "\n\n" + c.i18n.get("route-rebuild-hint"))
    correct = (plan.route.external_id is not None and plan.route.status is not
               RouteStatus.COMPLETED
               and await ext.can_correct(c.uow, c.actor, plan.route.external_id))
    markup = route_markup(c, plan, r, page, rebuild, groups, correct)
    await show(c.event, text, markup, new=new)


async def show_home(c: Ctx, notice: str | None = None, new: bool = False) -> None:
    """«Мой ИОМ»: the current route, or what a draft would be built from."""
    await c.state.set_state(None)
    await c.state.set_data({})
    plan = await rt.current(c.uow, c.actor)
    if plan is not None:
        await show_route(c, plan.route.id, notice=notice, new=new)
        return
    i18n = c.i18n
    basis = await rt.basis(c.uow, c.actor)
    b = InlineKeyboardBuilder()
    found = basis.external
    if basis.attempt_id is None and found is None:
        text = i18n.get("route-home-no-diagnosis")
        b.row(kb.button(i18n.get("route-btn-diagnosis"), MenuCb(to="diagnosis").pack()))
    elif basis.attempt_id is None:
        text = i18n.get("route-home-external-only")
    else:
        text = i18n.get("route-home-intro", date=d(basis.diagnosed_at.astimezone(c.tz).date()
                                                    if basis.diagnosed_at else None, i18n.locale),
                        count=basis.deficits)
        b.row(btn(i18n.get("route-btn-build-self" if found else "route-btn-build"), "build"))
    if found is not None:
        b.row(btn(i18n.get("route-btn-build-external", date=d(found.taken_on, i18n.locale),
                           operator=found.operator), "build", 0, "external"))
    b.row(kb.button(i18n.get("ext-btn-enter"), ExtCb(a="new").pack()))
    if notice:
        text = notice + "\n\n" + text
    groups = await rt.group_rows(c.uow, c.actor.person_id)
    if groups:  # the group ИОМ the teacher is a member of, before a route of their own
        overdue = [a for g in groups for a in g.overdue(c.today)]
        text = cut_html("\n\n".join([text, groups_block(c, groups),
                                      *overdue_block(c, overdue)]))
        for buttons in group_buttons(c, groups):
            b.row(*buttons)
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, text, b.as_markup(), new=new)


@router.callback_query(MenuCb.filter(F.to == "route"), Onboarded())
async def route_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await show_home(_ctx(query, state, i18n, uow, actor, tz))


async def _route(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await ack(c.event)
    await show_route(c, item, page=min(int(x), 10_000) if x.isdigit() else 0)


async def _build(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    subjects = [c.i18n.get(f"subject-{s}") for s in (person.profile.subjects
                                                      if person.profile else [])]
    source = "external" if x == "external" else "self"
    plan = await rt.build_draft(c.uow, c.actor, person, c.today, c.now, c.tz, subjects,
                                 ready=True, source=source)
    await c.uow.commit()
    await ack(c.event)
    key = "route-built-ready" if rt.pending(plan) else "route-built"
    await show_route(c, plan.route.id, notice=c.i18n.get(key, count=len(plan.rows)))


async def _accept(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """«Принять» a group's proposals (x: the group; empty: all of them)."""
    if x and x not in rt.COMPETENCE_GROUPS:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    n = await rt.accept(c.uow, c.actor, item, x or None, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_route(c, item, notice=c.i18n.get("route-accepted", count=n))
