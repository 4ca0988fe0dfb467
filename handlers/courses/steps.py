"""The steps of the course forms on the form engine (handlers/forms/engine.py): each step's
view, what its answers and buttons do, and the ``FORM`` itself."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from domain import courses
from domain.access import Actor
from domain.courses import (
    COMPETENCE_GROUPS,
    DIFF_PREFIX,
    INTERNSHIP_STEPS,
    FileKind,
    FileMeta,
    FormAnswers,
)
from domain.entities import Person
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers.courses.asking import (
    CHOICES,
    DATE_STEPS,
    confirm_view,
    crs,
    step_view,
    the_form,
)
from handlers.courses.callbacks import CrsStepCb, StepAction
from handlers.courses.home import _ctx, pause, prefilled_steps, show_home
from handlers.filters import Onboarded
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step
from handlers.routing import Routes
from handlers.views import ack
from handlers.widgets import dates

router = Routes("courses_form")


# ---- the steps on the form engine (handlers/forms/engine.py) ----------------------------
# The draft is the form's database row: every answer goes through ``courses.answer`` at once;
# the FSM keeps the form's id and the step («CrsForm:<step>»).

async def draft_of(c: FormCtx) -> FormAnswers | None:
    """The answers of the draft the person is filling, re-read from the database (None: gone
    or sent); their type is the form's kind (the technical assignment's steps or the
    report's)."""
    form_id = c.data.get("crs_form")
    form = await c.uow.courses.get(int(form_id)) if form_id else None
    if form is None or not courses.FormRights.of(c.actor, form).fill:
        return None
    c.extra["crs_form"] = form
    return form.answers



async def lost(c: FormCtx) -> None:
    await ack(c.event, c.i18n.get("error-stale-button"))
    await show_home(crs(c), notice=c.i18n.get("error-stale-button"),
                    new=isinstance(c.event, Message))



async def _answer(c: FormCtx, step: str, value: str | FileMeta | None) -> None:
    """Store one answer in the draft (the domain validates it) and commit."""
    k = crs(c)
    await courses.answer(c.uow, c.actor, the_form(c).id, step, value, k.now, k.today)
    await c.uow.commit()


async def _typed(c: FormCtx, text: str) -> None:
    await _answer(c, c.step or (await FORM.current(c.state)) or "", text)


async def _picked(c: FormCtx, value: str) -> Next:
    await _answer(c, (await FORM.current(c.state)) or "", value)
    return Next.GO


async def _acted(c: FormCtx, action: str, value: str) -> Next | str:
    """The other buttons of a step: a linked assignment or a catalogue course, a day or a month
    of the calendar, a ticked option, the internships list."""
    step = (await FORM.current(c.state)) or ""
    form = the_form(c)
    if action in (StepAction.LINK, StepAction.EVENT) and step == "program":
        await _answer(c, "program_" + action, value)
        return Next.GO
    if action == StepAction.DAY and step in DATE_STEPS:
        day = dates.read_day(value)
        if day is None:
            raise ValidationError("crs-error-date-format")
        await _answer(c, step, day.strftime("%d.%m.%Y"))
        return Next.GO
    if action == StepAction.MONTH and step in DATE_STEPS:
        c.extra["crs_month"] = dates.read_month(value)
        return Next.STAY
    if action == StepAction.TOG and step in courses.MULTI_STEPS:
        await courses.toggle(c.uow, c.actor, form.id, step, value, crs(c).now)
        await c.uow.commit()
        return Next.STAY
    if step == "internships" and action in (StepAction.ADD, StepAction.DEL, StepAction.NONE):
        index = int(value) if value.isdigit() else -1
        await courses.set_internships(c.uow, c.actor, form.id, action, index, crs(c).now)
        await c.uow.commit()
        return {StepAction.ADD: "intern_place", StepAction.DEL: Next.STAY}.get(action, Next.GO)
    raise DomainError("error-stale-button")


async def _done(c: FormCtx) -> None:
    step, form = (await FORM.current(c.state)) or "", the_form(c)
    if step == "internships":
        await courses.set_internships(c.uow, c.actor, form.id, "done", -1, crs(c).now)
        await c.uow.commit()
    else:
        courses.require_selection(form, step)


async def _not_taken(c: FormCtx) -> None:
    await _answer(c, "repeat_percent", None)


async def _file(c: FormCtx, message: Message) -> None:
    if message.document is not None:
        doc = message.document
        meta = FileMeta(file_id=doc.file_id, kind=FileKind.DOCUMENT, size=doc.file_size,
                        mime=doc.mime_type, name=doc.file_name)
    else:
        photo = max(message.photo or [], key=lambda p: (p.file_size or 0, p.width * p.height))
        meta = FileMeta(file_id=photo.file_id, kind=FileKind.PHOTO, size=photo.file_size,
                        mime="image/jpeg")
    await _answer(c, "certificate_file", meta)


async def _leave_internship(c: FormCtx) -> None:
    """«Назад» from an internship being entered: it is dropped, the list is shown."""
    await courses.set_internships(c.uow, c.actor, the_form(c).id, "drop", -1, crs(c).now)
    await c.uow.commit()
    await FORM.ask(c, "internships")


async def _card_again(c: FormCtx) -> None:
    await FORM.ask(c, "confirm")


def _marker(c: FormCtx, key: str, place: tuple[int, int] | None) -> str | None:
    if key == "confirm":
        return None
    header = c.i18n.get(f"crs-kind-{the_form(c).kind.value}")
    if place is None:
        return header
    return c.i18n.get("crs-step-header", form=header, n=place[0], total=place[1])


def _answered(key: str) -> Any:
    return lambda c: the_form(c).answers.is_answered(key)


def _step(key: str) -> Step:
    if key in CHOICES:
        return Step(key, Kind.CHOICE, step_view, pick=_picked, has_value=_answered(key))
    if key in courses.MULTI_STEPS:
        return Step(key, Kind.MULTI, step_view, act=_acted, done=_done,
                    has_value=_answered(key))
    if key == "internships":
        return Step(key, Kind.CHOICE, step_view, act=_acted, done=_done,
                    has_value=_answered(key))
    if key == "certificate_file":
        return Step(key, Kind.FILE, step_view, receive=_file, has_value=_answered(key))
    if key in INTERNSHIP_STEPS:
        later = dict(zip(INTERNSHIP_STEPS, [*INTERNSHIP_STEPS[1:], "internships"]))
        return Step(key, Kind.TEXT, step_view, parse=_typed, anchor="internships",
                    then=lambda c: later[key], on_back=_leave_internship)
    return Step(key, Kind.TEXT, step_view, parse=_typed, act=_acted,
                skip=_not_taken if key == "repeat_percent" else None,
                has_value=_answered(key))


ALL_STEPS = dict.fromkeys([
    *courses.ASSIGNMENT_STEPS, *(DIFF_PREFIX + g for g in COMPETENCE_GROUPS),
    *courses.REPORT_STEPS, *INTERNSHIP_STEPS])

FORM = Form(
    name="CrsForm",
    steps=[*(_step(k) for k in ALL_STEPS),
           Step("confirm", Kind.CONFIRM, confirm_view, on_back=_card_again)],
    on_finish=_card_again,  # sending is the card's own button (CrsFormCb «submit»)
    on_cancel=lambda c: pause(crs(c)),
    on_first_back=lambda c: show_home(crs(c)),
    on_lost=lost,
    answers=draft_of,
    plan=lambda answers: [*answers.steps(), "confirm"],
    counted_of=lambda c, answers: answers.asked_steps(prefilled_steps(crs(c))),
    marker=_marker,
    step_cb=CrsStepCb,
    filters=(Onboarded(),),
    unexpected=lambda m: ("fallback-unknown-command" if (m.text or "").startswith("/")
                          else "crs-error-unexpected"),
    file_expected="crs-error-file-expected",
    file_not_here="crs-error-file-not-here",
)
FORM.register(router)


@router.callback_query(CrsStepCb.filter(), Onboarded())
async def step_button_pressed(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                              uow: UnitOfWork, actor: Actor, person: Person,
                              tz: ZoneInfo) -> None:
    """A step's button outside the form (an old message after leaving it)."""
    await ack(query, i18n.get("error-stale-button"))
    await show_home(_ctx(query, state, i18n, uow, actor, person, tz),
                    notice=i18n.get("error-stale-button"))
