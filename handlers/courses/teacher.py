"""The teacher's side of «Курсы и отчёты»: starting or continuing a form, the summary card's
changes, sending, and the teacher's own card with what can be done with it now."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram_i18n import I18nContext

from domain import courses
from domain.access import Actor
from domain.courses import (
    CourseForm,
    FormKind,
    FormStatus,
)
from domain.entities import Person
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.callbacks import MenuCb
from handlers.courses.asking import form_ctx
from handlers.courses.callbacks import CrsEditCb, CrsFormCb, CrsMenuCb, FormAction, MenuTo
from handlers.courses.card import form_card, history_text, send_certificate
from handlers.courses.home import Ctx, _ctx, position_label, show_home
from handlers.courses.steps import FORM
from handlers.files import FileRelay
from handlers.filters import Onboarded
from handlers.routing import Routes
from handlers.views import ack, show

router = Routes("courses_teacher")


@router.callback_query(CrsMenuCb.filter(F.to == MenuTo.NEW_ASSIGNMENT), Onboarded())
async def new_assignment(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                         uow: UnitOfWork, actor: Actor, person: Person, tz: ZoneInfo) -> None:
    await start_form(_ctx(query, state, i18n, uow, actor, person, tz), FormKind.ASSIGNMENT)


@router.callback_query(CrsMenuCb.filter(F.to == MenuTo.NEW_REPORT), Onboarded())
async def new_report(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                     uow: UnitOfWork, actor: Actor, person: Person, tz: ZoneInfo) -> None:
    await start_form(_ctx(query, state, i18n, uow, actor, person, tz), FormKind.REPORT)


async def start_form(c: Ctx, kind: FormKind, assignment_id: int | None = None) -> None:
    form, created = await courses.open_draft(
        c.uow, c.actor, c.person, kind, c.now, position_label(c.i18n, c.person),
        assignment_id=assignment_id,
    )
    await c.uow.commit()
    await ack(c.event)
    intro = f"crs-intro-{kind.value}" if created else "crs-resume"
    await resume(c, form, intro=intro)



async def resume(c: Ctx, form: CourseForm, intro: str | None = None) -> None:
    """Continue a draft at its first unanswered step, or show the summary card (a returned
    form: each change goes back to the card)."""
    step = form.answers.next_step(None) or "confirm"
    await c.state.set_data({"crs_form": form.id})
    fc = form_ctx(c)
    text = c.i18n.get(intro) if intro else None
    if form.status is FormStatus.DRAFT:
        await FORM.ask(fc, step, intro=text)
    else:
        await FORM.edit(fc, step, intro=text)


async def edit_form(c: Ctx, form: CourseForm, field: str,
                    error: DomainError | None = None) -> None:
    """Change one field from the summary card (another field name: the card)."""
    await c.state.set_data({"crs_form": form.id})
    if field not in form.answers.steps():
        field = "confirm"
    await FORM.edit(form_ctx(c), field, error=error)




@router.callback_query(CrsEditCb.filter(), Onboarded())
async def edit_field(query: CallbackQuery, callback_data: CrsEditCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                     tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await courses.get_editable(uow, actor, callback_data.form_id)
    await ack(query)
    await edit_form(c, form, callback_data.field)


@router.callback_query(CrsFormCb.filter(F.action == FormAction.SUBMIT), Onboarded())
async def submit(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                 i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                 tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form_id = callback_data.form_id
    try:
        result = await courses.submit(uow, actor, person, form_id, c.now, c.today)
    except ValidationError as err:
        await ack(query, i18n.get(err.key, **err.params), alert=True)
        form = await courses.get_own(uow, actor, form_id)
        await edit_form(c, form, str(err.params.get("field") or "confirm"), error=err)
        return
    await state.set_state(None)
    await state.set_data({})
    await uow.commit()
    await ack(query)
    notice = i18n.get(f"crs-sent-{result.form.kind.value}")
    if not result.coordinators:
        notice += "\n" + i18n.get("crs-sent-no-coordinator")
    await show_form(c, result.form, notice=notice)


async def show_form(c: Ctx, form: CourseForm, notice: str | None = None,
                    new: bool = False) -> None:
    """The teacher's own form with what can be done with it now."""
    i18n = c.i18n
    text = form_card(i18n, form, c.tz, before=[notice] if notice else [])
    b = InlineKeyboardBuilder()
    fid = form.id
    rights = courses.FormRights.of(c.actor, form)
    if rights.fill:
        label = "crs-btn-continue" if form.status is FormStatus.DRAFT else "crs-btn-correct"
        b.row(kb.button(i18n.get(label), CrsFormCb(action=FormAction.FILL, form_id=fid).pack()))
    if rights.delete:
        b.row(kb.button(i18n.get("crs-btn-delete"),
                        CrsFormCb(action=FormAction.DELETE, form_id=fid).pack()))
    if rights.report_from:
        b.row(kb.button(i18n.get("crs-btn-report-from"),
                        CrsFormCb(action=FormAction.REPORT_FROM, form_id=fid).pack()))
    if form.certificate is not None:
        b.row(kb.button(i18n.get("crs-btn-file"),
                        CrsFormCb(action=FormAction.FILE, form_id=fid).pack()))
    if form.revision:
        b.row(kb.button(i18n.get("crs-btn-history"),
                        CrsFormCb(action=FormAction.HISTORY, form_id=fid).pack()))
    b.row(kb.button(i18n.get("crs-btn-to-list"), CrsMenuCb(to=MenuTo.HOME).pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, text, b.as_markup(), new=new)


async def own_form(c: Ctx, callback_data: CrsFormCb) -> CourseForm:
    """The person's own form a button names (the domain refuses another person's id)."""
    return await courses.get_own(c.uow, c.actor, callback_data.form_id)


@router.callback_query(CrsFormCb.filter(F.action == FormAction.OPEN), Onboarded())
async def open_form(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                    tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await own_form(c, callback_data)
    await ack(query)
    await state.set_state(None)
    await state.set_data({})
    await show_form(c, form)


@router.callback_query(CrsFormCb.filter(F.action == FormAction.FILL), Onboarded())
async def fill_form(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                    tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await own_form(c, callback_data)
    courses.FormRights.of(actor, form).require_fill()
    await ack(query)
    intro = "crs-resume" if form.status is FormStatus.DRAFT else "crs-correct-intro"
    await resume(c, form, intro=intro)


@router.callback_query(CrsFormCb.filter(F.action == FormAction.DELETE), Onboarded())
async def delete_form(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                      tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await own_form(c, callback_data)
    courses.FormRights.of(actor, form).require_delete()
    await ack(query)
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("crs-btn-delete-yes"),
                    CrsFormCb(action=FormAction.DELETE_YES, form_id=form.id).pack()))
    b.row(kb.button(i18n.get("crs-btn-delete-no"),
                    CrsFormCb(action=FormAction.OPEN, form_id=form.id).pack()))
    await show(query, i18n.get("crs-delete-confirm"), b.as_markup())


@router.callback_query(CrsFormCb.filter(F.action == FormAction.DELETE_YES), Onboarded())
async def delete_confirmed(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                           i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                           tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await own_form(c, callback_data)
    await courses.delete_draft(uow, actor, form.id)
    await uow.commit()
    await ack(query, i18n.get("crs-deleted"))
    await show_home(c, notice=i18n.get("crs-deleted"))


@router.callback_query(CrsFormCb.filter(F.action == FormAction.REPORT_FROM), Onboarded())
async def report_from(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                      tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await own_form(c, callback_data)
    await start_form(c, FormKind.REPORT, assignment_id=form.id)


@router.callback_query(CrsFormCb.filter(F.action == FormAction.FILE), Onboarded())
async def form_file(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                    i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                    tz: ZoneInfo, bot: Bot, files: FileRelay) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await own_form(c, callback_data)
    courses.certificate_of(form)  # no file: the person is told, not left in silence
    await ack(query)
    await send_certificate(bot, files, query, i18n, form)


@router.callback_query(CrsFormCb.filter(F.action == FormAction.HISTORY), Onboarded())
async def form_history(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                       tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await own_form(c, callback_data)
    await ack(query)
    await show(query, await history_text(c.uow, c.actor, i18n, form, tz),
               InlineKeyboardMarkup(inline_keyboard=[[kb.button(
                   i18n.get("btn-back"),
                   CrsFormCb(action=FormAction.OPEN, form_id=form.id).pack())]]))
