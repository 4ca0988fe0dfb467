"""The self-analysis (ИОМ section 3) written under an attempt."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import diagnosis as diag
from domain.access import Actor
from domain.diagnosis import Attempt
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.diagnosis.common import Ctx, DiagCb, DiagnosisForm, _btn, _leave_my_state, _menu_row
from handlers.diagnosis.home import show_home
from handlers.filters import Onboarded
from handlers.formatting import fit as fit_text
from handlers.routing import Routes
from handlers.views import ack, error_html, show

router = Routes("diagnosis-analysis")


async def show_analysis(c: Ctx, attempt: Attempt, notice: str | None = None,
                        new: bool = False) -> None:
    parts = [notice] if notice else []
    parts += [c.t("diag-analysis-title"),
              c.t("diag-analysis-about", date=c.date(attempt.completed_at))]
    written = c.t("diag-analysis-current", date=c.date(attempt.self_analysis_at))

    def screen(analysis: str | None) -> str:
        shown = (written + "\n<blockquote>" + analysis + "</blockquote>" if analysis
                 else c.t("diag-analysis-none"))
        return "\n\n".join([*parts, shown])

    text = fit_text(screen, analysis=attempt.self_analysis or None)
    b = InlineKeyboardBuilder()
    if attempt.person_id == c.actor.person_id:
        key = "diag-btn-edit" if attempt.self_analysis else "diag-btn-write"
        b.row(*_btn(c.t(key), DiagCb(act="write", a=attempt.id)))
    b.row(*_btn(c.t("diag-btn-section"), DiagCb(act="home")), *_menu_row(c))
    await show(c.event, text, b.as_markup(), new=new)


@router.callback_query(DiagCb.filter(F.act == "analysis"), Onboarded())
async def analysis(query: CallbackQuery, callback_data: DiagCb, state: FSMContext,
                   raw_state: str | None, i18n: I18nContext, uow: UnitOfWork, actor: Actor,
                   tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    await ack(query)
    await _leave_my_state(state, raw_state)
    await show_analysis(c, await diag.attempt_for(uow, actor, callback_data.a))


@router.callback_query(DiagCb.filter(F.act == "write"), Onboarded())
async def write_analysis(query: CallbackQuery, callback_data: DiagCb, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(query, state, i18n, uow, actor, tz)
    attempt = await diag.attempt_for(uow, actor, callback_data.a)
    actor.require_self(attempt.person_id)
    await ack(query)
    await state.set_state(DiagnosisForm.self_analysis)
    await state.set_data({"attempt_id": attempt.id})
    b = InlineKeyboardBuilder()
    b.row(kb.button(c.t("btn-cancel"), DiagCb(act="analysis", a=attempt.id).pack()))
    await show(query, c.t("diag-analysis-ask", max=diag.SELF_ANALYSIS_MAX), b.as_markup())


@router.message(Command("cancel"), StateFilter(DiagnosisForm.self_analysis), Onboarded())
async def cancel_analysis(message: Message, state: FSMContext, i18n: I18nContext,
                          uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({})
    c = Ctx(message, state, i18n, uow, actor, tz)
    await show_analysis(c, await diag.attempt_for(uow, actor, int(data.get("attempt_id") or 0)))


@router.message(StateFilter(DiagnosisForm.self_analysis), Onboarded())
async def got_analysis(message: Message, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    c = Ctx(message, state, i18n, uow, actor, tz)
    attempt_id = int((await state.get_data()).get("attempt_id") or 0)
    try:
        attempt = await diag.save_self_analysis(uow, actor, attempt_id, message.text, uow.clock.now())
    except diag.StaleStep:
        await state.set_state(None)
        await state.set_data({})
        await show_home(c)
        return
    except DomainError as err:
        if err.key.startswith("diag-error-analysis"):
            b = InlineKeyboardBuilder()
            b.row(kb.button(c.t("btn-cancel"), DiagCb(act="analysis", a=attempt_id).pack()))
            await message.answer("⚠️ " + error_html(c.i18n, err) + "\n\n"
                                 + c.t("diag-analysis-ask", max=diag.SELF_ANALYSIS_MAX),
                                 reply_markup=b.as_markup())
            return
        raise
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await show_analysis(c, attempt, notice=c.t("diag-analysis-saved"))
