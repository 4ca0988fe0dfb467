"""Coordinators and admins: the campaigns list, completion live per unit, who has not
finished (with «Напомнить»), results per unit, input vs repeat (text, chart, XLSX), survey
uploads."""

from __future__ import annotations

import asyncio
import math
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot.settings import Settings
from domain import campaigns as camp
from domain import surveys
from domain.access import Actor, require_admin
from domain.broadcasts import require_sender
from domain.campaigns.ports import CampaignUnitOfWork
from domain.errors import AccessDenied
from handlers import uploads
from handlers.builder import InlineKeyboardBuilder
from handlers.campaigns.common import CampCb, CampStates, Ctx, bar, pct, to_section
from handlers.filters import Onboarded
from handlers.formatting import fmt_number
from handlers.keyboards import button, pager
from handlers.routing import Routes
from handlers.views import ack, esc, fmt_date, show

router = Routes("campaigns-watch")

GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")


def _period(c: camp.Campaign, tz: ZoneInfo, locale: str) -> tuple[str, str]:
    from datetime import timedelta

    return (fmt_date(c.starts_at, tz, locale),
            fmt_date(c.ends_at - timedelta(hours=12), tz, locale))


@router.callback_query(CampCb.filter(F.a == "list"), Onboarded())
async def listing(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                  uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    """The campaigns of the actor's scope (admins: all); 👁 marks a read-only one (a wider
    campaign that reaches the coordinator's teachers)."""
    found = await camp.listing(uow, actor)
    await ack(query)
    kb = InlineKeyboardBuilder()
    for c, rights in found:
        start, end = _period(c, tz, i18n.locale)
        mark = "" if rights.manage else "👁 "
        kb.row(button(f"{mark}#{c.id} {c.title} · {start}–{end}"[:60],
                      CampCb(a="view", id=c.id).pack()))
    kb.row(*to_section(Ctx(query, state, i18n, uow, actor, tz)))
    await show(query, i18n.get("camp-list-title" if found else "camp-list-none"), kb.as_markup())


async def render_view(query: CallbackQuery, i18n: I18nContext, uow: CampaignUnitOfWork,
                      actor: Actor, tz: ZoneInfo, campaign_id: int, org_id: int | None,
                      notice: str | None = None) -> None:
    c, rights = await camp.viewed(uow, actor, campaign_id)
    c, done = await camp.completion(uow, actor, campaign_id, org_id)
    start, end = _period(c, tz, i18n.locale)
    lines = [i18n.get("camp-view", id=c.id, title=esc(c.title), kind=c.kind.value, start=start,
                      end=end, status=c.status.value, org=esc(done.name), total=done.total,
                      done=done.done, share=pct(done.share), bar=bar(done.share),
                      anonymous=int(c.anonymous))]
    if notice:
        lines.insert(0, notice + "\n")
    if not rights.manage:
        lines.append(i18n.get("camp-view-read-only"))
    kb = InlineKeyboardBuilder()
    for u in done.units:
        lines.append(i18n.get("camp-view-unit", name=esc(u.name), done=u.done, total=u.total,
                              share=pct(u.share)))
        if u.org_id:
            kb.row(button(f"{u.name} · {pct(u.share)}"[:60],
                          CampCb(a="view", id=c.id, org=u.org_id).pack()))
    kb.row(button(i18n.get("camp-btn-late"), CampCb(a="late", id=c.id, org=done.org_id).pack()),
           button(i18n.get("camp-btn-results"),
                  CampCb(a="res", id=c.id, org=done.org_id).pack()))
    kb.row(button(i18n.get("camp-btn-xlsx"), CampCb(a="xlsx", id=c.id, org=done.org_id).pack()))
    if c.kind is camp.CampaignKind.DIAGNOSIS:
        kb.row(button(i18n.get("camp-btn-pair"), CampCb(a="pair", id=c.id,
                                                        org=done.org_id).pack()))
    if rights.manage and c.status in (camp.CampaignStatus.OPEN, camp.CampaignStatus.SCHEDULED):
        key = "camp-btn-finish" if c.status is camp.CampaignStatus.OPEN else "camp-btn-call-off"
        kb.row(button(i18n.get(key), CampCb(a="fin", id=c.id, org=done.org_id).pack()))
    kb.row(button(i18n.get("camp-btn-refresh"), CampCb(a="view", id=c.id,
                                                       org=done.org_id).pack()),
           button(i18n.get("camp-btn-list"), CampCb(a="list").pack()))
    await show(query, "\n".join(lines), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "view"), Onboarded())
async def view(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
               uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await render_view(query, i18n, uow, actor, tz, callback_data.id, callback_data.org or None)
    await ack(query)


@router.callback_query(CampCb.filter(F.a == "fin"), Onboarded())
async def finish_ask(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
                     uow: CampaignUnitOfWork, actor: Actor) -> None:
    """«Завершить досрочно» / «Отменить кампанию»: asked once more before it happens."""
    c, rights = await camp.viewed(uow, actor, callback_data.id)
    if not rights.manage:
        raise AccessDenied("camp-error-read-only")
    await ack(query)
    kb = InlineKeyboardBuilder()
    kb.row(button(i18n.get("camp-btn-finish-yes"),
                  CampCb(a="fin!", id=c.id, org=callback_data.org).pack()),
           button(i18n.get("btn-back"), CampCb(a="view", id=c.id, org=callback_data.org).pack()))
    await show(query, i18n.get("camp-finish-ask", title=esc(c.title), status=c.status.value),
               kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "fin!"), Onboarded())
async def finish(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
                 uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = await camp.finish(uow, actor, callback_data.id, uow.clock.now())
    await uow.commit()
    await ack(query)
    await render_view(query, i18n, uow, actor, tz, c.id, callback_data.org or None,
                      notice=i18n.get("camp-finished", status=c.status.value))


@router.callback_query(CampCb.filter(F.a == "late"), Onboarded())
async def late(query: CallbackQuery, callback_data: CampCb, state: FSMContext,
               i18n: I18nContext, uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    page = int(callback_data.v) if callback_data.v.isdigit() else 0
    c, org, rows, total = await camp.stragglers(uow, actor, callback_data.id,
                                                callback_data.org or None, page)
    await ack(query)
    lines = [i18n.get("camp-late", title=esc(c.title), org=esc(org.name), total=total)]
    kb = InlineKeyboardBuilder()
    for s in rows:
        lines.append(f"• {esc(s.name)} — {esc(s.school)}")
        if c.status is camp.CampaignStatus.OPEN:
            kb.row(button(i18n.get("camp-btn-nudge", name=s.name[:40]),
                          CampCb(a="nudge", id=c.id, org=org.id,
                                 v=str(s.person_id)).pack()))
    pages = math.ceil(total / camp.PAGE) if total else 0
    nav = pager(page, pages, lambda p: CampCb(a="late", id=c.id, org=org.id, v=str(p)).pack())
    if nav:
        kb.row(*nav)
    kb.row(button(i18n.get("btn-back"), CampCb(a="view", id=c.id, org=org.id).pack()))
    await show(query, "\n".join(lines), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "nudge"), Onboarded())
async def nudge(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
                uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo, settings: Settings) -> None:
    person_id = int(callback_data.v) if callback_data.v.isdigit() else 0
    queued = await camp.nudge(uow, actor, callback_data.id, person_id, settings.quiet, tz,
                              uow.clock.now())
    await uow.commit()
    await ack(query, i18n.get("camp-nudged" if queued else "camp-nudged-already"))


# ---- results ---------------------------------------------------------------------------------


def _distribution_lines(i18n: I18nContext, survey: surveys.Survey,
                        unit: camp.UnitAnswers) -> list[str]:
    lines = [i18n.get("camp-res-unit", name=esc(unit.name), n=unit.respondents)]
    if unit.hidden:
        lines.append(i18n.get("camp-res-hidden", min=camp.ANONYMITY_MIN))
        return lines
    for q, d in zip(survey.questions, unit.questions, strict=True):
        lines.append(f"<b>{esc(q.text)}</b>")
        if q.kind in ("single", "multi"):
            for o in q.options:
                lines.append(f"  {esc(o.label)}: {d.counts.get(o.code, 0)}")
        elif q.kind == "scale":
            lines.append("  " + " · ".join(f"{k}: {v}" for k, v in d.counts.items())
                         + (f" — {i18n.get('camp-res-mean')} {fmt_number(d.mean, i18n.locale)}"
                            if d.mean is not None else ""))
        elif q.kind == "number":
            mean = fmt_number(d.mean, i18n.locale) if d.mean is not None else "—"
            lines.append(f"  {i18n.get('camp-res-mean')} {mean}")
        else:
            for t in d.texts[:10]:
                lines.append(f"  — {esc(t[:200])}")
            if len(d.texts) > 10:
                lines.append(i18n.get("camp-res-more", n=len(d.texts) - 10))
    return lines


@router.callback_query(CampCb.filter(F.a == "res"), Onboarded())
async def results(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
                  uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = await uow.campaigns.get(callback_data.id)
    require_sender(actor)
    if c is None:
        from domain.errors import NotFound

        raise NotFound("camp-error-not-found")
    org_id = callback_data.org or None
    lines: list[str] = []
    if c.kind is camp.CampaignKind.SURVEY:
        c, survey, whole, per = await camp.survey_results(uow, actor, c.id, org_id)
        lines += _distribution_lines(i18n, survey, whole)
        for unit in per:
            lines.append("")
            lines.append(i18n.get("camp-res-unit", name=esc(unit.name), n=unit.respondents)
                         + (" — " + i18n.get("camp-res-hidden", min=camp.ANONYMITY_MIN)
                            if unit.hidden else ""))
    else:
        c, org, rows = await camp.diagnosis_results(uow, actor, c.id, org_id)
        lines.append(i18n.get("camp-res-diag", title=esc(c.title), org=esc(org.name),
                              n=len(rows)))
        for name, avg in _diag_by_unit(rows, org).items():
            lines.append(i18n.get("camp-res-diag-unit", name=esc(name), n=avg[0],
                                  total=avg[1]))
    await ack(query)
    kb = InlineKeyboardBuilder()
    kb.row(button(i18n.get("btn-back"), CampCb(a="view", id=c.id, org=callback_data.org).pack()))
    text = "\n".join(lines)
    await show(query, text[:4000], kb.as_markup())


def _diag_by_unit(rows: list[dict[str, Any]], org: Any) -> dict[str, tuple[int, float]]:
    by: dict[str, list[float]] = {}
    for r in rows:
        by.setdefault(r["school"], []).append(float(r["total"] or 0))
    return {k: (len(v), round(sum(v) / len(v), 1)) for k, v in sorted(by.items())}


@router.callback_query(CampCb.filter(F.a == "xlsx"), Onboarded())
async def xlsx(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
               uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    from handlers.territory.export import build_workbook  # XlsxWriter, never a formula

    org_id = callback_data.org or None
    c, done = await camp.completion(uow, actor, callback_data.id, org_id)
    sheets: list[Any] = [(
        i18n.get("camp-x-completion"),
        [i18n.get("camp-x-unit"), i18n.get("camp-x-total"), i18n.get("camp-x-done"), "%"],
        [40, 12, 12, 8],
        [[u.name, u.total, u.done, round(u.share, 1)] for u in done.units]
        + [[done.name, done.total, done.done, round(done.share, 1)]],
    )]
    if c.kind is camp.CampaignKind.SURVEY:
        c, survey, whole, per = await camp.survey_results(uow, actor, c.id, org_id)
        rows = []
        for unit in [whole, *per]:
            for q, d in zip(survey.questions, unit.questions, strict=True):
                if unit.hidden:
                    rows.append([unit.name, q.text, i18n.get("camp-x-hidden"), None])
                    continue
                for k, n in d.counts.items():
                    label = q.option(k).label if q.option(k) else k
                    rows.append([unit.name, q.text, label, n])
                if d.mean is not None:
                    rows.append([unit.name, q.text, i18n.get("camp-res-mean"), d.mean])
        sheets.append((i18n.get("camp-x-answers"),
                       [i18n.get("camp-x-unit"), i18n.get("camp-x-question"),
                        i18n.get("camp-x-answer"), i18n.get("camp-x-count")],
                       [30, 60, 30, 10], rows))
        if not whole.hidden:
            texts = [[q.text, t] for q, d in zip(survey.questions, whole.questions, strict=True)
                     for t in d.texts]
            sheets.append((i18n.get("camp-x-texts"), [i18n.get("camp-x-question"),
                                                      i18n.get("camp-x-answer")], [50, 80],
                           texts))
    else:
        c, org, rows_ = await camp.diagnosis_results(uow, actor, c.id, org_id)
        sheets.append((i18n.get("camp-x-diag"),
                       [i18n.get("camp-x-name"), i18n.get("camp-x-unit"), "%"],
                       [40, 40, 10],
                       [[r["name"], r["school"], r["total"]] for r in rows_]))
    await ack(query, i18n.get("camp-x-wait"))
    body = await asyncio.to_thread(build_workbook, sheets)
    await bot.send_document(query.from_user.id,
                            BufferedInputFile(body, filename=f"campaign-{c.id}.xlsx"),
                            caption=i18n.get("camp-x-caption", title=esc(c.title)))


# ---- input vs repeat -------------------------------------------------------------------------


@router.callback_query(CampCb.filter(F.a == "pair"), Onboarded())
async def pair(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
               uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    others = [c for c, _ in await camp.listing(uow, actor)
              if c.kind is camp.CampaignKind.DIAGNOSIS and c.id != callback_data.id]
    await ack(query)
    kb = InlineKeyboardBuilder()
    for c in others:
        start, end = _period(c, tz, i18n.locale)
        kb.row(button(f"#{c.id} {c.title} · {start}–{end}"[:60],
                      CampCb(a="cmp", id=callback_data.id, org=callback_data.org,
                             v=str(c.id)).pack()))
    kb.row(button(i18n.get("btn-back"), CampCb(a="view", id=callback_data.id,
                                               org=callback_data.org).pack()))
    await show(query, i18n.get("camp-pair" if others else "camp-pair-none"), kb.as_markup())


@router.callback_query(CampCb.filter(F.a == "cmp"), Onboarded())
async def compare(query: CallbackQuery, callback_data: CampCb, i18n: I18nContext,
                  uow: CampaignUnitOfWork, actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    other = int(callback_data.v) if callback_data.v.isdigit() else 0
    org, cmp = await camp.compare(uow, actor, callback_data.id, other, callback_data.org or None)
    await ack(query)

    def num(value: float) -> str:
        return fmt_number(value, i18n.locale)

    lines = [i18n.get("camp-cmp", org=esc(org.name), people=cmp.people, shrank=cmp.shrank,
                      share=pct(cmp.shrank_share))]
    for g in cmp.groups:
        sign = "+" if g.delta > 0 else ("−" if g.delta < 0 else "±")
        lines.append(i18n.get("camp-cmp-group", group=i18n.get(f"camp-group-{g.group}"),
                              before=num(g.before), after=num(g.after),
                              delta=sign + num(abs(g.delta))))
    if cmp.units:
        lines.append(i18n.get("camp-cmp-units"))
        for u in cmp.units:
            lines.append(f"• {esc(u.name)}: {num(u.before)} → {num(u.after)} % ({u.people})")
    lines.append(i18n.get("camp-cmp-top", n=len(cmp.top)))
    for name, school, total in cmp.top[:20]:
        lines.append(f"• {esc(name)} — {esc(school)}: {num(total)} %")
    if cmp.remaining:
        lines.append(i18n.get("camp-cmp-remaining"))
        for group, title, n in cmp.remaining:
            lines.append(f"• {esc(title)} ({n})")
    kb = InlineKeyboardBuilder()
    kb.row(button(i18n.get("btn-back"), CampCb(a="view", id=callback_data.id,
                                               org=callback_data.org).pack()))
    await show(query, "\n".join(lines)[:4000], kb.as_markup())
    if not cmp.people:
        return
    from handlers.territory import charts  # matplotlib only when a chart is drawn
    from handlers.territory.export import build_workbook

    labels = [i18n.get(f"camp-group-{g.group}") for g in cmp.groups]
    image = await charts.png(charts.groups_vs_above, i18n.get("camp-cmp-chart"), labels,
                             i18n.get("camp-cmp-before"), [g.before for g in cmp.groups],
                             i18n.get("camp-cmp-after"), [g.after for g in cmp.groups])
    await bot.send_photo(query.from_user.id, BufferedInputFile(image, "compare.png"))
    sheets: list[Any] = [
        (i18n.get("camp-x-groups"), [i18n.get("camp-x-group"), i18n.get("camp-cmp-before"),
                                     i18n.get("camp-cmp-after"), "Δ"], [30, 12, 12, 8],
         [[lbl, g.before, g.after, g.delta] for lbl, g in zip(labels, cmp.groups, strict=True)]),
        (i18n.get("camp-x-units"), [i18n.get("camp-x-unit"), i18n.get("camp-x-people"),
                                    i18n.get("camp-cmp-before"), i18n.get("camp-cmp-after")],
         [40, 10, 12, 12], [[u.name, u.people, u.before, u.after] for u in cmp.units]),
        (i18n.get("camp-x-top"), [i18n.get("camp-x-name"), i18n.get("camp-x-unit"), "%"],
         [40, 40, 10], [list(t) for t in cmp.top]),
        (i18n.get("camp-x-remaining"), [i18n.get("camp-x-group"),
                                        i18n.get("camp-x-indicator"), i18n.get("camp-x-people")],
         [25, 60, 10], [[i18n.get(f"camp-group-{g}"), t, n] for g, t, n in cmp.remaining]),
    ]
    body = await asyncio.to_thread(build_workbook, sheets)
    await bot.send_document(query.from_user.id,
                            BufferedInputFile(body, filename=f"compare-{other}-"
                                                             f"{callback_data.id}.xlsx"))


# ---- survey upload (admin) -------------------------------------------------------------------


def read_survey(raw: bytes, filename: str) -> tuple[surveys.Survey, str]:
    """An uploaded survey file (YAML or JSON), read with limits and validated with lines."""
    from domain.instrument import Problem

    try:
        loaded = uploads.load_data(raw, filename, uploads.DataLimits(max_bytes=128 * 1024))
    except uploads.FileProblem as exc:
        params = {k: v for k, v in exc.params.items() if k != "line"}
        raise surveys.SurveyInvalid([Problem(exc.key, params, (), exc.line)]) from None
    return surveys.validate(loaded.data, loaded.lines), loaded.text


def explain(i18n: I18nContext, err: surveys.SurveyInvalid) -> str:
    lines = [i18n.get("camp-upload-invalid", n=len(err.problems))]
    for p in err.problems[:15]:
        where = i18n.get("camp-upload-where", line=p.line or 0, field=esc(p.where or "—"))
        params = {k: esc(str(v)) for k, v in p.params.items()}
        lines.append(f"• {where}: {i18n.get(p.key, **params)}")
    return "\n".join(lines)


@router.callback_query(CampCb.filter(F.a == "upload"), Onboarded())
async def upload(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                 actor: Actor) -> None:
    require_admin(actor)
    await ack(query)
    await state.set_state(CampStates.upload)
    kb = InlineKeyboardBuilder()
    kb.row(button(i18n.get("btn-cancel"), CampCb(a="home").pack()))
    await show(query, i18n.get("camp-upload-ask"), kb.as_markup())


@router.message(StateFilter(CampStates.upload), F.document, Onboarded())
async def got_file(message: Message, state: FSMContext, i18n: I18nContext,
                   uow: CampaignUnitOfWork, actor: Actor, bot: Bot) -> None:
    require_admin(actor)
    doc = message.document
    assert doc is not None
    if (doc.file_size or 0) > 128 * 1024:
        await message.answer(i18n.get("camp-upload-big"))
        return
    buf = await bot.download(doc)
    raw = buf.read() if buf else b""
    try:
        survey, source = await uploads.off_loop(read_survey, raw, doc.file_name or "survey.yaml")
    except surveys.SurveyInvalid as err:
        await message.answer(explain(i18n, err))
        return
    stored = await surveys.import_survey(uow, actor, survey, source, uow.clock.now())
    await uow.commit()
    await state.set_state(None)
    kb = InlineKeyboardBuilder()
    kb.row(button(i18n.get("camp-btn-section"), CampCb(a="home").pack()))
    await message.answer(i18n.get("camp-upload-ok", title=esc(stored.title),
                                  version=stored.version, n=len(survey.questions)),
                         reply_markup=kb.as_markup())


@router.message(StateFilter(CampStates.upload), Onboarded())
async def not_a_file(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("camp-upload-ask"))


__all__ = ["explain", "read_survey", "router"]
