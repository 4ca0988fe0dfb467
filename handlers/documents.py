"""What every PDF/DOCX the bot makes shares: the shipped font (handlers/fonts/, DejaVu Sans,
so Cyrillic never depends on the machine) and plain text without emoji (a document's font has
no emoji: they become boxes in DOCX and vanish in PDF)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu"

#: pictographs, dingbats, arrows used as icons, variation selectors, joiners, flags
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\U00002600-\U000027BF\U00002B00-\U00002BFF\U0000FE00-\U0000FE0F"
    "\U0000200D\U000020E3\U0001F1E6-\U0001F1FF\U00002190-\U000021FF\U0000231A-\U000023FF]")


def plain(text: str) -> str:
    """``text`` without emoji and the spaces they leave at the edges: «🏁 завершён» → «завершён»."""
    return re.sub(r"[ \t]{2,}", " ", _EMOJI.sub("", text)).strip()


def pdf_fonts(pdf: Any) -> str:
    """Register the shipped font on an ``fpdf.FPDF`` and return its family name."""
    pdf.add_font(FAMILY, "", str(REGULAR))
    pdf.add_font(FAMILY, "B", str(BOLD))
    return FAMILY


def _row_flags(row: Any, header: bool) -> None:
    """Never split a row across pages; repeat a header row on every page."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


class DocxWriter:
    """A DOCX in the house style (A4, Times New Roman, tables that span the page with a header
    row repeated on every page and rows never split): paragraphs and tables, then ``data()``.
    Used by the ИОМ's document and the abonement's agreement and report."""

    def __init__(self, *, landscape: bool = False, margin: float = 2.0, size: int = 12) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt

        self.document = Document()
        section = self.document.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        else:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(margin))
        normal: Any = self.document.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(size)
        self.size = size

    def para(self, text: str, bold: bool = False, center: bool = False,
             size: int | None = None, keep: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.document.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if keep:
            p.paragraph_format.keep_with_next = True

    def table(self, rows: list[list[str]], widths: tuple[float, ...], *, head: bool = True,
              size: int | None = None) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Cm, Pt

        points = Pt(size or self.size)
        t = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        t.autofit = False
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for j, width in enumerate(widths):
            t.columns[j].width = Cm(width)
        for i, values in enumerate(rows):
            row = t.rows[i]
            _row_flags(row, header=head and i == 0)
            for j, value in enumerate(values):
                cell = row.cells[j]
                cell.width = Cm(widths[j])
                cell.text = value
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = points
                        run.bold = head and i == 0
        self.document.add_paragraph()

    def data(self) -> bytes:
        import io

        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()
