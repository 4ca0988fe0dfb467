"""Pure rules of campaigns and surveys (no database), and quiet hours on the queue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain import campaigns as camp
from domain import surveys
from domain.broadcasts import Audience, QuietHours
from domain.errors import ValidationError
from tests.campaigns.kit import COORDINATOR, TZ, coordinator, people, rows, survey_id
from tests.clock import TEST_CLOCK
from tests.conftest import run


def campaign(starts: date, days: int, reminders: tuple[str, ...] = camp.STAGES
             ) -> camp.Campaign:
    ends = starts + timedelta(days=days - 1)
    a, b = camp.window(starts, ends, TZ)
    return camp.Campaign(0, None, "t", camp.CampaignKind.SURVEY, 1, Audience(), starts, ends,
                         a, b, reminders, ("start",))


def test_reminder_stages_fall_on_their_days_once() -> None:
    c = campaign(date(2027, 4, 1), 14)
    assert c.due_stages(date(2027, 4, 3)) == []
    assert c.due_stages(date(2027, 4, 4)) == ["day3"]
    assert c.due_stages(date(2027, 4, 13)) == ["day3", "before_end"]
    c.reminded = ("start", "day3")
    assert c.due_stages(date(2027, 4, 13)) == ["before_end"]
    short = campaign(date(2027, 4, 1), 2)  # the day before the end is the first day
    assert short.due_stages(date(2027, 4, 2)) == []
    off = campaign(date(2027, 4, 1), 14, ("start",))
    assert off.due_stages(date(2027, 4, 13)) == []


def test_the_window_is_local_days() -> None:
    a, b = camp.window(date(2027, 4, 1), date(2027, 4, 14), TZ)
    assert a.isoformat() == "2027-04-01T00:00:00+03:00"
    assert b.isoformat() == "2027-04-15T00:00:00+03:00"


def test_drafts_are_checked() -> None:
    today = date(2027, 4, 1)
    d = camp.Draft(camp.CampaignKind.DIAGNOSIS, None, None, today, 14, False)
    camp.check_draft(d, today)
    with pytest.raises(ValidationError):
        camp.check_draft(d, today + timedelta(days=1))  # in the past
    with pytest.raises(ValidationError):
        camp.check_draft(camp.Draft(camp.CampaignKind.DIAGNOSIS, None, None, today, 500,
                                    False), today)
    with pytest.raises(ValidationError):
        camp.check_draft(camp.Draft(camp.CampaignKind.SURVEY, None, None, today, 7, False),
                         today)
    with pytest.raises(ValidationError):
        camp.with_reminders(d, "hourly")
    with pytest.raises(ValidationError):
        camp.draft_from({"kind": "poll", "starts_on": "2027-04-01", "days": 3})
    assert camp.with_reminders(d, "day3").reminders == ("start", "before_end")


def test_answers_are_checked_by_kind() -> None:
    s = {x.code: x for x, _ in surveys.shipped()}["motives"]
    q = {x.code: x for x in s.questions}
    assert surveys.check_answer(q["main_motive"], "career") == "career"
    assert surveys.check_answer(q["motives_all"], ["self", "results"]) == ["results", "self"]
    assert surveys.check_answer(q["satisfaction_growth"], "5") == 5
    assert surveys.check_answer(q["courses_hours"], " 1 000 ") == 1000
    assert surveys.check_answer(q["comment"], None) is None  # optional
    for question, value in ((q["main_motive"], "nope"), (q["motives_all"], []),
                            (q["satisfaction_growth"], "6"), (q["courses_hours"], "x"),
                            (q["main_motive"], None), (q["comment"], "я" * 1001)):
        with pytest.raises(ValueError):
            surveys.check_answer(question, value)


def test_anonymous_groups_under_five_are_hidden() -> None:
    s = {x.code: x for x, _ in surveys.shipped()}["support"]
    four = [{"overall": 5, "wishes": "Больше семинаров"}] * 4
    hidden = camp.distributions(s, four, anonymous=True)
    assert all(d.hidden and not d.counts and not d.texts for d in hidden)
    named = camp.distributions(s, four, anonymous=False)
    assert named[0].counts["5"] == 4 and named[0].mean == 5
    five = camp.distributions(s, [*four, {"overall": 3}], anonymous=True)
    assert five[0].counts == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 4} and five[0].mean == 4.6
    assert five[-1].texts == ("Больше семинаров",) * 4


async def test_quiet_hours_hold_the_invitations(make_app, orgs) -> None:
    app = await make_app()
    ids = await people(app, orgs)
    local = TEST_CLOCK.now().astimezone(TZ)
    start = (local - timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (local + timedelta(hours=1)).time().replace(second=0, microsecond=0)
    quiet = QuietHours(start, end, TZ)  # now is inside
    sid = await survey_id(app)

    draft = camp.Draft(camp.CampaignKind.SURVEY, sid, orgs["mun1"], local.date(), 7, False)
    c = await run(app, camp.create, coordinator(ids[COORDINATOR], orgs["mun1"]), draft, quiet,
                  TZ, TEST_CLOCK.now())
    held = await rows(app, camp.INVITE_KEY)
    assert len(held) == c.total == 5
    until = quiet.until(TEST_CLOCK.now())
    assert until is not None and all(r.not_before == until for r in held)
    assert until > TEST_CLOCK.now()
