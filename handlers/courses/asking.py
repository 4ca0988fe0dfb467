"""How a step of a course form is asked: the prompt, the current answer, its buttons (choices,
ticks, the internships list, a linked assignment or a catalogue course, the date picker), and
the summary card with a button per field."""

from __future__ import annotations

from datetime import date

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_i18n import I18nContext

from domain import courses
from domain.courses import (
    COMPETENCE_GROUPS,
    DIFF_PREFIX,
    INTERNSHIP_STEPS,
    Answers,
    CourseForm,
    Education,
    FormKind,
    FormStatus,
    Internship,
    ReportAnswers,
)
from handlers import keyboards as kb
from handlers.builder import InlineKeyboardBuilder
from handlers.courses.callbacks import CrsEditCb, CrsFormCb, CrsStepCb, FormAction, StepAction
from handlers.courses.card import (
    card_steps,
    clip,
    field_label,
    form_card,
    group_label,
    internship_line,
    value_text,
)
from handlers.courses.home import Ctx, _ctx
from handlers.forms.engine import FormCtx
from handlers.widgets import dates

TEXT_STEPS = frozenset({
    "full_name", "workplace", "position", "diploma_number", "diploma_date", "specialty",
    "position_years", "age", "program", "start_date", "end_date", "hours", "input_percent",
    "repeat_percent", "attestation_other", "certificate_number", *INTERNSHIP_STEPS,
})
DATE_STEPS = frozenset({"diploma_date", "start_date", "end_date"})
CHOICES: dict[str, list[str]] = {
    "education": [e.value for e in Education],
    "recommendation": ["yes", "no"],
}


def is_text_step(step: str) -> bool:
    return step in TEXT_STEPS or step.startswith(DIFF_PREFIX)




def form_ctx(c: Ctx) -> FormCtx:
    return FormCtx(c.event, c.state, c.i18n, c.uow, c.actor, c.person,
                   {"person": c.person, "tz": c.tz})


def crs(c: FormCtx) -> Ctx:
    return _ctx(c.event, c.state, c.i18n, c.uow, c.actor, c.extra["person"], c.extra["tz"])



def the_form(c: FormCtx) -> CourseForm:
    form: CourseForm = c.extra["crs_form"]
    return form



def step_button(text: str, step: str, action: StepAction,
                value: str = "") -> InlineKeyboardButton:
    return kb.button(text, CrsStepCb(step=step, action=action, value=value).pack())


async def step_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    """A step of the form: the prompt, the current answer if any, and its buttons."""
    i18n, form, step = c.i18n, the_form(c), c.step or ""
    answers = form.answers
    b = InlineKeyboardBuilder()
    prompt = _prompt(i18n, form, step)
    if step in CHOICES:
        for value in CHOICES[step]:
            mark = "✅ " if _choice_value(answers, step) == value else ""
            b.row(step_button(mark + i18n.get(f"crs-choice-{step}-{value}"), step, StepAction.PICK,
                              value))
    elif step in courses.MULTI_STEPS:
        selected = answers.value(step) or []
        for value in await _options(c, form, step):
            mark = "✅ " if value in selected else ""
            b.row(step_button(mark + _option_label(i18n, step, value), step, StepAction.TOG, value))
        b.row(step_button(i18n.get("btn-done"), step, StepAction.DONE))
    elif step == "internships":
        prompt += _internship_rows(i18n, b, answers.value(step) or [])
    else:
        if step == "program":
            prompt += await _program_rows(c, form, b)
        if step in DATE_STEPS:
            for row in _date_rows(c, form, step, c.extra.get("crs_month")):
                b.row(*row)
        if step == "repeat_percent":
            b.row(step_button(i18n.get("crs-btn-not-taken"), step, StepAction.SKIP))
        current = value_text(i18n, answers, step)
        if current is not None and step not in INTERNSHIP_STEPS:
            prompt += "\n" + i18n.get("ask-current", value=current)
            b.row(step_button(i18n.get("btn-keep"), step, StepAction.KEEP))
    b.row(step_button(i18n.get("btn-back"), step, StepAction.BACK),
          step_button(i18n.get("btn-cancel"), step, StepAction.CANCEL))
    return prompt, b.as_markup()


def _internship_rows(i18n: I18nContext, b: InlineKeyboardBuilder,
                     items: list[Internship]) -> str:
    step = "internships"
    if items:
        for n in range(1, len(items) + 1):
            b.button(text=i18n.get("crs-btn-internship-del", n=n),
                     callback_data=CrsStepCb(step=step, action=StepAction.DEL, value=str(n - 1)))
        b.adjust(3)
    if len(items) < courses.MAX_INTERNSHIPS:
        b.row(step_button(i18n.get("crs-btn-internship-add"), step, StepAction.ADD))
    if items:
        b.row(step_button(i18n.get("btn-done"), step, StepAction.DONE))
    else:
        b.row(step_button(i18n.get("crs-btn-internship-none"), step, StepAction.NONE))
    if not items:
        return ""
    return "\n" + "\n".join(internship_line(i18n, n, item) for n, item in enumerate(items, 1))


async def _program_rows(c: FormCtx, form: CourseForm, b: InlineKeyboardBuilder) -> str:
    """A linked technical assignment or a catalogue course instead of typing the program."""
    i18n, step, picks = c.i18n, "program", 0
    if form.kind is FormKind.REPORT:
        for linked in await courses.linkable_assignments(c.uow, c.actor):
            mark = "✅ " if linked.id == form.assignment_id else ""
            b.row(step_button(mark + i18n.get("crs-btn-link", program=(
                linked.program or "")[:50]), step, StepAction.LINK, str(linked.id)))
            picks += 1
    for option in await courses.catalogue_options(c.uow, c.actor, form.kind, crs(c).now):
        mark = "✅ " if form.answers.event_id == option.event_id else ""
        b.row(step_button(mark + i18n.get("crs-btn-catalogue", title=option.title[:50]),
                          step, StepAction.EVENT, str(option.event_id)))
        picks += 1
    return "\n" + i18n.get("crs-hint-pick") if picks else ""


def date_bounds(form: CourseForm, step: str, today: date) -> tuple[date, date]:
    """The days a date step's calendar offers (the domain checks a typed or forged one)."""
    if step == "diploma_date":
        return courses.EARLIEST_DIPLOMA, today
    earliest = courses.EARLIEST_COURSE
    start = form.answers.value("start_date")
    if step == "end_date" and start:
        earliest = start
    return earliest, today


def _date_rows(c: FormCtx, form: CourseForm, step: str, month: date | None
               ) -> list[list[InlineKeyboardButton]]:
    today = crs(c).today
    earliest, latest = date_bounds(form, step, today)
    value = form.answers.value(step)
    selected = value if isinstance(value, date) else None
    return dates.date_picker(
        c.i18n.get, c.i18n.locale, today=today, shown=month, selected=selected,
        earliest=earliest, latest=latest,
        pick=lambda d: CrsStepCb(step=step, action=StepAction.DAY,
                                 value=dates.day_value(d)).pack(),
        show=lambda m: CrsStepCb(step=step, action=StepAction.MONTH,
                                 value=dates.month_value(m)).pack())


def _choice_value(answers: Answers, step: str) -> str | None:
    value = answers.value(step)
    if step == "recommendation" and value is not None:
        return "yes" if value else "no"
    return value if isinstance(value, str) else None


def _prompt(i18n: I18nContext, form: CourseForm, step: str) -> str:
    if step.startswith(DIFF_PREFIX):
        return i18n.get("crs-ask-difficulty", group=group_label(i18n, step[len(DIFF_PREFIX):]))
    if step == "program":
        return i18n.get(f"crs-ask-program-{form.kind.value}")
    answers = form.answers
    if (step == "intern_hours" and isinstance(answers, ReportAnswers)
            and answers.hours is not None):
        left = answers.hours - answers.internship_hours
        return i18n.get("crs-ask-intern_hours") + "\n" + i18n.get("crs-hint-hours-left",
                                                                  left=max(left, 0))
    if step == "recommendation":
        return i18n.get("crs-ask-recommendation", min=courses.RECOMMEND_MIN_PERCENT)
    if step == "certificate_file":
        return i18n.get("crs-ask-certificate_file", max=courses.MAX_FILE_MB)
    return i18n.get(f"crs-ask-{step}")


def _option_label(i18n: I18nContext, step: str, value: str) -> str:
    if step == "attestation":
        return i18n.get(f"crs-attestation-{value}")
    return group_label(i18n, value)


async def _options(c: FormCtx, form: CourseForm, step: str) -> list[str]:
    if step == "groups":
        return list(COMPETENCE_GROUPS)
    if step == "attestation":
        return [a.value for a in courses.Attestation]
    return await courses.offered_for(c.uow, form)


async def confirm_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    """The summary card: a button per field, send, «later»."""
    i18n, form = c.i18n, the_form(c)
    before = [*c.above, i18n.get("crs-confirm-intro")]
    c.above = []  # the card fits the intro and the error in itself
    b = InlineKeyboardBuilder()
    for step in card_steps(form):
        b.button(text="✏️ " + clip(field_label(i18n, step), 32),
                 callback_data=CrsEditCb(form_id=form.id, field=step))
    b.adjust(2)
    send_key = "crs-btn-resubmit" if form.status is FormStatus.RETURNED else "crs-btn-submit"
    submit = CrsFormCb(action=FormAction.SUBMIT, form_id=form.id)
    b.row(kb.button(i18n.get(send_key), submit.pack()))
    later = CrsStepCb(step="confirm", action=StepAction.CANCEL)
    b.row(kb.button(i18n.get("crs-btn-later"), later.pack()))
    return form_card(i18n, form, c.extra["tz"], before=before), b.as_markup()
