"""The ИОМ on paper (issue 15 «On paper»): the DOCX opened with python-docx and the PDF's text
read back with pypdf, checked against the rules a school's form follows."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from pypdf import PdfReader

from domain.route import (
    Activity,
    ActivityStatus,
    Column,
    GroupPercent,
    Plan,
    PlanRow,
    Route,
    RouteDocument,
    RouteStatus,
)
from handlers.route import docx as route_docx

TZ = ZoneInfo("Europe/Moscow")
APPROVED = datetime(2026, 9, 10, 9, 0, tzinfo=UTC)
COMPLETED = datetime(2027, 5, 28, 9, 0, tzinfo=UTC)
GROUPS = ("subject", "methodological", "psycho_pedagogical", "communicative")
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")


def document(rows: int = 17) -> RouteDocument:
    route = Route(id=1, person_id=1, school_id=1, status=RouteStatus.COMPLETED,
                  period_start=date(2026, 9, 1), period_end=date(2027, 5, 31),
                  conclusion="Дефициты восполнены 🎉", decided_at=APPROVED, decided_by=2,
                  completed_at=COMPLETED, completed_by=3)
    plan_rows = [PlanRow(id=n, route_id=1, position=n, group=GROUPS[n % 4],
                         title=f"Профессиональный дефицит номер {n}: формирующее оценивание",
                         percent=40.0 + n) for n in range(1, rows + 1)]
    activities = []
    for n in range(1, rows + 1):
        activities.append(Activity(id=100 + n, route_id=1, row_id=n, person_id=1,
                                   column=Column.CONSULTATIONS, title=f"Консультация {n} 🧑‍🏫",
                                   status=ActivityStatus.DONE, event_id=500 + n,
                                   due=date(2026, 12, 1)))
        activities.append(Activity(id=200 + n, route_id=1, row_id=n, person_id=1,
                                   column=Column.SELF_EDUCATION,
                                   title="Книга «Оценивание для обучения»",
                                   status=ActivityStatus.PLANNED, due=date(2027, 3, 1)))
    return RouteDocument(
        plan=Plan(route=route, rows=plan_rows, activities=activities),
        full_name="Петрова Анна Сергеевна", school="МАОУ СОШ № 5 г. Тюмени",
        municipality="Город Тюмень", position="teacher", subjects=["math"],
        experience_years=12, category="first", diagnosed_at=datetime(2026, 8, 25, 9, tzinfo=UTC),
        total_percent=61.5, groups=[GroupPercent(g, 50.0 + i) for i, g in enumerate(GROUPS)],
        self_analysis="Низкие баллы совпадают с ВПР", coordinator="Завуч Ольга Ивановна",
        statuses=["mentor", "methodist"], education="высшее педагогическое",
        instrument={"ru": "Самодиагностика профессиональных дефицитов", "en": "Self-check"},
        instrument_version="2026.1", approved_by="Завуч Ольга Ивановна", approved_at=APPROVED,
        activity_hours={100 + n: 2.0 for n in range(1, rows + 1)},
    )


def render(app, rows: int = 17) -> tuple[bytes, bytes]:  # type: ignore[no-untyped-def]
    get = app.dp["i18n_core"].get
    doc = document(rows)
    lb = route_docx.labels(lambda key, **kw: get(key, "ru", **kw), doc, "ru")
    return route_docx.render_docx(doc, lb, TZ), route_docx.render_pdf(doc, lb, TZ)


def words_fit(text: str, width_cm: float, size_pt: float) -> bool:
    """The widest word of a cell fits its column (a generous 0.62 em a letter, Times New
    Roman's capitals and Cyrillic included, plus the cell's 0.38 cm padding); a word may
    break after its hyphen («психолого-|педагогические»), never inside."""
    widest = max((len(w) for w in re.split(r"\s+|(?<=-)", text)), default=0)
    return widest * size_pt * 0.62 / 72 * 2.54 + 0.38 <= width_cm


async def test_docx_follows_the_paper_rules(app) -> None:
    data, _ = render(app)
    docx = Document(io.BytesIO(data))
    paragraphs = [p.text for p in docx.paragraphs]
    text = "\n".join(paragraphs)
    every = text + "\n" + "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert not EMOJI.search(every), EMOJI.findall(every)
    assert paragraphs[0] == "МАОУ СОШ № 5 г. Тюмени" and paragraphs[1] == "Город Тюмень"
    assert "Статус: завершён" in text
    # section 1: statuses and education; section 2: which diagnosis
    teacher = {r.cells[0].text: r.cells[1].text for r in docx.tables[0].rows}
    assert teacher["Статусы (наставник, методист)"] == "Педагог-наставник, Педагог-методист"
    assert teacher["Образование"] == "высшее педагогическое"
    assert ("Вид диагностики: самодиагностика (инструмент «Самодиагностика профессиональных "
            "дефицитов», версия 2026.1)") in text
    # the approval date, not the completion date
    assert "Согласовано: Завуч Ольга Ивановна, 10.09.2026" in text and "28.05.2027" not in text
    signs = [p for p in paragraphs if "____________ /" in p]
    assert len(signs) == 2 and all("«___» ____________ 20___ г." in p for p in signs)
    # headings keep with their content
    headings = [p for p in docx.paragraphs if re.match(r"^[1-5]\. ", p.text)]
    assert len(headings) == 5 and all(p.paragraph_format.keep_with_next for p in headings)
    # the plan: header repeated, rows never split, widths that fit the words
    plan = docx.tables[-1]
    assert len(plan.rows) == 18
    assert plan.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in plan.rows)
    widths = [c.width for c in plan.columns]
    assert len(set(widths)) > 2 and abs(sum(widths) - Cm(route_docx.PAGE_WIDTH)) < Cm(0.05)
    tables = docx.tables
    for t, table in enumerate(tables):
        size = route_docx.DOCX_PLAN_SIZE if t == len(tables) - 1 else route_docx.DOCX_SIZE
        for row in table.rows:
            for cell in row.cells:
                assert words_fit(cell.text, cell.width / 360000, size), cell.text
    first = [c.text for c in plan.rows[1].cells]
    # hours in the consultation column: per item and in all
    assert "Консультация 1 (до 01.12.2026, 2 ч) — выполнено" in first[2]
    assert first[2].endswith("\n2 ч")


async def test_pdf_says_what_the_docx_says(app) -> None:
    data, pdf_data = render(app)
    reader = PdfReader(io.BytesIO(pdf_data))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    flat = " ".join(pages)
    assert not EMOJI.search(flat)
    fonts = {str(f.get("/BaseFont")) for p in reader.pages
             for f in (p["/Resources"].get("/Font") or {}).values()
             for f in [f.get_object()]}
    assert any("DejaVu" in f for f in fonts), fonts
    docx = Document(io.BytesIO(data))
    for p in docx.paragraphs:  # every line of the DOCX is in the PDF
        if p.text.strip():
            assert " ".join(p.text.split()) in flat, p.text
    # every table of the DOCX, the per-group one included
    for table in docx.tables:
        for row in table.rows:
            for cell in row.cells:
                for line in cell.text.split("\n"):
                    words = line.split()
                    if words:  # a cell wraps inside its column: look for its words in order
                        assert all(w in flat for w in words), line
    for group in ("Предметные", "Методические", "Психолого-педагогические", "Коммуникативные"):
        assert group.lower() in flat.lower()
    # the plan spans pages and its header is repeated on each of them
    plan_pages = [p for p in pages if "Консультация" in p]
    assert len(plan_pages) >= 2
    assert all("Самообразование" in p and "Период реализации" in p for p in plan_pages)
    # a heading never ends a page
    headings = [" ".join(p.text.split()) for p in docx.paragraphs
                if re.match(r"^[1-5]\. ", p.text)]
    for page in pages[:-1]:
        assert not any(page.endswith(h) for h in headings), page[-100:]
