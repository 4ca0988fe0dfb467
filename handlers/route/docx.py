"""The ИОМ as a document laid out like a school's official form: DOCX (python-docx) and PDF
(fpdf2 with the DejaVu font matplotlib ships, so nothing is downloaded at run time).

Rendering is CPU work: handlers call ``render_docx`` / ``render_pdf`` through
``asyncio.to_thread``. Texts come in ``labels`` (built from locales/ on the event loop), so
the renderers need no i18n context.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from domain.competences import COMPETENCE_GROUPS
from domain.route import COLUMN_ORDER, Activity, RouteDocument, by_column
from handlers.formatting import fmt_date, fmt_number

MARK = "\x00"  # stands for a value filled in at render time
FIXED = (
    "route-doc-title", "route-doc-s1", "route-doc-s2", "route-doc-s3", "route-doc-s4",
    "route-doc-s5", "route-doc-name", "route-doc-school", "route-doc-municipality",
    "route-doc-position", "route-doc-subjects", "route-doc-experience", "route-doc-category",
    "route-doc-diag-group", "route-doc-diag-result", "route-doc-def-n", "route-doc-def-title",
    "route-doc-def-group", "route-doc-def-percent", "route-doc-no-deficits",
    "route-doc-no-analysis", "route-doc-no-conclusion", "route-doc-col-deficit",
    "route-doc-col-period", "route-doc-sign-teacher", "route-doc-sign-deputy",
    *(f"route-doc-col-{c.value}" for c in COLUMN_ORDER),
    *(f"route-group-{g}" for g in COMPETENCE_GROUPS),
    *(f"route-act-{s}" for s in ("planned", "in_progress", "done", "dropped")),
)


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
    out["sign-line"] = get("route-doc-sign-line", name=MARK)
    out["agreed"] = get("route-doc-agreed", name=MARK, date="\x01")
    out["diag-date"] = get("route-doc-diag-date", date=MARK)
    out["diag-total"] = get("route-doc-diag-total", percent=num(doc.total_percent or 0, locale))
    out["position"] = get(f"position-{doc.position}") if doc.position else "—"
    out["subjects"] = ", ".join(get(f"subject-{s}") for s in doc.subjects) or "—"
    out["category"] = get(f"category-{doc.category}") if doc.category else "—"
    out["experience"] = (get("years-count", n=doc.experience_years)
                         if doc.experience_years is not None else "—")
    return out


def _activity(a: Activity, lb: dict[str, str]) -> str:
    due = lb["until"].replace(MARK, d(a.due, lb["locale"])) if a.due else ""
    status = lb[f"route-act-{a.status.value}"]
    return f"• {a.title}" + (f" ({due})" if due else "") + f" — {status}"


def _teacher_rows(doc: RouteDocument, lb: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (lb["route-doc-name"], doc.full_name or "—"),
        (lb["route-doc-school"], doc.school or "—"),
        (lb["route-doc-municipality"], doc.municipality or "—"),
        (lb["route-doc-position"], lb["position"]),
        (lb["route-doc-subjects"], lb["subjects"]),
        (lb["route-doc-experience"], lb["experience"]),
        (lb["route-doc-category"], lb["category"]),
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
        out.append([deficit,
                    *("\n".join(_activity(a, lb) for a in columns[c]) or "—"
                      for c in COLUMN_ORDER),
                    f"{d(start, lb['locale'])} — {d(end, lb['locale'])}"])
    return out


def _diagnosis_date(doc: RouteDocument, tz: ZoneInfo, locale: str) -> str:
    return d(doc.diagnosed_at.astimezone(tz).date(), locale) if doc.diagnosed_at else "—"


def _agreed(doc: RouteDocument, lb: dict[str, str], tz: ZoneInfo) -> str | None:
    route = doc.plan.route
    when = route.completed_at or route.decided_at
    if not doc.coordinator or when is None or route.status.value in ("draft", "submitted",
                                                                     "returned"):
        return None
    return lb["agreed"].replace(MARK, doc.coordinator).replace("\x01",
                                                               d(when.astimezone(tz).date(), lb["locale"]))


# ---- DOCX -----------------------------------------------------------------------------------


def render_docx(doc: RouteDocument, lb: dict[str, str], tz: ZoneInfo) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal: Any = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)

    def para(text: str, bold: bool = False, center: bool = False, size: int | None = None
             ) -> None:
        p = document.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def table(rows: list[list[str]], header: bool = True, widths: list[float] | None = None
              ) -> None:
        t = document.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        for i, values in enumerate(rows):
            for j, value in enumerate(values):
                cell = t.cell(i, j)
                cell.text = value
                if widths:
                    cell.width = Cm(widths[j])
                if header and i == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        document.add_paragraph()

    para(lb["route-doc-title"], bold=True, center=True, size=14)
    para(lb["subtitle"], center=True)
    para(lb["status"], center=True)

    para(lb["route-doc-s1"], bold=True)
    table([list(r) for r in _teacher_rows(doc, lb)], header=False, widths=[7, 19])

    para(lb["route-doc-s2"], bold=True)
    para(lb["diag-date"].replace(MARK, _diagnosis_date(doc, tz, lb["locale"])))
    if doc.total_percent is not None:
        para(lb["diag-total"])
    if doc.groups:
        table([[lb["route-doc-diag-group"], lb["route-doc-diag-result"]]]
              + [[lb[f"route-group-{g.group}"], num(g.percent, lb["locale"])] for g in doc.groups])
    deficits = [r for r in doc.plan.rows]
    if deficits:
        table([[lb["route-doc-def-n"], lb["route-doc-def-title"], lb["route-doc-def-group"],
                lb["route-doc-def-percent"]]]
              + [[str(n), r.title, lb[f"route-group-{r.group}"],
                  num(r.percent, lb["locale"]) if r.percent is not None else "—"]
                 for n, r in enumerate(deficits, 1)])
    else:
        para(lb["route-doc-no-deficits"])

    para(lb["route-doc-s3"], bold=True)
    para(doc.self_analysis or lb["route-doc-no-analysis"])

    para(lb["route-doc-s4"], bold=True)
    rows = plan_rows(doc, lb)
    table([plan_header(lb)] + (rows or [["—"] * 7]),
          widths=[4.2, 3.7, 3.4, 3.7, 3.7, 3.7, 2.4])

    para(lb["route-doc-s5"], bold=True)
    para(doc.plan.route.conclusion or lb["route-doc-no-conclusion"])
    agreed = _agreed(doc, lb, tz)
    if agreed:
        para(agreed)
    document.add_paragraph()
    para(f"{lb['route-doc-sign-teacher']}  {lb['sign-line'].replace(MARK, doc.full_name)}")
    para(f"{lb['route-doc-sign-deputy']}  "
         f"{lb['sign-line'].replace(MARK, doc.coordinator or ' ' * 20)}")

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---- PDF ------------------------------------------------------------------------------------


def font_path() -> Path | None:
    """DejaVu Sans (covers Cyrillic): matplotlib ships it; a Debian system has it too."""
    candidates = []
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        pass
    candidates.append(Path("/usr/share/fonts/truetype/dejavu"))
    for folder in candidates:
        if (folder / "DejaVuSans.ttf").is_file() and (folder / "DejaVuSans-Bold.ttf").is_file():
            return folder
    return None


def render_pdf(doc: RouteDocument, lb: dict[str, str], tz: ZoneInfo) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    folder = font_path()
    if folder is None:
        raise RuntimeError("no DejaVu font for the PDF")
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, 15)
    pdf.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    bold = FontFace(emphasis="BOLD")

    def para(text: str, b: bool = False, size: int = 10, center: bool = False) -> None:
        pdf.set_font("DejaVu", "B" if b else "", size)
        pdf.multi_cell(width, size * 0.5, text, align="C" if center else "L",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def table(rows: list[list[str]], widths: tuple[float, ...], size: int = 9,
              header: bool = True) -> None:
        pdf.set_font("DejaVu", "", size)
        with pdf.table(col_widths=widths, width=width, text_align="LEFT",
                       first_row_as_headings=header, headings_style=bold,
                       line_height=size * 0.5) as t:
            for values in rows:
                r = t.row()
                for value in values:
                    r.cell(value)
        pdf.ln(3)

    para(lb["route-doc-title"], b=True, size=14, center=True)
    para(lb["subtitle"], center=True)
    para(lb["status"], center=True)
    para(lb["route-doc-s1"], b=True, size=11)
    table([list(r) for r in _teacher_rows(doc, lb)], (7, 19), header=False)
    para(lb["route-doc-s2"], b=True, size=11)
    para(lb["diag-date"].replace(MARK, _diagnosis_date(doc, tz, lb["locale"])))
    if doc.total_percent is not None:
        para(lb["diag-total"])
    if doc.plan.rows:
        table([[lb["route-doc-def-n"], lb["route-doc-def-title"], lb["route-doc-def-group"],
                lb["route-doc-def-percent"]]]
              + [[str(n), r.title, lb[f"route-group-{r.group}"],
                  num(r.percent, lb["locale"]) if r.percent is not None else "—"]
                 for n, r in enumerate(doc.plan.rows, 1)], (1, 14, 6, 3))
    else:
        para(lb["route-doc-no-deficits"])
    para(lb["route-doc-s3"], b=True, size=11)
    para(doc.self_analysis or lb["route-doc-no-analysis"])
    para(lb["route-doc-s4"], b=True, size=11)
    table([plan_header(lb)] + (plan_rows(doc, lb) or [["—"] * 7]),
          (4.2, 3.7, 3.4, 3.7, 3.7, 3.7, 2.4), size=7)
    para(lb["route-doc-s5"], b=True, size=11)
    para(doc.plan.route.conclusion or lb["route-doc-no-conclusion"])
    agreed = _agreed(doc, lb, tz)
    if agreed:
        para(agreed)
    pdf.ln(4)
    para(f"{lb['route-doc-sign-teacher']}  {lb['sign-line'].replace(MARK, doc.full_name)}")
    para(f"{lb['route-doc-sign-deputy']}  "
         f"{lb['sign-line'].replace(MARK, doc.coordinator or ' ' * 20)}")
    return bytes(pdf.output())
