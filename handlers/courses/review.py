"""The coordinator's side of the course forms: the queue, the card with the certificate, and
accepting or returning with a comment. Every id in a button is re-checked by the domain."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_i18n import I18nContext

from domain import courses
from domain.access import Actor
from domain.courses import CourseForm, Decision
from domain.errors import ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.courses.callbacks import CrsMenuCb, CrsReviewCb, MenuTo, ReviewAction
from handlers.courses.card import clip, form_card, history_text, send_certificate, short_title
from handlers.files import FileRelay
from handlers.filters import Onboarded, PlainText
from handlers.routing import Routes
from handlers.views import ack, error_html, esc, fmt_date, show

router = Routes("courses_review")

PAGE_SIZE = 8


class ReviewStates(StatesGroup):
    comment = State()


@router.callback_query(CrsMenuCb.filter(F.to == MenuTo.QUEUE), Onboarded())
async def queue(query: CallbackQuery, callback_data: CrsMenuCb, state: FSMContext,
                i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    result = await courses.review_queue(uow, actor, callback_data.page, PAGE_SIZE)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    orgs = await uow.orgs.get_many([f.school_id for f in result.items if f.school_id])
    b = InlineKeyboardBuilder()
    if not result.items:
        text = i18n.get("crs-queue-empty")
    else:
        lines = [i18n.get("crs-queue-title", count=result.total)]
        for n, form in enumerate(result.items, result.page * PAGE_SIZE + 1):
            school = orgs.get(form.school_id or 0)
            lines.append(i18n.get(
                "crs-queue-item", n=n, at=fmt_date(form.submitted_at, tz, i18n.locale),
                name=esc(form.answers.full_name or "—"),
                school=esc(school.name) if school else "—",
                title=esc(short_title(i18n, form)), revision=form.revision,
            ))
            label = f"{n}. {form.answers.full_name or '—'} · {short_title(i18n, form)}"
            b.row(kb.button(clip(label, 60),
                            CrsReviewCb(action=ReviewAction.OPEN, form_id=form.id).pack()))
        text = "\n\n".join(lines)
        pages = (result.total + PAGE_SIZE - 1) // PAGE_SIZE
        if nav := kb.pager(result.page, pages, lambda n: CrsMenuCb(to=MenuTo.QUEUE, page=n).pack()):
            b.row(*nav)
    b.row(kb.button(i18n.get("btn-back"), MenuCb(to="coordinator").pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(query, text, b.as_markup())


async def show_review_card(query: CallbackQuery, i18n: I18nContext, uow: UnitOfWork,
                           actor: Actor, tz: ZoneInfo, form: CourseForm,
                           notice: str | None = None) -> None:
    school = await uow.orgs.get(form.school_id) if form.school_id else None
    read_only = (not courses.can_review(actor, form)
                 and form.status is courses.FormStatus.SUBMITTED
                 and form.person_id != actor.person_id)
    text = form_card(i18n, form, tz, school=school.name if school else None,
                     before=[notice] if notice else [],
                     after=[i18n.get("crs-review-read-only")] if read_only else [])
    b = InlineKeyboardBuilder()
    if courses.can_review(actor, form):
        b.row(kb.button(i18n.get(f"crs-btn-accept-{form.kind.value}"),
                        CrsReviewCb(action=ReviewAction.ACCEPT, form_id=form.id).pack()))
        b.row(kb.button(i18n.get("crs-btn-return"),
                        CrsReviewCb(action=ReviewAction.RETURN, form_id=form.id).pack()))
    if form.certificate is not None:
        b.row(kb.button(i18n.get("crs-btn-file"),
                        CrsReviewCb(action=ReviewAction.FILE, form_id=form.id).pack()))
    b.row(kb.button(i18n.get("crs-btn-history"),
                    CrsReviewCb(action=ReviewAction.HISTORY, form_id=form.id).pack()))
    b.row(kb.button(i18n.get("crs-btn-queue"), CrsMenuCb(to=MenuTo.QUEUE).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(query, text, b.as_markup())


async def readable(uow: UnitOfWork, actor: Actor, callback_data: CrsReviewCb) -> CourseForm:
    """The form a button names, if the actor may read it: read permission first, a coordinator
    of another school is refused here."""
    return await courses.get_form(uow, actor, callback_data.form_id)


@router.callback_query(CrsReviewCb.filter(F.action == ReviewAction.OPEN), Onboarded())
async def review_open(query: CallbackQuery, callback_data: CrsReviewCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                      bot: Bot, files: FileRelay) -> None:
    form = await readable(uow, actor, callback_data)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show_review_card(query, i18n, uow, actor, tz, form)
    if form.certificate is not None and courses.can_review(actor, form):
        await send_certificate(bot, files, query, i18n, form)


@router.callback_query(CrsReviewCb.filter(F.action == ReviewAction.FILE), Onboarded())
async def review_file(query: CallbackQuery, callback_data: CrsReviewCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo,
                      bot: Bot, files: FileRelay) -> None:
    form = await readable(uow, actor, callback_data)
    courses.certificate_of(form)  # no file: the person is told, not left in silence
    await ack(query)
    await send_certificate(bot, files, query, i18n, form)


@router.callback_query(CrsReviewCb.filter(F.action == ReviewAction.HISTORY), Onboarded())
async def review_history(query: CallbackQuery, callback_data: CrsReviewCb, state: FSMContext,
                         i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    form = await readable(uow, actor, callback_data)
    await ack(query)
    await show(query, await history_text(uow, actor, i18n, form, tz),
               InlineKeyboardMarkup(inline_keyboard=[[kb.button(
                   i18n.get("btn-back"),
                   CrsReviewCb(action=ReviewAction.OPEN, form_id=form.id).pack())]]))


@router.callback_query(CrsReviewCb.filter(F.action == ReviewAction.ACCEPT), Onboarded())
async def review_accept(query: CallbackQuery, callback_data: CrsReviewCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    form = await readable(uow, actor, callback_data)
    await courses.check_reviewer(uow, actor, form)
    await ack(query)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("crs-btn-accept-yes"),
                    CrsReviewCb(action=ReviewAction.ACCEPT_YES, form_id=form.id).pack()))
    b.row(kb.button(i18n.get("btn-back"),
                    CrsReviewCb(action=ReviewAction.OPEN, form_id=form.id).pack()))
    await show(query, i18n.get(f"crs-accept-confirm-{form.kind.value}",
                               name=esc(form.answers.full_name or ""),
                               title=esc(short_title(i18n, form)), hours=form.hours or 0),
               b.as_markup())


@router.callback_query(CrsReviewCb.filter(F.action == ReviewAction.ACCEPT_YES), Onboarded())
async def review_accepted(query: CallbackQuery, callback_data: CrsReviewCb, state: FSMContext,
                          i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    form = await readable(uow, actor, callback_data)
    form = await courses.review(uow, actor, form.id, Decision.ACCEPT, None, uow.clock.now())
    await uow.commit()
    await ack(query, i18n.get(f"crs-accepted-{form.kind.value}"))
    await show_review_card(query, i18n, uow, actor, tz, form,
                           notice=i18n.get(f"crs-accepted-{form.kind.value}"))


@router.callback_query(CrsReviewCb.filter(F.action == ReviewAction.RETURN), Onboarded())
async def review_return(query: CallbackQuery, callback_data: CrsReviewCb, state: FSMContext,
                        i18n: I18nContext, uow: UnitOfWork, actor: Actor, tz: ZoneInfo) -> None:
    form = await readable(uow, actor, callback_data)
    await courses.check_reviewer(uow, actor, form)
    await ack(query)
    await state.set_state(ReviewStates.comment)
    await state.set_data({"crs_review": form.id})
    await ask_comment(query, i18n, form)


async def ask_comment(event: Message | CallbackQuery, i18n: I18nContext, form: CourseForm,
                      error: ValidationError | None = None) -> None:
    text = i18n.get("crs-ask-comment", title=esc(short_title(i18n, form)),
                    name=esc(form.answers.full_name or ""))
    if error is not None:
        text = "⚠️ " + error_html(i18n, error) + "\n\n" + text
    markup = InlineKeyboardMarkup(inline_keyboard=[[kb.button(
        i18n.get("btn-cancel"), CrsReviewCb(action=ReviewAction.OPEN, form_id=form.id).pack())]])
    await show(event, text, markup)


@router.message(StateFilter(ReviewStates.comment), Command("cancel"), Onboarded())
async def cancel_comment(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(None)
    await state.set_data({})
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [kb.button(i18n.get("crs-btn-queue"), CrsMenuCb(to=MenuTo.QUEUE).pack())],
        [kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack())],
    ])
    await message.answer(i18n.get("crs-return-cancelled"), reply_markup=markup)


@router.message(StateFilter(ReviewStates.comment), PlainText(), Onboarded())
async def got_comment(message: Message, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
                      actor: Actor, tz: ZoneInfo) -> None:
    data = await state.get_data()
    form = await courses.get_form(uow, actor, int(data.get("crs_review") or 0))
    try:
        form = await courses.review(uow, actor, form.id, Decision.RETURN, message.text,
                                    uow.clock.now())
    except ValidationError as err:
        await ask_comment(message, i18n, form, error=err)
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    school = await uow.orgs.get(form.school_id) if form.school_id else None
    text = form_card(i18n, form, tz, school=school.name if school else None,
                     before=[i18n.get(f"crs-returned-{form.kind.value}")])
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [kb.button(i18n.get("crs-btn-queue"), CrsMenuCb(to=MenuTo.QUEUE).pack())],
        [kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack())],
    ])
    await message.answer(text, reply_markup=markup)


@router.message(StateFilter(ReviewStates.comment), Onboarded())
async def comment_not_text(message: Message, state: FSMContext, i18n: I18nContext,
                           uow: UnitOfWork, actor: Actor) -> None:
    data = await state.get_data()
    form = await courses.get_form(uow, actor, int(data.get("crs_review") or 0))
    await ask_comment(message, i18n, form, error=ValidationError("crs-error-comment-text"))

