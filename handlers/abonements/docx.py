"""The agreement (Соглашение о методическом абонементе) as a DOCX for signatures, in the
house style of the ИОМ's document (handlers.documents.DocxWriter): portrait A4, Times New Roman,
the parties, the subject, the period, the ordered volume by kind, the curator, the plan as
its appendix, a signature line with a date for every party. No emoji (handlers.documents).

Rendering is CPU work: the handler calls ``render_docx`` through ``asyncio.to_thread``; the
texts come in ``labels``, built from locales/ on the event loop."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from domain.abonements import Agreement
from handlers.documents import DocxWriter, plain
from handlers.formatting import fmt_date, fmt_number

FIXED = ("abon-doc-title", "abon-doc-parties-head", "abon-doc-subject-head",
         "abon-doc-volume-head", "abon-doc-kind", "abon-doc-hours", "abon-doc-total",
         "abon-doc-plan-head", "abon-doc-plan-n", "abon-doc-plan-event", "abon-doc-plan-date",
         "abon-doc-plan-hours", "abon-doc-plan-empty", "abon-doc-sign-head",
         "abon-doc-party-school", "abon-doc-party-municipality", "abon-doc-party-centre",
         "abon-doc-sign-line", "abon-kind-in_person", "abon-kind-remote",
         "abon-kind-self_study")


def labels(get: Callable[..., str], doc: Agreement, locale: str) -> dict[str, str]:
    """Every text the document needs, in the reader's language (call on the event loop)."""
    out = {key: plain(get(key)) for key in FIXED}
    out["locale"] = locale
    a = doc.abonement
    out["number"] = plain(get("abon-doc-number", id=a.id,
                              status=get(f"abon-status-{a.status.value}")))
    out["parties"] = plain(get(
        "abon-doc-parties", three=int(a.three_party), school=doc.school.name,
        municipality=doc.municipality.name if doc.municipality else "—",
        centre=doc.region.name if doc.region else "—"))
    out["subject"] = plain(get("abon-doc-subject", start=fmt_date(doc.start, locale),
                               end=fmt_date(doc.end, locale)))
    out["curator"] = plain(get("abon-doc-curator", name=doc.curator))
    groups = ", ".join(get(f"route-group-{g}") for g in a.request.groups) or "—"
    out["topics"] = plain(get("abon-doc-topics", groups=groups, topics=a.request.topics or "—"))
    return out


def _rows(doc: Agreement, lb: dict[str, str]) -> list[list[str]]:
    locale = lb["locale"]
    o = doc.abonement.ordered
    return [[lb["abon-doc-kind"], lb["abon-doc-hours"]],
            [lb["abon-kind-in_person"], fmt_number(o.in_person, locale)],
            [lb["abon-kind-remote"], fmt_number(o.remote, locale)],
            [lb["abon-kind-self_study"], fmt_number(o.self_study, locale)],
            [lb["abon-doc-total"], fmt_number(o.total, locale)]]


def _plan_rows(doc: Agreement, lb: dict[str, str], tz: ZoneInfo) -> list[list[str]]:
    locale = lb["locale"]
    rows = [[lb["abon-doc-plan-n"], lb["abon-doc-plan-event"], lb["abon-doc-plan-date"],
             lb["abon-doc-plan-hours"]]]
    for n, v in enumerate(doc.plan.items, 1):
        h = v.item.hours
        rows.append([str(n), plain(v.event.title), fmt_date(v.item.planned_on, locale),
                     " / ".join(fmt_number(x, locale)
                                for x in (h.in_person, h.remote, h.self_study))])
    return rows


def render_docx(doc: Agreement, lb: dict[str, str], tz: ZoneInfo) -> bytes:
    w = DocxWriter()
    w.para(lb["abon-doc-title"], bold=True, center=True, size=14)
    w.para(lb["number"], center=True)
    w.para(lb["abon-doc-parties-head"], bold=True, keep=True)
    w.para(lb["parties"])
    w.para(lb["abon-doc-subject-head"], bold=True, keep=True)
    w.para(lb["subject"])
    w.para(lb["topics"])
    w.para(lb["abon-doc-volume-head"], bold=True, keep=True)
    w.table(_rows(doc, lb), (10.0, 7.0))
    w.para(lb["curator"])
    w.para(lb["abon-doc-plan-head"], bold=True, keep=True)
    if doc.plan.items:
        w.table(_plan_rows(doc, lb, tz), (1.2, 9.0, 3.3, 3.5))
    else:
        w.para(lb["abon-doc-plan-empty"])
    w.para(lb["abon-doc-sign-head"], bold=True, keep=True)
    parties = [lb["abon-doc-party-school"]]
    if doc.municipality is not None:
        parties.append(lb["abon-doc-party-municipality"])
    parties.append(lb["abon-doc-party-centre"])
    for party in parties:
        w.para(party, keep=True)
        w.para(lb["abon-doc-sign-line"])
    return w.data()


__all__ = ["labels", "render_docx"]
