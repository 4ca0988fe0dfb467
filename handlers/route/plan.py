"""«Мой ИОМ»: the draft built from the diagnosis, the plan rows and activity cards, choosing
catalogue activities, self-education items, carrying the route out, the document.

The same screens serve the coordinators who fill their columns (buttons follow
``domain.route.rights``; every id in a button is re-checked by the domain). The coordinator's
queue, approval, return and conclusion are in handlers/route_review.py.

The screens live in the modules of this package (common, card, rows, items, activity,
agreement, deficits), each registering on the one router of ``common`` in import order; this
module dispatches the buttons and catches stray input last.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain.access import Actor
from domain.entities import Person
from domain.ports import UnitOfWork
<<<<<<< HEAD
from domain.route import Activity, ActivityStatus, Column, Plan, PlanRow, Rights, RouteStatus
from handlers import keyboards as kb
from handlers.callbacks import Int32, MenuCb, RouteRowCb
from handlers.events import card_cb
from handlers.filters import Onboarded, PlainText
from handlers.formatting import cut_html, fit, fmt_date, fmt_number
from handlers.routing import Routes
from handlers.files import FileRelay
from handlers.views import FeatureCtx, ack, error_html, esc, show

router = Routes("route")

ROWS_PAGE = 6
BUTTON_MAX = 56


class RtCb(CallbackData, prefix="rt"):
    """Screens of one route. ``id`` is a route, row or activity id depending on ``a``."""

    a: str  # route, build, row, offer, pick, new, form, act, st, ev, file, del, submit,
    #         start, analysis, docx, pdf, addrow, grp, editrow
    id: Int32 = 0
    x: str = ""  # a page, an event id, a status, a column, a form, a group


class RrCb(CallbackData, prefix="rr"):
    """The coordinator's side (handlers/route_review.py): queue, open, approve, ret, end."""

    a: str
    id: Int32 = 0
    page: Int32 = 0


class RouteStates(StatesGroup):
    title = State()  # a typed activity: its title
    form = State()  # … its form (self-education)
    due = State()  # … its due date
    evidence = State()
    analysis = State()
    deficit = State()  # the wording of a deficit (a new row or an edited one)


class HasFile(Filter):
    async def __call__(self, event: Any) -> bool:
        return bool(getattr(event, "document", None) or getattr(event, "photo", None))


STATUS_ICON = {
    ActivityStatus.PLANNED: "⚪️",
    ActivityStatus.IN_PROGRESS: "🔵",
    ActivityStatus.DONE: "✅",
    ActivityStatus.DROPPED: "✖️",
}


Ctx = FeatureCtx


def d(value: date | None, locale: str) -> str:
    return fmt_date(value, locale) if value else "—"


def clip(text: str, limit: int = BUTTON_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def btn(text: str, a: str, id: int = 0, x: str = "") -> Any:
    return kb.button(clip(text, 60), RtCb(a=a, id=id, x=x).pack())


def form_label(i18n: I18nContext, activity: Activity) -> str | None:
    if not activity.form:
        return None
    if activity.event_id is not None or activity.form not in {f.value for f in rt.SelfForm}:
        return i18n.get(f"ev-form-{activity.form}") if activity.event_id else activity.form
    return i18n.get(f"route-form-{activity.form}")


def activity_line(i18n: I18nContext, a: Activity, today: date) -> str:
    late = " ⏰" if a.is_overdue(today) else ""
    return i18n.get("route-activity-line", icon=STATUS_ICON[a.status], title=esc(a.title),
                    due=d(a.due, i18n.locale)) + late


# ---- the route card ---------------------------------------------------------------------


async def route_text(c: Ctx, plan: Plan, r: Rights, page: int, notice: str | None = None
                     ) -> str:
    """The card; the reviewer's comment and the conclusion (up to 3000 characters) are
    shortened with «…» when the whole card would not fit in one message."""
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
    head.append("\n".join(lines))
    tail = []
    if plan.rows and route.teacher_editable:
        tail.append(draft_rows(c, plan))
    elif plan.rows:
        rows = [i18n.get("route-card-plan", count=len(plan.rows))]
        chunk = plan.rows[page * ROWS_PAGE:(page + 1) * ROWS_PAGE]
        for n, row in enumerate(chunk, page * ROWS_PAGE + 1):
            p = plan.row_progress(row.id)
            rows.append(i18n.get("route-card-row", n=n, title=esc(clip(row.title, 90)),
                                 done=p.done, total=p.total))
        tail.append("\n".join(rows))
    else:
        tail.append(i18n.get("route-card-no-rows"))
    overdue = plan.overdue(c.today) if route.status is not RouteStatus.COMPLETED else []
    if overdue:
        tail.append("\n".join([i18n.get("route-card-overdue", count=len(overdue))] + [
            i18n.get("route-overdue-line", title=esc(clip(a.title, 80)), due=d(a.due, i18n.locale))
            for a in overdue[:10]]))
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


def route_markup(c: Ctx, plan: Plan, r: Rights, page: int) -> InlineKeyboardMarkup:
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
    pages = max((len(plan.rows) + ROWS_PAGE - 1) // ROWS_PAGE, 1)
    if nav := kb.pager(page, pages, lambda n: RtCb(a="route", id=route.id, x=str(n)).pack()):
        b.row(*nav)
    if r.deficits:
        b.row(btn(i18n.get("route-btn-add-row"), "addrow", route.id))
    if r.self_analysis:
        b.row(btn(i18n.get("route-btn-analysis"), "analysis", route.id))
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
    text = await route_text(c, plan, r, page, notice)
    await show(c.event, text, route_markup(c, plan, r, page), new=new)


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
    if basis.attempt_id is None:
        text = i18n.get("route-home-no-diagnosis")
        b.row(kb.button(i18n.get("route-btn-diagnosis"), MenuCb(to="diagnosis").pack()))
    else:
        text = i18n.get("route-home-intro", date=d(basis.diagnosed_at.astimezone(c.tz).date()
                                                    if basis.diagnosed_at else None, i18n.locale),
                        count=basis.deficits)
        b.row(btn(i18n.get("route-btn-build"), "build"))
    if notice:
        text = notice + "\n\n" + text
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, text, b.as_markup(), new=new)


def _ctx(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
         actor: Actor, tz: ZoneInfo) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, tz)


@router.callback_query(MenuCb.filter(F.to == "route"), Onboarded())
async def route_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await ack(query)
    await show_home(_ctx(query, state, i18n, uow, actor, tz))


@router.callback_query(RouteRowCb.filter(), Onboarded())
async def back_to_row(query: CallbackQuery, callback_data: RouteRowCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """«Назад» on an event card opened from the ИОМ (the row is re-checked by the domain)."""
    await ack(query)
    await show_row(_ctx(query, state, i18n, uow, actor, tz), callback_data.row)
=======
from handlers.filters import Onboarded
from handlers.views import ack
>>>>>>> route2

from handlers.route.card import _accept, _build, _route, show_home  # isort: skip
from handlers.route.rows import _accept_one, _alternatives, _offer, _pick, _row, _swap
from handlers.route.items import _form, _new
from handlers.route.activity import _act, _evidence, _file, _remove, _status
from handlers.route.agreement import _analysis, _docx, _pdf, _start, _submit
from handlers.route.deficits import _addrow, _editrow, _group
from handlers.route.shaping import SHAPING_ACTIONS
from handlers.route.consult import CONSULT_ACTIONS
from handlers.route.common import RouteStates, RtCb, _ctx, router

# ---- one router for the buttons of the route screens ----------------------------------


@router.callback_query(RtCb.filter(), Onboarded())
async def route_action(query: CallbackQuery, callback_data: RtCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                       tz: ZoneInfo, bot: Bot, files: FileRelay) -> None:
    c = _ctx(query, state, i18n, uow, actor, tz)
    a, item = callback_data.a, callback_data.id
    if a == "file":  # the evidence file, relayed when it was sent in the other messenger
        await _file(c, item, bot, files)
        return
    handler = ACTIONS.get(a)
    if handler is None:
        await ack(query, i18n.get("error-stale-button"))
        return
    await handler(c, item, callback_data.x, person, bot)


<<<<<<< HEAD
async def _route(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await ack(c.event)
    await show_route(c, item, page=min(int(x), 10_000) if x.isdigit() else 0)


async def _build(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    subjects = [c.i18n.get(f"subject-{s}") for s in (person.profile.subjects
                                                      if person.profile else [])]
    plan = await rt.build_draft(c.uow, c.actor, person, c.today, c.now, c.tz, subjects,
                                 ready=True)
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


async def _accept_one(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    plan, a, _ = await rt.activity_of(c.uow, c.actor, item)
    await rt.accept(c.uow, c.actor, plan.route.id, None, c.now, activity_id=a.id)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, a.row_id, notice=c.i18n.get("route-accepted", count=1))


async def _alternatives(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    """Other catalogue activities for the row of a proposal: picking one replaces it."""
    _plan, a, _ = await rt.activity_of(c.uow, c.actor, item)
    await _offer_list(c, a.row_id, swap=a.id)


async def _swap(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not x.isdigit() or int(x) >= 2**31:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    activity = await rt.swap(c.uow, c.actor, item, int(x), c.tz, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, activity.row_id, notice=c.i18n.get("route-swapped",
                                                         title=esc(activity.title)))


async def show_row(c: Ctx, row_id: int, notice: str | None = None, new: bool = False) -> None:
    plan, row, r = await rt.row_of(c.uow, c.actor, row_id)
    i18n = c.i18n
    n = [x.id for x in plan.rows].index(row.id) + 1
    start, end = plan.row_period(row.id)
    parts = []
    if notice:
        parts.append(notice)
    head = [i18n.get("route-row-title", n=n, title=esc(row.title)),
            i18n.get("route-row-group", group=i18n.get(f"route-group-{row.group}"))]
    if row.percent is not None:
        head.append(i18n.get("route-row-percent", percent=fmt_number(row.percent, i18n.locale)))
    head.append(i18n.get("route-row-period", start=d(start, i18n.locale), end=d(end, i18n.locale)))
    parts.append("\n".join(head))
    columns = rt.by_column(plan.of_row(row.id))
    for column in rt.COLUMN_ORDER:
        items = columns[column]
        lines = [i18n.get(f"route-col-{column.value}")]
        lines += [activity_line(i18n, a, c.today) for a in items] or [i18n.get("route-col-empty")]
        parts.append("\n".join(lines))
    b = InlineKeyboardBuilder()
    for a in plan.of_row(row.id):
        b.row(btn(f"{'❔' if a.proposed else STATUS_ICON[a.status]} {a.title}", "act", a.id))
    if r.choose:
        b.row(btn(i18n.get("route-btn-offer"), "offer", row.id))
    for column in rt.COLUMN_ORDER:
        if column in r.columns:
            b.row(btn(i18n.get(f"route-btn-new-{column.value}"), "new", row.id, column.value))
    if r.deficits:
        b.row(btn(i18n.get("route-btn-edit-row"), "editrow", row.id))
    b.row(btn(i18n.get("btn-back"), "route", plan.route.id))
    text = "\n\n".join(parts)
    await show(c.event, cut_html(text), b.as_markup(), new=new)


async def _row(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await ack(c.event)
    await show_row(c, item)


async def _offer(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _offer_list(c, item)


async def _offer_list(c: Ctx, item: int, swap: int | None = None) -> None:
    """Catalogue activities for row ``item``; with ``swap`` (an activity id) a pick replaces
    that activity."""
    events = await rt.proposals(c.uow, c.actor, item, c.now)
    await ack(c.event)
    i18n = c.i18n
    b = InlineKeyboardBuilder()
    if not events:
        text = i18n.get("route-offer-empty")
    else:
        lines = [i18n.get("route-offer-title")]
        for e in events:
            column = rt.column_for_event(e)
            lines.append(i18n.get(
                "route-offer-item", title=esc(e.title), form=i18n.get(f"ev-form-{e.form.value}"),
                date=d(e.starts_at.astimezone(c.tz).date(), i18n.locale),
                column=i18n.get(f"route-colshort-{column.value}")))
            if swap is None:
                b.row(btn("➕ " + e.title, "pick", item, str(e.id)))
            else:
                b.row(btn("🔄 " + e.title, "swp", swap, str(e.id)))
        text = "\n\n".join(lines)
    b.row(btn(i18n.get("btn-back"), "row", item) if swap is None else
          btn(i18n.get("btn-back"), "act", swap))
    await show(c.event, text, b.as_markup())


async def _pick(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if not x.isdigit() or int(x) >= 2**31:  # forged: not an id the database could hold
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    activity = await rt.choose_event(c.uow, c.actor, item, int(x), c.tz, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, item, notice=c.i18n.get("route-added", title=esc(activity.title)))


# ---- a typed activity: title → (form) → due date ---------------------------------------


async def _new(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    plan, row, _ = await rt.row_of(c.uow, c.actor, item)
    try:
        column = Column(x)
    except ValueError:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    school = await c.uow.orgs.get(plan.route.school_id) if plan.route.school_id else None
    rt.require_column(c.actor, plan.route, school, column)
    await ack(c.event)
    await c.state.set_state(RouteStates.title)
    await c.state.set_data({"rt_row": row.id, "rt_col": column.value})
    await ask_title(c)


def cancel_markup(i18n: I18nContext, row_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[btn(i18n.get("btn-cancel"), "row", row_id)]])


async def ask_title(c: Ctx, error: DomainError | None = None) -> None:
    data = await c.state.get_data()
    text = c.i18n.get("route-ask-title", column=c.i18n.get(f"route-col-{data['rt_col']}"))
    await show(c.event, _with_error(c.i18n, text, error), cancel_markup(c.i18n, data["rt_row"]))


def _with_error(i18n: I18nContext, text: str, error: DomainError | None) -> str:
    if error is None:
        return text
    return "⚠️ " + error_html(i18n, error) + "\n\n" + text


async def ask_form(c: Ctx) -> None:
    data = await c.state.get_data()
    b = InlineKeyboardBuilder()
    for f in rt.SelfForm:
        b.button(text=c.i18n.get(f"route-form-{f.value}"),
                 callback_data=RtCb(a="form", id=data["rt_row"], x=f.value))
    b.adjust(2)
    b.row(btn(c.i18n.get("btn-cancel"), "row", data["rt_row"]))
    await show(c.event, c.i18n.get("route-ask-form", title=esc(data["rt_title"])), b.as_markup())


async def ask_due(c: Ctx, error: DomainError | None = None) -> None:
    data = await c.state.get_data()
    plan, _, _ = await rt.row_of(c.uow, c.actor, data["rt_row"])
    text = c.i18n.get("route-ask-due", title=esc(data["rt_title"]),
                      end=d(plan.route.period_end, c.locale))
    await show(c.event, _with_error(c.i18n, text, error), cancel_markup(c.i18n, data["rt_row"]))


@router.message(StateFilter(RouteStates.title), PlainText(), Onboarded())
async def got_title(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                    actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        title = rt.parse_title(message.text)
    except ValidationError as err:
        await ask_title(c, err)
        return
    await state.update_data(rt_title=title)
    data = await state.get_data()
    if data["rt_col"] == Column.SELF_EDUCATION.value:
        await state.set_state(RouteStates.form)
        await ask_form(c)
    else:
        await state.set_state(RouteStates.due)
        await ask_due(c)


async def _form(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    data = await c.state.get_data()
    if await c.state.get_state() != RouteStates.form.state or data.get("rt_row") != item:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    rt.parse_self_form(x)
    await ack(c.event)
    await c.state.update_data(rt_form=x)
    await c.state.set_state(RouteStates.due)
    await ask_due(c)


@router.message(StateFilter(RouteStates.form), Onboarded())
async def form_typed(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                     actor: Actor, tz: ZoneInfo) -> None:
    await message.answer(i18n.get("error-use-buttons"))
    await ask_form(_ctx(message, state, i18n, uow, actor, tz))


@router.message(StateFilter(RouteStates.due), PlainText(), Onboarded())
async def got_due(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                  actor: Actor, tz: ZoneInfo) -> None:
    c = _ctx(message, state, i18n, uow, actor, tz)
    data = await state.get_data()
    plan, row, _ = await rt.row_of(uow, actor, data["rt_row"])
    try:
        due = rt.parse_due(message.text, c.today, plan.route.period_end)
        activity = await rt.add_item(uow, actor, row.id, Column(data["rt_col"]),
                                     data["rt_title"], data.get("rt_form"), due, c.now)
    except ValidationError as err:
        await ask_due(c, err)
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_row(c, row.id, notice=i18n.get("route-added", title=esc(activity.title)))


# ---- an activity card --------------------------------------------------------------------


def evidence_text(i18n: I18nContext, a: Activity) -> str | None:
    parts = []
    if a.done_source is rt.DoneSource.ATTENDANCE:
        parts.append(i18n.get("route-evidence-attendance"))
    if a.done_source is rt.DoneSource.COURSE_REPORT:
        parts.append(i18n.get("route-evidence-report", id=a.done_ref or 0))
    if a.evidence_text:
        parts.append(esc(a.evidence_text))
    if a.evidence_url:
        parts.append(esc(a.evidence_url))
    if a.evidence_file_id:
        parts.append(i18n.get("route-evidence-file", name=esc(a.evidence_file_name or "—")))
    return "; ".join(parts) if parts else None


TRANSITION_BUTTONS = {
    ActivityStatus.IN_PROGRESS: "route-btn-st-in_progress",
    ActivityStatus.DONE: "route-btn-st-done",
    ActivityStatus.DROPPED: "route-btn-st-dropped",
    ActivityStatus.PLANNED: "route-btn-st-planned",
}


async def show_activity(c: Ctx, activity_id: int, notice: str | None = None,
                        new: bool = False) -> None:
    plan, a, r = await rt.activity_of(c.uow, c.actor, activity_id)
    i18n = c.i18n
    lines = [i18n.get("route-act-title", title=esc(a.title)),
             i18n.get("route-act-column", column=i18n.get(f"route-col-{a.column.value}"))]
    form = form_label(i18n, a)
    if form:
        lines.append(i18n.get("route-act-form", form=esc(form)))
    lines.append(i18n.get("route-act-due", due=d(a.due, i18n.locale)))
    if a.proposed:
        lines.append(i18n.get("route-act-proposed"))
    lines.append(i18n.get("route-act-status", icon=STATUS_ICON[a.status],
                          status=i18n.get(f"route-act-{a.status.value}")))
    if a.is_overdue(c.today):
        lines.append(i18n.get("route-act-overdue"))
    ev = evidence_text(i18n, a)
    if ev:
        lines.append(i18n.get("route-act-evidence", evidence=ev))
    text = "\n".join(lines)
    if notice:
        text = notice + "\n\n" + text
    b = InlineKeyboardBuilder()
    if a.proposed and r.owner and plan.route.teacher_editable:
        b.row(btn(i18n.get("route-btn-accept-one"), "acc1", a.id))
        if r.choose:
            b.row(btn(i18n.get("route-btn-swap"), "alt", a.id))
    if r.carry_out:
        for status in (ActivityStatus.IN_PROGRESS, ActivityStatus.DONE, ActivityStatus.DROPPED,
                       ActivityStatus.PLANNED):
            if status in rt.ACTIVITY_TRANSITIONS[a.status]:
                b.row(btn(i18n.get(TRANSITION_BUTTONS[status]), "st", a.id, status.value))
        b.row(btn(i18n.get("route-btn-evidence"), "ev", a.id))
    if a.evidence_file_id:
        b.row(btn(i18n.get("route-btn-file"), "file", a.id))
    if a.event_id is not None:
        # «Назад» on the card comes back to this row of the ИОМ
        b.row(kb.button(i18n.get("route-btn-event"),
                        card_cb(a.event_id, src="r").model_copy(update={"page": a.row_id})
                        .pack()))
    if rt.may_remove(r, plan.route, a, c.actor.person_id):
        b.row(btn(i18n.get("route-btn-remove"), "del", a.id))
    b.row(btn(i18n.get("btn-back"), "row", a.row_id))
    await show(c.event, text, b.as_markup(), new=new)


async def _act(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await ack(c.event)
    await show_activity(c, item)


async def _status(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    try:
        status = ActivityStatus(x)
    except ValueError:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    a = await rt.set_activity_status(c.uow, c.actor, item, status, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_activity(c, a.id, notice=c.i18n.get("route-status-changed",
                                                   status=c.i18n.get(f"route-act-{x}")))


async def _remove(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    a = await rt.remove_activity(c.uow, c.actor, item)
    await c.uow.commit()
    await ack(c.event)
    await show_row(c, a.row_id, notice=c.i18n.get("route-removed", title=esc(a.title)))


async def _evidence(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, a, r = await rt.activity_of(c.uow, c.actor, item)
    if not r.carry_out:
        await rt.set_evidence(c.uow, c.actor, item, c.now, text="")  # raises the reason
    await ack(c.event)
    await c.state.set_state(RouteStates.evidence)
    await c.state.set_data({"rt_act": a.id})
    await show(c.event, c.i18n.get("route-ask-evidence", title=esc(a.title)),
               InlineKeyboardMarkup(inline_keyboard=[[btn(c.i18n.get("btn-cancel"), "act",
                                                          a.id)]]))


@router.message(StateFilter(RouteStates.evidence), HasFile(), Onboarded())
async def got_evidence_file(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    if message.document is not None:
        file_id, name = message.document.file_id, message.document.file_name or "document"
    else:
        assert message.photo
        file_id, name = message.photo[-1].file_id, "photo.jpg"
    a = await rt.set_evidence(uow, actor, int(data["rt_act"]), uow.clock.now(), file_id=file_id,
                              file_name=name)
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_activity(_ctx(message, state, i18n, uow, actor, tz), a.id,
                        notice=i18n.get("route-evidence-saved"))


@router.message(StateFilter(RouteStates.evidence), PlainText(), Onboarded())
async def got_evidence_text(message: Message, state: FSMContext, i18n: I18nContext,
                            uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        a = await rt.set_evidence(uow, actor, int(data["rt_act"]), c.now, text=message.text)
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-evidence-again"), err))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_activity(c, a.id, notice=i18n.get("route-evidence-saved"))


async def _file(c: Ctx, item: int, bot: Bot, files: FileRelay) -> None:
    _, a, _ = await rt.activity_of(c.uow, c.actor, item)
    if a.evidence_file_id and isinstance(c.event, CallbackQuery):
        chat = c.event.message.chat.id if c.event.message else c.event.from_user.id
        await files.send(bot, chat, a.evidence_file_id,
                        filename=a.evidence_file_name, caption=esc(a.title))
    await ack(c.event)


# ---- agreement, start, self-analysis -------------------------------------------------------


async def _submit(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    try:
        sent = await rt.submit(c.uow, c.actor, item, c.now)
    except rt.RowEmpty as err:
        await ack(c.event)
        await show_route(c, item, notice="⚠️ " + error_html(c.i18n, err))
        return
    await c.uow.commit()
    await ack(c.event)
    key = "route-submitted" if sent.coordinators else "route-submitted-nobody"
    await show_route(c, item, notice=c.i18n.get(key, count=sent.coordinators))


async def _start(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await rt.start(c.uow, c.actor, item, c.now)
    await c.uow.commit()
    await ack(c.event)
    await show_route(c, item, notice=c.i18n.get("route-started"))


async def _analysis(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, r = await rt.get_plan(c.uow, c.actor, item)
    if not r.self_analysis:
        await rt.save_self_analysis(c.uow, c.actor, item, "", c.now)  # raises the reason
    doc = await rt.document(c.uow, c.actor, item)
    await ack(c.event)
    await c.state.set_state(RouteStates.analysis)
    await c.state.set_data({"rt_route": item})
    none = c.i18n.get("route-analysis-none")
    text = fit(lambda current: c.i18n.get("route-ask-analysis", current=current or none),
               current=doc.self_analysis or None)
    await show(c.event, text,
               InlineKeyboardMarkup(inline_keyboard=[[btn(c.i18n.get("btn-cancel"), "route",
                                                          item)]]))


@router.message(StateFilter(RouteStates.analysis), PlainText(), Onboarded())
async def got_analysis(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                       actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    c = _ctx(message, state, i18n, uow, actor, tz)
    route_id = int(data["rt_route"])
    try:
        await rt.save_self_analysis(uow, actor, route_id, message.text, c.now)
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-analysis-again"), err))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_route(c, route_id, notice=i18n.get("route-analysis-saved"))


# ---- deficits (the school coordinator) ----------------------------------------------------


async def _addrow(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, r = await rt.get_plan(c.uow, c.actor, item)
    if not r.deficits:
        await rt.add_row(c.uow, c.actor, item, "", "")  # raises the reason
    await ack(c.event)
    b = InlineKeyboardBuilder()
    for g in rt.COMPETENCE_GROUPS:
        b.row(btn(c.i18n.get(f"route-group-{g}"), "grp", item, g))
    b.row(btn(c.i18n.get("btn-cancel"), "route", item))
    await show(c.event, c.i18n.get("route-ask-group"), b.as_markup())


async def _group(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    if x not in rt.COMPETENCE_GROUPS:
        await ack(c.event, c.i18n.get("error-stale-button"))
        return
    await ack(c.event)
    await c.state.set_state(RouteStates.deficit)
    await c.state.set_data({"rt_route": item, "rt_group": x})
    await show(c.event, c.i18n.get("route-ask-deficit"),
               InlineKeyboardMarkup(inline_keyboard=[[btn(c.i18n.get("btn-cancel"), "route",
                                                          item)]]))


async def _editrow(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    _plan, row, r = await rt.row_of(c.uow, c.actor, item)
    if not r.deficits:
        await rt.edit_row(c.uow, c.actor, item, "")  # raises the reason
    await ack(c.event)
    await c.state.set_state(RouteStates.deficit)
    await c.state.set_data({"rt_row": row.id})
    await show(c.event, c.i18n.get("route-ask-deficit-edit", title=esc(row.title)),
               cancel_markup(c.i18n, row.id))


@router.message(StateFilter(RouteStates.deficit), PlainText(), Onboarded())
async def got_deficit(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    c = _ctx(message, state, i18n, uow, actor, tz)
    try:
        if data.get("rt_row"):
            row: PlanRow = await rt.edit_row(uow, actor, int(data["rt_row"]), message.text)
        else:
            row = await rt.add_row(uow, actor, int(data["rt_route"]), str(data["rt_group"]),
                                   message.text)
    except ValidationError as err:
        await message.answer(_with_error(i18n, i18n.get("route-ask-deficit"), err))
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_row(c, row.id, notice=i18n.get("route-deficit-saved"))


# ---- the document ------------------------------------------------------------------------


async def _document(c: Ctx, item: int, x: str, person: Person, bot: Bot, pdf: bool) -> None:
    from handlers.route import docx as route_docx

    doc = await rt.document(c.uow, c.actor, item)
    labels = route_docx.labels(c.i18n.get, doc, c.locale)
    if pdf and route_docx.font_path() is None:
        await ack(c.event, c.i18n.get("route-pdf-unavailable"), alert=True)
        return
    await ack(c.event)
    assert isinstance(c.event, CallbackQuery)
    chat = c.event.message.chat.id if c.event.message else c.event.from_user.id
    # the chat shows «sending a file…» while the document is made (not a toast)
    await bot.send_chat_action(chat, "upload_document")
    render = route_docx.render_pdf if pdf else route_docx.render_docx
    data = await asyncio.to_thread(render, doc, labels, c.tz)
    name = f"iom-{item}.{'pdf' if pdf else 'docx'}"
    await bot.send_document(chat, BufferedInputFile(data, filename=name),
                            caption=c.i18n.get("route-doc-caption", name=esc(doc.full_name)))


async def _docx(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _document(c, item, x, person, bot, pdf=False)


async def _pdf(c: Ctx, item: int, x: str, person: Person, bot: Bot) -> None:
    await _document(c, item, x, person, bot, pdf=True)


=======
>>>>>>> route2
ACTIONS = {
    "route": _route, "build": _build, "row": _row, "offer": _offer, "pick": _pick,
    "new": _new, "form": _form, "act": _act, "st": _status, "del": _remove,
    "ev": _evidence, "submit": _submit, "start": _start,
    "analysis": _analysis, "addrow": _addrow, "grp": _group, "editrow": _editrow,
    "docx": _docx, "pdf": _pdf, "acc": _accept, "acc1": _accept_one, "alt": _alternatives,
    "swp": _swap, **SHAPING_ACTIONS, **CONSULT_ACTIONS,
}


# ---- /cancel and stray input inside the route's conversations -----------------------------


@router.message(StateFilter(*RouteStates.__all_states__), Command("cancel"), Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor, tz: ZoneInfo) -> None:
    await show_home(_ctx(message, state, i18n, uow, actor, tz),
                    notice=i18n.get("route-cancelled"))


@router.message(StateFilter(*RouteStates.__all_states__), Onboarded())
async def not_text(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("route-error-text-only"))
