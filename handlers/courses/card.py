"""How a course form reads: its fields as the card shows them, the whole card (fitted to one
message), the certificate and the history; shared by the teacher's and the coordinator's screens."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram_i18n import I18nContext

from domain import courses
from domain.access import Actor
from domain.courses import (
    DIFF_PREFIX,
    Answers,
    CourseForm,
    FileKind,
    FileMeta,
    FormKind,
    FormStatus,
    Internship,
)
from domain.ports import UnitOfWork
from handlers import formatting
from handlers.files import FileRelay
from handlers.formatting import fit
from handlers.views import esc, fmt_dt


def clip(text: str, limit: int) -> str:
    """Button labels stay short on a phone."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fmt_number(value: float, locale: str) -> str:
    """ru 87,5 and 90; en 87.5 (one decimal at most)."""
    return formatting.fmt_number(round(float(value), 1), locale)


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


def value_text(i18n: I18nContext, answers: Answers, step: str) -> str | None:
    """An answer as the card shows it (escaped); None when not answered yet."""
    if not answers.is_answered(step):
        return None
    value = answers.value(step)
    if step == "education":
        return i18n.get(f"crs-education-{value}")
    if step in ("diploma_date", "start_date", "end_date"):
        return formatting.fmt_date(value, i18n.locale) if value else "—"
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
        return file_text(i18n, value) if value else "—"
    if step == "recommendation":
        return i18n.get("crs-yes" if value else "crs-no")
    if step == "program" and answers.event_id:
        return esc(value) + " " + i18n.get("crs-from-catalogue")
    return esc(value)


def file_text(i18n: I18nContext, meta: FileMeta) -> str:
    kind = "photo" if meta.kind is FileKind.PHOTO else (meta.mime or "").split("/")[-1]
    return i18n.get("crs-file", kind=i18n.get(f"crs-file-{kind}"), size=fmt_size(i18n, meta.size))


def internship_line(i18n: I18nContext, n: int, item: Internship) -> str:
    return i18n.get("crs-internship-line", n=n, place=esc(item.place), hours=item.hours,
                    activity=esc(item.activity))


def status_text(i18n: I18nContext, form: CourseForm) -> str:
    return i18n.get(f"crs-status-{form.kind.value}-{form.status.value}")


def short_title(i18n: I18nContext, form: CourseForm) -> str:
    program = form.program or i18n.get("crs-no-program")
    if len(program) > 40:
        program = program[:39] + "…"
    return i18n.get(f"crs-short-{form.kind.value}", program=program)


def card_steps(form: CourseForm) -> list[str]:
    return form.answers.steps()


def raw_answer(answers: Answers, step: str) -> str | None:
    """A free-text answer as the teacher typed it (unescaped); None for other steps."""
    value = answers.value(step) if answers.is_answered(step) else None
    free = step in courses.TEXT_MAX or step.startswith(DIFF_PREFIX)
    return value if free and isinstance(value, str) else None


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
        texts[f"v{n}"] = raw_answer(form.answers, step) or None

    def card(**shown: str | None) -> str:
        lines = [i18n.get(f"crs-title-{form.kind.value}")]
        lines.append(i18n.get("crs-card-status", status=status_text(i18n, form),
                              revision=form.revision))
        if form.submitted_at and form.status is not FormStatus.DRAFT:
            lines.append(i18n.get("crs-card-submitted",
                                  at=fmt_dt(form.submitted_at, tz, i18n.locale)))
        if shown.get("comment"):
            lines.append(i18n.get("crs-card-comment", comment=shown["comment"]))
        if school:
            lines.append(i18n.get("crs-card-school", school=esc(school)))
        lines.append("")
        for n, step in enumerate(fields):
            value = shown.get(f"v{n}")
            if value is not None and step == "program" and form.answers.event_id:
                value += " " + i18n.get("crs-from-catalogue")
            elif value is None:
                value = value_text(i18n, form.answers, step)
            if step == "internships" and form.answers.value(step):
                # several lines: not one bold run
                lines.append(i18n.get("crs-card-block", label=field_label(i18n, step),
                                      value=value or ""))
                continue
            lines.append(i18n.get("crs-card-line", label=field_label(i18n, step),
                                  value=value if value is not None else "—"))
        return "\n\n".join([*before, "\n".join(lines), *after])

    return fit(card, **texts)



async def send_certificate(bot: Bot, files: FileRelay, query: CallbackQuery,
                           i18n: I18nContext, form: CourseForm) -> None:
    """The certificate goes by its stored file id in its own messenger; a viewer in the other
    one gets the relayed copy (handlers/files.py), or hears the file is unavailable."""
    meta = form.certificate
    if meta is None:
        return
    chat_id = query.message.chat.id if query.message else query.from_user.id
    caption = i18n.get("crs-file-caption",
                       number=esc(form.answers.value("certificate_number") or ""),
                       name=esc(form.answers.full_name or ""))
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
