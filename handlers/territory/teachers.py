"""«👩‍🏫 Мои педагоги»: a paged, searchable list with filters, a read-only teacher card with
the actions the role allows (the review screens of the ИОМ and the course forms), «Напомнить»."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import logging

from aiogram import Bot, F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

import domain.territory as terr
from domain.access import Actor
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import formatting
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.charts import Series, radar_png
from handlers.filters import Onboarded, PlainText
from handlers.routing import Router
from handlers.territory.common import TerrCb, TerrStates, pct
from handlers.views import ack, error_html, esc, fmt_date, fmt_hours, profile_summary, show

FILTERS = tuple(terr.TeacherFilter)
log = logging.getLogger(__name__)


def _filter(value: str) -> terr.TeacherFilter:
    try:
        return terr.TeacherFilter(value)
    except ValueError:
        raise DomainError("error-choice-unknown") from None


async def show_list(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor, tz: ZoneInfo, org_id: int, flt: str,
                    page: int, *, reset: bool = False, notice: str | None = None) -> None:
    data = await state.get_data()
    query = None if reset else data.get("terr_q")
    if data.get("terr_org") != org_id:
        query = None
    result = await terr.teachers(uow, actor, org_id, _filter(flt), query, page,
                                 terr.period(uow.clock.now(), tz))
    await state.set_state(None)
    await state.set_data({"terr_org": org_id, "terr_f": result.filter.value,
                          "terr_q": result.query})
    lines = [i18n.get("terr-list-title", org=esc(result.org.name), count=result.total,
                      filter=i18n.get(f"terr-filter-{result.filter.value}"))]
    if notice:
        lines.insert(0, notice)
    if result.query:
        lines.append(i18n.get("terr-list-query", query=esc(result.query)))
    if not result.items:
        lines.append(i18n.get("terr-list-empty"))
    b = InlineKeyboardBuilder()
    first = result.page * terr.PAGE_SIZE + 1
    for n, t in enumerate(result.items, first):
        mark = "✅" if t.diagnosed_at else "▫️"
        label = i18n.get("terr-list-item", n=n, mark=mark, name=t.full_name[:40],
                         route=i18n.get(f"terr-route-{t.route_status}"))
        b.row(kb.button(label[:64], TerrCb(a="card", org=org_id, id=t.person_id,
                                            f=result.filter.value, page=result.page).pack()))
    if nav := kb.pager(result.page, result.pages, lambda p: TerrCb(
            a="list", org=org_id, f=result.filter.value, page=p).pack()):
        b.row(*nav)
    filters = [kb.button(("• " if v is result.filter else "") + i18n.get(f"terr-filter-{v.value}"),
                         TerrCb(a="list", org=org_id, f=v.value).pack()) for v in FILTERS]
    for i in range(0, len(filters), 2):
        b.row(*filters[i:i + 2])
    b.row(kb.button(i18n.get("terr-btn-search"),
                    TerrCb(a="search", org=org_id, f=result.filter.value).pack()))
    if result.query:
        b.row(kb.button(i18n.get("btn-reset-search"),
                        TerrCb(a="reset", org=org_id, f=result.filter.value).pack()))
    b.row(kb.button(i18n.get("terr-btn-back-dash"), TerrCb(a="dash", org=org_id).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(event, "\n".join(lines), b.as_markup())


async def open_list(query: CallbackQuery, callback_data: TerrCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await show_list(query, state, i18n, uow, actor, tz, callback_data.org, callback_data.f,
                    callback_data.page, reset=callback_data.a == "reset")
    await ack(query)


async def ask_search(query: CallbackQuery, callback_data: TerrCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    # the scope is checked before the state is set
    await terr.teachers(uow, actor, callback_data.org, _filter(callback_data.f), None, 0,
                        terr.period(uow.clock.now(), tz))
    await ack(query)
    await state.set_state(TerrStates.search)
    await state.set_data({"terr_org": callback_data.org, "terr_f": callback_data.f})
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("btn-cancel"),
                    TerrCb(a="list", org=callback_data.org, f=callback_data.f).pack()))
    await show(query, i18n.get("terr-ask-search"), b.as_markup())


async def typed_search(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    org_id, flt = int(data.get("terr_org") or 0), str(data.get("terr_f") or "all")
    try:
        query = terr.clean_query(message.text)
    except DomainError as err:
        await message.answer(error_html(i18n, err))  # the state stays: type again
        return
    if query is None:
        await message.answer(i18n.get("terr-error-query-empty"))
        return
    await state.update_data(terr_q=query)
    await show_list(message, state, i18n, uow, actor, tz, org_id, flt, 0)


def card_text(i18n: I18nContext, c: terr.TeacherCard, tz: ZoneInfo) -> str:
    orgs = {o.id: o for o in (c.school, c.municipality) if o is not None}
    lines = [i18n.get("terr-card-title"), profile_summary(i18n, c.person.profile, orgs), ""]
    if c.attempt is not None and c.attempt.result is not None:
        groups = ", ".join(
            i18n.get("terr-pair", label=i18n.get(f"terr-group-{g.group.value}"),
                     value=pct(g.percent)) for g in c.attempt.result.groups)
        lines.append(i18n.get("terr-card-diag", date=fmt_date(c.attempt.completed_at, tz, i18n.locale),
                              total=pct(c.attempt.result.total), groups=groups))
    else:
        lines.append(i18n.get("terr-card-no-diag"))
    if c.route is not None:
        lines.append(i18n.get("terr-card-route", status=i18n.get(f"terr-route-{c.route.status}"),
                              start=formatting.fmt_date(c.route.period_start, i18n.locale),
                              end=formatting.fmt_date(c.route.period_end, i18n.locale),
                              done=c.activities_done, planned=c.activities_planned))
        for h in c.history:
            lines.append(i18n.get("terr-card-history", date=fmt_date(h.at, tz, i18n.locale),
                                  action=i18n.get(f"terr-history-{h.action.value}")))
    else:
        lines.append(i18n.get("terr-card-no-route"))
    hours = ", ".join(i18n.get("terr-pair", label=i18n.get(f"terr-hours-{k}"),
                               value=fmt_hours(c.hours.get(k, 0.0), i18n.locale)) for k in terr.HOURS_KINDS)
    lines.append(i18n.get("terr-card-hours", hours=hours))
    if c.registrations:
        lines.append(i18n.get("terr-card-events", count=len(c.registrations)))
        for event, reg in c.registrations[:5]:
            status = (i18n.get("terr-attended") if reg.attended_at
                      else i18n.get(f"ev-status-{reg.status.value}"))
            lines.append(i18n.get("terr-card-event", title=esc(event.title[:80]),
                                  date=fmt_date(event.starts_at, tz, i18n.locale), status=status))
    if c.forms:
        lines.append(i18n.get("terr-card-forms"))
        for form in c.forms[:5]:
            lines.append(i18n.get(
                "terr-card-form", kind=i18n.get(f"crs-kind-{form.kind.value}"),
                status=i18n.get(f"crs-status-{form.kind.value}-{form.status.value}"),
                date=fmt_date(form.submitted_at, tz, i18n.locale)))
    if c.nudged_today:
        lines.append(i18n.get("terr-card-nudged"))
    return "\n".join(lines)


async def show_card(event: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                    notice: str | None = None) -> None:
    from handlers.courses import CrsReviewCb  # the coordinator's form review
    from handlers.route import RrCb  # the route screens (approve, return, conclusion)

    c = await terr.teacher_card(uow, actor, callback_data.id, terr.period(uow.clock.now(), tz))
    text = card_text(i18n, c, tz)
    if notice:
        text = notice + "\n\n" + text
    b = InlineKeyboardBuilder()
    if c.route is not None:
        key = "terr-btn-conclusion" if c.conclusion_due else "terr-btn-route"
        b.row(kb.button(i18n.get(key), RrCb(a="open", id=c.route.id).pack()))
    for form in c.forms:
        if form.status.value == "submitted":
            b.row(kb.button(i18n.get("terr-btn-form", kind=i18n.get(f"crs-kind-{form.kind.value}")),
                            CrsReviewCb(action="open", form_id=form.id).pack()))
    if c.attempt is not None and c.attempt.result is not None:
        b.row(kb.button(i18n.get("terr-btn-chart"), TerrCb(
            a="tchart", org=callback_data.org, id=c.person.id, f=callback_data.f,
            page=callback_data.page).pack()))
    if not c.nudged_today and c.person.id != actor.person_id:
        b.row(kb.button(i18n.get("terr-btn-nudge"), TerrCb(
            a="nudge", org=callback_data.org, id=c.person.id, f=callback_data.f,
            page=callback_data.page).pack()))
    b.row(kb.button(i18n.get("terr-btn-back-list"), TerrCb(
        a="list", org=callback_data.org, f=callback_data.f, page=callback_data.page).pack()),
        kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(event, text, b.as_markup())


async def open_card(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                    uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await show_card(query, callback_data, i18n, uow, actor, tz)
    await ack(query)


async def nudge(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await terr.nudge(uow, actor, callback_data.id, terr.period(uow.clock.now(), tz))
    await uow.commit()
    await ack(query, i18n.get("terr-nudge-sent"))
    await show_card(query, callback_data, i18n, uow, actor, tz,
                    notice=i18n.get("terr-nudge-sent"))


async def render_teacher_chart(i18n: I18nContext, chart: terr.TeacherChart, tz: ZoneInfo
                               ) -> bytes | None:
    """The radar of the teacher's latest diagnosis (and the one before, grey), drawn off the
    event loop by handlers.charts; a failure costs the picture, not the screen."""
    result = chart.attempt.result
    assert result is not None
    axes = [chart.instrument.group(g.group).short_title(i18n.locale) for g in result.groups]
    series = []
    if chart.previous is not None and chart.previous.result is not None:
        before = {g.group: g.percent for g in chart.previous.result.groups}
        series.append(Series(fmt_date(chart.previous.completed_at, tz, i18n.locale),
                             [before.get(g.group, 0.0) for g in result.groups]))
    series.append(Series(fmt_date(chart.attempt.completed_at, tz, i18n.locale),
                         [g.percent for g in result.groups]))
    try:
        return await radar_png(axes, series, threshold=result.deficit_below,
                               threshold_label=i18n.get("diag-chart-threshold",
                                                        threshold=round(result.deficit_below)))
    except Exception:
        log.exception("radar chart for attempt %s failed", chart.attempt.id)
        return None


async def send_chart(query: CallbackQuery, callback_data: TerrCb, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    """«📈 График диагностики» on the card: the chart as a photo, then the way back."""
    chart = await terr.teacher_chart(uow, actor, callback_data.id)
    await uow.commit()  # no transaction stays open while the chart renders
    await ack(query)
    png = await render_teacher_chart(i18n, chart, tz)
    name = esc(chart.person.profile.full_name or "—")
    back = InlineKeyboardMarkup(inline_keyboard=[[kb.button(
        i18n.get("terr-btn-back-card"), TerrCb(
            a="card", org=callback_data.org, id=chart.person.id, f=callback_data.f,
            page=callback_data.page).pack())]])
    if png is None:
        await bot.send_message(query.from_user.id, i18n.get("terr-chart-failed"),
                               reply_markup=back)
        return
    date = fmt_date(chart.attempt.completed_at, tz, i18n.locale)
    caption = (i18n.get("terr-teacher-chart-compare", name=name, date=date,
                        prev=fmt_date(chart.previous.completed_at, tz, i18n.locale))
               if chart.previous is not None else
               i18n.get("terr-teacher-chart", name=name, date=date))
    await bot.send_photo(query.from_user.id, BufferedInputFile(png, "diagnosis.png"),
                         caption=caption)
    await bot.send_message(query.from_user.id, i18n.get("terr-teacher-chart-done"),
                           reply_markup=back)


def build() -> Router:
    r = Router(name="territory_teachers")
    r.callback_query(TerrCb.filter(F.a.in_({"list", "reset"})), Onboarded())(open_list)
    r.callback_query(TerrCb.filter(F.a == "search"), Onboarded())(ask_search)
    r.callback_query(TerrCb.filter(F.a == "card"), Onboarded())(open_card)
    r.callback_query(TerrCb.filter(F.a == "nudge"), Onboarded())(nudge)
    r.callback_query(TerrCb.filter(F.a == "tchart"), Onboarded())(send_chart)
    r.message(StateFilter(TerrStates.search), PlainText(), Onboarded())(typed_search)
    return r


__all__ = ["build", "card_text", "show_list"]
