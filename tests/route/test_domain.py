"""The ИОМ's rules (domain/route.py) on a real database: building, choosing, editing rights,
every status transition and every refusal, the attendance and course-report hooks, overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from domain import courses
from domain import events as ev
from domain import route as rt
from domain.access import Actor
from domain.courses import CourseForm, FormKind, FormStatus, ReportAnswers
from domain.entities import Org
from domain.enums import OrgKind, Role
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from domain.notifications import ReviewRoute, decode_targets
from domain.route import ActivityStatus, Column, Route, RouteStatus
from domain.wiring import REACTIONS
from storage.route.models import RouteActivityRow, RouteRow
from tests.clock import TEST_CLOCK
from tests.support.route import (
    TZ,
    actor,
    catalogue,
    diagnose,
    future,
    outbox,
    person,
    read,
    run,
    today,
    world,
)

# ---- pure rules ---------------------------------------------------------------------------


def test_default_period_is_the_school_year() -> None:
    assert rt.default_period(date(2026, 9, 1)) == (date(2026, 9, 1), date(2027, 8, 31))
    assert rt.default_period(date(2026, 12, 31)) == (date(2026, 9, 1), date(2027, 8, 31))
    assert rt.default_period(date(2028, 2, 29)) == (date(2027, 9, 1), date(2028, 8, 31))
    # from June on, from today to the end of the coming school year
    assert rt.default_period(date(2027, 6, 1)) == (date(2027, 6, 1), date(2028, 8, 31))


def test_parse_due_and_title() -> None:
    t, end = date(2026, 11, 24), date(2027, 11, 23)
    assert rt.parse_due(" 15.03.2027 ", t, end) == date(2027, 3, 15)
    assert rt.parse_due("1-4-27", t, end) == date(2027, 4, 1)
    for bad, key in [("завтра", "route-error-date-format"), ("31.02.2027", "route-error-date-format"),
                     ("01.01.2026", "route-error-date-past"),
                     ("01.01.2028", "route-error-date-after-period")]:
        with pytest.raises(ValidationError) as err:
            rt.parse_due(bad, t, end)
        assert err.value.key == key
    assert rt.parse_title("  Прочитать   книгу ") == "Прочитать книгу"
    for bad, key in [("", "route-error-title-empty"), ("ab", "route-error-title-short"),
                     ("x" * 201, "route-error-title-long")]:
        with pytest.raises(ValidationError) as err:
            rt.parse_title(bad)
        assert err.value.key == key
    with pytest.raises(ValidationError):
        rt.parse_self_form("sleeping")
    assert rt.parse_evidence("https://example.org/cert") == (None, "https://example.org/cert")
    assert rt.parse_evidence("Выступила на МО") == ("Выступила на МО", None)
    with pytest.raises(ValidationError):
        rt.parse_evidence("ok")


def _event(form: ev.EventForm, level: ev.EventLevel) -> ev.Event:
    return ev.Event(1, "t", form, level, 1, [], None, [], None, None, ev.Hours(1), None, None,
                    [], [], ev.EventStatus.PUBLISHED)


def test_catalogue_event_goes_to_its_column() -> None:
    E, L = ev.EventForm, ev.EventLevel
    assert rt.column_for_event(_event(E.COURSE, L.REGIONAL)) is Column.COURSES
    assert rt.column_for_event(_event(E.CONSULTATION, L.MUNICIPAL)) is Column.CONSULTATIONS
    assert rt.column_for_event(_event(E.OPEN_LESSON, L.SCHOOL)) is Column.SCHOOL
    assert rt.column_for_event(_event(E.SEMINAR, L.MUNICIPAL)) is Column.MUNICIPAL
    assert rt.column_for_event(_event(E.CONFERENCE, L.REGIONAL)) is Column.MUNICIPAL


SCHOOL = Org(10, OrgKind.SCHOOL, "Школа", 5, municipality_id=5, region_id=1)


def _rights(status: RouteStatus, *grants: tuple[Role, int], person_id: int = 2) -> rt.Rights:
    from domain.entities import RoleGrant

    route = Route(1, 1, 10, status, date(2026, 9, 1), date(2027, 8, 31))
    who = Actor(person_id, tuple(RoleGrant(r, o) for r, o in grants))
    return rt.rights(who, route, SCHOOL)


def test_who_fills_what_follows_seed_002() -> None:
    teacher = _rights(RouteStatus.DRAFT, person_id=1)
    assert teacher.columns == {Column.SELF_EDUCATION} and teacher.choose == set(Column)
    assert teacher.submit and teacher.self_analysis and not teacher.deficits
    assert not teacher.review and not teacher.carry_out
    school = _rights(RouteStatus.DRAFT, (Role.SCHOOL_COORDINATOR, 10))
    assert school.columns == {Column.COURSES, Column.SCHOOL, Column.SELF_EDUCATION}
    assert school.deficits and not school.self_analysis and not school.submit
    mun = _rights(RouteStatus.SUBMITTED, (Role.MUNICIPAL_COORDINATOR, 5))
    assert mun.columns == {Column.MUNICIPAL, Column.CONSULTATIONS} and not mun.deficits
    assert not mun.review and not mun.conclude
    regional = _rights(RouteStatus.APPROVED, (Role.REGIONAL_COORDINATOR, 1))
    assert regional.columns == {Column.MUNICIPAL, Column.CONSULTATIONS}
    # another municipality's methodist sees nothing and fills nothing
    stranger = _rights(RouteStatus.DRAFT, (Role.MUNICIPAL_COORDINATOR, 6))
    assert not stranger.view and not stranger.columns
    # the teacher's plan is frozen while it is reviewed; coordinators keep filling theirs
    assert not _rights(RouteStatus.SUBMITTED, person_id=1).columns
    assert _rights(RouteStatus.SUBMITTED, (Role.SCHOOL_COORDINATOR, 10)).review
    assert _rights(RouteStatus.IN_PROGRESS, person_id=1).carry_out
    assert _rights(RouteStatus.IN_PROGRESS, (Role.SCHOOL_COORDINATOR, 10)).conclude
    done = _rights(RouteStatus.COMPLETED, (Role.SCHOOL_COORDINATOR, 10))
    assert not done.columns and not done.conclude and not done.deficits
    # a school coordinator who is the route's teacher does not review their own route
    own = _rights(RouteStatus.SUBMITTED, (Role.SCHOOL_COORDINATOR, 10), person_id=1)
    assert not own.review and own.submit is False and own.owner


def test_progress_and_row_period() -> None:
    route = Route(1, 1, 10, RouteStatus.IN_PROGRESS, date(2026, 9, 1), date(2027, 8, 31))
    acts = [rt.Activity(i, 1, 7, 1, Column.SELF_EDUCATION, f"a{i}", status=s, due=due)
            for i, (s, due) in enumerate([
                (ActivityStatus.DONE, date(2026, 10, 1)),
                (ActivityStatus.PLANNED, date(2026, 12, 1)),
                (ActivityStatus.DROPPED, date(2027, 6, 1)),
                (ActivityStatus.IN_PROGRESS, date(2027, 3, 1))], 1)]
    plan = rt.Plan(route, [rt.PlanRow(7, 1, 1, "methodological", "Оценивание")], acts)
    assert plan.progress == rt.Progress(1, 3) and plan.progress.percent == 33
    assert plan.row_period(7) == (date(2026, 9, 1), date(2027, 3, 1))
    assert [a.id for a in plan.overdue(date(2027, 1, 1))] == [2]
    assert rt.Progress(0, 0).percent == 0


# ---- building -------------------------------------------------------------------------------


async def test_build_draft_from_latest_diagnosis_and_refusals(app, orgs) -> None:
    w = await world(app, orgs)
    teacher, me = await actor(app, w["teacher"]), await person(app, w["teacher"])
    with pytest.raises(DomainError) as err:
        await run(app, rt.build_draft, teacher, me, today(), TEST_CLOCK.now())
    assert err.value.key == "route-error-no-diagnosis"
    attempt = await diagnose(app, w["teacher"])
    basis = await read(app, rt.basis, teacher)
    assert basis.attempt_id == attempt and basis.deficits == 3
    plan = await run(app, rt.build_draft, teacher, me, today(), TEST_CLOCK.now())
    assert plan.route.status is RouteStatus.DRAFT and plan.route.attempt_id == attempt
    assert [r.group for r in plan.rows] == ["methodological", "methodological", "communicative"]
    assert plan.rows[0].percent == 0 and plan.rows[0].indicator == "meth_assessment"
    assert (plan.route.period_start, plan.route.period_end) == rt.default_period(today())
    assert plan.route.period_start <= today() and plan.route.period_end.month == 8
    with pytest.raises(DomainError) as err:
        await run(app, rt.build_draft, teacher, me, today(), TEST_CLOCK.now())
    assert err.value.key == "route-error-exists"
    # somebody else building for this teacher
    other = await actor(app, w["teacher2"])
    with pytest.raises(AccessDenied):
        await run(app, rt.build_draft, other, me, today(), TEST_CLOCK.now())
    # a teacher without a school has nobody to agree the route
    from tests.conftest import onboarded

    pid = await onboarded(app, 650_099, None)
    with pytest.raises(DomainError) as err:
        await run(app, rt.build_draft, await actor(app, pid), await person(app, pid), today(),
                  TEST_CLOCK.now())
    assert err.value.key == "route-error-no-school"


async def _draft(app, orgs) -> tuple[dict[str, int], rt.Plan]:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    plan = await run(app, rt.build_draft, await actor(app, w["teacher"]),
                     await person(app, w["teacher"]), today(), TEST_CLOCK.now())
    return w, plan


async def test_proposals_and_choosing_catalogue_activities(app, orgs) -> None:
    events = await catalogue(app, orgs)
    w, plan = await _draft(app, orgs)
    teacher = await actor(app, w["teacher"])
    meth, com = plan.rows[0], plan.rows[2]
    offered = [e.title for e in await read(app, rt.proposals, teacher, meth.id, TEST_CLOCK.now())]
    # matching the group, visible to the teacher (not the other municipality), upcoming
    assert set(offered) == {"Семинар по оцениванию", "Курс ДПП «Формирующее оценивание»",
                            "Консультация тьютора ЦНППМ"}
    assert {e.title for e in await read(app, rt.proposals, teacher, com.id, TEST_CLOCK.now())} == {
        "Консультация тьютора ЦНППМ", "Открытый урок коллеги"}
    # the teacher's choice: any column
    a = await run(app, rt.choose_event, teacher, meth.id, events["course"], TZ, TEST_CLOCK.now())
    assert a.column is Column.COURSES and a.event_id == events["course"]
    assert a.due == future(10).astimezone(TZ).date() and a.added_by == w["teacher"]
    b = await run(app, rt.choose_event, teacher, meth.id, events["consult"], TZ, TEST_CLOCK.now())
    assert b.column is Column.CONSULTATIONS
    c = await run(app, rt.choose_event, teacher, com.id, events["school"], TZ, TEST_CLOCK.now())
    assert c.column is Column.SCHOOL
    # chosen ones are not offered again; forged ids are refused
    assert "Курс ДПП «Формирующее оценивание»" not in [
        e.title for e in await read(app, rt.proposals, teacher, meth.id, TEST_CLOCK.now())]
    for event_id in (events["course"], events["subject"], events["far"]):
        with pytest.raises(ValidationError) as err:
            await run(app, rt.choose_event, teacher, meth.id, event_id, TZ, TEST_CLOCK.now())
        assert err.value.key == "route-error-event-not-offered"
    with pytest.raises(NotFound):
        await run(app, rt.choose_event, teacher, meth.id, 999_999, TZ, TEST_CLOCK.now())
    # another teacher may not touch this plan
    with pytest.raises(AccessDenied):
        await run(app, rt.choose_event, await actor(app, w["teacher2"]), meth.id,
                  events["seminar"], TZ, TEST_CLOCK.now())
    # the municipal methodist chooses into their columns only
    mun = await actor(app, w["mun"])
    assert [e.title for e in await read(app, rt.proposals, mun, meth.id, TEST_CLOCK.now())] == [
        "Семинар по оцениванию"]
    with pytest.raises(AccessDenied) as err:
        await run(app, rt.choose_event, mun, com.id, events["school"], TZ, TEST_CLOCK.now())
    assert err.value.key == "route-error-column-not-yours"


async def test_typed_items_follow_who_fills_what(app, orgs) -> None:
    w, plan = await _draft(app, orgs)
    row = plan.rows[0].id
    due = today() + timedelta(days=30)
    teacher, coord, mun = [await actor(app, w[k]) for k in ("teacher", "coord", "mun")]
    own = await run(app, rt.add_item, teacher, row, Column.SELF_EDUCATION,
                    "Книга «Оценивание для обучения»", "reading", due, TEST_CLOCK.now())
    assert own.form == "reading" and own.column is Column.SELF_EDUCATION
    with pytest.raises(ValidationError):
        await run(app, rt.add_item, teacher, row, Column.SELF_EDUCATION, "Книга", "nap", due,
                  TEST_CLOCK.now())
    with pytest.raises(ValidationError) as err:
        await run(app, rt.add_item, teacher, row, Column.SELF_EDUCATION, "Книга", "reading",
                  plan.route.period_end + timedelta(days=1), TEST_CLOCK.now())
    assert err.value.key == "route-error-date-after-period"
    for column in (Column.SCHOOL, Column.MUNICIPAL, Column.COURSES, Column.CONSULTATIONS):
        with pytest.raises(AccessDenied) as err:
            await run(app, rt.add_item, teacher, row, column, "Что-то", None, due, TEST_CLOCK.now())
        assert err.value.params == {"column": column.value}
    school = await run(app, rt.add_item, coord, row, Column.SCHOOL, "Посещение уроков МО",
                       None, due, TEST_CLOCK.now())
    assert school.added_by == w["coord"]
    await run(app, rt.add_item, mun, row, Column.MUNICIPAL, "Семинар ММС", None, due, TEST_CLOCK.now())
    await run(app, rt.add_item, mun, row, Column.CONSULTATIONS, "Консультация", None, due, TEST_CLOCK.now())
    for column in (Column.SELF_EDUCATION, Column.SCHOOL, Column.COURSES):
        with pytest.raises(AccessDenied):
            await run(app, rt.add_item, mun, row, column, "Чужое", "reading", due, TEST_CLOCK.now())
    with pytest.raises(AccessDenied):  # the self-analysis is the teacher's
        await run(app, rt.save_self_analysis, mun, plan.route.id, "Мой анализ результатов",
                  TEST_CLOCK.now())
    with pytest.raises(AccessDenied):  # deficits are the school's
        await run(app, rt.edit_row, mun, row, "Другая формулировка")
    with pytest.raises(AccessDenied):
        await run(app, rt.add_item, await actor(app, w["other_mun"]), row, Column.MUNICIPAL,
                  "Чужой", None, due, TEST_CLOCK.now())
    # deficits: the school coordinator words and adds them
    edited = await run(app, rt.edit_row, coord, row, "Формирующее оценивание на уроках")
    assert edited.title == "Формирующее оценивание на уроках"
    added = await run(app, rt.add_row, coord, plan.route.id, "subject", "ЕГЭ: задачи с параметром")
    assert added.position == 4 and added.percent is None
    with pytest.raises(ValidationError):
        await run(app, rt.add_row, coord, plan.route.id, "magic", "Что-то")
    with pytest.raises(AccessDenied):
        await run(app, rt.add_row, teacher, plan.route.id, "subject", "Сама себе")
    # removal: the teacher takes out their own, not the coordinator's
    await run(app, rt.remove_activity, teacher, own.id)
    with pytest.raises(AccessDenied):
        await run(app, rt.remove_activity, teacher, school.id)
    await run(app, rt.remove_activity, coord, school.id)
    # the self-analysis is kept on the diagnosis attempt
    text = await run(app, rt.save_self_analysis, teacher, plan.route.id,
                     "Дефицит оценивания совпадает с низкими результатами ВПР", TEST_CLOCK.now())
    doc = await read(app, rt.document, teacher, plan.route.id)
    assert doc.self_analysis == text


async def _fill(app, w, plan) -> None:
    teacher = await actor(app, w["teacher"])
    for row in plan.rows:
        await run(app, rt.add_item, teacher, row.id, Column.SELF_EDUCATION,
                  f"Самообразование {row.position}", "reading", today() + timedelta(days=20),
                  TEST_CLOCK.now())


async def test_submit_approve_return_resubmit_and_refusals(app, orgs) -> None:
    w, plan = await _draft(app, orgs)
    teacher, coord, other, mun = [await actor(app, w[k]) for k in ("teacher", "coord", "other", "mun")]
    route_id = plan.route.id
    with pytest.raises(rt.RowEmpty) as err:
        await run(app, rt.submit, teacher, route_id, TEST_CLOCK.now())
    assert err.value.params["n"] == 1
    await _fill(app, w, plan)
    with pytest.raises(AccessDenied):  # somebody else's route
        await run(app, rt.submit, await actor(app, w["teacher2"]), route_id, TEST_CLOCK.now())
    with pytest.raises(DomainError):
        await run(app, rt.approve, coord, route_id, TEST_CLOCK.now())  # not submitted yet
    sent = await run(app, rt.submit, teacher, route_id, TEST_CLOCK.now())
    assert sent.route.status is RouteStatus.SUBMITTED and sent.route.revision == 1
    assert sent.coordinators == 1
    alerts = await outbox(app, "route-alert-submitted")
    assert [a.person_id for a in alerts] == [w["coord"]]
    assert decode_targets(alerts[0].buttons) == [ReviewRoute(route_id)]
    assert [a.person_id for a in await outbox(app, "route-alert-municipal")] == [w["mun"]]
    with pytest.raises(DomainError) as err:  # frozen while reviewed
        await run(app, rt.add_item, teacher, plan.rows[0].id, Column.SELF_EDUCATION, "Ещё",
                  "reading", today(), TEST_CLOCK.now())
    assert err.value.key == "route-error-locked"
    with pytest.raises(DomainError):
        await run(app, rt.submit, teacher, route_id, TEST_CLOCK.now())
    # who may not decide
    for who, key in [(teacher, "route-error-own-route"), (other, "route-error-not-yours"),
                     (mun, "route-error-school-only")]:
        with pytest.raises(AccessDenied) as err:
            await run(app, rt.approve, who, route_id, TEST_CLOCK.now())
        assert err.value.key == key
        with pytest.raises(AccessDenied):
            await run(app, rt.return_route, who, route_id, "Доработать", TEST_CLOCK.now())
    with pytest.raises(ValidationError):
        await run(app, rt.return_route, coord, route_id, "ok", TEST_CLOCK.now())
    returned = await run(app, rt.return_route, coord, route_id, "Добавьте курсы ПК", TEST_CLOCK.now())
    assert returned.status is RouteStatus.RETURNED and returned.comment == "Добавьте курсы ПК"
    notice = await outbox(app, "route-notice-returned")
    assert notice[0].person_id == w["teacher"] and notice[0].params["comment"] == \
        "Добавьте курсы ПК"
    with pytest.raises(DomainError) as err:
        await run(app, rt.approve, coord, route_id, TEST_CLOCK.now())
    assert err.value.key == "route-error-not-waiting"
    again = await run(app, rt.submit, teacher, route_id, TEST_CLOCK.now())
    assert again.route.revision == 2
    approved = await run(app, rt.approve, coord, route_id, TEST_CLOCK.now())
    assert approved.status is RouteStatus.APPROVED and approved.decided_by == w["coord"]
    assert (await outbox(app, "route-notice-approved"))[0].person_id == w["teacher"]
    history = await read(app, rt.history, teacher, route_id)
    assert [h.action.value for h in history] == [
        "created", "submitted", "returned", "submitted", "approved"]
    with pytest.raises(AccessDenied):  # another school's coordinator cannot even read it
        await read(app, rt.get_plan, other, route_id)


async def _approved(app, orgs) -> tuple[dict[str, int], rt.Plan]:
    w, plan = await _draft(app, orgs)
    await _fill(app, w, plan)
    await run(app, rt.submit, await actor(app, w["teacher"]), plan.route.id, TEST_CLOCK.now())
    await run(app, rt.approve, await actor(app, w["coord"]), plan.route.id, TEST_CLOCK.now())
    plan, _ = await read(app, rt.get_plan, await actor(app, w["teacher"]), plan.route.id)
    return w, plan


async def test_activity_statuses_evidence_start_and_conclusion(app, orgs) -> None:
    w, plan = await _approved(app, orgs)
    teacher, coord, mun = [await actor(app, w[k]) for k in ("teacher", "coord", "mun")]
    a = plan.activities[0]
    with pytest.raises(AccessDenied):
        await run(app, rt.set_activity_status, coord, a.id, ActivityStatus.DONE, TEST_CLOCK.now())
    moved = await run(app, rt.set_activity_status, teacher, a.id, ActivityStatus.IN_PROGRESS,
                      TEST_CLOCK.now())
    assert moved.status is ActivityStatus.IN_PROGRESS
    route = (await read(app, rt.get_plan, teacher, plan.route.id))[0].route
    assert route.status is RouteStatus.IN_PROGRESS  # the first move starts the route
    done = await run(app, rt.set_activity_status, teacher, a.id, ActivityStatus.DONE, TEST_CLOCK.now())
    assert done.done_source is rt.DoneSource.MANUAL and done.done_at is not None
    with pytest.raises(ValidationError):  # done → dropped is not a move
        await run(app, rt.set_activity_status, teacher, a.id, ActivityStatus.DROPPED, TEST_CLOCK.now())
    with pytest.raises(DomainError):  # done activities stay
        await run(app, rt.remove_activity, teacher, a.id)
    ev_text = await run(app, rt.set_evidence, teacher, a.id, TEST_CLOCK.now(),
                        text="https://school.example/report.pdf")
    assert ev_text.evidence_url == "https://school.example/report.pdf"
    with_file = await run(app, rt.set_evidence, teacher, a.id, TEST_CLOCK.now(), file_id="DOC-1",
                          file_name="konspekt.pdf")
    assert with_file.evidence_file_id == "DOC-1" and with_file.evidence_url
    b = plan.activities[1]
    dropped = await run(app, rt.set_activity_status, teacher, b.id, ActivityStatus.DROPPED, TEST_CLOCK.now())
    restored = await run(app, rt.set_activity_status, teacher, b.id, ActivityStatus.PLANNED,
                         TEST_CLOCK.now())
    assert dropped.status is ActivityStatus.DROPPED and restored.status is ActivityStatus.PLANNED
    # a coordinator adding to an agreed route tells the teacher
    await run(app, rt.add_item, mun, plan.rows[0].id, Column.MUNICIPAL, "Семинар ММС", None,
              today() + timedelta(days=3), TEST_CLOCK.now())
    assert (await outbox(app, "route-notice-added"))[0].person_id == w["teacher"]
    # the conclusion
    with pytest.raises(AccessDenied):
        await run(app, rt.complete, teacher, plan.route.id, "Всё выполнено успешно", TEST_CLOCK.now())
    with pytest.raises(AccessDenied):
        await run(app, rt.complete, mun, plan.route.id, "Всё выполнено успешно", TEST_CLOCK.now())
    # not on the first days while activities are open (issue 15)
    with pytest.raises(DomainError) as err:
        await run(app, rt.complete, coord, plan.route.id, "План выполнен полностью",
                  TEST_CLOCK.now())
    assert err.value.key == "route-error-conclude-early"
    async with app.sessions() as s:  # the period has ended
        await s.execute(update(RouteRow).values(period_end=TEST_CLOCK.now().date()))
        await s.commit()
    with pytest.raises(ValidationError) as err:
        await run(app, rt.complete, coord, plan.route.id, "Хорошо", TEST_CLOCK.now())
    assert err.value.key == "route-error-conclusion-short"
    final = await run(app, rt.complete, coord, plan.route.id,
                      "План выполнен, дефицит оценивания восполнен", TEST_CLOCK.now())
    assert final.status is RouteStatus.COMPLETED and final.completed_by == w["coord"]
    assert (await outbox(app, "route-notice-completed"))[0].person_id == w["teacher"]
    with pytest.raises(DomainError) as err:
        await run(app, rt.set_activity_status, teacher, b.id, ActivityStatus.DONE, TEST_CLOCK.now())
    assert err.value.key == "route-error-completed"
    with pytest.raises(DomainError):
        await run(app, rt.add_item, coord, plan.rows[0].id, Column.SCHOOL, "Поздно", None,
                  today(), TEST_CLOCK.now())
    with pytest.raises(DomainError):
        await run(app, rt.complete, coord, plan.route.id, "Ещё одно заключение тут", TEST_CLOCK.now())
    # a new route may follow a completed one
    new = await run(app, rt.build_draft, teacher, await person(app, w["teacher"]), today(), TEST_CLOCK.now())
    assert new.route.id != plan.route.id


async def test_status_moves_wait_for_agreement(app, orgs) -> None:
    w, plan = await _draft(app, orgs)
    await _fill(app, w, plan)
    plan, _ = await read(app, rt.get_plan, await actor(app, w["teacher"]), plan.route.id)
    with pytest.raises(DomainError) as err:
        await run(app, rt.set_activity_status, await actor(app, w["teacher"]),
                  plan.activities[0].id, ActivityStatus.DONE, TEST_CLOCK.now())
    assert err.value.key == "route-error-not-approved"
    with pytest.raises(DomainError):
        await run(app, rt.start, await actor(app, w["teacher"]), plan.route.id, TEST_CLOCK.now())
    with pytest.raises(DomainError) as err:
        await run(app, rt.complete, await actor(app, w["coord"]), plan.route.id,
                  "Заключение раньше времени", TEST_CLOCK.now())
    assert err.value.key == "route-error-not-running"


async def test_attendance_marks_the_activity_done_and_unmarking_reverts(app, orgs) -> None:
    events = await catalogue(app, orgs)
    w, plan = await _draft(app, orgs)
    teacher = await actor(app, w["teacher"])
    chosen = await run(app, rt.choose_event, teacher, plan.rows[0].id, events["seminar"], TZ,
                       TEST_CLOCK.now())
    await _fill(app, w, plan)
    await run(app, rt.submit, teacher, plan.route.id, TEST_CLOCK.now())
    await run(app, rt.approve, await actor(app, w["coord"]), plan.route.id, TEST_CLOCK.now())
    reg = await run(app, ev.register, teacher, events["seminar"], TEST_CLOCK.now())
    organiser = await actor(app, w["mun"])
    at = future(5) + timedelta(hours=1)
    await run(app, ev.set_attendance, organiser, events["seminar"], reg.registration.id, True, at)
    plan2, _ = await read(app, rt.get_plan, teacher, plan.route.id)
    marked = next(a for a in plan2.activities if a.id == chosen.id)
    assert marked.status is ActivityStatus.DONE
    assert marked.done_source is rt.DoneSource.ATTENDANCE and marked.has_evidence
    assert plan2.route.status is RouteStatus.IN_PROGRESS
    await run(app, ev.set_attendance, organiser, events["seminar"], reg.registration.id, False,
              at)
    plan3, _ = await read(app, rt.get_plan, teacher, plan.route.id)
    assert next(a for a in plan3.activities if a.id == chosen.id).status is \
        ActivityStatus.PLANNED


async def test_accepted_course_report_marks_its_activity_done(app, orgs) -> None:
    events = await catalogue(app, orgs)
    w, plan = await _draft(app, orgs)
    teacher = await actor(app, w["teacher"])
    by_event = await run(app, rt.choose_event, teacher, plan.rows[0].id, events["course"], TZ,
                         TEST_CLOCK.now())
    by_name = await run(app, rt.add_item, await actor(app, w["coord"]), plan.rows[1].id,
                        Column.COURSES, "Дифференцированное обучение: практика", None,
                        today() + timedelta(days=40), TEST_CLOCK.now())
    report = CourseForm(id=77, kind=FormKind.REPORT, person_id=w["teacher"],
                        school_id=orgs["school1"], status=FormStatus.ACCEPTED,
                        answers=ReportAnswers(program="Курс ДПП", event_id=events["course"]),
                        decided_at=TEST_CLOCK.now())
    assert await run(app, rt.on_report_accepted, report, TEST_CLOCK.now()) == 1
    typed = replace(report, id=78,
                    answers=ReportAnswers(program="дифференцированное обучение — практика!"))
    assert await run(app, rt.on_report_accepted, typed, TEST_CLOCK.now()) == 1
    unknown = replace(report, id=79, answers=ReportAnswers(program="Совсем другой курс"))
    assert await run(app, rt.on_report_accepted, unknown, TEST_CLOCK.now()) == 0
    plan2, _ = await read(app, rt.get_plan, teacher, plan.route.id)
    done = {a.id: a for a in plan2.activities}
    assert done[by_event.id].status is ActivityStatus.DONE and done[by_event.id].done_ref == 77
    assert done[by_name.id].done_source is rt.DoneSource.COURSE_REPORT
    assert done[by_name.id].evidence_text == "дифференцированное обучение — практика!"
    # the courses feature reaches the ИОМ through a fact, registered once (domain/wiring.py)
    assert rt.carrying._report_accepted in REACTIONS.reactions_to(courses.ReportAccepted)


async def test_overdue_listing_and_one_reminder_each(app, orgs) -> None:
    w, plan = await _approved(app, orgs)
    teacher = await actor(app, w["teacher"])
    late = plan.activities[0]
    async with app.sessions() as s:
        await s.execute(update(RouteActivityRow).where(RouteActivityRow.id == late.id)
                        .values(due=today() - timedelta(days=2)))
        await s.commit()
    plan2, _ = await read(app, rt.get_plan, teacher, plan.route.id)
    assert [a.id for a in plan2.overdue(today())] == [late.id]
    assert await run(app, rt.record_overdue_reminders, today(), TEST_CLOCK.now()) == 1
    assert await run(app, rt.record_overdue_reminders, today(), TEST_CLOCK.now()) == 0
    notes = await outbox(app, "route-notice-overdue")
    assert len(notes) == 1 and notes[0].person_id == w["teacher"]
    # a draft's overdue items are not reminded (the route is not being carried out)
    from bot.jobs import route_tick

    assert (await route_tick(app.sessions, TZ, app.clock)) == 0


async def test_review_queue_by_scope(app, orgs) -> None:
    w, plan = await _draft(app, orgs)
    await _fill(app, w, plan)
    await run(app, rt.submit, await actor(app, w["teacher"]), plan.route.id, TEST_CLOCK.now())
    for key, expected in [("coord", 1), ("mun", 1), ("other", 0), ("other_mun", 0)]:
        page = await read(app, rt.review_queue, await actor(app, w[key]), 0, 8)
        assert page.total == expected, key
        # the page carries the names it shows (read for the whole page at once, not per row)
        assert set(page.teachers) == {r.person_id for r in page.items}, key
        assert set(page.schools) == {r.school_id for r in page.items}, key
    page = await read(app, rt.review_queue, await actor(app, w["coord"]), 0, 8)
    assert page.teachers[w["teacher"]] and page.schools[orgs["school1"]]
    with pytest.raises(AccessDenied):
        await read(app, rt.review_queue, await actor(app, w["teacher"]), 0, 8)
