"""What a notification says, as data: the kinds of notices, their raw parameters and the
places their buttons lead to.

The domain says *what* happened ("your ИОМ was returned, with this comment") and *where* a
button leads ("open the route section", "confirm the seat at event 12"); it never builds
markup, callback strings or formatted dates. The sender (``bot.render``) escapes every
parameter for the parse mode, formats dates and numbers for the recipient's locale and maps
targets to the handlers' callback data.

Parameters are raw typed values: ``str``, ``int``, ``float``, ``Decimal``, ``date``,
``datetime`` (timezone-aware), :class:`Span`, ``None`` and lists of these. They are stored in
the outbox's JSON column through :func:`encode_params` (tagged forms such as
``{"$dt": "2026-12-25T07:00:00+00:00"}``) and read back with :func:`decode_params`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

# ---- raw values -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time (a session of an event), shown as «25.12.2026 10:00–13:00»."""

    start: datetime
    end: datetime


#: the kinds of parameters a notice declares (see NOTICES)
class Param(StrEnum):
    TEXT = "text"  # str (user or org text, a URL); None shows as a dash
    INT = "int"  # int, used by plural and select rules of the locale
    NUMBER = "number"  # Decimal or float (hours), formatted for the locale
    DATE = "date"
    MOMENT = "moment"  # datetime, shown in the configured time zone
    SPANS = "spans"  # list[Span]
    CHOICE = "choice"  # str picked by a select expression of the locale (a column, a kind)


#: Every notice the domain records, with its parameters. The locales (ru, en) carry one
#: message per key; the sender's tests render each with hostile values.
NOTICES: dict[str, dict[str, Param]] = {
    # ИОМ (domain.route)
    "route-alert-submitted": {"name": Param.TEXT, "school": Param.TEXT,
                              "revision": Param.INT, "rows": Param.INT},
    "route-alert-municipal": {"name": Param.TEXT, "school": Param.TEXT,
                              "revision": Param.INT, "rows": Param.INT},
    "route-notice-approved": {"reviewer": Param.TEXT},
    "route-notice-returned": {"reviewer": Param.TEXT, "comment": Param.TEXT},
    "route-notice-completed": {"reviewer": Param.TEXT, "conclusion": Param.TEXT},
    "route-notice-overdue": {"title": Param.TEXT, "due": Param.DATE},
    "route-notice-added": {"title": Param.TEXT, "column": Param.CHOICE},
    "route-alert-mentor-added": {"name": Param.TEXT, "mentor": Param.TEXT, "title": Param.TEXT,
                                 "column": Param.CHOICE},
    # courses and reports (domain.courses)
    **{
        f"crs-alert-{kind}": {"name": Param.TEXT, "school": Param.TEXT, "program": Param.TEXT,
                              "revision": Param.INT, "hours": Param.INT}
        for kind in ("assignment", "report")
    },
    **{
        f"crs-notice-{kind}-{status}": {"program": Param.TEXT, "comment": Param.TEXT,
                                        "hours": Param.INT, "reviewer": Param.TEXT}
        for kind in ("assignment", "report") for status in ("accepted", "returned")
    },
    # coordinators (domain.territory)
    "terr-notice-nudge": {},
    "terr-digest": {"org": Param.TEXT, "waiting": Param.INT, "overdue": Param.INT,
                    "stalled": Param.INT, "days": Param.INT, "nodiag": Param.INT},
    "terr-escalation": {"kind": Param.CHOICE, "reason": Param.CHOICE, "name": Param.TEXT,
                        "school": Param.TEXT, "days": Param.INT},
    "terr-alert-form": {"kind": Param.CHOICE, "name": Param.TEXT, "school": Param.TEXT},
    # self-diagnosis (domain.diagnosis)
    "diag-notice-retake-unlocked": {},
    # events (domain.events)
    "ev-notice-offer": {"title": Param.TEXT, "when": Param.SPANS, "until": Param.MOMENT},
    "ev-notice-offer-expired": {"title": Param.TEXT},
    "ev-notice-rescheduled": {"title": Param.TEXT, "old": Param.SPANS, "new": Param.SPANS},
    "ev-notice-place": {"title": Param.TEXT, "place": Param.TEXT, "link": Param.TEXT},
    "ev-notice-cancelled": {"title": Param.TEXT, "when": Param.SPANS},
    "ev-notice-reminder": {"title": Param.TEXT, "when": Param.SPANS, "place": Param.TEXT,
                           "link": Param.TEXT},
    # mentoring (domain.mentoring)
    "mnt-notice-paired-mentee": {"name": Param.TEXT, "school": Param.TEXT, "start": Param.DATE},
    "mnt-notice-paired-mentor": {"name": Param.TEXT, "school": Param.TEXT, "start": Param.DATE},
    "mnt-notice-meeting": {"name": Param.TEXT, "topic": Param.TEXT, "date": Param.DATE,
                           "hours": Param.NUMBER},
    "mnt-notice-ended": {"name": Param.TEXT, "conclusion": Param.TEXT},
    "mnt-notice-quiet": {"name": Param.TEXT, "weeks": Param.INT, "last": Param.DATE},
    "mnt-alert-quiet": {"mentor": Param.TEXT, "mentee": Param.TEXT, "school": Param.TEXT,
                        "weeks": Param.INT, "last": Param.DATE},
    "mnt-notice-proposal": {"name": Param.TEXT, "kind": Param.CHOICE, "title": Param.TEXT,
                            "due": Param.DATE, "hours": Param.NUMBER},
    "mnt-notice-proposal-accepted": {"name": Param.TEXT, "title": Param.TEXT},
    "mnt-notice-proposal-declined": {"name": Param.TEXT, "title": Param.TEXT,
                                     "reason": Param.TEXT},
    # professional activity (domain.activity)
    "act-alert-submitted": {"name": Param.TEXT, "school": Param.TEXT, "title": Param.TEXT,
                            "kind": Param.CHOICE},
    "act-notice-accepted": {"title": Param.TEXT, "comment": Param.TEXT, "reviewer": Param.TEXT},
    "act-notice-returned": {"title": Param.TEXT, "comment": Param.TEXT, "reviewer": Param.TEXT},
    # feedback after an event (domain.feedback), certificates (domain.certificates)
    "fb-notice-ask": {"title": Param.TEXT},
    "cert-notice-issued": {"title": Param.TEXT, "number": Param.TEXT},
    # monitoring campaigns (domain.campaigns)
    "camp-notice-invite": {"title": Param.TEXT, "until": Param.DATE, "kind": Param.CHOICE},
    "camp-notice-remind": {"title": Param.TEXT, "until": Param.DATE, "kind": Param.CHOICE},
    # «методический абонемент» (domain.abonements)
    "abon-alert-submitted": {"school": Param.TEXT, "resubmitted": Param.INT},
    "abon-notice-returned": {"school": Param.TEXT, "comment": Param.TEXT,
                             "reviewer": Param.TEXT},
    "abon-notice-accepted": {"school": Param.TEXT, "curator": Param.TEXT},
    "abon-notice-curator": {"school": Param.TEXT},
    "abon-alert-bank": {"school": Param.TEXT, "three": Param.INT},
    "abon-alert-bank-info": {"school": Param.TEXT, "three": Param.INT},
    "abon-notice-mun-agreed": {"school": Param.TEXT},
    "abon-notice-signed": {"school": Param.TEXT},
    # kind: «volume» (the hours) or «topics» (the competence groups; the hours stay)
    "abon-notice-change": {"school": Param.TEXT, "who": Param.TEXT, "reason": Param.TEXT,
                           "kind": Param.CHOICE, "in_person": Param.NUMBER,
                           "remote": Param.NUMBER, "self_study": Param.NUMBER},
    "abon-notice-change-decided": {"school": Param.TEXT, "accepted": Param.INT,
                                   "kind": Param.CHOICE, "who": Param.TEXT,
                                   "in_person": Param.NUMBER, "remote": Param.NUMBER,
                                   "self_study": Param.NUMBER},
    "abon-notice-completed": {"school": Param.TEXT},
    "abon-notice-diagnosis": {"school": Param.TEXT, "stage": Param.CHOICE,
                              "until": Param.DATE, "total": Param.INT},
    # external diagnostics (domain.external)
    "ext-notice-entered": {"operator": Param.TEXT, "date": Param.DATE},
    "ext-notice-corrected": {"operator": Param.TEXT, "date": Param.DATE},
    # the group ИОМ (domain.group_route)
    "grp-notice-added": {"title": Param.TEXT, "school": Param.TEXT, "coordinator": Param.TEXT},
    "grp-notice-closed": {"title": Param.TEXT},
    "grp-notice-overdue": {"title": Param.TEXT, "route": Param.TEXT, "due": Param.DATE},
}


# ---- where a button leads -------------------------------------------------------------------


class Section(StrEnum):
    """Sections of the main menu."""

    HOME = "home"
    DIAGNOSIS = "diagnosis"
    ROUTE = "route"
    EVENTS = "events"
    COURSES = "courses"
    MENTORING = "mentoring"
    ACTIVITY = "activity"


@dataclass(frozen=True, slots=True)
class OpenMenu:
    """A section of the main menu (the teacher's own ИОМ, the self-diagnosis…)."""

    kind: ClassVar[str] = "open_menu"
    section: Section


@dataclass(frozen=True, slots=True)
class ReviewRoute:
    """A coordinator's card of a submitted ИОМ."""

    kind: ClassVar[str] = "review_route"
    route_id: int


@dataclass(frozen=True, slots=True)
class OpenCourseForm:
    """The teacher's own form (a technical assignment or a course report)."""

    kind: ClassVar[str] = "open_course_form"
    form_id: int


@dataclass(frozen=True, slots=True)
class ReviewCourseForm:
    """A coordinator's card of a submitted form."""

    kind: ClassVar[str] = "review_course_form"
    form_id: int


@dataclass(frozen=True, slots=True)
class OpenEvent:
    """An event's card (its way back leads to «Мои записи»)."""

    kind: ClassVar[str] = "open_event"
    event_id: int


@dataclass(frozen=True, slots=True)
class ConfirmSeat:
    """Take the seat offered from the waitlist."""

    kind: ClassVar[str] = "confirm_seat"
    event_id: int


@dataclass(frozen=True, slots=True)
class DeclineSeat:
    """Give up the seat offered from the waitlist."""

    kind: ClassVar[str] = "decline_seat"
    event_id: int


@dataclass(frozen=True, slots=True)
class CancelRegistration:
    kind: ClassVar[str] = "cancel_registration"
    event_id: int


@dataclass(frozen=True, slots=True)
class OpenTerritoryList:
    """A coordinator's list of teachers in a scope, filtered («Мои педагоги»)."""

    kind: ClassVar[str] = "territory_list"
    org_id: int
    filter: str = "all"


@dataclass(frozen=True, slots=True)
class OpenFeedback:
    """The attendee's feedback form after an event (domain.feedback)."""

    kind: ClassVar[str] = "open_feedback"
    feedback_id: int


@dataclass(frozen=True, slots=True)
class DownloadCertificate:
    """The holder's certificate of participation as a PDF (domain.certificates)."""

    kind: ClassVar[str] = "download_certificate"
    certificate_id: int


@dataclass(frozen=True, slots=True)
class OpenCampaign:
    """A monitoring campaign's card for a participant (its «Пройти» button)."""

    kind: ClassVar[str] = "open_campaign"
    campaign_id: int


@dataclass(frozen=True, slots=True)
class AcceptProposal:
    """The mentee accepts their mentor's proposal into the ИОМ (domain.mentoring)."""

    kind: ClassVar[str] = "accept_proposal"
    proposal_id: int


@dataclass(frozen=True, slots=True)
class DeclineProposal:
    """The mentee declines their mentor's proposal (with an optional reason)."""

    kind: ClassVar[str] = "decline_proposal"
    proposal_id: int


@dataclass(frozen=True, slots=True)
class AbonementAction:
    """A «методический абонемент»: open its card, or agree / return it (the municipality)."""

    kind: ClassVar[str] = "abonement"
    abonement_id: int
    action: str = "open"  # open, agree, return


@dataclass(frozen=True, slots=True)
class OpenGroupRoute:
    """A group ИОМ's card for its member (domain.group_route)."""

    kind: ClassVar[str] = "open_group_route"
    group_id: int


Target = (OpenMenu | ReviewRoute | OpenCourseForm | ReviewCourseForm | OpenEvent | ConfirmSeat
          | DeclineSeat | CancelRegistration | OpenTerritoryList | OpenFeedback
          | DownloadCertificate | OpenCampaign | AcceptProposal | DeclineProposal
          | AbonementAction | OpenGroupRoute)
TARGETS: dict[str, type[Target]] = {
    cls.kind: cls
    for cls in (OpenMenu, ReviewRoute, OpenCourseForm, ReviewCourseForm, OpenEvent,
                ConfirmSeat, DeclineSeat, CancelRegistration, OpenTerritoryList, OpenFeedback,
                DownloadCertificate, OpenCampaign, AcceptProposal, DeclineProposal,
                AbonementAction, OpenGroupRoute)
}


# ---- storing (the outbox's JSON columns) ----------------------------------------------------

#: written into every encoded ``params``: rows without it were recorded before notifications
#: became data (their string parameters may be pre-escaped HTML, their buttons callback data)
FORMAT_KEY, FORMAT = "$v", 2


def encode_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, datetime):  # before date: a datetime is a date
        if value.tzinfo is None:
            raise ValueError("notification datetimes must be timezone-aware")
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Span):
        return {"$span": [encode_value(value.start)["$dt"], encode_value(value.end)["$dt"]]}
    if isinstance(value, (list, tuple)):
        return [encode_value(v) for v in value]
    raise TypeError(f"a notification parameter cannot be {type(value).__name__}")


def decode_value(value: Any) -> Any:
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        (tag, raw), = value.items()
        if tag == "$dec":
            return Decimal(raw)
        if tag == "$dt":
            return datetime.fromisoformat(raw)
        if tag == "$date":
            return date.fromisoformat(raw)
        if tag == "$span":
            return Span(datetime.fromisoformat(raw[0]), datetime.fromisoformat(raw[1]))
    return value


def encode_params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {FORMAT_KEY: FORMAT, **{name: encode_value(v) for name, v in params.items()}}


def decode_params(stored: Mapping[str, Any] | None) -> tuple[dict[str, Any], bool]:
    """The parameters, and whether the row predates this format (``legacy``)."""
    stored = dict(stored or {})
    legacy = stored.pop(FORMAT_KEY, None) is None
    return {name: decode_value(v) for name, v in stored.items()}, legacy


def encode_targets(targets: Sequence[Target]) -> list[list[dict[str, Any]]]:
    """One button per row, in order."""
    out = []
    for target in targets:
        data: dict[str, Any] = {"to": target.kind}
        for f in fields(target):
            value = getattr(target, f.name)
            data[f.name] = value.value if isinstance(value, StrEnum) else value
        out.append([data])
    return out


def decode_target(data: Mapping[str, Any]) -> Target:
    cls = TARGETS[data["to"]]
    values = {k: v for k, v in data.items() if k != "to"}
    if cls is OpenMenu:
        values["section"] = Section(values["section"])
    return cls(**values)


def decode_targets(stored: Sequence[Sequence[Mapping[str, Any]]] | None) -> list[Target]:
    """The targets of a row written in this format (rows of old buttons are not targets)."""
    return [decode_target(b) for row in stored or [] for b in row if "to" in b]


__all__ = [
    "AbonementAction", "NOTICES", "TARGETS", "CancelRegistration", "ConfirmSeat", "DeclineSeat",
    "DownloadCertificate", "OpenCampaign", "OpenCourseForm", "OpenFeedback",
    "OpenEvent", "OpenMenu", "OpenTerritoryList", "Param", "ReviewCourseForm", "ReviewRoute", "Section", "Span",
    "Target", "decode_params", "decode_target", "decode_targets", "encode_params",
    "encode_targets", "OpenGroupRoute",
]
