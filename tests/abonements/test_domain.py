"""The abonement's rules without the chat: hours typed, the volume, the school year, who may
do what (forged ids), one open request per school, the plan's hours ordered / planned /
delivered, transfers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain import abonements as ab
from domain import events as ev
from domain.access import Actor
from domain.enums import Role
from domain.errors import AccessDenied, DomainError, ValidationError
from domain.events import EventLevel, Hours
from tests.abonements.kit import (
    CITY,
    CURATOR,
    CURATOR2,
    MUN,
    OTHER_SCHOOL,
    SCHOOL,
    TEACHER,
    TZ,
    accepted,
    actor,
    admin,
    event_day,
    notices,
    people,
    request,
    today,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, read, run
from tests.support.events import make_event


def test_hours_are_read_by_kind_with_friendly_refusals() -> None:
    assert ab.parse_hours("36 12 24") == Hours(36, 12, 24)
    assert ab.parse_hours("1,5; 2") == Hours(1.5, 2, 0)
    assert ab.parse_hours("16") == Hours(16, 0, 0)
    for bad, key in (("", "abon-error-hours-format"), ("много", "abon-error-hours-format"),
                     ("1 2 3 4", "abon-error-hours-format"), ("0 0", "abon-error-hours-zero"),
                     ("5000", "abon-error-hours-max"), ("-3", "abon-error-hours-format")):
        with pytest.raises(ValidationError) as err:
            ab.parse_hours(bad)
        assert err.value.key == key, bad


def test_volume_school_year_and_request_completeness() -> None:
    assert ab.over_volume(Hours(10, 4, 4), Hours(10, 4, 4)) is None
    assert ab.over_volume(Hours(10, 4, 4), Hours(8, 5, 0)) == (ev.HoursKind.REMOTE, 5, 4)
    assert ab.school_year_of(date(2026, 9, 1)) == 2026
    assert ab.school_year_of(date(2027, 8, 31)) == 2026
    assert ab.period(2026) == (date(2026, 9, 1), date(2027, 8, 31))
    assert ab.years_offered(date(2027, 1, 15)) == (2026, 2027)
    assert ab.Request().missing() == "reason"
    assert request(months=[]).missing() == "months"
    assert request().missing() is None
    r = request(positions=["teacher"], audience_note="молодые")
    assert ab.Request.from_dict(r.to_dict()) == r
    assert ab.Request.from_dict({"groups": ["nonsense", "subject"], "months": [13, 9],
                                 "reason": "forged"}) == ab.Request(groups=["subject"],
                                                                    months=[9])


async def test_who_may_file_agree_and_accept(app, orgs) -> None:
    ids = await people(app, orgs)
    now = TEST_CLOCK.now()
    school = actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR, orgs["school1"]))
    teacher = actor(ids[TEACHER], (Role.TEACHER, orgs["school1"]))
    other = actor(ids[OTHER_SCHOOL], (Role.SCHOOL_COORDINATOR, orgs["school2"]))
    mun = actor(ids[MUN], (Role.MUNICIPAL_COORDINATOR, orgs["mun1"]))
    mun2 = actor(ids[MUN], (Role.MUNICIPAL_COORDINATOR, orgs["mun2"]))
    for who in (teacher, other, mun, admin(ids[ADMIN_ID])):
        with pytest.raises(AccessDenied):
            await run(app, ab.submit, who, orgs["school1"], request(), now)
    with pytest.raises(ValidationError) as err:
        await run(app, ab.submit, school, orgs["school1"], request(groups=[]), now)
    assert err.value.params == {"step": "groups"}
    found = await run(app, ab.submit, school, orgs["school1"], request(), now)
    assert found.three_party and found.status is ab.Status.SUBMITTED
    with pytest.raises(ValidationError) as err:  # one open request per school
        await run(app, ab.submit, school, orgs["school1"], request(), now)
    assert err.value.key == "abon-error-open-exists"
    for who in (teacher, other, mun2):
        with pytest.raises(AccessDenied):
            await run(app, ab.agree_municipal, who, found.id, now)
        with pytest.raises(AccessDenied):
            await read(app, ab.card, who, found.id)
    for who in (school, admin(ids[ADMIN_ID])):  # not theirs at this stage
        with pytest.raises(ValidationError):
            await run(app, ab.agree_municipal, who, found.id, now)
    with pytest.raises(ValidationError):  # the centre waits for the municipality
        await run(app, ab.accept, admin(ids[ADMIN_ID]), found.id, ids[CURATOR],
                  Hours(10), ab.years_offered(today())[0], today(), now)
    await run(app, ab.agree_municipal, mun, found.id, now)
    year = ab.years_offered(today())[0]
    centre = admin(ids[ADMIN_ID])
    for curator_id, hours, y, key in (
            (ids[MUN], Hours(10), year, "abon-error-curator"),  # not a methodist of the centre
            (ids[TEACHER], Hours(10), year, "abon-error-curator"),
            (ids[CURATOR], Hours(10), year + 5, "abon-error-year"),
            (ids[CURATOR], Hours(), year, "abon-error-hours-zero")):
        with pytest.raises(ValidationError) as err:
            await run(app, ab.accept, centre, found.id, curator_id, hours, y, today(), now)
        assert err.value.key == key
    with pytest.raises(AccessDenied):  # a regional coordinator is not the centre's admin
        await run(app, ab.accept, actor(ids[CURATOR], (Role.REGIONAL_COORDINATOR,
                                                       orgs["region"])),
                  found.id, ids[CURATOR], Hours(10), year, today(), now)
    done = await run(app, ab.accept, centre, found.id, ids[CURATOR], Hours(10, 2), year,
                     today(), now)
    assert done.status is ab.Status.ACCEPTED
    assert [n.person_id for n in await notices(app, "abon-notice-curator")] == [ids[CURATOR]]
    assert [n.person_id for n in await notices(app, "abon-notice-accepted")] == [ids[SCHOOL]]


async def test_a_school_without_a_municipal_coordinator_goes_two_party(app, orgs) -> None:
    ids = await people(app, orgs)
    city = actor(ids[CITY], (Role.SCHOOL_COORDINATOR, orgs["other_school"]))
    found = await run(app, ab.submit, city, orgs["other_school"], request(),
                      TEST_CLOCK.now())
    assert not found.three_party and found.with_centre()
    assert await notices(app, "abon-alert-submitted") == []


async def test_lists_follow_the_scope_and_the_filters(app, orgs) -> None:
    ids = await people(app, orgs)
    now = TEST_CLOCK.now()
    await run(app, ab.submit, actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR, orgs["school1"])),
              orgs["school1"], request(), now)
    await run(app, ab.submit, actor(ids[CITY], (Role.SCHOOL_COORDINATOR, orgs["other_school"])),
              orgs["other_school"], request(), now)
    centre = await read(app, ab.listing, admin(ids[ADMIN_ID]), None, None, 0)
    assert centre.total == 2 and len(centre.municipalities) == 2
    only = await read(app, ab.listing, admin(ids[ADMIN_ID]), None, orgs["mun2"], 0)
    assert [r.school for r in only.rows] == ["МКОУ Заречная СОШ"]
    mun = await read(app, ab.listing, actor(ids[MUN], (Role.MUNICIPAL_COORDINATOR,
                                                       orgs["mun1"])), None, orgs["mun2"], 0)
    assert [r.school for r in mun.rows] == ["МАОУ СОШ № 01"]  # their scope, whatever asked
    other = await read(app, ab.listing, actor(ids[OTHER_SCHOOL], (Role.SCHOOL_COORDINATOR,
                                                                  orgs["school2"])), None, None, 0)
    assert other.total == 0
    with pytest.raises(AccessDenied):
        await read(app, ab.listing, actor(ids[TEACHER], (Role.TEACHER, orgs["school1"])),
                   None, None, 0)
    with pytest.raises(ValidationError):
        await read(app, ab.listing, admin(ids[ADMIN_ID]), "forged", None, 0)


async def test_plan_hours_ordered_planned_delivered(app, orgs) -> None:
    ids = await people(app, orgs)
    year = ab.school_year_of(event_day(3))
    abonement_id = await accepted(app, orgs, ids, year=year, ordered=Hours(10, 4, 4))
    curator = actor(ids[CURATOR], (Role.REGIONAL_COORDINATOR, orgs["region"]))
    other_curator = actor(ids[CURATOR2], (Role.REGIONAL_COORDINATOR, orgs["region"]))
    school = actor(ids[SCHOOL], (Role.SCHOOL_COORDINATOR, orgs["school1"]))
    starts = TEST_CLOCK.now() + timedelta(days=3)
    lesson = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL, title="Урок",
                              starts=starts, hours=Hours(4, 2, 0))
    addressed = await make_event(app, orgs["mun1"], title="Десант в школу", starts=starts,
                                 audience=[orgs["school1"]], hours=Hours(4, 0, 2))
    elsewhere = await make_event(app, orgs["school2"], level=EventLevel.SCHOOL, title="Чужой",
                                 starts=starts)
    now = TEST_CLOCK.now()
    _, found = await read(app, ab.candidates, curator, abonement_id, TZ, now)
    assert {e.id for e in found} == {lesson, addressed}
    for who in (other_curator, school):
        with pytest.raises(AccessDenied if who is other_curator else DomainError):
            await run(app, ab.add_item, who, abonement_id, lesson, None, TZ, now)
    with pytest.raises(ValidationError) as err:
        await run(app, ab.add_item, curator, abonement_id, elsewhere, None, TZ, now)
    assert err.value.key == "abon-error-event-elsewhere"
    item = await run(app, ab.add_item, curator, abonement_id, lesson, None, TZ, now)
    with pytest.raises(ValidationError) as err:  # twice
        await run(app, ab.add_item, curator, abonement_id, lesson, None, TZ, now)
    assert err.value.key == "abon-error-event-twice"
    with pytest.raises(ValidationError) as err:  # 4 + 8 in person > 10 ordered
        await run(app, ab.add_item, curator, abonement_id, addressed, Hours(8, 0, 2), TZ, now)
    assert err.value.key == "abon-error-over-volume"
    assert err.value.params == {"kind": "in_person", "planned": 12, "ordered": 10, "free": 6}
    await run(app, ab.add_item, curator, abonement_id, addressed, None, TZ, now)
    plan = await read(app, ab.plan, school, abonement_id, now)
    assert plan.ordered == Hours(10, 4, 4) and plan.planned == Hours(8, 2, 2)
    assert plan.delivered == Hours() and not plan.rights.plan
    # a teacher registers, the lesson is held and attended: its hours are delivered
    teacher = Actor(ids[TEACHER], ())
    reg = await run(app, ev.register, teacher, lesson, now)
    TEST_CLOCK.advance(timedelta(days=3, hours=4))
    later = TEST_CLOCK.now()
    await run(app, ev.set_attendance, curator, lesson, reg.registration.id, True, later)
    plan = await read(app, ab.plan, curator, abonement_id, later)
    assert plan.delivered == Hours(4, 2, 0)
    assert [v.attended for v in plan.items] == [1, 0]
    with pytest.raises(ValidationError) as err:  # held: stays in the plan
        await run(app, ab.remove_item, curator, item.id, later)
    assert err.value.key == "abon-error-item-held"


async def test_a_transfer_moves_the_event_and_keeps_the_agreement(app, orgs) -> None:
    ids = await people(app, orgs)
    day = event_day(5)
    year = ab.school_year_of(day)
    abonement_id = await accepted(app, orgs, ids, year=year)
    curator = actor(ids[CURATOR], (Role.REGIONAL_COORDINATOR, orgs["region"]))
    starts = TEST_CLOCK.now() + timedelta(days=5)
    event_id = await make_event(app, orgs["school1"], level=EventLevel.SCHOOL, title="Урок",
                                starts=starts, hours=Hours(2))
    now = TEST_CLOCK.now()
    item = await run(app, ab.add_item, curator, abonement_id, event_id, None, TZ, now)
    await run(app, ev.register, Actor(ids[TEACHER], ()), event_id, now)
    new_day = day + timedelta(days=1)
    if ab.school_year_of(new_day) != year:
        new_day = day - timedelta(days=1)
    for bad, key in ((day.strftime("%d.%m.%Y"), "abon-error-transfer-same"),
                     (today().strftime("%d.%m.%Y"), "date-error-early"),
                     ("завтра", "date-error-format")):
        with pytest.raises(ValidationError) as err:
            await run(app, ab.transfer, curator, item.id, bad, TZ, now)
        assert err.value.key == key
    with pytest.raises(AccessDenied):
        await run(app, ab.transfer, actor(ids[CURATOR2], (Role.REGIONAL_COORDINATOR,
                                                          orgs["region"])),
                  item.id, new_day.strftime("%d.%m.%Y"), TZ, now)
    moved = await run(app, ab.transfer, curator, item.id, new_day.strftime("%d.%m.%Y"), TZ, now)
    assert (moved.old_on, moved.new_on) == (day, new_day)
    event = await read(app, lambda uow: uow.events.get(event_id))
    assert event.starts_at == starts + (new_day - day)  # the same time, another day
    plan = await read(app, ab.plan, curator, abonement_id, now)
    [view] = plan.items
    assert view.item.planned_on == day and len(view.transfers) == 1  # the agreement's date
    assert [n.person_id for n in await notices(app, "ev-notice-rescheduled")] == [ids[TEACHER]]
    history = await read(app, lambda uow: uow.abonements.history(abonement_id))
    assert [h.action for h in history][-2:] == [ab.Action.ITEM_ADDED, ab.Action.TRANSFERRED]


async def test_the_bank_is_paged(app, orgs) -> None:
    ids = await people(app, orgs)
    now = TEST_CLOCK.now()
    schools = [orgs[f"school{n}"] for n in range(1, 11)]
    many = actor(ids[SCHOOL], *((Role.SCHOOL_COORDINATOR, s) for s in schools))
    for school_id in schools:
        await run(app, ab.submit, many, school_id, request(), now)
    first = await read(app, ab.listing, admin(ids[ADMIN_ID]), "submitted", None, 0)
    assert (first.total, first.pages, len(first.rows)) == (10, 2, ab.PAGE)
    second = await read(app, ab.listing, admin(ids[ADMIN_ID]), None, None, 1)
    assert len(second.rows) == 2
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}
    beyond = await read(app, ab.listing, admin(ids[ADMIN_ID]), None, None, 7)  # a forged page
    assert beyond.page == 1
