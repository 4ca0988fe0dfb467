"""A certificate of participation as a PDF (fpdf2, the shipped DejaVu font). Texts come in
``labels`` (built from locales/ on the event loop); rendering runs in a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from domain.certificates import Certificate
from handlers.documents import pdf_fonts, plain
from handlers.formatting import fmt_date, fmt_number


def hours_line(get: Callable[..., str], cert: Certificate, locale: str) -> str:
    parts = [get(f"cert-hours-{kind}", hours=fmt_number(value, locale))
             for kind, value in (("in_person", cert.hours_in_person),
                                 ("remote", cert.hours_remote),
                                 ("self_study", cert.hours_self_study)) if value]
    total = fmt_number(cert.hours_total, locale)
    if not parts:
        return get("cert-hours-total", total=total)
    return get("cert-hours", total=total, kinds=", ".join(parts))


def dates_line(get: Callable[..., str], cert: Certificate, locale: str) -> str:
    if cert.starts_on == cert.ends_on:
        return get("cert-date", date=fmt_date(cert.starts_on, locale))
    return get("cert-dates", start=fmt_date(cert.starts_on, locale),
               end=fmt_date(cert.ends_on, locale))


def labels(get: Callable[..., str], cert: Certificate, locale: str, tz: ZoneInfo
           ) -> dict[str, str]:
    """Every line of the certificate in the reader's language (plain text, no markup)."""
    abonement = cert.abonement_id is not None  # a listener's удостоверение of an abonement
    return {
        "title": get("cert-doc-abon-title" if abonement else "cert-doc-title"),
        "subtitle": get("cert-doc-abon-subtitle" if abonement else "cert-doc-subtitle"),
        "confirms": get("cert-doc-confirms"),
        "name": cert.full_name or "—",
        "took-part": get("cert-doc-abon-took-part" if abonement else "cert-doc-took-part"),
        "form": get("cert-doc-form-abonement") if abonement
        else get("cert-doc-form", form=get(f"ev-form-{cert.event_form}")),
        "event": f"«{cert.event_title}»",
        "dates": dates_line(get, cert, locale),
        "hours": hours_line(get, cert, locale),
        "organiser": get("cert-doc-organiser", organiser=cert.organiser),
        "number": get("cert-doc-number", number=cert.number),
        "issued": get("cert-doc-issued",
                      date=fmt_date(cert.issued_at.astimezone(tz).date(), locale)),
        "verify": get("cert-doc-verify", number=cert.number),
    }


def render(lb: dict[str, str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, 15)
    family = pdf_fonts(pdf)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    def line(key: str, size: int, bold: bool = False, gap: float = 3) -> None:
        pdf.set_font(family, "B" if bold else "", size)
        pdf.multi_cell(width, size * 0.55, plain(lb[key]), align="C",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    pdf.ln(8)
    line("title", 30, bold=True, gap=1)
    line("subtitle", 14, gap=10)
    line("confirms", 13)
    line("name", 22, bold=True, gap=4)
    line("took-part", 13)
    line("event", 17, bold=True, gap=2)
    line("form", 12, gap=4)
    line("dates", 12)
    line("hours", 12)
    line("organiser", 12, gap=12)
    line("number", 11, bold=True, gap=1)
    line("issued", 10, gap=1)
    line("verify", 9)
    return bytes(pdf.output())
