"""«Курсы и отчёты»: the technical assignment before a course and the course report after it.

Each form is a short guided conversation, one field per message. Every answer is stored in
the form's draft row at once, so a restart, /cancel or a wrong tap loses nothing: the teacher
finishes later from «Курсы и отчёты». Before sending, a summary card lets any field be
changed. The coordinator's side is in handlers/courses_review.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from domain import courses
from domain.access import Actor
from domain.courses import (
    COMPETENCE_GROUPS,
    DIFF_PREFIX,
    INTERNSHIP_STEPS,
    CourseForm,
    Education,
    FileKind,
    FileMeta,
    FormKind,
    FormStatus,
)
from domain.entities import Person
from domain.enums import Position
from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from handlers import formatting
from handlers import keyboards as kb
from handlers.callbacks import Int32, MenuCb
from handlers.files import FileRelay
from handlers.filters import Onboarded
from handlers.forms.engine import Form, FormCtx, Kind, Next, Step
from handlers.formatting import fit
from handlers.routing import Routes
from handlers.views import FeatureCtx, ack, esc, fmt_dt, show
from handlers.widgets import dates

router = Routes("courses")

PAGE_SIZE = 6


class CrsMenuCb(CallbackData, prefix="crm"):
    to: str  # home, new_assignment, new_report, queue
    page: Int32 = 0


class CrsFormCb(CallbackData, prefix="crf"):
    """The teacher's own form: open, fill (continue / correct), submit, delete, history…"""

    action: str
    form_id: Int32


class CrsStepCb(CallbackData, prefix="crp"):
    """A button of the step being asked; ``step`` tells a stale button from a current one."""

    step: str
    action: str  # pick, tog, done, back, cancel, keep, skip, link, add, del, none
    value: str = ""


class CrsEditCb(CallbackData, prefix="cre"):
    """Change one field from the summary card."""

    form_id: Int32
    field: str


class CrsReviewCb(CallbackData, prefix="crv"):
    """The coordinator's side: open, accept, accept_yes, return, history, file."""

    action: str
    form_id: Int32


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


@dataclass
class Ctx(FeatureCtx):
    person: Person


# ---- formatting ---------------------------------------------------------------------------


def clip(text: str, limit: int) -> str:
    """Button labels stay short on a phone."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fmt_number(value: float, locale: str) -> str:
    """ru 87,5 and 90; en 87.5 (one decimal at most)."""
    return formatting.fmt_number(round(float(value), 1), locale)


def fmt_iso_date(value: str | None, locale: str) -> str:
    return formatting.fmt_date(date.fromisoformat(value), locale) if value else "—"


def fmt_size(i18n: I18nContext, size: int | None) -> str:
    if not size:
        return ""
    if size < 1024 * 1024:
        return i18n.get("crs-size-kb", n=max(size // 1024, 1))
    return i18n.get("crs-size-mb", n=fmt_number(round(size / 1024 / 1024, 1), i18n.locale))


def group_label(i18n: I18nContext, group: str) -> str:
    return i18n.get(f"crs-group-{group}")


def field_label(i18n: I18nContext, step: str) -> str:
    if step.startswith(DIFF_PREFIX):
        return i18n.get("crs-f-difficulty", group=group_label(i18n, step[len(DIFF_PREFIX):]))
    return i18n.get(f"crs-f-{step}")


def value_text(i18n: I18nContext, data: dict[str, Any], step: str) -> str | None:
    """An answer as the card shows it (escaped); None when not answered yet."""
    if not courses.is_answered(data, step):
        return None
    if step.startswith(DIFF_PREFIX):
        return esc(data["difficulties"][step[len(DIFF_PREFIX):]])
    value = data.get(step)
    if step == "education":
        return i18n.get(f"crs-education-{value}")
    if step in ("diploma_date", "start_date", "end_date"):
        return fmt_iso_date(value, i18n.locale)
    if step == "hours":
        return i18n.get("crs-hours", n=value)
    if step == "position_years":
        return i18n.get("years-count", n=value)
    if step in ("input_percent", "repeat_percent"):
        if value is None:
            return i18n.get("crs-not-taken")
        return i18n.get("crs-percent", value=fmt_number(value, i18n.locale))
    if step == "internships":
        if not value:
            return i18n.get("crs-internships-none")
        return "".join("\n" + internship_line(i18n, n, item) for n, item in enumerate(value, 1))
    if step in ("groups", "competences"):
        return ", ".join(group_label(i18n, g) for g in value or [])
    if step == "attestation":
        return ", ".join(i18n.get(f"crs-attestation-{a}") for a in value or [])
    if step == "certificate_file":
        return file_text(i18n, FileMeta.from_dict(value or {}))
    if step == "recommendation":
        return i18n.get("crs-yes" if value else "crs-no")
    if step == "program" and data.get("event_id"):
        return esc(value) + " " + i18n.get("crs-from-catalogue")
    return esc(value)


def file_text(i18n: I18nContext, meta: FileMeta) -> str:
    kind = "photo" if meta.kind is FileKind.PHOTO else (meta.mime or "").split("/")[-1]
    return i18n.get("crs-file", kind=i18n.get(f"crs-file-{kind}"), size=fmt_size(i18n, meta.size))


def internship_line(i18n: I18nContext, n: int, item: dict[str, Any]) -> str:
    return i18n.get("crs-internship-line", n=n, place=esc(item.get("place", "")),
                    hours=item.get("hours", 0), activity=esc(item.get("activity", "")))


def status_text(i18n: I18nContext, form: CourseForm) -> str:
    return i18n.get(f"crs-status-{form.kind.value}-{form.status.value}")


def short_title(i18n: I18nContext, form: CourseForm) -> str:
    program = form.program or i18n.get("crs-no-program")
    if len(program) > 40:
        program = program[:39] + "…"
    return i18n.get(f"crs-short-{form.kind.value}", program=program)


def card_steps(form: CourseForm) -> list[str]:
    return courses.steps(form.kind, form.data)


def raw_answer(data: dict[str, Any], step: str) -> str | None:
    """A free-text answer as the teacher typed it (unescaped); None for other steps."""
    if not courses.is_answered(data, step):
        return None
    if step.startswith(DIFF_PREFIX):
        return str(data["difficulties"][step[len(DIFF_PREFIX):]])
    value = data.get(step)
    return value if step in courses.TEXT_MAX and isinstance(value, str) else None


def form_card(i18n: I18nContext, form: CourseForm, tz: ZoneInfo, school: str | None = None,
              *, before: Sequence[str] = (), after: Sequence[str] = ()) -> str:
    """The whole form as one message — who, status, every field — with the texts shown
    before and after it; when that would not fit, the longest answers are shortened («…»)."""
    fields = list(card_steps(form))
    if form.kind is FormKind.REPORT:
        fields = [*courses.PREFILLED, *fields]
    texts: dict[str, str | None] = {}
    if form.status is FormStatus.RETURNED and form.comment:
        texts["comment"] = form.comment
    for n, step in enumerate(fields):
        texts[f"v{n}"] = raw_answer(form.data, step) or None

    def card(**shown: str | None) -> str:
        lines = [i18n.get(f"crs-title-{form.kind.value}")]
        lines.append(i18n.get("crs-card-status", status=status_text(i18n, form),
                              revision=form.revision))
        if form.submitted_at and form.status is not FormStatus.DRAFT:
            lines.append(i18n.get("crs-card-submitted", at=fmt_dt(form.submitted_at, tz, i18n.locale)))
        if shown.get("comment"):
            lines.append(i18n.get("crs-card-comment", comment=shown["comment"]))
        if school:
            lines.append(i18n.get("crs-card-school", school=esc(school)))
        lines.append("")
        for n, step in enumerate(fields):
            value = shown.get(f"v{n}")
            if value is not None and step == "program" and form.data.get("event_id"):
                value += " " + i18n.get("crs-from-catalogue")
            elif value is None:
                value = value_text(i18n, form.data, step)
            if step == "internships" and form.data.get("internships"):
                # several lines: not one bold run
                lines.append(i18n.get("crs-card-block", label=field_label(i18n, step),
                                      value=value or ""))
                continue
            lines.append(i18n.get("crs-card-line", label=field_label(i18n, step),
                                  value=value if value is not None else "—"))
        return "\n\n".join([*before, "\n".join(lines), *after])

    return fit(card, **texts)


# ---- the list: «Курсы и отчёты» ---------------------------------------------------------


async def show_home(c: Ctx, page: int = 0, notice: str | None = None, new: bool = False) -> None:
    await c.state.set_state(None)
    await c.state.set_data({})
    i18n = c.i18n
    result = await courses.my_forms(c.uow, c.actor, page, PAGE_SIZE)
    hours = await courses.accepted_hours(c.uow, c.actor)
    parts = []
    if notice:
        parts.append(notice)
    parts.append(i18n.get("crs-home"))
    if hours:
        parts.append(i18n.get("crs-home-hours", hours=hours))
    b = InlineKeyboardBuilder()
    b.row(kb.button(i18n.get("crs-btn-new-assignment"), CrsMenuCb(to="new_assignment").pack()))
    b.row(kb.button(i18n.get("crs-btn-new-report"), CrsMenuCb(to="new_report").pack()))
    if result.items:
        lines = [i18n.get("crs-home-list")]
        for n, form in enumerate(result.items, result.page * PAGE_SIZE + 1):
            lines.append(i18n.get("crs-home-item", n=n, title=esc(short_title(i18n, form)),
                                  status=status_text(i18n, form)))
            b.row(kb.button(f"{n}. {short_title(i18n, form)}",
                            CrsFormCb(action="open", form_id=form.id).pack()))
        parts.append("\n".join(lines))
        pages = (result.total + PAGE_SIZE - 1) // PAGE_SIZE
        if nav := kb.pager(result.page, pages, lambda n: CrsMenuCb(to="home", page=n).pack()):
            b.row(*nav)
    else:
        parts.append(i18n.get("crs-home-empty"))
    b.row(kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, "\n\n".join(parts), b.as_markup(), new=new)


def _ctx(event: Message | CallbackQuery, state: FSMContext, i18n: I18nContext, uow: UnitOfWork,
         actor: Actor, person: Person, tz: ZoneInfo) -> Ctx:
    return Ctx(event, state, i18n, uow, actor, tz, person)


@router.callback_query(MenuCb.filter(F.to == "courses"), Onboarded())
async def courses_menu(query: CallbackQuery, state: FSMContext, i18n: I18nContext,
                       uow: UnitOfWork, actor: Actor, person: Person, tz: ZoneInfo) -> None:
    await ack(query)
    await show_home(_ctx(query, state, i18n, uow, actor, person, tz))


@router.callback_query(CrsMenuCb.filter(F.to == "home"), Onboarded())
async def courses_page(query: CallbackQuery, callback_data: CrsMenuCb, state: FSMContext,
                       i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                       tz: ZoneInfo) -> None:
    await ack(query)
    await show_home(_ctx(query, state, i18n, uow, actor, person, tz), page=callback_data.page)


@router.callback_query(CrsMenuCb.filter(F.to.in_({"new_assignment", "new_report"})), Onboarded())
async def new_form(query: CallbackQuery, callback_data: CrsMenuCb, state: FSMContext,
                   i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                   tz: ZoneInfo) -> None:
    kind = FormKind.ASSIGNMENT if callback_data.to == "new_assignment" else FormKind.REPORT
    await start_form(_ctx(query, state, i18n, uow, actor, person, tz), kind)


async def start_form(c: Ctx, kind: FormKind, assignment_id: int | None = None) -> None:
    form, created = await courses.open_draft(
        c.uow, c.actor, c.person, kind, c.now, position_label(c.i18n, c.person),
        assignment_id=assignment_id,
    )
    await c.uow.commit()
    await ack(c.event)
    intro = f"crs-intro-{kind.value}" if created else "crs-resume"
    await resume(c, form, intro=intro)


def prefilled_steps(c: Ctx) -> tuple[str, ...]:
    """The steps the profile fills in for this teacher (a position «other» is asked)."""
    if position_label(c.i18n, c.person) is None:
        return tuple(s for s in courses.PREFILLED if s != "position")
    return courses.PREFILLED


def position_label(i18n: I18nContext, person: Person) -> str | None:
    position = person.profile.position
    if position is None or position is Position.OTHER:
        return None  # asked: the form keeps the position in words
    return i18n.get(f"position-{position.value}")


async def resume(c: Ctx, form: CourseForm, intro: str | None = None) -> None:
    """Continue a draft at its first unanswered step, or show the summary card (a returned
    form: each change goes back to the card)."""
    step = courses.next_step(form.kind, form.data, None) or "confirm"
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
    if field not in courses.steps(form.kind, form.data):
        field = "confirm"
    await FORM.edit(form_ctx(c), field, error=error)


# ---- the steps on the form engine (handlers/forms/engine.py) ----------------------------
# The draft is the form's database row: every answer goes through ``courses.answer`` at once;
# the FSM keeps the form's id and the step («CrsForm:<step>»).

KIND = "_kind"  # the answers' form kind, beside the draft's fields


def form_ctx(c: Ctx) -> FormCtx:
    return FormCtx(c.event, c.state, c.i18n, c.uow, c.actor, c.person,
                   {"person": c.person, "tz": c.tz})


def crs(c: FormCtx) -> Ctx:
    return _ctx(c.event, c.state, c.i18n, c.uow, c.actor, c.extra["person"], c.extra["tz"])


async def draft_of(c: FormCtx) -> dict[str, Any] | None:
    """The draft the person is filling, re-read from the database (None: gone or sent)."""
    form_id = c.data.get("crs_form")
    form = await c.uow.courses.get(int(form_id)) if form_id else None
    if form is None or not courses.FormRights.of(c.actor, form).fill:
        return None
    c.extra["crs_form"] = form
    return {**form.data, KIND: form.kind}


def the_form(c: FormCtx) -> CourseForm:
    form: CourseForm = c.extra["crs_form"]
    return form


async def lost(c: FormCtx) -> None:
    await ack(c.event, c.i18n.get("error-stale-button"))
    await show_home(crs(c), notice=c.i18n.get("error-stale-button"),
                    new=isinstance(c.event, Message))


def step_button(text: str, step: str, action: str, value: str = "") -> InlineKeyboardButton:
    return kb.button(text, CrsStepCb(step=step, action=action, value=value).pack())


async def step_view(c: FormCtx, back: bool) -> tuple[str, InlineKeyboardMarkup]:
    """A step of the form: the prompt, the current answer if any, and its buttons."""
    i18n, form, step = c.i18n, the_form(c), c.step or ""
    data = form.data
    b = InlineKeyboardBuilder()
    prompt = _prompt(i18n, form, step)
    if step in CHOICES:
        for value in CHOICES[step]:
            mark = "✅ " if _choice_value(data, step) == value else ""
            b.row(step_button(mark + i18n.get(f"crs-choice-{step}-{value}"), step, "pick",
                              value))
    elif step in courses.MULTI_STEPS:
        selected = data.get(step) or []
        for value in await _options(c, form, step):
            mark = "✅ " if value in selected else ""
            b.row(step_button(mark + _option_label(i18n, step, value), step, "tog", value))
        b.row(step_button(i18n.get("btn-done"), step, "done"))
    elif step == "internships":
        prompt += _internship_rows(i18n, b, data.get("internships") or [])
    else:
        if step == "program":
            prompt += await _program_rows(c, form, b)
        if step in DATE_STEPS:
            for row in _date_rows(c, form, step, c.extra.get("crs_month")):
                b.row(*row)
        if step == "repeat_percent":
            b.row(step_button(i18n.get("crs-btn-not-taken"), step, "skip"))
        current = value_text(i18n, data, step)
        if current is not None and step not in INTERNSHIP_STEPS:
            prompt += "\n" + i18n.get("ask-current", value=current)
            b.row(step_button(i18n.get("btn-keep"), step, "keep"))
    b.row(step_button(i18n.get("btn-back"), step, "back"),
          step_button(i18n.get("btn-cancel"), step, "cancel"))
    return prompt, b.as_markup()


def _internship_rows(i18n: I18nContext, b: InlineKeyboardBuilder,
                     items: list[dict[str, Any]]) -> str:
    step = "internships"
    if items:
        for n in range(1, len(items) + 1):
            b.button(text=i18n.get("crs-btn-internship-del", n=n),
                     callback_data=CrsStepCb(step=step, action="del", value=str(n - 1)))
        b.adjust(3)
    if len(items) < courses.MAX_INTERNSHIPS:
        b.row(step_button(i18n.get("crs-btn-internship-add"), step, "add"))
    if items:
        b.row(step_button(i18n.get("btn-done"), step, "done"))
    else:
        b.row(step_button(i18n.get("crs-btn-internship-none"), step, "none"))
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
                linked.program or "")[:50]), step, "link", str(linked.id)))
            picks += 1
    for option in await courses.catalogue_options(c.uow, c.actor, form.kind, crs(c).now):
        mark = "✅ " if form.data.get("event_id") == option.event_id else ""
        b.row(step_button(mark + i18n.get("crs-btn-catalogue", title=option.title[:50]),
                          step, "event", str(option.event_id)))
        picks += 1
    return "\n" + i18n.get("crs-hint-pick") if picks else ""


def date_bounds(form: CourseForm, step: str, today: date) -> tuple[date, date]:
    """The days a date step's calendar offers (the domain checks a typed or forged one)."""
    if step == "diploma_date":
        return courses.EARLIEST_DIPLOMA, today
    earliest = courses.EARLIEST_COURSE
    if step == "end_date" and form.data.get("start_date"):
        earliest = date.fromisoformat(form.data["start_date"])
    return earliest, today


def _date_rows(c: FormCtx, form: CourseForm, step: str, month: date | None
               ) -> list[list[InlineKeyboardButton]]:
    today = crs(c).today
    earliest, latest = date_bounds(form, step, today)
    value = form.data.get(step)
    selected = date.fromisoformat(value) if isinstance(value, str) else None
    return dates.date_picker(
        c.i18n.get, c.i18n.locale, today=today, shown=month, selected=selected,
        earliest=earliest, latest=latest,
        pick=lambda d: CrsStepCb(step=step, action="day", value=dates.day_value(d)).pack(),
        show=lambda m: CrsStepCb(step=step, action="month", value=dates.month_value(m)).pack())


def _choice_value(data: dict[str, Any], step: str) -> str | None:
    value = data.get(step)
    if step == "recommendation" and value is not None:
        return "yes" if value else "no"
    return value if isinstance(value, str) else None


def _prompt(i18n: I18nContext, form: CourseForm, step: str) -> str:
    if step.startswith(DIFF_PREFIX):
        return i18n.get("crs-ask-difficulty", group=group_label(i18n, step[len(DIFF_PREFIX):]))
    if step == "program":
        return i18n.get(f"crs-ask-program-{form.kind.value}")
    if step == "intern_hours" and form.data.get("hours") is not None:
        left = int(form.data["hours"]) - courses.internship_hours(form.data)
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
    b.row(kb.button(i18n.get(send_key), CrsFormCb(action="submit", form_id=form.id).pack()))
    b.row(kb.button(i18n.get("crs-btn-later"), CrsStepCb(step="confirm", action="cancel").pack()))
    return form_card(i18n, form, c.extra["tz"], before=before), b.as_markup()


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
    if action in ("link", "event") and step == "program":
        await _answer(c, "program_" + action, value)
        return Next.GO
    if action == "day" and step in DATE_STEPS:
        day = dates.read_day(value)
        if day is None:
            raise ValidationError("crs-error-date-format")
        await _answer(c, step, day.strftime("%d.%m.%Y"))
        return Next.GO
    if action == "month" and step in DATE_STEPS:
        c.extra["crs_month"] = dates.read_month(value)
        return Next.STAY
    if action == "tog" and step in courses.MULTI_STEPS:
        await courses.toggle(c.uow, c.actor, form.id, step, value, crs(c).now)
        await c.uow.commit()
        return Next.STAY
    if step == "internships" and action in ("add", "del", "none"):
        index = int(value) if value.isdigit() else -1
        await courses.set_internships(c.uow, c.actor, form.id, action, index, crs(c).now)
        await c.uow.commit()
        return {"add": "intern_place", "del": Next.STAY}.get(action, Next.GO)
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
    return lambda c: courses.is_answered(the_form(c).data, key)


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
    plan=lambda data: [*courses.steps(data[KIND], data), "confirm"],
    counted_of=lambda c, data: courses.asked_steps(data[KIND], data, prefilled_steps(crs(c))),
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


async def pause(c: Ctx) -> None:
    """Leave the form; the draft stays where it is."""
    data = await c.state.get_data()
    form = await c.uow.courses.get(int(data["crs_form"])) if data.get("crs_form") else None
    await c.state.set_state(None)
    await c.state.set_data({})
    key = "crs-paused"
    if form is not None and form.status is FormStatus.RETURNED:
        key = "crs-paused-returned"
    b = InlineKeyboardBuilder()
    b.row(kb.button(c.i18n.get("menu-courses"), MenuCb(to="courses").pack()))
    b.row(kb.button(c.i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, c.i18n.get(key), b.as_markup())


# ---- the summary card, sending, the teacher's card --------------------------------------


@router.callback_query(CrsEditCb.filter(), Onboarded())
async def edit_field(query: CallbackQuery, callback_data: CrsEditCb, state: FSMContext,
                     i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                     tz: ZoneInfo) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    form = await courses.get_editable(uow, actor, callback_data.form_id)
    await ack(query)
    await edit_form(c, form, callback_data.field)


@router.callback_query(CrsFormCb.filter(F.action == "submit"), Onboarded())
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
        b.row(kb.button(i18n.get(label), CrsFormCb(action="fill", form_id=fid).pack()))
    if rights.delete:
        b.row(kb.button(i18n.get("crs-btn-delete"), CrsFormCb(action="delete", form_id=fid).pack()))
    if rights.report_from:
        b.row(kb.button(i18n.get("crs-btn-report-from"),
                        CrsFormCb(action="report_from", form_id=fid).pack()))
    if form.certificate is not None:
        b.row(kb.button(i18n.get("crs-btn-file"), CrsFormCb(action="file", form_id=fid).pack()))
    if form.revision:
        b.row(kb.button(i18n.get("crs-btn-history"),
                        CrsFormCb(action="history", form_id=fid).pack()))
    b.row(kb.button(i18n.get("crs-btn-to-list"), CrsMenuCb(to="home").pack()),
          kb.button(i18n.get("btn-menu"), MenuCb(to="home").pack()))
    await show(c.event, text, b.as_markup(), new=new)


@router.callback_query(CrsFormCb.filter(), Onboarded())
async def form_action(query: CallbackQuery, callback_data: CrsFormCb, state: FSMContext,
                      i18n: I18nContext, uow: UnitOfWork, actor: Actor, person: Person,
                      tz: ZoneInfo, bot: Bot, files: FileRelay) -> None:
    c = _ctx(query, state, i18n, uow, actor, person, tz)
    # the domain refuses forged ids of other people's forms
    form = await courses.get_own(uow, actor, callback_data.form_id)
    action = callback_data.action
    if action == "open":
        await ack(query)
        await state.set_state(None)
        await state.set_data({})
        await show_form(c, form)
    elif action == "fill":
        courses.FormRights.of(actor, form).require_fill()
        await ack(query)
        intro = "crs-resume" if form.status is FormStatus.DRAFT else "crs-correct-intro"
        await resume(c, form, intro=intro)
    elif action == "delete":
        courses.FormRights.of(actor, form).require_delete()
        await ack(query)
        b = InlineKeyboardBuilder()
        b.row(kb.button(i18n.get("crs-btn-delete-yes"),
                        CrsFormCb(action="delete_yes", form_id=form.id).pack()))
        b.row(kb.button(i18n.get("crs-btn-delete-no"),
                        CrsFormCb(action="open", form_id=form.id).pack()))
        await show(query, i18n.get("crs-delete-confirm"), b.as_markup())
    elif action == "delete_yes":
        await courses.delete_draft(uow, actor, form.id)
        await uow.commit()
        await ack(query, i18n.get("crs-deleted"))
        await show_home(c, notice=i18n.get("crs-deleted"))
    elif action == "report_from":
        await start_form(c, FormKind.REPORT, assignment_id=form.id)
    elif action == "file":
        courses.certificate_of(form)  # no file: the person is told, not left in silence
        await ack(query)
        await send_certificate(bot, files, query, i18n, form)
    elif action == "history":
        await ack(query)
        await show(query, await history_text(c.uow, c.actor, i18n, form, tz),
                   InlineKeyboardMarkup(inline_keyboard=[[kb.button(
                       i18n.get("btn-back"), CrsFormCb(action="open", form_id=form.id).pack())]]))
    else:
        await ack(query, i18n.get("error-stale-button"))


async def send_certificate(bot: Bot, files: FileRelay, query: CallbackQuery,
                           i18n: I18nContext, form: CourseForm) -> None:
    """The certificate goes by its stored file id in its own messenger; a viewer in the other
    one gets the relayed copy (handlers/files.py), or hears the file is unavailable."""
    meta = form.certificate
    if meta is None:
        return
    chat_id = query.message.chat.id if query.message else query.from_user.id
    caption = i18n.get("crs-file-caption", number=esc(form.data.get("certificate_number", "")),
                       name=esc(form.data.get("full_name", "")))
    await files.send(bot, chat_id, meta.file_id, filename=meta.name, caption=caption,
                     photo=meta.kind is FileKind.PHOTO)


async def history_text(uow: UnitOfWork, actor: Actor, i18n: I18nContext, form: CourseForm,
                       tz: ZoneInfo) -> str:
    events = await courses.history(uow, actor, form.id)
    people = {}
    for event in events:
        if event.actor_id and event.actor_id not in people:
            who = await uow.people.get(event.actor_id)
            people[event.actor_id] = (who.profile.full_name if who else None) or "—"
    lines = [i18n.get("crs-history-title", title=esc(short_title(i18n, form)))]
    for event in events:
        lines.append(i18n.get(
            f"crs-history-{event.action.value}", at=fmt_dt(event.at, tz, i18n.locale),
            revision=event.revision, who=esc(people.get(event.actor_id or 0, "—")),
            comment=esc(event.comment or ""),
        ))
    if not events:
        lines.append(i18n.get("crs-history-empty"))
    return "\n".join(lines)
