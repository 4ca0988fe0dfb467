"""Watching the pairs: a silent pair reminds the mentor, later tells the coordinator (once per
silence, with the frozen clock); the indicators on a small known dataset; /mydata and
/forgetme over the mentoring tables."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from aiogram.methods import SendDocument

from bot.jobs import mentoring_tick
from domain import mentoring as mnt
from domain.errors import AccessDenied
from tests.clock import TEST_CLOCK
from tests.conftest import outbox
from tests.harness import Person
from tests.mentoring.support import (
    MENTEE_NAME,
    MENTOR_NAME,
    TZ,
    YOUNG,
    actor,
    diagnose,
    ledger,
    meetings,
    now,
    pair_up,
    pairs,
    read,
    run,
    today,
    world,
)

WEEKS = 3


async def tick(app) -> int:
    return await mentoring_tick(app.sessions, TZ, TEST_CLOCK, WEEKS)


async def log(app, mentor_id: int, pair_id: int, days_ago: int = 0, hours: str = "1") -> None:
    who = await actor(app, mentor_id)
    await run(app, mnt.log_meeting, who, pair_id, today() - timedelta(days=days_ago),
              "Разбор урока", Decimal(hours), None, None, today(), TZ, now())


async def test_a_silent_pair_reminds_the_mentor_then_tells_the_coordinator(app, orgs) -> None:
    ids = await world(app, orgs)
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"])
    assert await tick(app) == 0
    TEST_CLOCK.advance(timedelta(weeks=WEEKS) - timedelta(days=1))
    assert await tick(app) == 0  # not yet three weeks
    TEST_CLOCK.advance(timedelta(days=2))
    assert await tick(app) == 1
    assert await tick(app) == 0  # recorded once, however often the job runs
    [reminder] = await outbox(app, "mnt-notice-quiet")
    assert reminder.person_id == ids["mentor"]
    assert reminder.params["name"] == MENTEE_NAME
    assert not await outbox(app, "mnt-alert-quiet")

    TEST_CLOCK.advance(timedelta(weeks=WEEKS))  # six weeks and a day: the coordinator
    assert await tick(app) == 1
    assert await tick(app) == 0
    [alert] = await outbox(app, "mnt-alert-quiet")
    assert alert.person_id == ids["coord"]
    assert alert.params["mentor"] == MENTOR_NAME and alert.params["mentee"] == MENTEE_NAME

    # a meeting starts a new silence: quiet again only three weeks after it
    await log(app, ids["mentor"], pair.id)
    assert await tick(app) == 0
    TEST_CLOCK.advance(timedelta(weeks=WEEKS, days=1))
    assert await tick(app) == 1
    assert len(await outbox(app, "mnt-notice-quiet")) == 2
    # an ended pair is not watched
    who = await actor(app, ids["mentor"])
    await run(app, mnt.end_pair, who, pair.id, "Цели достигнуты полностью.", today(), now())
    TEST_CLOCK.advance(timedelta(weeks=10))
    assert await tick(app) == 0


async def test_a_school_without_coordinator_escalates_to_the_municipality(app, orgs) -> None:
    ids = await world(app, orgs)
    mun = await actor(app, ids["mun"])
    await run(app, mnt.create_pair, mun, ids["young3"], ids["young2"], today(), [], today(),
              now())
    TEST_CLOCK.advance(timedelta(weeks=2 * WEEKS, days=1))
    assert await tick(app) == 2
    [alert] = await outbox(app, "mnt-alert-quiet")
    assert alert.person_id == ids["mun"]


async def test_indicators_on_a_known_dataset(app, orgs) -> None:
    ids = await world(app, orgs)
    # school 1: two young specialists, one with a mentor; school 3: one, with none yet;
    # another municipality: one young specialist (outside the figures of mun1)
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"],
                         started_on=today() - timedelta(days=60))
    await log(app, ids["mentor"], pair.id, days_ago=40, hours="2")
    await log(app, ids["mentor"], pair.id, days_ago=10, hours="1.5")
    since = today() - timedelta(days=30)
    mun = await actor(app, ids["mun"])
    figures = await read(app, mnt.figures, mun, orgs["mun1"], since)
    units = {u.org_id: u for u in figures.units}
    s1, s3 = units[orgs["school1"]], units[orgs["school3"]]
    assert (s1.young, s1.young_mentored, s1.share) == (2, 1, 50.0)
    assert (s1.pairs, s1.meetings, s1.hours, s1.meetings_per_pair) == (1, 1, 1.5, 1.0)
    assert (s3.young, s3.young_mentored, s3.share, s3.pairs) == (1, 0, 0.0, 0)
    assert units[orgs["school2"]].share is None  # no young specialists: no share
    t = figures.total
    assert (t.young, t.young_mentored, t.share, t.pairs, t.meetings) == (3, 1, 33.3, 1, 1)
    # the region: one line per municipality
    school_coord = await actor(app, ids["coord"])  # a school's coordinator: not the municipality
    with pytest.raises(AccessDenied):
        await read(app, mnt.figures, school_coord, orgs["mun1"], since)
    from domain.access import Actor
    from domain.entities import RoleGrant
    from domain.enums import Role

    regional = Actor(ids["mun"], (RoleGrant(Role.REGIONAL_COORDINATOR, orgs["region"]),))
    region = await read(app, mnt.figures, regional, orgs["region"], since)
    lines = {u.org_id: u for u in region.units}
    assert (lines[orgs["mun1"]].young, lines[orgs["mun1"]].young_mentored) == (3, 1)
    assert (lines[orgs["mun2"]].young, lines[orgs["mun2"]].share) == (1, 0.0)
    assert region.total.young == 4 and region.total.share == 25.0


async def test_mydata_and_forgetme_cover_the_mentoring_tables(app, orgs) -> None:
    ids = await world(app, orgs)
    await diagnose(app, ids["young"])
    options = await read(app, mnt.goal_options, await actor(app, ids["coord"]), ids["young"])
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"],
                         started_on=today() - timedelta(days=5),
                         goals=[options[0].indicator])
    await log(app, ids["mentor"], pair.id, days_ago=1, hours="1.5")
    mentee = Person(app, YOUNG)
    await mentee.send("/mydata")
    data = json.loads(mentee.tg.of(SendDocument)[-1].document.data.decode("utf-8"))
    rec = data["records"]
    [row] = rec["mentoring_pairs"]
    assert row["goals"][0]["title"] == options[0].title
    [meeting] = rec["mentoring_meetings"]
    assert meeting["topic"] == "Разбор урока" and meeting["hours"] == 1.5
    assert any(h["hours"] == 1.5 for h in rec["hours_ledger"])

    await mentee.send("/forgetme")
    await mentee.press("Да, удалить")
    assert "удалены" in mentee.last.text
    assert not await pairs(app) and not await meetings(app)
    # the mentor keeps their own hours; the mentee's are gone with them
    assert await ledger(app) == [(ids["mentor"], "in_person", 1.5)]
