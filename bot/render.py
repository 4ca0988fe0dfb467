"""Rendering notifications (domain.notifications) into Telegram messages.

* every string parameter is escaped for HTML parse mode (user text never becomes markup);
* dates, moments and sessions are shown in the configured time zone and the recipient's
  locale (ru ``25.12.2026 10:00``, en ``25 Dec 2026, 10:00``), numbers with the locale's
  decimal mark (ru ``1,5``, en ``1.5``);
* targets become buttons with the handlers' own CallbackData, so pressing one works;
* the text stays within Telegram's 4096 characters: the longest parameters are shortened
  (and none is longer than Fluent accepts in one placeable);
* rows recorded before notifications became data (``buttons`` with ``text_key`` and
  ``callback_data``, string parameters possibly pre-escaped) still render.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import PLACEABLE_LIMIT
from domain.notifications import (
    AcceptProposal,
    AbonementAction,
    CancelRegistration,
    DeclineProposal,
    ConfirmSeat,
    DeclineSeat,
    DownloadCertificate,
    OpenCampaign,
    OpenCourseForm,
    OpenEvent,
    OpenFeedback,
    OpenGroupRoute,
    OpenMenu,
    OpenTerritoryList,
    ReviewCourseForm,
    ReviewRoute,
    Section,
    Span,
    Target,
    decode_params,
    decode_target,
)
from handlers import formatting
from handlers.formatting import (
    ELLIPSIS,
    TEXT_LIMIT,
    esc,
    fmt_date,
    fmt_moment,
    fmt_number,
    visible_length,
)

Translate = Callable[..., str]

DASH = "—"


def fmt_span(span: Span, tz: ZoneInfo, locale: str) -> str:
    """25.12.2026 10:00–13:00 (the end's date only when it is another day)."""
    return formatting.fmt_span(span.start, span.end, tz, locale)


def clip_escaped(text: str, limit: int = PLACEABLE_LIMIT) -> str:
    """The longest start of ``text`` (with an ellipsis if cut) whose escaped form fits."""
    if len(esc(text)) <= limit:
        return text
    size, end = len(ELLIPSIS), 0
    for end, ch in enumerate(text):
        size += len(esc(ch))
        if size > limit:
            break
    return text[:end].rstrip() + ELLIPSIS


# ---- buttons ----------------------------------------------------------------------------------

_MENU_LABELS = {
    Section.HOME: "btn-menu",
    Section.DIAGNOSIS: "diag-btn-open",
    Section.ROUTE: "route-btn-open",
    Section.EVENTS: "menu-events",
    Section.COURSES: "menu-courses",
    Section.MENTORING: "menu-mentoring",
    Section.ACTIVITY: "menu-activity",
}


def target_button(target: Target) -> tuple[str, CallbackData]:
    """The label key and the callback data of the handler that shows the target."""
    # imported here: handlers import much of the application, the sender needs only these
    from handlers.callbacks import MenuCb
    from handlers.courses import CrsFormCb, CrsReviewCb
    from handlers.events import EvActCb, card_cb
    from handlers.route import RrCb

    match target:
        case OpenMenu(section=section):
            return _MENU_LABELS[section], MenuCb(to=section.value)
        case ReviewRoute(route_id=route_id):
            return "route-btn-open", RrCb(a="open", id=route_id)
        case OpenCourseForm(form_id=form_id):
            return "crs-btn-open", CrsFormCb(action="open", form_id=form_id)
        case ReviewCourseForm(form_id=form_id):
            return "crs-btn-open", CrsReviewCb(action="open", form_id=form_id)
        case OpenEvent(event_id=event_id):
            return "ev-btn-open", card_cb(event_id, src="m")
        case ConfirmSeat(event_id=event_id):
            return "ev-btn-confirm-seat", EvActCb(action="confirm", event_id=event_id)
        case DeclineSeat(event_id=event_id):
            return "ev-btn-decline-seat", EvActCb(action="cancel", event_id=event_id)
        case CancelRegistration(event_id=event_id):
            return "ev-btn-cancel-reg", EvActCb(action="cancel", event_id=event_id)
        case OpenTerritoryList(org_id=org_id, filter=flt):
            from handlers.callbacks import TerrCb

            return f"terr-list-btn-{flt}", TerrCb(a="list", org=org_id, f=flt)
        case OpenFeedback(feedback_id=feedback_id):
            from handlers.callbacks import FbCb

            return "fb-btn-open", FbCb(a="open", id=feedback_id)
        case DownloadCertificate(certificate_id=certificate_id):
            from handlers.callbacks import CertCb

            return "cert-btn-download", CertCb(a="get", id=certificate_id)
        case OpenCampaign(campaign_id=campaign_id):
            from handlers.callbacks import CampCb

            return "camp-btn-take", CampCb(a="card", id=campaign_id)
        case AcceptProposal(proposal_id=proposal_id):
            from handlers.callbacks import MntPropCb

            return "mnt-prop-btn-accept", MntPropCb(a="ok", id=proposal_id)
        case DeclineProposal(proposal_id=proposal_id):
            from handlers.callbacks import MntPropCb

            return "mnt-prop-btn-decline", MntPropCb(a="no", id=proposal_id)
        case AbonementAction(abonement_id=abonement_id, action=action):
            from handlers.callbacks import AbCb

            return f"abon-btn-notice-{action}", AbCb(a=action, id=abonement_id)
        case OpenGroupRoute(group_id=group_id):
            from handlers.callbacks import GrCb

            return "grp-btn-open", GrCb(a="open", id=group_id)
    raise TypeError(f"no button for {target!r}")


# ---- the message ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    markup: InlineKeyboardMarkup | None


class NoticeRenderer:
    def __init__(self, translate: Translate, tz: ZoneInfo, limit: int = TEXT_LIMIT) -> None:
        self.translate = translate
        self.tz = tz
        self.limit = limit

    def render(self, key: str, locale: str, params: Mapping[str, Any] | None,
               buttons: Sequence[Sequence[Mapping[str, Any]]] | None) -> Rendered:
        values, legacy = decode_params(params)
        return Rendered(self.text(key, locale, values, legacy), self.keyboard(buttons, locale))

    # ---- text --------------------------------------------------------------------------------

    def shown(self, value: Any, locale: str, legacy: bool = False) -> str | int:
        """A parameter as the reader sees it, before escaping: ints stay numbers (the locale's
        plural and select rules use them); everything else becomes plain text."""
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if value is None:
            return DASH
        if isinstance(value, str):
            # old rows kept event titles pre-escaped: decode, so escaping below is not doubled
            text = html.unescape(value) if legacy else value
            return clip_escaped(text) if text.strip() else DASH
        if isinstance(value, (Decimal, float)):
            return fmt_number(value, locale)
        if isinstance(value, datetime):
            return fmt_moment(value, self.tz, locale)
        if isinstance(value, date):
            return fmt_date(value, locale)
        if isinstance(value, Span):
            return fmt_span(value, self.tz, locale)
        if isinstance(value, list):
            parts = [self.shown(v, locale, legacy) for v in value]
            return clip_escaped("; ".join(str(p) for p in parts)) or DASH
        raise TypeError(f"cannot show a {type(value).__name__} parameter")

    def text(self, key: str, locale: str, values: Mapping[str, Any], legacy: bool = False
             ) -> str:
        shown = {name: self.shown(v, locale, legacy) for name, v in values.items()}
        text = self._translate(key, locale, shown)
        # too long (a long comment, many sessions): shorten the longest text, then again
        for _ in range(len(shown) + 1):
            over = visible_length(text) - self.limit
            if over <= 0:
                return text
            name = max((n for n, v in shown.items() if isinstance(v, str)),
                       key=lambda n: len(str(shown[n])), default=None)
            if name is None or len(str(shown[name])) <= 1:
                break
            current = str(shown[name])
            keep = max(len(current) - over - len(ELLIPSIS), 0)
            shown[name] = current[:keep].rstrip() + ELLIPSIS
            text = self._translate(key, locale, shown)
        if visible_length(text) > self.limit:
            raise ValueError(f"{key}: the message stays over {self.limit} characters")
        return text

    def _translate(self, key: str, locale: str, shown: Mapping[str, str | int]) -> str:
        return self.translate(key, locale, **{
            n: esc(v) if isinstance(v, str) else v for n, v in shown.items()
        })

    # ---- buttons -----------------------------------------------------------------------------

    def keyboard(self, buttons: Sequence[Sequence[Mapping[str, Any]]] | None, locale: str
                 ) -> InlineKeyboardMarkup | None:
        rows = []
        for row in buttons or []:
            rows.append([self.button(b, locale) for b in row])
        return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None

    def button(self, data: Mapping[str, Any], locale: str) -> InlineKeyboardButton:
        if "to" in data:
            label_key, callback = target_button(decode_target(data))
            return InlineKeyboardButton(text=self.translate(label_key, locale),
                                        callback_data=callback.pack())
        # the format before targets: a label key and callback data or a URL
        label = self.translate(data["text_key"], locale, **data.get("params", {}))
        if "url" in data:
            return InlineKeyboardButton(text=label, url=data["url"])
        return InlineKeyboardButton(text=label, callback_data=data["callback_data"])


__all__ = ["NoticeRenderer", "Rendered", "esc", "fmt_date", "fmt_moment", "fmt_number",
           "fmt_span", "target_button", "visible_length"]
