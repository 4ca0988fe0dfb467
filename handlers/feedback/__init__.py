"""Feedback after an event: the attendee's short form (opened from the notice), and the
organiser's view of the average and comments per event and per organiser."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command, Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import feedback as fb
from domain.access import Actor
from domain.errors import DomainError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import FbCb, MenuCb
from handlers.events import EvAdmCb
from handlers.filters import Onboarded, PlainText
from handlers.formatting import cut_html, fmt_number
from handlers.routing import Routes
from handlers.views import ack, error_html, esc, show

router = Routes("feedback")


class FeedbackStates(StatesGroup):
    text = State()  # data: id (the form), step (apply / comment)


def _scores(feedback_id: int):  # type: ignore[no-untyped-def]
    b = InlineKeyboardBuilder()
    b.row(*(kb.button(str(v), FbCb(a="score", id=feedback_id, v=str(v)).pack())
            for v in range(fb.SCORE_MIN, fb.SCORE_MAX + 1)))
    return b


async def show_step(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext,
                    uow: UnitOfWork, feedback: fb.Feedback, error: DomainError | None = None
                    ) -> None:
    """The form where it stopped: a restart, a second tap on the notice resume here."""
    ev = await uow.events.get(feedback.event_id)
    title = esc(ev.title) if ev else "—"
    head = i18n.get("fb-title", title=title)
    warn = ("⚠️ " + error_html(i18n, error) + "\n\n") if error else ""
    if feedback.step is fb.Step.DONE:
        await state.set_state(None)
        await state.set_data({})
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
        await show(event, warn + head + "\n\n" + i18n.get("fb-thanks"), b.as_markup())
        return
    if feedback.step is fb.Step.USEFULNESS:
        await state.set_state(None)
        b = _scores(feedback.id)
        await show(event, warn + head + "\n\n" + i18n.get("fb-ask-usefulness"), b.as_markup())
        return
    template = fb.template_of(feedback.template)
    await state.set_state(FeedbackStates.text)
    await state.set_data({"id": feedback.id, "step": feedback.step.value})
    b = InlineKeyboardBuilder()
    if feedback.step in template.optional:
        b.row(kb.button(i18n.get("fb-btn-skip"),
                        FbCb(a="skip", id=feedback.id, v=feedback.step.value).pack()))
    await show(event, warn + head + "\n\n" + i18n.get(f"fb-ask-{feedback.step.value}"),
               b.as_markup())


@router.callback_query(FbCb.filter(F.a == "open"), Onboarded())
async def open_form(query: CallbackQuery, callback_data: FbCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor) -> None:
    feedback = await fb.own(uow, actor, callback_data.id)
    await ack(query)
    await show_step(query, state, i18n, uow, feedback)


@router.callback_query(FbCb.filter(F.a == "score"), Onboarded())
async def score(query: CallbackQuery, callback_data: FbCb, state: FSMContext, i18n: I18nContext,
                uow: UnitOfWork, actor: Actor) -> None:
    try:
        value = int(callback_data.v)
    except ValueError:
        value = 0
    feedback = await fb.score(uow, actor, callback_data.id, value, uow.clock.now())
    await uow.commit()
    await ack(query)
    await show_step(query, state, i18n, uow, feedback)


@router.callback_query(FbCb.filter(F.a == "skip"), Onboarded())
async def skip(query: CallbackQuery, callback_data: FbCb, state: FSMContext, i18n: I18nContext,
               uow: UnitOfWork, actor: Actor) -> None:
    feedback = await fb.answer(uow, actor, callback_data.id, callback_data.v, None,
                               uow.clock.now())
    await uow.commit()
    await ack(query)
    await show_step(query, state, i18n, uow, feedback)


@router.message(Command("cancel"), StateFilter(FeedbackStates.text), Onboarded())
async def cancel(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(None)
    await state.set_data({})
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await message.answer(i18n.get("fb-paused"), reply_markup=b.as_markup())


@router.message(StateFilter(FeedbackStates.text), PlainText(), Onboarded())
async def text(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
               actor: Actor) -> None:
    data = await state.get_data()
    feedback_id, step = int(data.get("id", 0)), str(data.get("step", ""))
    try:
        feedback = await fb.answer(uow, actor, feedback_id, step, message.text or "",
                                   uow.clock.now())
    except DomainError as err:
        current = await fb.own(uow, actor, feedback_id)
        await show_step(message, state, i18n, uow, current, error=err)
        return
    await uow.commit()
    await show_step(message, state, i18n, uow, feedback)


class NotText(Filter):
    """A photo, a sticker, a voice message (commands and text go elsewhere)."""

    async def __call__(self, event: Message) -> bool:
        return event.text is None


@router.message(StateFilter(FeedbackStates.text), NotText(), Onboarded())
async def not_text(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                   actor: Actor) -> None:
    """A photo, a sticker: nothing is lost, the question is asked again."""
    data = await state.get_data()
    current = await fb.own(uow, actor, int(data.get("id", 0)))
    await show_step(message, state, i18n, uow, current,
                    error=DomainError("fb-error-text-only"))


# ---- the organiser --------------------------------------------------------------------------


def _figures(i18n: I18nContext, f: fb.Figures) -> str:
    if f.average is None:
        return i18n.get("fb-figures-none", asked=f.asked)
    return i18n.get("fb-figures", average=fmt_number(round(f.average, 1), i18n.locale),
                    answered=f.answered, asked=f.asked)


@router.callback_query(FbCb.filter(F.a == "event"), Onboarded())
async def organiser_view(query: CallbackQuery, callback_data: FbCb, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor) -> None:
    view = await fb.event_feedback(uow, actor, callback_data.id)
    await ack(query)
    lines = [i18n.get("fb-org-title", title=esc(view.event_title)),
             i18n.get("fb-org-event") + " " + _figures(i18n, view.event),
             i18n.get("fb-org-organiser", organiser=esc(view.organiser),
                      events=view.events_of_organiser) + " " + _figures(i18n, view.by_organiser)]
    if view.comments:
        lines.append(i18n.get("fb-org-comments-anon" if view.anonymous else "fb-org-comments"))
        for c in view.comments:
            parts = []
            if c.name:
                parts.append(f"<b>{esc(c.name)}</b>")
            if c.usefulness is not None:
                parts.append(i18n.get("fb-org-score", score=c.usefulness))
            if c.apply:
                parts.append(i18n.get("fb-org-apply", text=esc(c.apply)))
            if c.comment:
                parts.append(i18n.get("fb-org-comment", text=esc(c.comment)))
            lines.append("— " + "\n".join(parts))
    else:
        lines.append(i18n.get("fb-org-no-comments"))
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("btn-back"), EvAdmCb(action="card", event_id=callback_data.id,
                                                   page=0).pack()))
    await show(query, cut_html("\n\n".join(lines)), b.as_markup())
