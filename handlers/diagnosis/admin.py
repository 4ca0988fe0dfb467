"""Administration: the instrument (download, upload) and early retakes."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import diagnosis as diag
from domain import instrument as instruments
from domain.access import Actor, require_admin
from domain.instrument import InstrumentInvalid, Problem
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers import uploads
from handlers.builder import InlineKeyboardBuilder
from handlers.diagnosis.common import (
    MAX_PROBLEMS_SHOWN,
    Ctx,
    DiagCb,
    DiagnosisForm,
    DiagResetCb,
    _btn,
    _leave_my_state,
    _menu_row,
    fit,
    pct,
)
from handlers.filters import Onboarded
from handlers.forms.engine import Form, FormCtx, Kind, Step
from handlers.routing import Routes
from handlers.views import ack, esc, show

router = Routes("diagnosis-admin")


async def show_admin(c: Ctx, notice: str | None = None, new: bool = False) -> None:
    require_admin(c.actor)
    active = await diag.active_instrument(c.uow, c.now)
    stored = await diag.instruments_list(c.uow, c.actor)
    inst = active.instrument
    groups, indicators, statements = inst.counts()
    parts = [notice] if notice else []
    parts += [
        c.t("diag-admin-title"),
        c.t("diag-admin-active", title=esc(inst.title.get(c.locale)), version=esc(inst.version),
            date=c.date(active.created_at), groups=groups, indicators=indicators,
            statements=statements, threshold=pct(inst.deficit_below), days=inst.retake_days),
        c.t("diag-admin-versions", list=", ".join(esc(s.version) for s in stored[:10])),
        c.t("diag-admin-how"),
    ]
    b = InlineKeyboardBuilder()
    b.row(*_btn(c.t("diag-btn-download"), DiagCb(act="download")))
    b.row(*_btn(c.t("diag-btn-upload"), DiagCb(act="upload")))
    b.row(*_btn(c.t("diag-btn-reset"), DiagCb(act="reset")))
    b.row(*_btn(c.t("btn-back"), DiagCb(act="home")), *_menu_row(c))
    await show(c.event, "\n\n".join(parts), b.as_markup(), new=new)


def _admin_cancel(c: Ctx) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [kb.button(c.t("btn-cancel"), DiagCb(act="admin").pack())]
    ])


@router.callback_query(DiagCb.filter(F.act == "admin"), Onboarded())
async def admin(query: CallbackQuery, state: FSMContext, raw_state: str | None,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    require_admin(actor)
    await ack(query)
    await _leave_my_state(state, raw_state)
    await show_admin(Ctx(query, state, i18n, uow, actor, tz))


@router.callback_query(DiagCb.filter(F.act == "download"), Onboarded())
async def download(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                   bot: Bot) -> None:
    active, name, source = await diag.active_file(uow, actor, uow.clock.now())
    await uow.commit()
    await ack(query)
    chat_id = query.message.chat.id if query.message else query.from_user.id
    await bot.send_document(
        chat_id, BufferedInputFile(source.encode("utf-8"), filename=name),
        caption=i18n.get("diag-admin-download-caption", version=esc(active.version)),
    )


@router.callback_query(DiagCb.filter(F.act == "upload"), Onboarded())
async def upload(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                 actor: Actor, tz: ZoneInfo) -> None:
    require_admin(actor)
    c = Ctx(query, state, i18n, uow, actor, tz)
    await ack(query)
    await state.set_state(DiagnosisForm.upload)
    await show(query, c.t("diag-admin-upload-ask", kb=instruments.MAX_FILE_BYTES // 1024),
               _admin_cancel(c))


def problems_text(c: Ctx, problems: list[Problem]) -> str:
    lines = [c.t("diag-admin-upload-errors", count=len(problems))]
    for p in problems[:MAX_PROBLEMS_SHOWN]:
        text = c.t(p.key, **{k: esc(v) for k, v in p.params.items()})
        where = ", ".join(x for x in (
            c.t("diag-problem-line", line=p.line) if p.line else "",
            f"<code>{esc(p.where)}</code>" if p.where else "",
        ) if x)
        lines.append(c.t("diag-problem", where=where, text=text) if where
                     else c.t("diag-problem-file", text=text))
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(c.t("diag-admin-upload-more", count=len(problems) - MAX_PROBLEMS_SHOWN))
    return fit("\n".join(lines))


@router.message(Command("cancel"), StateFilter(DiagnosisForm.upload), Onboarded())
async def cancel_admin(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    await state.set_state(None)
    await show_admin(Ctx(message, state, i18n, uow, actor, tz))


@router.message(StateFilter(DiagnosisForm.upload), Onboarded())
async def got_file(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor, tz: ZoneInfo, bot: Bot) -> None:
    require_admin(actor)
    c = Ctx(message, state, i18n, uow, actor, tz)
    document = message.document
    if document is None:
        await message.answer("⚠️ " + c.t("diag-admin-upload-need-file"),
                             reply_markup=_admin_cancel(c))
        return
    filename = document.file_name or "instrument.yaml"
    try:
        if document.file_size and document.file_size > instruments.MAX_FILE_BYTES:
            raise InstrumentInvalid([Problem(
                "diag-ierr-file-size", {"max": instruments.MAX_FILE_BYTES // 1024})])
        buf = io.BytesIO()
        await bot.download(document, destination=buf)
        instrument, source = await uploads.off_loop(uploads.read_instrument, buf.getvalue(),
                                                    filename)
        outcome = await diag.import_instrument(uow, actor, instrument, source, uow.clock.now())
    except InstrumentInvalid as exc:
        await message.answer(problems_text(c, exc.problems), reply_markup=_admin_cancel(c))
        return
    await state.set_state(None)
    await uow.commit()
    inst = outcome.stored.instrument
    groups, indicators, statements = inst.counts()
    notice = (c.t("diag-admin-upload-ok", title=esc(inst.title.get(c.locale)),
                  version=esc(inst.version), groups=groups, indicators=indicators,
                  statements=statements) if outcome.created
              else c.t("diag-admin-upload-same", version=esc(inst.version)))
    await show_admin(c, notice=notice)


@router.callback_query(DiagCb.filter(F.act == "reset"), Onboarded())
async def reset(query: CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                actor: Actor, tz: ZoneInfo) -> None:
    require_admin(actor)
    await ack(query)
    await state.set_state(None)
    await state.set_data({"page": 0, "query": None})
    await RESET.ask(FormCtx(query, state, i18n, uow, actor, extra={"tz": tz}), "reset_search")


# ---- early retakes: a search for a teacher (the form engine's search step) ------------------


def _feature(c: FormCtx) -> Ctx:
    return Ctx(c.event, c.state, c.i18n, c.uow, c.actor, c.extra["tz"])


async def _reset_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    """What to type; then the teachers found (a button opens the confirmation, which works
    outside the search too) or that nobody was; typing again searches again."""
    f = _feature(c)
    if c.query is None:
        return f.t("diag-admin-reset-ask"), _admin_cancel(f)
    found = await diag.find_for_reset(c.uow, c.actor, c.query)
    if not found:
        return f.t("diag-admin-reset-none"), _admin_cancel(f)
    b = InlineKeyboardBuilder()
    for person in found:
        b.row(*_btn(f.t("diag-admin-reset-candidate", name=person.full_name[:40],
                        date=f.date(person.last_completed_at)), DiagResetCb(p=person.person_id)))
    b.row(kb.button(f.t("btn-cancel"), DiagCb(act="admin").pack()))
    return f.t("diag-admin-reset-found"), b.as_markup()


async def _reset_cancel(c: FormCtx) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    await show_admin(_feature(c))


RESET = Form(
    # the state stays "DiagnosisForm:reset_search" (``_leave_my_state`` knows the prefix)
    name="DiagnosisForm",
    steps=[Step("reset_search", Kind.SEARCH, _reset_view)],
    on_finish=_reset_cancel,  # a SEARCH step without a pick never finishes
    on_cancel=_reset_cancel,
    counted=lambda data: False,  # one step: no «Шаг 1 из 1»
    filters=(Onboarded(),),
    unexpected=lambda message: "diag-error-search-empty",
)
RESET.register(router)


@router.callback_query(DiagResetCb.filter(), Onboarded())
async def reset_pick(query: CallbackQuery, callback_data: DiagResetCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    candidate = await diag.reset_candidate(uow, actor, callback_data.p)
    await ack(query)
    await state.set_state(None)
    name = esc(candidate.full_name)
    if not callback_data.ok:
        b = InlineKeyboardBuilder()
        b.row(*_btn(c.t("diag-btn-reset-confirm"), DiagResetCb(p=candidate.person_id, ok=1)))
        b.row(kb.button(c.t("btn-cancel"), DiagCb(act="admin").pack()))
        await show(query, c.t("diag-admin-reset-confirm", name=name,
                              date=c.date(candidate.last_completed_at)), b.as_markup())
        return
    await diag.unlock_retake(uow, actor, candidate.person_id, uow.clock.now())
    await uow.commit()
    await show_admin(c, notice=c.t("diag-admin-reset-done", name=name))
