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
