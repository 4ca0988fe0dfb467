"""The ИОМ as a document laid out like a school's official form: DOCX (python-docx) and PDF
(fpdf2 with the DejaVu font shipped in handlers/fonts/).

Both come from one list of blocks (``blocks``), so the PDF says exactly what the DOCX says.
The paper rules (issue 15): column widths that fit their words, the plan's header row repeated
on every page, rows never split across pages, headings kept with what follows, the school at
the top, a date line by every signature, the approval date by «Согласовано», no emoji.

Rendering is CPU work: handlers call ``render_docx`` / ``render_pdf`` through
``asyncio.to_thread``. Texts come in ``labels`` (built from locales/ on the event loop), so
the renderers need no i18n context.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from domain.competences import COMPETENCE_GROUPS
from domain.enums import Education
from domain.route import COLUMN_ORDER, Activity, Column, RouteDocument, by_column
from handlers.documents import FONTS, DocxWriter, pdf_fonts, plain
from handlers.formatting import fmt_date, fmt_number

MARK = "\x00"  # stands for a value filled in at render time
FIXED = (
    "route-doc-title", "route-doc-s1", "route-doc-s2", "route-doc-s3", "route-doc-s4",
    "route-doc-s5", "route-doc-name", "route-doc-school", "route-doc-municipality",
    "route-doc-position", "route-doc-subjects", "route-doc-experience", "route-doc-category",
    "route-doc-statuses", "route-doc-education", "route-doc-date-line",
    "route-doc-diag-group", "route-doc-diag-result", "route-doc-def-n", "route-doc-def-title",
    "route-doc-def-group", "route-doc-def-percent", "route-doc-no-deficits",
    "route-doc-no-analysis", "route-doc-no-conclusion", "route-doc-col-deficit",
    "route-doc-col-period", "route-doc-sign-teacher", "route-doc-sign-deputy",
    *(f"route-doc-col-{c.value}" for c in COLUMN_ORDER),
    *(f"route-group-{g}" for g in COMPETENCE_GROUPS),
    *(f"route-act-{s}" for s in ("planned", "in_progress", "done", "dropped")),
)

#: usable width of landscape A4 with 1.5 cm margins, in cm; every table spans it
PAGE_WIDTH = 26.7
TEACHER_WIDTHS = (7.0, 19.7)
GROUP_WIDTHS = (16.7, 10.0)
DEFICIT_WIDTHS = (1.5, 15.2, 6.5, 3.5)
#: deficit, courses, consultations, municipal, school, self-education, period: the widest
#: words of the headers («Консультационные», «Внутришкольная», «Самообразование») fit whole
PLAN_WIDTHS = (5.0, 3.8, 4.1, 3.9, 3.9, 3.5, 2.5)
#: font sizes in points: DOCX body and tables, the plan table; the PDF's (DejaVu is wider)
DOCX_SIZE, DOCX_PLAN_SIZE = 11, 9
PDF_SIZE, PDF_TABLE_SIZE, PDF_PLAN_SIZE = 10, 9, 7


def d(value: date | None, locale: str) -> str:
    return fmt_date(value, locale) if value else "—"


def num(value: float, locale: str) -> str:
    return fmt_number(value, locale)


def labels(get: Callable[..., str], doc: RouteDocument, locale: str) -> dict[str, str]:
    """Every text the document needs, in the reader's language (call on the event loop)."""
    out = {key: get(key) for key in FIXED}
    out["locale"] = locale  # how dates and numbers are written (handlers/formatting.py)
    route = doc.plan.route
    out["subtitle"] = get("route-doc-subtitle", start=d(route.period_start, locale),
                          end=d(route.period_end, locale))
    out["status"] = get("route-doc-status", status=get(f"route-status-{route.status.value}"))
    out["until"] = get("route-doc-until", due=MARK)
    out["hours"] = get("route-doc-hours", hours=MARK)
    for role in ("mentor", "tutor", "methodist"):  # who consults (002 §V.4)
        out[f"route-consultant-{role}"] = get(f"route-consultant-{role}")
    out["sign-line"] = get("route-doc-sign-line", name=MARK)
    out["agreed"] = get("route-doc-agreed", name=MARK, date="\x01")
    out["diag-date"] = get("route-doc-diag-date", date=MARK)
    out["diag-total"] = get("route-doc-diag-total", percent=num(doc.total_percent or 0, locale))
    title = doc.instrument.get(locale) or doc.instrument.get("ru") or ""
    if doc.diagnosis_kind == "external":
        out["diag-kind"] = get("route-doc-diag-external", operator=doc.operator or "—",
                               instrument=title or "—", date=d(doc.diagnosed_on, locale))
        # section 3 says what it analyses: the external diagnosis the route is built on
        out["analysis-basis"] = get("route-doc-analysis-basis", operator=doc.operator or "—",
                                    instrument=title or "—", date=d(doc.diagnosed_on, locale))
        if doc.corrected_at is not None:
            out["diag-corrected"] = get("route-doc-diag-corrected", date=MARK)
    else:
        out["diag-kind"] = get("route-doc-diag-kind", kind=doc.diagnosis_kind,
                               instrument=title or "—", version=doc.instrument_version or "—")
    known = {e.value for e in Education}
    out["education"] = (get(f"education-{doc.education}") if doc.education in known
                        else doc.education or "—")
    out["position"] = get(f"position-{doc.position}") if doc.position else "—"
    out["subjects"] = ", ".join(get(f"subject-{s}") for s in doc.subjects) or "—"
    out["category"] = get(f"category-{doc.category}") if doc.category else "—"
    out["statuses"] = ", ".join(get(f"status-{s}") for s in doc.statuses) or "—"
    out["experience"] = (get("years-count", n=doc.experience_years)
                         if doc.experience_years is not None else "—")
    return out


# ---- the content, once --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the document: ``kind`` is header, title, center, heading, para, table or
    sign; a table has ``rows`` (the first is its header when ``head``) and ``widths`` in cm."""

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    widths: tuple[float, ...] = ()
    head: bool = True
    plan: bool = False  # the plan table: a smaller font


def _activity(a: Activity, lb: dict[str, str], hours: dict[int, float]) -> str:
    due = lb["until"].replace(MARK, d(a.due, lb["locale"])) if a.due else ""
    status = lb[f"route-act-{a.status.value}"]
    extra = [due] if due else []
    if a.hours and f"route-consultant-{a.form}" in lb:
        extra.insert(0, lb[f"route-consultant-{a.form}"])
    if a.id in hours:
        extra.append(lb["hours"].replace(MARK, num(hours[a.id], lb["locale"])))
    return f"• {a.title}" + (f" ({', '.join(extra)})" if extra else "") + f" — {status}"


def _teacher_rows(doc: RouteDocument, lb: dict[str, str]) -> list[list[str]]:
    return [
        [lb["route-doc-name"], doc.full_name or "—"],
        [lb["route-doc-school"], doc.school or "—"],
        [lb["route-doc-municipality"], doc.municipality or "—"],
        [lb["route-doc-position"], lb["position"]],
        [lb["route-doc-subjects"], lb["subjects"]],
        [lb["route-doc-experience"], lb["experience"]],
        [lb["route-doc-category"], lb["category"]],
        [lb["route-doc-statuses"], lb["statuses"]],
        [lb["route-doc-education"], lb["education"]],
    ]


def plan_header(lb: dict[str, str]) -> list[str]:
    return [lb["route-doc-col-deficit"],
            *(lb[f"route-doc-col-{c.value}"] for c in COLUMN_ORDER),
            lb["route-doc-col-period"]]


def plan_rows(doc: RouteDocument, lb: dict[str, str]) -> list[list[str]]:
    plan = doc.plan
    out = []
    for n, row in enumerate(plan.rows, 1):
        columns = by_column(plan.of_row(row.id))
        start, end = plan.row_period(row.id)
        deficit = f"{n}. {row.title} ({lb[f'route-group-{row.group}']})"
        cells = []
        for c in COLUMN_ORDER:
            text = "\n".join(_activity(a, lb, doc.activity_hours) for a in columns[c]) or "—"
            if c is Column.CONSULTATIONS:
                total = sum(doc.activity_hours.get(a.id, 0) for a in columns[c])
                if total:
                    text += "\n" + lb["hours"].replace(MARK, num(total, lb["locale"]))
            cells.append(text)
        out.append([deficit, *cells,
                    f"{d(start, lb['locale'])} — {d(end, lb['locale'])}"])
    return out


def _diagnosis_date(doc: RouteDocument, tz: ZoneInfo, locale: str) -> str:
    if doc.diagnosed_on is not None:
        return d(doc.diagnosed_on, locale)
    return d(doc.diagnosed_at.astimezone(tz).date(), locale) if doc.diagnosed_at else "—"


def _agreed(doc: RouteDocument, lb: dict[str, str], tz: ZoneInfo) -> str | None:
    """«Согласовано: who, when» — the approval, not the completion."""
    if not doc.approved_by or doc.approved_at is None:
        return None
    when = d(doc.approved_at.astimezone(tz).date(), lb["locale"])
    return lb["agreed"].replace(MARK, doc.approved_by).replace("\x01", when)


def blocks(doc: RouteDocument, lb: dict[str, str], tz: ZoneInfo) -> list[Block]:
    """The whole document, in order, as plain text without emoji."""
    loc = lb["locale"]
    out = []
    if doc.school:
        out.append(Block("header", doc.school))
    if doc.municipality:
        out.append(Block("header", doc.municipality))
    out += [Block("title", lb["route-doc-title"]), Block("center", lb["subtitle"]),
            Block("center", lb["status"]),
            Block("heading", lb["route-doc-s1"]),
            Block("table", rows=_teacher_rows(doc, lb), widths=TEACHER_WIDTHS, head=False),
            Block("heading", lb["route-doc-s2"]),
            Block("para", lb["diag-kind"]),
            Block("para", lb["diag-date"].replace(MARK, _diagnosis_date(doc, tz, loc)))]
    if "diag-corrected" in lb and doc.corrected_at is not None:
        out.append(Block("para", lb["diag-corrected"].replace(
            MARK, d(doc.corrected_at.astimezone(tz).date(), loc))))
    if doc.total_percent is not None:
        out.append(Block("para", lb["diag-total"]))
    if doc.groups:
        out.append(Block("table", rows=[[lb["route-doc-diag-group"], lb["route-doc-diag-result"]]]
                         + [[lb[f"route-group-{g.group}"], num(g.percent, loc)]
                            for g in doc.groups], widths=GROUP_WIDTHS))
    if doc.plan.rows:
        out.append(Block("table", rows=[[lb["route-doc-def-n"], lb["route-doc-def-title"],
                                         lb["route-doc-def-group"],
                                         lb["route-doc-def-percent"]]]
                         + [[str(n), r.title, lb[f"route-group-{r.group}"],
                             num(r.percent, loc) if r.percent is not None else "—"]
                            for n, r in enumerate(doc.plan.rows, 1)], widths=DEFICIT_WIDTHS))
    else:
        out.append(Block("para", lb["route-doc-no-deficits"]))
    out.append(Block("heading", lb["route-doc-s3"]))
    if "analysis-basis" in lb:
        out.append(Block("para", lb["analysis-basis"]))
    out += [Block("para", doc.self_analysis or lb["route-doc-no-analysis"]),
            Block("heading", lb["route-doc-s4"]),
            Block("table", rows=[plan_header(lb)] + (plan_rows(doc, lb) or [["—"] * 7]),
                  widths=PLAN_WIDTHS, plan=True),
            Block("heading", lb["route-doc-s5"]),
            Block("para", doc.plan.route.conclusion or lb["route-doc-no-conclusion"])]
    agreed = _agreed(doc, lb, tz)
    if agreed:
        out.append(Block("para", agreed))
    for who, name in ((lb["route-doc-sign-teacher"], doc.full_name),
                      (lb["route-doc-sign-deputy"], doc.approved_by or " " * 20)):
        out.append(Block("sign", f"{who}  {lb['sign-line'].replace(MARK, name)}   "
                                 f"{lb['route-doc-date-line']}"))
    return [Block(b.kind, plain(b.text), [[plain(c) for c in r] for r in b.rows], b.widths,
                  b.head, b.plan) for b in out]


# ---- DOCX -----------------------------------------------------------------------------------


def render_docx(doc: RouteDocument, lb: dict[str, str], tz: ZoneInfo) -> bytes:
    w = DocxWriter(landscape=True, margin=1.5, size=DOCX_SIZE)
    for b in blocks(doc, lb, tz):
        match b.kind:
            case "header":
                w.para(b.text, center=True, size=10)
            case "title":
                w.para(b.text, bold=True, center=True, size=14)
            case "center":
                w.para(b.text, center=True)
            case "heading":
                w.para(b.text, bold=True, keep=True)
            case "table":
                w.table(b.rows, b.widths, head=b.head,
                        size=DOCX_PLAN_SIZE if b.plan else DOCX_SIZE)
            case _:
                w.para(b.text)
    return w.data()


# ---- PDF ------------------------------------------------------------------------------------


def font_path() -> Path | None:
    """The shipped DejaVu Sans folder (handlers/fonts/), never the machine's."""
    ok = (FONTS / "DejaVuSans.ttf").is_file() and (FONTS / "DejaVuSans-Bold.ttf").is_file()
    return FONTS if ok else None


#: a heading starts a new page when less than this is left under it (mm)
KEEP_WITH_NEXT = 30


def render_pdf(doc: RouteDocument, lb: dict[str, str], tz: ZoneInfo) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import TableBordersLayout
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, 15)
    family = pdf_fonts(pdf)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    bold = FontFace(emphasis="BOLD")

    def para(text: str, b: bool = False, size: int = PDF_SIZE, center: bool = False) -> None:
        pdf.set_font(family, "B" if b else "", size)
        pdf.multi_cell(width, size * 0.5, text, align="C" if center else "L",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def table(block: Block) -> None:
        size = PDF_PLAN_SIZE if block.plan else PDF_TABLE_SIZE
        pdf.set_font(family, "", size)
        with pdf.table(col_widths=block.widths, width=width, text_align="LEFT",
                       first_row_as_headings=block.head, headings_style=bold,
                       repeat_headings=1, line_height=size * 0.5,
                       borders_layout=TableBordersLayout.ALL) as t:
            for values in block.rows:
                r = t.row()
                for value in values:
                    r.cell(value)
        pdf.ln(3)

    for b in blocks(doc, lb, tz):
        match b.kind:
            case "header":
                para(b.text, size=9, center=True)
            case "title":
                para(b.text, b=True, size=14, center=True)
            case "center":
                para(b.text, center=True)
            case "heading":
                if pdf.get_y() > pdf.h - pdf.b_margin - KEEP_WITH_NEXT:
                    pdf.add_page()
                para(b.text, b=True, size=11)
            case "table":
                table(b)
            case "sign":
                pdf.ln(3)
                para(b.text)
            case _:
                para(b.text)
    return bytes(pdf.output())
