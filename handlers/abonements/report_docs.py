"""The school's report on its abonement as DOCX (python-docx, via handlers.documents) and
XLSX (openpyxl): the plan's events with hours by kind planned vs held and attendance, the
listeners with their hours and whether they met the certificate threshold, the feedback
averages of the plan's events, the staff's diagnosis: the share with a deficit per competence
group from the start and the final campaigns (or, without them, the fallback before / after). Texts come in ``labels``
(built from locales/ on the event loop); rendering runs in a worker thread."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.abonements import Listener, Report
from domain.campaigns import Comparison
from domain.competences import COMPETENCE_GROUPS
from domain.events import Hours
from domain.feedback.model import Figures
from handlers.abonements.common import signed, subgroup_label
from handlers.documents import DocxWriter, plain
from handlers.formatting import fmt_date, fmt_number

FIXED = ("abon-rep-title", "abon-rep-plan-head", "abon-rep-n", "abon-rep-event",
         "abon-rep-date", "abon-rep-planned", "abon-rep-held", "abon-rep-attended",
         "abon-rep-listeners-head", "abon-rep-name", "abon-rep-events", "abon-rep-total",
         "abon-rep-diagnosis-head", "abon-rep-group", "abon-rep-before", "abon-rep-after",
         "abon-rep-none", "abon-rep-sheet-plan", "abon-rep-sheet-listeners",
         "abon-rep-sheet-diagnosis", "abon-kind-in_person", "abon-kind-remote",
         "abon-kind-self_study", "abon-rep-met", "abon-rep-yes", "abon-rep-feedback-head",
         "abon-rep-average", "abon-rep-answered", "abon-rep-asked", "abon-rep-overall",
         "abon-rep-sheet-feedback", "abon-rep-change",
         *(f"route-group-{g}" for g in COMPETENCE_GROUPS))


def labels(get: Callable[..., str], rep: Report, locale: str) -> dict[str, str]:
    out = {key: plain(get(key)) for key in FIXED}
    out["locale"] = locale
    a, p = rep.abonement, rep.plan
    out["subtitle"] = plain(get("abon-rep-subtitle", school=p.school.name, centre=rep.centre,
                                start=fmt_date(rep.start, locale), end=fmt_date(rep.end, locale),
                                status=get(f"abon-status-{a.status.value}")))
    out["totals"] = plain(get("abon-rep-totals", ordered=_short(p.ordered, locale),
                              planned=_short(p.planned, locale),
                              held=_short(p.delivered, locale)))
    out["measured"] = _measured(get, rep, locale)
    out["threshold"] = plain(get("abon-rep-threshold", percent=a.threshold,
                                 hours=fmt_number(rep.threshold, locale)))
    for v in p.items:  # an event for a subgroup says whom it was for
        if v.event.subgroup is not None:
            out[f"title-{v.item.id}"] = plain(get(
                "abon-rep-event-for", title=v.event.title,
                group=subgroup_label(get, v.event.subgroup.code)))
    for x in rep.listeners:
        if not x.met:
            out[f"below-{x.person_id}"] = plain(get(
                "abon-rep-below", hours=fmt_number(x.hours.total, locale),
                need=fmt_number(rep.threshold, locale)))
    return out


def _measured(get: Callable[..., str], rep: Report, locale: str) -> str:
    """Which diagnosis the section shows: the two campaigns (who took both), or the fallback."""
    staff = rep.staff
    if staff.change is not None and staff.start is not None and staff.final is not None:
        first, final = staff.start, staff.final
        return plain(get(
            "abon-rep-diag-campaigns",
            start=fmt_date(first.campaign.starts_on, locale),
            end=fmt_date(first.campaign.ends_on, locale), done=first.done, total=first.total,
            final_start=fmt_date(final.campaign.starts_on, locale),
            final_end=fmt_date(final.campaign.ends_on, locale), final_done=final.done,
            final_total=final.total, people=staff.change.people, shrank=staff.change.shrank))
    return plain(get("abon-diag-fallback", started=int(staff.start is not None)) + " "
                 + get("abon-rep-measured", before=rep.shift.before, after=rep.shift.after))


def _change(rep: Report) -> Comparison | None:
    """The change from the two campaigns, when both are linked."""
    return rep.staff.change if rep.staff.final is not None else None


def _diagnosis_rows(rep: Report, lb: dict[str, str], locale: str | None
                    ) -> tuple[list[str], list[list[object]]]:
    """The diagnosis table: per group the share with a deficit before → after (and the
    change, from the two campaigns). ``locale`` None: raw numbers (the spreadsheet)."""

    def pct(value: float | None) -> object:
        if value is None:
            return None if locale is None else "—"
        return value if locale is None else f"{fmt_number(value, locale)} %"

    change = _change(rep)
    head = [lb["abon-rep-group"], lb["abon-rep-before"], lb["abon-rep-after"]]
    if change is not None:
        rows: list[list[object]] = []
        for g in change.groups:
            seen = bool(change.people)
            delta: object = g.deficit_delta if locale is None else signed(g.deficit_delta, locale)
            rows.append([lb[f"route-group-{g.group}"], pct(g.deficit_before if seen else None),
                         pct(g.deficit_after if seen else None),
                         delta if seen else pct(None)])
        return [*head, lb["abon-rep-change"]], rows
    sh = rep.shift
    return head, [[lb[f"route-group-{g}"], pct(sh.before_share[g] if sh.before else None),
                   pct(sh.after_share[g] if sh.after else None)] for g in COMPETENCE_GROUPS]


def _met(lb: dict[str, str], x: Listener) -> str:
    return lb["abon-rep-yes"] if x.met else lb[f"below-{x.person_id}"]


def _feedback_rows(rep: Report, lb: dict[str, str]) -> list[tuple[str, Figures]]:
    """(title, figures) per plan event, then the overall line."""
    return [*rep.feedback, (lb["abon-rep-overall"], rep.feedback_total)]


def _avg(f: Figures, locale: str) -> str:
    return fmt_number(round(f.average, 2), locale) if f.average is not None else "—"


def _short(h: Hours, locale: str) -> str:
    return " / ".join(fmt_number(x, locale) for x in (h.in_person, h.remote, h.self_study))


def _held(rep: Report, lb: dict[str, str], now: datetime
          ) -> list[tuple[int, str, object, Hours, Hours, int]]:
    """(n, title — with its subgroup, day, planned, held, attended) per plan event."""
    rows = []
    for n, v in enumerate(rep.plan.items, 1):
        held = v.item.hours if v.delivered(now) else Hours()
        key = f"title-{v.item.id}"  # set by ``labels`` for a subgroup's event
        rows.append((n, lb[key] if key in lb else v.event.title, v.item.planned_on,
                     v.item.hours, held, v.attended))
    return rows


def _kinds(lb: dict[str, str]) -> list[str]:
    return [lb["abon-kind-in_person"], lb["abon-kind-remote"], lb["abon-kind-self_study"]]


def render_docx(rep: Report, lb: dict[str, str], tz: ZoneInfo, now: datetime) -> bytes:
    locale = lb["locale"]
    w = DocxWriter(landscape=True, margin=1.5, size=11)
    w.para(lb["abon-rep-title"], bold=True, center=True, size=14)
    w.para(lb["subtitle"], center=True)
    w.para(lb["totals"])
    w.para(lb["abon-rep-plan-head"], bold=True, keep=True)
    if rep.plan.items:
        rows = [[lb["abon-rep-n"], lb["abon-rep-event"], lb["abon-rep-date"],
                 lb["abon-rep-planned"], lb["abon-rep-held"], lb["abon-rep-attended"]]]
        for n, title, day, planned, held, attended in _held(rep, lb, now):
            rows.append([str(n), plain(title), fmt_date(day, locale),  # type: ignore[arg-type]
                         _short(planned, locale), _short(held, locale), str(attended)])
        w.table(rows, (1.2, 10.5, 3.0, 4.0, 4.0, 4.0), size=10)
    else:
        w.para(lb["abon-rep-none"])
    w.para(lb["abon-rep-listeners-head"], bold=True, keep=True)
    w.para(lb["threshold"])
    if rep.listeners:
        rows = [[lb["abon-rep-n"], lb["abon-rep-name"], lb["abon-rep-events"], *_kinds(lb),
                 lb["abon-rep-total"], lb["abon-rep-met"]]]
        for n, x in enumerate(rep.listeners, 1):
            rows.append([str(n), plain(x.name), str(x.events),
                         *(fmt_number(v, locale) for v in (x.hours.in_person, x.hours.remote,
                                                           x.hours.self_study, x.hours.total)),
                         _met(lb, x)])
        w.table(rows, (1.0, 7.5, 2.2, 2.8, 2.8, 2.8, 2.6, 4.5), size=10)
    else:
        w.para(lb["abon-rep-none"])
    w.para(lb["abon-rep-feedback-head"], bold=True, keep=True)
    rows = [[lb["abon-rep-event"], lb["abon-rep-average"], lb["abon-rep-answered"],
             lb["abon-rep-asked"]]]
    rows += [[plain(title), _avg(f, locale), str(f.answered), str(f.asked)]
             for title, f in _feedback_rows(rep, lb)]
    w.table(rows, (14.0, 4.0, 4.0, 4.0), size=10)
    w.para(lb["abon-rep-diagnosis-head"], bold=True, keep=True)
    w.para(lb["measured"])
    head, diagnosis = _diagnosis_rows(rep, lb, locale)
    w.table([head, *([str(v) for v in row] for row in diagnosis)],
            (12.0, 5.0, 5.0, 4.0)[:len(head)])
    return w.data()


def render_xlsx(rep: Report, lb: dict[str, str], tz: ZoneInfo, now: datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    kinds = _kinds(lb)

    def sheet(title: str, head: list[str], rows: list[list[object]], widths: list[int],
              first: bool = False) -> None:
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        ws.title = title[:31]
        ws.append(head)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_safe(v) for v in row])
        for i, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + i)].width = width
        ws.freeze_panes = "A2"
        for row_cells in ws.iter_rows(min_row=2):
            for cell in row_cells:
                if hasattr(cell.value, "year"):
                    cell.number_format = "DD.MM.YYYY"

    planned_head = [f"{lb['abon-rep-planned']}: {k}" for k in kinds]
    held_head = [f"{lb['abon-rep-held']}: {k}" for k in kinds]
    sheet(lb["abon-rep-sheet-plan"],
          [lb["abon-rep-n"], lb["abon-rep-event"], lb["abon-rep-date"], *planned_head,
           *held_head, lb["abon-rep-attended"]],
          [[n, title, day, planned.in_person, planned.remote, planned.self_study,
            held.in_person, held.remote, held.self_study, attended]
           for n, title, day, planned, held, attended in _held(rep, lb, now)],
          [5, 45, 12, 14, 14, 14, 14, 14, 14, 12], first=True)
    sheet(lb["abon-rep-sheet-listeners"],
          [lb["abon-rep-n"], lb["abon-rep-name"], lb["abon-rep-events"], *kinds,
           lb["abon-rep-total"], lb["abon-rep-met"]],
          [[n, x.name, x.events, x.hours.in_person, x.hours.remote, x.hours.self_study,
            x.hours.total, _met(lb, x)] for n, x in enumerate(rep.listeners, 1)],
          [5, 40, 12, 14, 14, 14, 12, 30])
    sheet(lb["abon-rep-sheet-feedback"],
          [lb["abon-rep-event"], lb["abon-rep-average"], lb["abon-rep-answered"],
           lb["abon-rep-asked"]],
          [[title, round(f.average, 2) if f.average is not None else None, f.answered,
            f.asked] for title, f in _feedback_rows(rep, lb)],
          [45, 14, 14, 14])
    head, diagnosis = _diagnosis_rows(rep, lb, None)
    sheet(lb["abon-rep-sheet-diagnosis"], head, diagnosis, [40, 16, 16, 16][:len(head)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _safe(value: object) -> object:
    """Text is never a formula: a leading = + - @ is kept as text."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


__all__ = ["labels", "render_docx", "render_xlsx"]
