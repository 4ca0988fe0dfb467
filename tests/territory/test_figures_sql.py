"""The scope's participation figures as the dashboard's one statement counts them: each fact
table is read once (registrations by status with the attended and the no-shows beside them),
so each figure is checked here on rows chosen to sit on both sides of every condition."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import insert

import domain.territory as terr
from storage.courses_models import CourseFormRow
from storage.events_models import EventRegistrationRow, EventRow, HoursLedgerRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.support.route import TZ, now
from tests.territory.kit import territory


async def _facts(app: Any, ids: dict[str, int], orgs: dict[str, int]) -> None:
    at = now()
    period = terr.period(at, TZ)

    def event(i: int, ends: Any) -> dict[str, Any]:
        return {"id": 900 + i, "title": f"Семинар {i}", "form": "seminar", "level": "municipal",
                "organiser_id": orgs["mun1"], "groups": [], "status": "published",
                "starts_at": ends - timedelta(hours=3), "ends_at": ends, "created_at": at,
                "updated_at": at}

    def reg(n: int, event_id: int, person: str, status: str, attended: bool
            ) -> dict[str, Any]:
        return {"event_id": event_id, "person_id": ids[person], "status": status, "seq": n,
                "created_at": at, "updated_at": at, "attended_at": at if attended else None}

    def hours(person: str, kind: str, value: float, when: Any) -> dict[str, Any]:
        return {"person_id": ids[person], "event_id": None, "kind": kind, "hours": value,
                "occurred_at": when, "created_at": at}

    def form(person: str, status: str, school: str) -> dict[str, Any]:
        return {"kind": "report", "person_id": ids[person], "school_id": orgs[school],
                "status": status, "data": {}, "revision": 1, "submitted_at": at,
                "created_at": at, "updated_at": at}

    async with app.sessions() as session:
        await session.execute(insert(EventRow), [event(1, at - timedelta(days=1)),
                                                 event(2, at + timedelta(days=5))])
        await session.execute(insert(EventRegistrationRow), [
            reg(1, 901, "t1", "confirmed", True),  # attended
            reg(2, 901, "t2", "confirmed", False),  # a no-show: the event is over
            reg(3, 902, "t3", "confirmed", False),  # not yet: the event is ahead
            reg(4, 901, "t3", "waitlisted", False),  # counted, never a no-show
            reg(5, 902, "t1", "cancelled", False),  # not counted at all
            reg(6, 901, "t_other", "confirmed", True),  # another municipality
        ])
        await session.execute(insert(HoursLedgerRow), [
            hours("t1", "in_person", 3.0, period.year_start + timedelta(hours=1)),
            hours("t1", "in_person", 2.0, period.year_start - timedelta(hours=1)),  # last year
            hours("t3", "course", 1.5, at),
            hours("t_other", "course", 7.0, at),
        ])
        await session.execute(insert(CourseFormRow), [
            form("t1", "submitted", "school1"), form("t2", "accepted", "school1"),
            form("t3", "draft", "school2"), form("t_other", "returned", "other_school"),
        ])
        await session.commit()


async def test_participation_hours_and_forms_per_scope(app, orgs) -> None:
    ids = await territory(app, orgs)
    await _facts(app, ids, orgs)
    period = terr.period(now(), TZ)
    seen = {}
    for key in ("region", "mun1", "school1", "school2"):
        async with app.sessions() as session:
            uow = SqlUnitOfWork(session, TEST_CLOCK)
            org = await uow.orgs.get(orgs[key])
            assert org is not None
            f = await uow.territory.figures(org, period)
            seen[key] = (f.registrations, f.attended, f.no_shows, f.hours, f.forms)
    assert seen["region"] == (5, 2, 1, {"in_person": 3.0, "course": 8.5},
                              {"submitted": 1, "accepted": 1, "returned": 1})
    assert seen["mun1"] == (4, 1, 1, {"in_person": 3.0, "course": 1.5},
                            {"submitted": 1, "accepted": 1})
    assert seen["school1"] == (2, 1, 1, {"in_person": 3.0}, {"submitted": 1, "accepted": 1})
    assert seen["school2"] == (2, 0, 0, {"course": 1.5}, {})


async def test_the_frequent_indicators_are_the_latest_attempts(app, orgs) -> None:
    """Only each teacher's latest attempt counts (a retake replaces the earlier deficits)."""
    from domain import diagnosis as diag
    from domain.access import Actor
    from tests.conftest import run
    from tests.support.route import diagnose

    ids = await territory(app, orgs)
    period = terr.period(now(), TZ)

    async def top(key: str) -> list[tuple[str, int]]:
        async with app.sessions() as session:
            uow = SqlUnitOfWork(session, TEST_CLOCK)
            org = await uow.orgs.get(orgs[key])
            assert org is not None
            f = await uow.territory.figures(org, period)
            return [(i.code, i.count) for i in f.top_indicators]

    before = await top("mun1")
    assert before and all(n == 1 for _c, n in before)  # t1 alone has deficits in mun1
    region = dict(await top("region"))
    assert all(region[c] == 2 for c, _n in before)  # t_other answered as t1 did
    await run(app, diag.unlock_retake, Actor(ids["admin"], is_config_admin=True), ids["t1"],
              now())
    await diagnose(app, ids["t1"], weak={})  # the retake: no deficit any more
    assert await top("mun1") == []
    assert all(n == 1 for _c, n in await top("region"))


async def test_teachers_by_position_category_subject_and_status(app, orgs) -> None:
    """Each dimension is counted on its own (PostgreSQL: GROUPING SETS in one pass), a list
    counts once per code it holds, a missing position or category is «none»."""
    from domain.enums import Category, Position

    ids = await territory(app, orgs)
    profiles = {
        "t1": (Position.PRIMARY_TEACHER, Category.HIGHEST, ["math", "russian"],
               ["young_specialist", "methodist"]),
        "t2": (None, None, ["russian"], ["methodist"]),
        "t3": (Position.TEACHER, Category.HIGHEST, [], []),
        "t_other": (Position.HEAD, Category.FIRST, ["physics"], ["mentor"]),
    }
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        for key, (position, category, subjects, statuses) in profiles.items():
            person = await uow.people.get(ids[key])
            assert person is not None
            p = person.profile
            p.position, p.category, p.subjects, p.statuses = (position, category, subjects,
                                                              statuses)
            await uow.people.save_profile(ids[key], p, person.profile_completed_at)
        await uow.commit()
    period = terr.period(now(), TZ)
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        mun = await uow.orgs.get(orgs["mun1"])
        region = await uow.orgs.get(orgs["region"])
        assert mun is not None and region is not None
        children = await uow.territory.children(mun)
        f, units = await uow.territory.overview(mun, children, period)
        r = await uow.territory.figures(region, period)
    # mun1: t1, t2, t3 and the two school coordinators (onboarded as maths teachers, first)
    assert f.teachers == 5
    assert f.by_position == {"primary_teacher": 1, "none": 1, "teacher": 3}
    assert f.categories == {"highest": 2, "none": 1, "first": 2}
    assert f.by_subject == {"math": 3, "russian": 2}
    assert f.statuses == {"young_specialist": 1, "methodist": 2}
    assert {u.org.id: u.teachers for u in units if u.teachers} == {
        orgs["school1"]: 3, orgs["school2"]: 2}
    assert r.teachers == 6  # and the other municipality's teacher
    assert r.by_position["head"] == 1 and r.statuses["mentor"] == 1
    assert r.by_subject == {"math": 3, "russian": 2, "physics": 1}
    assert r.categories == {"highest": 2, "none": 1, "first": 3}


async def test_routes_by_status_with_their_activities(app, orgs) -> None:
    """Each teacher's latest route by status; activities planned (not dropped) and done of the
    agreed ones; running routes with an open activity past due; a superseded route and another
    municipality's route do not count."""
    from storage.route_models import RouteActivityRow, RoutePlanRow, RouteRow
    from tests.support.route import today

    ids = await territory(app, orgs)
    at, day = now(), today()

    def route(rid: int, person: str, school: str, status: str) -> dict[str, Any]:
        return {"id": rid, "person_id": ids[person], "school_id": orgs[school],
                "status": status, "period_start": day - timedelta(days=60),
                "period_end": day + timedelta(days=300), "revision": 1, "submitted_at": at,
                "created_at": at, "updated_at": at}

    def act(rid: int, person: str, status: str, due_in: int) -> dict[str, Any]:
        return {"route_id": rid, "row_id": rid, "person_id": ids[person],
                "plan_column": "self_education", "title": "Чтение",
                "due": day + timedelta(days=due_in), "status": status, "created_at": at,
                "updated_at": at}

    routes = [route(801, "t1", "school1", "completed"),  # superseded by 802
              route(802, "t1", "school1", "in_progress"),
              route(803, "t2", "school1", "submitted"),
              route(804, "t3", "school2", "approved"),
              route(805, "t_other", "other_school", "in_progress")]
    async with app.sessions() as session:
        await session.execute(insert(RouteRow), routes)
        await session.execute(insert(RoutePlanRow), [
            {"id": r["id"], "route_id": r["id"], "position": 1, "group_code": "methodological",
             "title": "Дефицит"} for r in routes])
        await session.execute(insert(RouteActivityRow), [
            act(801, "t1", "done", -100), act(801, "t1", "done", -90),
            act(802, "t1", "done", -10), act(802, "t1", "planned", -5),  # overdue
            act(802, "t1", "dropped", -5), act(802, "t1", "in_progress", 20),
            act(803, "t2", "planned", -5),  # not agreed: neither counted nor overdue
            act(804, "t3", "planned", 10), act(804, "t3", "done", 5),
            act(805, "t_other", "planned", -1),
        ])
        await session.commit()
    period = terr.period(now(), TZ)
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        mun, region = await uow.orgs.get(orgs["mun1"]), await uow.orgs.get(orgs["region"])
        assert mun is not None and region is not None
        f, units = await uow.territory.overview(mun, await uow.territory.children(mun), period)
        r, _ = await uow.territory.overview(region, [], period)
    assert {k: v for k, v in f.routes.items() if v} == {
        "in_progress": 1, "submitted": 1, "approved": 1, "none": 2}
    assert (f.activities_planned, f.activities_done, f.routes_overdue) == (5, 2, 1)
    assert {u.org.id: u.routes_agreed for u in units if u.routes_agreed} == {
        orgs["school1"]: 1, orgs["school2"]: 1}
    assert (r.activities_planned, r.activities_done, r.routes_overdue) == (6, 2, 2)
    assert r.routes["in_progress"] == 2
