"""Unit tests of the registration rules, parsers, reminders and the .ics file (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain import events as ev
from domain.errors import ValidationError
from domain.hours import LedgerEntry, summarize

TZ = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 12:00 in Moscow


def event(**kw: object) -> ev.Event:
    start = NOW + timedelta(days=3)
    base: dict[str, object] = {
        "id": 7, "title": "Семинар", "form": ev.EventForm.SEMINAR,
        "level": ev.EventLevel.MUNICIPAL, "organiser_id": 2, "groups": ["methodological"],
        "description": None, "sessions": [ev.Session(start, start + timedelta(hours=3), 1)],
        "place": "Зал", "online_url": None, "hours": ev.Hours(4, 2, 0), "capacity": 30,
        "deadline": None, "audience": [2], "reminders": [1440, 60],
        "status": ev.EventStatus.PUBLISHED,
    }
    base.update(kw)
    return ev.Event(**base)  # type: ignore[arg-type]


# ---- seats, waitlist, promotion ------------------------------------------------------------


def test_newcomer_gets_a_seat_only_if_free_and_nobody_waits() -> None:
    assert ev.place_for_newcomer(None, ev.SeatCounts(100, 0, 0)) is ev.RegStatus.CONFIRMED
    assert ev.place_for_newcomer(3, ev.SeatCounts(2, 0, 0)) is ev.RegStatus.CONFIRMED
    assert ev.place_for_newcomer(3, ev.SeatCounts(2, 1, 0)) is ev.RegStatus.WAITLISTED
    assert ev.place_for_newcomer(3, ev.SeatCounts(3, 0, 0)) is ev.RegStatus.WAITLISTED
    # a seat is free but someone is waiting: the newcomer does not jump the queue
    assert ev.place_for_newcomer(3, ev.SeatCounts(2, 0, 4)) is ev.RegStatus.WAITLISTED


def test_seats_to_offer() -> None:
    assert ev.seats_to_offer(3, ev.SeatCounts(3, 0, 5)) == 0
    assert ev.seats_to_offer(3, ev.SeatCounts(1, 1, 5)) == 1
    assert ev.seats_to_offer(10, ev.SeatCounts(1, 0, 2)) == 2
    assert ev.seats_to_offer(None, ev.SeatCounts(1, 0, 2)) == 2
    assert ev.seats_left(5, ev.SeatCounts(4, 3, 0)) == 0
    assert ev.seats_left(None, ev.SeatCounts(4, 3, 0)) is None


def test_registration_closes_at_deadline_start_and_on_cancel() -> None:
    e = event()
    assert ev.registration_error(e, NOW) is None
    late = event(deadline=NOW - timedelta(minutes=1))
    err = ev.registration_error(late, NOW)
    assert err is not None and err.key == "ev-error-deadline"
    assert ev.registration_error(e, e.starts_at).key == "ev-error-started"  # type: ignore[union-attr]
    assert ev.registration_error(event(status=ev.EventStatus.CANCELLED), NOW).key == \
        "ev-error-cancelled"  # type: ignore[union-attr]
    assert e.registration_closes_at() == e.starts_at
    assert event(deadline=NOW).registration_closes_at() == NOW


def test_offer_expiry_never_after_the_start() -> None:
    assert ev.offer_expiry(NOW, event()) == NOW + ev.OFFER_TTL
    soon = event(sessions=[ev.Session(NOW + timedelta(hours=2), NOW + timedelta(hours=4))])
    assert ev.offer_expiry(NOW, soon) == NOW + timedelta(hours=2)


# ---- reminders -----------------------------------------------------------------------------


def test_due_reminder_picks_the_nearest_due_and_skips_the_past() -> None:
    start = NOW + timedelta(hours=30)
    reg = NOW - timedelta(days=5)
    assert ev.due_reminder(start, [1440, 60], reg, NOW) is None  # 30 h ahead: nothing yet
    assert ev.due_reminder(start, [1440, 60], reg, start - timedelta(hours=23)) == 1440
    assert ev.due_reminder(start, [1440, 60], reg, start - timedelta(minutes=59)) == 60
    assert ev.due_reminder(start, [1440, 60], reg, start) is None  # started
    # registered three hours before: the 24-hour reminder's moment was before registration
    late = start - timedelta(hours=3)
    assert ev.due_reminder(start, [1440, 60], late, start - timedelta(hours=2)) is None
    assert ev.due_reminder(start, [1440, 60], late, start - timedelta(minutes=30)) == 60
    assert ev.due_reminder(start, [], reg, start - timedelta(minutes=30)) is None


def test_reminder_keys_change_with_the_start_and_share_a_prefix() -> None:
    t = ev.ReminderTarget(7, "x", None, None, (60,), 3, NOW, NOW, 11, NOW)
    key = ev.reminder_key(t, 60)
    assert key.startswith(ev.reminder_prefix(7, 11)) and key.startswith(ev.reminder_prefix(7))
    moved = ev.ReminderTarget(7, "x", None, None, (60,), 3, NOW + timedelta(days=1), NOW, 11, NOW)
    assert ev.reminder_key(moved, 60) != key
    # person 1's prefix is not a prefix of person 11's keys
    assert not key.startswith(ev.reminder_prefix(7, 1))


# ---- parsers ---------------------------------------------------------------------------------


def test_parse_sessions_formats_and_errors() -> None:
    s = ev.parse_sessions("25.12.2026 10:00-13:00\n26.12.2026, 10.00 – 13.30", TZ, NOW)
    assert [(x.starts_at, x.ends_at) for x in s] == [
        (datetime(2026, 12, 25, 7, 0, tzinfo=UTC), datetime(2026, 12, 25, 10, 0, tzinfo=UTC)),
        (datetime(2026, 12, 26, 7, 0, tzinfo=UTC), datetime(2026, 12, 26, 10, 30, tzinfo=UTC)),
    ]
    assert len(ev.parse_sessions("25.12.26 10:00-13:00; 27.12.2026 09:00-10:00", TZ, NOW)) == 2
    over_midnight = ev.parse_sessions("25.12.2026 20:00 - 26.12.2026 01:00", TZ, NOW)
    assert over_midnight[0].ends_at - over_midnight[0].starts_at == timedelta(hours=5)
    cases = {
        "": "ev-error-sessions-empty",
        "завтра в 10": "ev-error-session-format",
        "31.02.2027 10:00-11:00": "ev-error-session-date",
        "25.12.2026 13:00-10:00": "ev-error-session-order",
        "25.12.2026 06:00 - 26.12.2026 20:00": "ev-error-session-long",
        "25.11.2026 10:00-11:00": "ev-error-session-past",
        "25.12.2030 10:00-11:00": "ev-error-session-far",
        "25.12.2026 10:00-12:00\n25.12.2026 11:00-13:00": "ev-error-sessions-overlap",
    }
    for text, key in cases.items():
        with pytest.raises(ValidationError) as err:
            ev.parse_sessions(text, TZ, NOW)
        assert err.value.key == key, text
    with pytest.raises(ValidationError) as err:
        ev.parse_sessions("25.12.2026 10:00-11:00\nпотом", TZ, NOW)
    assert err.value.params["line"] == 2


def test_parse_hours_capacity_deadline_url_reminders() -> None:
    assert ev.parse_hours("6 2 0") == ev.Hours(6, 2, 0)
    assert ev.parse_hours("1,5; 0,5") == ev.Hours(1.5, 0.5, 0)
    assert ev.parse_hours("6, 2, 1") == ev.Hours(6, 2, 1)
    assert ev.parse_hours("8") == ev.Hours(8, 0, 0)
    for bad, key in [("", "ev-error-hours-format"), ("шесть", "ev-error-hours-format"),
                     ("1 2 3 4", "ev-error-hours-format"), ("0 0 0", "ev-error-hours-zero"),
                     ("1,25", "ev-error-hours-step"), ("501", "ev-error-hours-range")]:
        with pytest.raises(ValidationError) as err:
            ev.parse_hours(bad)
        assert err.value.key == key, bad
    assert ev.parse_hour_value(2) == 2.0 and ev.parse_hour_value(None) == 0.0
    assert ev.parse_capacity("30") == 30 and ev.parse_capacity("") is None
    assert ev.parse_capacity(25.0) == 25
    for bad in ("0", "тридцать", "-1", "100001"):
        with pytest.raises(ValidationError):
            ev.parse_capacity(bad)
    sessions = ev.parse_sessions("25.12.2026 10:00-13:00", TZ, NOW)
    assert ev.parse_deadline("20.12.2026 18:00", TZ, NOW, sessions) == \
        datetime(2026, 12, 20, 15, 0, tzinfo=UTC)
    assert ev.parse_deadline("20.12.2026", TZ, NOW, sessions) == \
        datetime(2026, 12, 20, 20, 59, tzinfo=UTC)
    for bad, key in [("26.12.2026 10:00", "ev-error-deadline-after-start"),
                     ("01.11.2026", "ev-error-deadline-past"),
                     ("скоро", "ev-error-datetime-format")]:
        with pytest.raises(ValidationError) as err:
            ev.parse_deadline(bad, TZ, NOW, sessions)
        assert err.value.key == key
    assert ev.parse_url("https://sferum.ru/?call_link=abc") == "https://sferum.ru/?call_link=abc"
    with pytest.raises(ValidationError):
        ev.parse_url("sferum.ru")
    assert ev.parse_reminders("24ч 1ч") == [1440, 60]
    assert ev.parse_reminders("30 мин, 2 дня") == [2880, 30]
    assert ev.parse_reminders("1h") == [60] and ev.parse_reminders("0") == []
    for bad in ("скоро", "1 минута", "8 дней", "1ч 2ч 3ч 4ч"):
        with pytest.raises(ValidationError):
            ev.parse_reminders(bad)
    with pytest.raises(ValidationError):
        ev.parse_title("ab")
    assert ev.parse_title("  Круглый   стол ") == "Круглый стол"
    assert ev.parse_groups(["communicative", "subject", "subject"]) == ["subject", "communicative"]


def test_draft_roundtrips_through_json() -> None:
    import json

    d = ev.EventDraft(title="T", form=ev.EventForm.COURSE, level=ev.EventLevel.REGIONAL,
                      organiser_id=1, groups=["subject"],
                      sessions=ev.parse_sessions("25.12.2026 10:00-13:00", TZ, NOW),
                      hours=ev.Hours(36, 0, 36), capacity=25, deadline=NOW, audience=[1, 2])
    again = ev.EventDraft.from_dict(json.loads(json.dumps(d.to_dict())))
    assert again == d


# ---- catalogue order and months ---------------------------------------------------------


def test_catalogue_puts_deficit_matches_first_then_by_date() -> None:
    a = event(id=1, groups=["subject"], sessions=[ev.Session(NOW + timedelta(days=1),
                                                             NOW + timedelta(days=1, hours=1))])
    b = event(id=2, groups=["communicative"], sessions=[ev.Session(NOW + timedelta(days=5),
                                                                   NOW + timedelta(days=5, hours=1))])
    c = event(id=3, groups=["methodological"], sessions=[ev.Session(NOW + timedelta(days=2),
                                                                    NOW + timedelta(days=2, hours=1))])
    assert [e.id for e in ev.sort_catalogue([a, b, c], [])] == [1, 3, 2]
    assert [e.id for e in ev.sort_catalogue([a, b, c], ["communicative"])] == [2, 1, 3]


def test_month_bounds_are_local() -> None:
    start, end = ev.month_bounds("202612", TZ)
    assert start == datetime(2026, 11, 30, 21, 0, tzinfo=UTC)
    assert end == datetime(2026, 12, 31, 21, 0, tzinfo=UTC)
    assert ev.next_months(NOW, TZ, 3) == ["202612", "202701", "202702"]
    with pytest.raises(ValidationError):
        ev.month_bounds("2026-12", TZ)


# ---- .ics and hours ---------------------------------------------------------------------


def test_ics_file() -> None:
    e = event(title="Семинар; «Оценивание», часть 2", description="Строка 1\nСтрока 2",
              online_url="https://example.org/x", reschedules=2,
              sessions=[ev.Session(datetime(2026, 12, 25, 7, 0, tzinfo=UTC),
                                   datetime(2026, 12, 25, 10, 0, tzinfo=UTC)),
                        ev.Session(datetime(2026, 12, 26, 7, 0, tzinfo=UTC),
                                   datetime(2026, 12, 26, 10, 0, tzinfo=UTC))])
    body = ev.event_ics(e, NOW)
    text = body.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2 and text.count("END:VEVENT") == 2
    assert "DTSTART:20261225T070000Z" in text and "DTEND:20261226T100000Z" in text
    assert "UID:event-7-1@marshrut.bot" in text and "SEQUENCE:2" in text
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Семинар\\; «Оценивание»\\, часть 2 (1/2)" in unfolded
    assert "DESCRIPTION:Строка 1\\nСтрока 2" in unfolded
    assert "TRIGGER:-PT1H" in text
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75


def test_hours_summarised_by_year_and_kind() -> None:
    entries = [
        LedgerEntry(1, 10, ev.HoursKind.IN_PERSON, 4, datetime(2026, 3, 1, tzinfo=UTC)),
        LedgerEntry(1, 10, ev.HoursKind.REMOTE, 2, datetime(2026, 3, 1, tzinfo=UTC)),
        LedgerEntry(1, 11, ev.HoursKind.IN_PERSON, 1.5, datetime(2026, 12, 31, 22, tzinfo=UTC)),
        LedgerEntry(1, 12, ev.HoursKind.SELF_STUDY, 6, datetime(2025, 5, 1, tzinfo=UTC)),
    ]
    years = summarize(entries, TZ)
    assert [y.year for y in years] == [2027, 2026, 2025]  # 31.12 22:00 UTC is 2027 in Moscow
    y2026 = years[1]
    assert y2026.by_kind[ev.HoursKind.IN_PERSON] == 4 and y2026.total == 6 and y2026.events == 1
    from handlers.views import fmt_hours

    assert fmt_hours(1.5, "ru") == "1,5" and fmt_hours(6.0, "ru") == "6"
    assert fmt_hours(1.5, "en") == "1.5" and fmt_hours(6.0, "en") == "6"


def test_levels_for_scopes() -> None:
    from domain.access import Actor
    from domain.entities import Org, RoleGrant
    from domain.enums import OrgKind, Role

    mun = Org(2, OrgKind.MUNICIPALITY, "М", 1, None, 1)
    coord = Actor(5, (RoleGrant(Role.MUNICIPAL_COORDINATOR, 2),))
    assert ev.levels_for(coord, [mun]) == [ev.EventLevel.SCHOOL, ev.EventLevel.MUNICIPAL]
    assert ev.levels_for(Actor(5, (), True), []) == list(ev.EventLevel)
    assert ev.levels_for(Actor(5, ()), []) == []


def test_every_label_built_from_a_value_exists_in_both_locales() -> None:
    from fluent.syntax import FluentParser, ast

    from handlers.events import form as events_admin

    def keys(locale: str) -> set[str]:
        from pathlib import Path

        root = Path(__file__).resolve().parents[2] / "locales" / locale
        out = set()
        for path in root.glob("*.ftl"):
            for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
                if isinstance(entry, ast.Message):
                    out.add(entry.id.name)
        return out

    needed = set()
    for f in ev.EventForm:
        needed |= {f"ev-form-{f.value}", f"ev-form-{f.value}-aliases"}
    for lvl in ev.EventLevel:
        needed |= {f"ev-level-{lvl.value}", f"ev-level-{lvl.value}-aliases"}
    for g in ev.COMPETENCE_GROUPS:
        needed |= {f"ev-group-{g}", f"ev-group-{g}-aliases"}
    needed |= {f"ev-status-{s.value}" for s in ev.RegStatus}
    needed |= {f"ev-my-{s}" for s in ("confirmed", "cancelled", "expired")}
    needed |= {f"ev-mark-{s.value}" for s in ev.ACTIVE}
    needed |= {f"ev-orgkind-{k}" for k in ("region", "municipality", "school")}
    needed |= {f"ev-col-{f}" for f in ev.IMPORT_FIELDS}
    needed |= {f"ev-field-{f}" for f in events_admin.EDIT_STEPS}
    needed |= {f"ev-ask-{s}" for s in events_admin.TEXT_STEPS}
    needed |= {f"ev-chg-{f}" for f in ev.EventDraft().to_dict() if f not in ("organiser_id",
                                                                               "level")}
    needed |= {f"ev-filter-{w}" for w in ("form", "level", "month")}
    needed |= {f"ev-filter-ask-{w}" for w in ("form", "level", "month")}
    for locale in ("ru", "en"):
        missing = needed - keys(locale)
        assert not missing, (locale, sorted(missing))


def test_an_import_row_is_read_column_by_column_with_every_refusal_in_table_order() -> None:
    from domain.access import Actor
    from domain.entities import Org
    from domain.enums import OrgKind

    mun = Org(7, OrgKind.MUNICIPALITY, "Городской округ Тестовый", 1, None, 1)
    school = Org(8, OrgKind.SCHOOL, "МАОУ СОШ № 01", 7, 7, 1)
    codes = {"form": {"семинар": "seminar"}, "level": {"муниципальный": "municipal"},
             "groups": {}}
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    context = ev.RowContext(codes, {mun.name: [mun], school.name: [school]},
                            Actor(0, is_config_admin=True), ZoneInfo("Europe/Moscow"), now)
    good = {"title": " Семинар ", "form": "Семинар", "level": "муниципальный",
            "organiser": mun.name, "sessions": "25.12.2026 10:00-13:00", "place": "Зал",
            "hours_in_person": "3", "audience": school.name, "extra column": "ignored"}
    draft, refused = ev.read_row(2, good, context)
    assert refused == [] and draft is not None
    assert (draft.title, draft.form, draft.organiser_id, draft.audience) == (
        "Семинар", ev.EventForm.SEMINAR, 7, [8])
    assert draft.hours == ev.Hours(3, 0, 0) and len(draft.sessions) == 1

    bad = {"form": "вебинар", "level": "муниципальный", "organiser": school.name,
           "sessions": "", "hours_in_person": "0", "hours_remote": "", "capacity": "много"}
    draft, refused = ev.read_row(3, bad, context)
    assert draft is None
    assert [(e.line, e.field, e.key) for e in refused] == [
        (3, "title", "ev-error-required"),
        (3, "form", "ev-error-choice"),
        (3, "organiser", "ev-error-organiser-kind"),  # a school cannot hold a municipal event
        (3, "sessions", "ev-error-required"),
        (3, "hours_in_person", "ev-error-hours-zero"),  # the total, under «очные»
        (3, "capacity", refused[-1].key),
    ]
    assert refused[1].params == {"value": "вебинар"}
    # every cell fine but neither a place nor a link: checked once the cells are read
    _, refused = ev.read_row(4, {**good, "place": ""}, context)
    assert [(e.field, e.key) for e in refused] == [("place", "ev-error-place-or-link")]
