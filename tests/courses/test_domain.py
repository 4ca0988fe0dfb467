"""Form rules and review transitions of the course forms (domain/courses.py): pure rules, and
the services against the real database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from domain import courses
from domain.access import Actor
from domain.courses import (
    CourseForm,
    Decision,
    FileKind,
    FileMeta,
    FormKind,
    FormStatus,
    check_consistency,
    clean_text,
    parse_date,
    parse_int,
    parse_percent,
    validate_document_number,
    validate_file,
)
from domain.entities import Org, Person, RoleGrant
from domain.enums import OrgKind, Role
from domain.errors import AccessDenied, DomainError, NotFound, ValidationError
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def key_of(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    return info.value.key


# ---- answers: parsing and validation --------------------------------------------------------


def test_dates() -> None:
    early = date(2000, 1, 1)
    assert parse_date("01.07.2010", TODAY, early) == date(2010, 7, 1)
    assert parse_date(" 1.7.2010 ", TODAY, early) == date(2010, 7, 1)
    assert parse_date("01/07/2010", TODAY, early) == date(2010, 7, 1)
    assert parse_date("24.11.2026", TODAY, early) == TODAY
    for bad, key in [("", "crs-error-date-format"), ("2010-07-01", "crs-error-date-format"),
                     ("1.7.10", "crs-error-date-format"), ("первое июля", "crs-error-date-format"),
                     ("30.02.2024", "crs-error-date-invalid"), ("01.13.2024", "crs-error-date-invalid"),
                     ("25.11.2026", "crs-error-date-future"), ("31.12.1999", "crs-error-date-early")]:
        assert key_of(parse_date, bad, TODAY, early) == key, bad


def test_numbers_and_percentages() -> None:
    assert parse_int("72", 1, 1000, "k") == 72
    assert parse_int(" 1000 ", 1, 1000, "k") == 1000
    for bad in ("0", "1001", "7.5", "-1", "", "сто", "1 000"):
        assert key_of(parse_int, bad, 1, 1000, "crs-error-hours") == "crs-error-hours", bad
    assert parse_percent("0") == 0.0 and parse_percent("100") == 100.0
    assert parse_percent("87,5") == 87.5 and parse_percent("87.5 %") == 87.5
    assert parse_percent("95%") == 95.0
    for bad, key in [("100,5", "crs-error-percent-range"), ("101", "crs-error-percent-range"),
                     ("1000", "crs-error-percent-number"), ("-1", "crs-error-percent-number"),
                     ("87,55", "crs-error-percent-number"), ("", "crs-error-percent-number"),
                     ("много", "crs-error-percent-number")]:
        assert key_of(parse_percent, bad) == key, bad


def test_texts_and_numbers_of_documents() -> None:
    assert clean_text("  Учитель   физики ", "specialty") == "Учитель физики"
    assert clean_text(" раз \n\n  два ", "difficulty", multiline=True) == "раз\nдва"
    assert key_of(clean_text, "  ", "specialty") == "crs-error-text-empty"
    assert key_of(clean_text, "123 / 45", "program") == "crs-error-text-letters"
    with pytest.raises(ValidationError) as info:
        clean_text("я" * 501, "difficulty")
    assert info.value.key == "crs-error-text-long" and info.value.params == {"max": 500,
                                                                            "length": 501}
    assert validate_document_number(" ПК  № 0048/2025 ", "certificate_number") == "ПК № 0048/2025"
    assert key_of(validate_document_number, "", "diploma_number") == "crs-error-number-empty"
    assert key_of(validate_document_number, "ВСГ", "diploma_number") == "crs-error-number-digits"
    assert key_of(validate_document_number, "12;34", "diploma_number") == "crs-error-number-chars"


def test_files() -> None:
    photo = validate_file(FileMeta("P", FileKind.PHOTO, 300_000, None))
    assert photo.mime == "image/jpeg"
    pdf = validate_file(FileMeta("D", FileKind.DOCUMENT, 20 * 1024 * 1024, "application/pdf",
                                 "a.pdf"))
    assert pdf.mime == "application/pdf"
    png = validate_file(FileMeta("D", FileKind.DOCUMENT, None, "application/octet-stream",
                                 "Scan.PNG"))
    assert png.mime == "image/png"
    for meta, key in [
        (FileMeta("D", FileKind.DOCUMENT, 10, "application/msword", "a.doc"), "crs-error-file-type"),
        (FileMeta("D", FileKind.DOCUMENT, 10, None, "a.heic"), "crs-error-file-type"),
        (FileMeta("D", FileKind.DOCUMENT, 20 * 1024 * 1024 + 1, "application/pdf"),
         "crs-error-file-large"),
        (FileMeta("D", FileKind.DOCUMENT, 0, "application/pdf"), "crs-error-file-empty"),
    ]:
        assert key_of(validate_file, meta) == key, meta
    meta = FileMeta("D", FileKind.DOCUMENT, 5, "image/png", "x.png")
    report = courses.ReportAnswers(certificate_file=meta)
    assert courses.load_answers(FormKind.REPORT, report.stored()).certificate_file == meta


def test_comment() -> None:
    assert courses.validate_comment("  Исправьте даты ") == "Исправьте даты"
    assert key_of(courses.validate_comment, "ок") == "crs-error-comment-short"
    assert key_of(courses.validate_comment, None) == "crs-error-comment-short"
    assert key_of(courses.validate_comment, "я" * 1001) == "crs-error-text-long"


# ---- the steps of a form ----------------------------------------------------------------


def test_steps_follow_the_answers() -> None:
    def a(**data: Any) -> courses.FormAnswers:
        return courses.load_answers(FormKind.ASSIGNMENT, data)

    def r(**data: Any) -> courses.FormAnswers:
        return courses.load_answers(FormKind.REPORT, data)

    assert a().steps()[-1] == "groups"
    marked = a(groups=["communicative", "subject"], difficulties={"subject": "x"})
    assert marked.steps()[-2:] == ["diff_subject", "diff_communicative"]
    assert marked.missing()[-1] == "diff_communicative"
    assert "attestation_other" not in r(attestation=["credit"]).steps()
    assert "attestation_other" in r(attestation=["other"]).steps()
    # optional answers count once given, even when empty
    assert r(repeat_percent=None).is_answered("repeat_percent")
    assert r(internships=[]).is_answered("internships")
    assert not r().is_answered("internships")
    assert not a(groups=[]).is_answered("groups")
    assert r(program="x").next_step(None) == "start_date"
    assert r(program="x", hours=1).next_step("end_date") == "input_percent"
    assert r(start_date="2026-01-01").next_step("end_date") == "hours"
    assert r(start_date="2026-01-01").next_step("recommendation") == "program"


def complete_report(**changes: Any) -> courses.FormAnswers:
    data = {
        "program": "Курс", "start_date": "2026-10-01", "end_date": "2026-10-30", "hours": 36,
        "input_percent": 96.0, "repeat_percent": None,
        "internships": [{"place": "Лицей", "hours": 6, "activity": "Уроки"}],
        "attestation": ["open_lesson"], "competences": ["subject"],
        "certificate_number": "123", "certificate_file": {"file_id": "F", "kind": "document"},
        "recommendation": True,
    }
    data.update(changes)
    return courses.load_answers(FormKind.REPORT, data)


def test_rules_across_fields() -> None:
    offered = list(courses.COMPETENCE_GROUPS)
    check_consistency(complete_report(), TODAY, offered)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"end_date": "2026-09-30"}, "crs-error-end-before-start"),
        ({"end_date": "2026-11-25"}, "crs-error-date-future"),
        ({"hours": 5}, "crs-error-hours-below-internships"),
        ({"input_percent": 94.9}, "crs-error-recommendation"),
        ({"attestation": ["credit"]}, "crs-error-recommendation"),
    ]
    for changes, key in cases:
        assert key_of(check_consistency, complete_report(**changes), TODAY, offered) == key
    assert key_of(check_consistency, complete_report(), TODAY, ["methodological"]) == (
        "crs-error-competences-offered")
    assert courses.ReportAnswers(input_percent=95, attestation=["open_lesson"]
                                 ).recommendation_allowed
    assert not courses.ReportAnswers(input_percent=95).recommendation_allowed
    assignment = courses.load_answers(FormKind.ASSIGNMENT, {"groups": []})
    assert key_of(check_consistency, assignment, TODAY, offered) == "crs-error-groups-empty"


def test_competences_are_offered_from_the_assignment() -> None:
    assignment = CourseForm(1, FormKind.ASSIGNMENT, 1, 1, FormStatus.ACCEPTED,
                            courses.AssignmentAnswers(groups=["communicative", "subject"]))
    assert courses.offered_competences(assignment) == ["subject", "communicative"]
    assert courses.offered_competences(None) == list(courses.COMPETENCE_GROUPS)


# ---- permissions ----------------------------------------------------------------------------

SCHOOL = Org(10, OrgKind.SCHOOL, "СОШ", parent_id=5, municipality_id=5, region_id=1)
TEACHER = Actor(1, (RoleGrant(Role.TEACHER, 10),))
SCHOOL_COORD = Actor(2, (RoleGrant(Role.SCHOOL_COORDINATOR, 10),))
OTHER_COORD = Actor(3, (RoleGrant(Role.SCHOOL_COORDINATOR, 11),))
MUN_COORD = Actor(4, (RoleGrant(Role.MUNICIPAL_COORDINATOR, 5),))
ADMIN = Actor(5, (), is_config_admin=True)


def a_form(status: FormStatus = FormStatus.SUBMITTED, person_id: int = 1) -> CourseForm:
    return CourseForm(7, FormKind.REPORT, person_id, 10, status, courses.ReportAnswers(),
                      revision=1)


def test_who_reads_and_who_decides() -> None:
    submitted, draft = a_form(), a_form(FormStatus.DRAFT)
    assert courses.can_read(TEACHER, draft, SCHOOL)
    assert not courses.can_read(SCHOOL_COORD, draft, SCHOOL)  # a draft is the teacher's
    for actor in (SCHOOL_COORD, MUN_COORD, ADMIN):
        assert courses.can_read(actor, submitted, SCHOOL)
    assert not courses.can_read(OTHER_COORD, submitted, SCHOOL)
    assert courses.can_review(SCHOOL_COORD, submitted)
    for actor in (TEACHER, OTHER_COORD, MUN_COORD, ADMIN):
        assert not courses.can_review(actor, submitted)
    assert not courses.can_review(SCHOOL_COORD, a_form(FormStatus.ACCEPTED))
    assert not courses.can_review(SCHOOL_COORD, a_form(person_id=2))  # their own
    for actor, key in [(SCHOOL_COORD, None), (OTHER_COORD, "error-out-of-scope"),
                       (MUN_COORD, "crs-error-review-school-only"),
                       (TEACHER, "crs-error-own-form")]:
        if key is None:
            courses.require_reviewer(actor, submitted, SCHOOL)
        else:
            assert key_of(courses.require_reviewer, actor, submitted, SCHOOL) == key


def test_report_credit() -> None:
    report = CourseForm(7, FormKind.REPORT, 1, 10, FormStatus.ACCEPTED,
                        courses.ReportAnswers(program="Курс"), hours=72, decided_at=NOW)
    credit = courses.report_credit(report)
    assert (credit.person_id, credit.hours, credit.source, credit.source_id,
            credit.accepted_at, credit.title) == (1, 72, "course_report", 7, NOW, "Курс")
    assert key_of(courses.report_credit, a_form()) == "crs-error-not-accepted"


# ---- services against the database ----------------------------------------------------------


@pytest.fixture
async def world(app, orgs) -> dict:
    ids = {
        "teacher": await onboarded(app, 650_001, orgs["school1"]),
        "teacher2": await onboarded(app, 650_002, orgs["school1"], name="Соседова Вера Ивановна"),
        "coord": await onboarded(app, 650_003, orgs["school1"], name="Завучева Ирина Павловна",
                                 roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])]),
        "coord2": await onboarded(app, 650_004, orgs["school1"], name="Второва Ольга Ивановна",
                                  roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])]),
        "mun": await onboarded(app, 650_005, None, name="Методистова Анна Львовна",
                               roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun2"])]),
    }
    return ids


async def actor_of(uow: Any, person_id: int) -> tuple[Actor, Person]:
    person = await uow.people.get(person_id)
    assert person is not None
    return Actor(person.id, tuple(person.grants)), person


async def answer_all(uow: Any, actor: Actor, form_id: int,
                     answers: Sequence[tuple[str, Any]]) -> CourseForm:
    form = None
    for step, value in answers:
        if step in courses.MULTI_STEPS:
            for v in value:
                form = await courses.toggle(uow, actor, form_id, step, v, NOW)
        elif step == "internships":
            form = await courses.set_internships(uow, actor, form_id, str(value), -1, NOW)
        else:
            form = await courses.answer(uow, actor, form_id, step, value, NOW, TODAY)
    assert form is not None
    return form


ASSIGNMENT = [("education", "vocational"), ("diploma_number", "12 345"),
              ("diploma_date", "01.07.2010"), ("specialty", "Физика"), ("position_years", "3"),
              ("age", "30"), ("program", "Курс физики"), ("groups", ["subject"]),
              ("diff_subject", "Олимпиадные задачи")]
REPORT = [("start_date", "01.10.2026"), ("end_date", "30.10.2026"), ("hours", "36"),
          ("input_percent", "80"), ("repeat_percent", None), ("internships", "none"),
          ("attestation", ["credit"]), ("competences", ["subject"]),
          ("certificate_number", "ПК 123"),
          ("certificate_file", FileMeta("F", FileKind.PHOTO, 1000)), ("recommendation", "no")]


async def test_review_transitions_and_history(app, world) -> None:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        teacher, person = await actor_of(uow, world["teacher"])
        coord, _ = await actor_of(uow, world["coord"])
        coord2, _ = await actor_of(uow, world["coord2"])
        form, created = await courses.open_draft(uow, teacher, person, FormKind.ASSIGNMENT, NOW,
                                                 "Учитель")
        assert created and form.answers.stored() == {"full_name": "Петрова Анна Сергеевна",
                                         "workplace": "МАОУ СОШ № 01", "position": "Учитель"}
        again, created = await courses.open_draft(uow, teacher, person, FormKind.ASSIGNMENT, NOW,
                                                  "Учитель")
        assert again.id == form.id and not created  # one draft of a kind at a time
        with pytest.raises(ValidationError) as info:
            await courses.submit(uow, teacher, person, form.id, NOW, TODAY)
        assert info.value.key == "crs-error-incomplete" and info.value.params["field"] == "education"
        # nobody reviews a draft; a coordinator does not even see it
        with pytest.raises(NotFound):
            await courses.get_form(uow, coord, form.id)
        with pytest.raises(NotFound):
            await courses.review(uow, coord, form.id, Decision.ACCEPT, None, NOW)
        await answer_all(uow, teacher, form.id, ASSIGNMENT)
        sent = await courses.submit(uow, teacher, person, form.id, NOW, TODAY)
        assert sent.coordinators == 2
        assert (sent.form.status, sent.form.revision, sent.form.submitted_at) == (
            FormStatus.SUBMITTED, 1, NOW)
        with pytest.raises(DomainError) as refused:
            await courses.answer(uow, teacher, form.id, "age", "31", NOW, TODAY)
        assert refused.value.key == "crs-error-not-editable"
        with pytest.raises(DomainError):
            await courses.delete_draft(uow, teacher, form.id)
        with pytest.raises(ValidationError) as info:
            await courses.review(uow, coord, form.id, Decision.RETURN, " ", NOW)
        assert info.value.key == "crs-error-comment-short"
        returned = await courses.review(uow, coord, form.id, Decision.RETURN, "Уточните стаж",
                                        NOW)
        assert returned.status is FormStatus.RETURNED and returned.comment == "Уточните стаж"
        # the second coordinator taps on the same form: it no longer waits
        with pytest.raises(DomainError) as refused:
            await courses.review(uow, coord2, form.id, Decision.ACCEPT, None, NOW)
        assert refused.value.key == "crs-error-not-waiting"
        await courses.answer(uow, teacher, form.id, "position_years", "4", NOW, TODAY)
        later = NOW + timedelta(hours=1)
        sent = await courses.submit(uow, teacher, person, form.id, later, TODAY)
        assert sent.form.revision == 2 and sent.form.answers.position_years == 4
        accepted = await courses.review(uow, coord2, form.id, Decision.ACCEPT, "ignored", later)
        assert accepted.status is FormStatus.ACCEPTED and accepted.decided_by == world["coord2"]
        assert accepted.comment is None
        events = await courses.history(uow, teacher, form.id)
        assert [(e.action.value, e.revision, e.comment) for e in events] == [
            ("submitted", 1, None), ("returned", 1, "Уточните стаж"), ("submitted", 2, None),
            ("accepted", 2, None)]
        assert events[0].snapshot["position_years"] == 3
        assert events[2].snapshot["position_years"] == 4
        # stale conditional updates change nothing
        assert not await uow.courses.mark_decided(form.id, 2, FormStatus.RETURNED, 1, "x", NOW)
        assert not await uow.courses.mark_submitted(form.id, FormStatus.RETURNED, 2,
                                                    1, courses.AssignmentAnswers(), None, NOW)
        keys = sorted(n.key for n in await _outbox(s))
        assert keys == ["crs-alert-assignment"] * 4 + ["crs-notice-assignment-accepted",
                                                       "crs-notice-assignment-returned"]
        await uow.commit()


async def _outbox(session):
    from sqlalchemy import select

    from storage.models import OutboxRow

    return (await session.scalars(select(OutboxRow))).all()


async def test_accepting_a_report_credits_hours_once(app, world) -> None:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        teacher, person = await actor_of(uow, world["teacher"])
        coord, _ = await actor_of(uow, world["coord"])
        form, _ = await courses.open_draft(uow, teacher, person, FormKind.REPORT, NOW, None)
        assert "position" not in form.answers.stored()  # no label: the report just shows a dash
        await courses.answer(uow, teacher, form.id, "program", "Курс", NOW, TODAY)
        await answer_all(uow, teacher, form.id, REPORT)
        await courses.submit(uow, teacher, person, form.id, NOW, TODAY)
        report = await courses.review(uow, coord, form.id, Decision.ACCEPT, None, NOW)
        # the submission and the acceptance are facts; the municipality's alert, the hours
        # ledger and the ИОМ react when the work commits
        submitted, fact = uow.pending
        assert isinstance(submitted, courses.FormSubmitted) and submitted.form.revision == 1
        assert isinstance(fact, courses.ReportAccepted) and fact.report.id == report.id
        assert (fact.credit.person_id, fact.credit.hours, fact.credit.source_id) == (
            world["teacher"], 36, form.id)
        assert await uow.hours.entries(world["teacher"]) == []
        await uow.commit()
        assert uow.pending == []
        ledger = await uow.hours.entries(world["teacher"])
        assert [(e.event_id, e.hours) for e in ledger] == [(None, 36.0)]
        assert await uow.courses.accepted_hours(world["teacher"]) == 36
        assert [r.id for r in await uow.courses.accepted_reports(world["teacher"])] == [report.id]
        with pytest.raises(DomainError):
            await courses.review(uow, coord, form.id, Decision.ACCEPT, None, NOW)
        assert uow.pending == []
        await uow.commit()
        assert len(await uow.hours.entries(world["teacher"])) == 1


async def test_answers_keep_dependent_fields_consistent(app, world) -> None:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        teacher, person = await actor_of(uow, world["teacher"])
        form, _ = await courses.open_draft(uow, teacher, person, FormKind.ASSIGNMENT, NOW, None)
        await answer_all(uow, teacher, form.id, ASSIGNMENT)
        form = await courses.toggle(uow, teacher, form.id, "groups", "methodological", NOW)
        assert form.answers.missing() == ["position", "diff_methodological"]
        form = await courses.toggle(uow, teacher, form.id, "groups", "subject", NOW)
        assert form.answers.groups == ["methodological"] and form.answers.difficulties == {}
        with pytest.raises(ValidationError):  # a difficulty of an unmarked group
            await courses.answer(uow, teacher, form.id, "diff_subject", "x y", NOW, TODAY)
        with pytest.raises(ValidationError):
            await courses.toggle(uow, teacher, form.id, "groups", "cosmic", NOW)
        with pytest.raises(ValidationError):  # a report's step on an assignment
            await courses.toggle(uow, teacher, form.id, "attestation", "credit", NOW)

        report, _ = await courses.open_draft(uow, teacher, person, FormKind.REPORT, NOW, None)
        rid = report.id
        with pytest.raises(ValidationError) as info:
            await courses.answer(uow, teacher, rid, "end_date", "30.10.2026", NOW, TODAY)
        assert info.value.key == "crs-error-start-first"
        await answer_all(uow, teacher, rid, [("start_date", "01.10.2026"),
                                             ("end_date", "10.10.2026"), ("hours", "20")])
        report = await courses.answer(uow, teacher, rid, "start_date", "11.10.2026", NOW, TODAY)
        assert "end_date" not in report.answers.stored()  # the old end is before the new start
        await courses.set_internships(uow, teacher, rid, "add", -1, NOW)
        await courses.answer(uow, teacher, rid, "intern_place", "Лицей", NOW, TODAY)
        with pytest.raises(ValidationError) as info:
            await courses.answer(uow, teacher, rid, "intern_hours", "21", NOW, TODAY)
        assert info.value.params == {"left": 20, "total": 20}
        await courses.answer(uow, teacher, rid, "intern_hours", "20", NOW, TODAY)
        report = await courses.answer(uow, teacher, rid, "intern_activity", "Уроки", NOW, TODAY)
        assert report.answers.stored()["internships"] == [{"place": "Лицей", "hours": 20,
                                               "activity": "Уроки"}]
        assert "internship_draft" not in report.answers.stored()
        with pytest.raises(ValidationError) as info:
            await courses.answer(uow, teacher, rid, "hours", "19", NOW, TODAY)
        assert info.value.key == "crs-error-hours-below-internships"
        with pytest.raises(ValidationError):
            await courses.set_internships(uow, teacher, rid, "none", -1, NOW)
        with pytest.raises(ValidationError) as info:  # an internship's hours without its place
            await courses.answer(uow, teacher, rid, "intern_hours", "1", NOW, TODAY)
        assert info.value.key == "crs-error-internship-restart"
        report = await courses.set_internships(uow, teacher, rid, "del", 0, NOW)
        assert report.answers.internships == []
        await answer_all(uow, teacher, rid, [("input_percent", "97"),
                                             ("attestation", ["open_lesson", "other"])])
        report = await courses.answer(uow, teacher, rid, "recommendation", "yes", NOW, TODAY)
        assert report.answers.recommendation is True
        report = await courses.answer(uow, teacher, rid, "attestation_other", "Проект", NOW,
                                      TODAY)
        # unmarking «open lesson» withdraws the «yes»; unmarking «other» drops its text
        report = await courses.toggle(uow, teacher, rid, "attestation", "open_lesson", NOW)
        assert "recommendation" not in report.answers.stored()
        report = await courses.toggle(uow, teacher, rid, "attestation", "other", NOW)
        assert "attestation_other" not in report.answers.stored()
        for _ in range(courses.MAX_INTERNSHIPS):
            await courses.answer(uow, teacher, rid, "intern_place", "Лицей", NOW, TODAY)
            await courses.answer(uow, teacher, rid, "intern_hours", "1", NOW, TODAY)
            await courses.answer(uow, teacher, rid, "intern_activity", "Уроки", NOW, TODAY)
        with pytest.raises(ValidationError) as info:
            await courses.set_internships(uow, teacher, rid, "add", -1, NOW)
        assert info.value.key == "crs-error-internships-many"


async def test_links_and_forged_ids(app, world) -> None:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        teacher, person = await actor_of(uow, world["teacher"])
        teacher2, person2 = await actor_of(uow, world["teacher2"])
        coord, _ = await actor_of(uow, world["coord"])
        ta, _ = await courses.open_draft(uow, teacher, person, FormKind.ASSIGNMENT, NOW, "Учитель")
        await answer_all(uow, teacher, ta.id, ASSIGNMENT)
        report, _ = await courses.open_draft(uow, teacher, person, FormKind.REPORT, NOW, None)
        with pytest.raises(ValidationError) as info:  # not approved yet
            await courses.answer(uow, teacher, report.id, "program_link", str(ta.id), NOW, TODAY)
        assert info.value.key == "crs-error-link-not-approved"
        assert await courses.linkable_assignments(uow, teacher) == []
        await courses.submit(uow, teacher, person, ta.id, NOW, TODAY)
        await courses.review(uow, coord, ta.id, Decision.ACCEPT, None, NOW)
        assert [f.id for f in await courses.linkable_assignments(uow, teacher)] == [ta.id]
        report = await courses.answer(uow, teacher, report.id, "program_link", str(ta.id), NOW,
                                      TODAY)
        assert report.assignment_id == ta.id and report.program == "Курс физики"
        assert await courses.offered_for(uow, report) == ["subject"]
        with pytest.raises(ValidationError):
            await courses.toggle(uow, teacher, report.id, "competences", "communicative", NOW)
        # typing a programme unlinks
        report = await courses.answer(uow, teacher, report.id, "program", "Другое", NOW, TODAY)
        assert report.assignment_id is None
        # another teacher names these ids: refused everywhere
        other_report, _ = await courses.open_draft(uow, teacher2, person2, FormKind.REPORT, NOW,
                                                   None)
        with pytest.raises(AccessDenied):
            await courses.answer(uow, teacher2, other_report.id, "program_link", str(ta.id),
                                 NOW, TODAY)
        for call in (
            courses.get_own(uow, teacher2, report.id),
            courses.answer(uow, teacher2, report.id, "hours", "10", NOW, TODAY),
            courses.toggle(uow, teacher2, report.id, "attestation", "credit", NOW),
            courses.set_internships(uow, teacher2, report.id, "none", -1, NOW),
            courses.delete_draft(uow, teacher2, report.id),
            courses.submit(uow, teacher2, person2, report.id, NOW, TODAY),
            courses.get_form(uow, teacher2, ta.id),
        ):
            with pytest.raises(DomainError):
                await call
        with pytest.raises(NotFound):
            await courses.get_own(uow, teacher, 999_999)
        # a report from this assignment: the draft gets linked
        await courses.delete_draft(uow, teacher, report.id)
        linked, created = await courses.open_draft(uow, teacher, person, FormKind.REPORT, NOW,
                                                   None, assignment_id=ta.id)
        assert created and linked.assignment_id == ta.id
        # once a report on it is accepted, the assignment cannot be used again
        await answer_all(uow, teacher, linked.id, REPORT)
        await courses.submit(uow, teacher, person, linked.id, NOW, TODAY)
        await courses.review(uow, coord, linked.id, Decision.ACCEPT, None, NOW)
        again, _ = await courses.open_draft(uow, teacher, person, FormKind.REPORT, NOW, None)
        with pytest.raises(ValidationError) as info:
            await courses.answer(uow, teacher, again.id, "program_link", str(ta.id), NOW, TODAY)
        assert info.value.key == "crs-error-link-used"


async def test_queue_by_scope_oldest_first(app, world, orgs) -> None:
    other_teacher = await onboarded(app, 650_010, orgs["other_school"], name="Далёкая Ия Ивановна")
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        coord, _ = await actor_of(uow, world["coord"])
        mun, _ = await actor_of(uow, world["mun"])
        ids = []
        for n, pid in enumerate((world["teacher2"], other_teacher, world["teacher"])):
            actor, person = await actor_of(uow, pid)
            form, _ = await courses.open_draft(uow, actor, person, FormKind.ASSIGNMENT, NOW, "У")
            await answer_all(uow, actor, form.id, ASSIGNMENT)
            await courses.submit(uow, actor, person, form.id, NOW + timedelta(minutes=n), TODAY)
            ids.append(form.id)
        page = await courses.review_queue(uow, coord, 0, 10)
        assert [f.id for f in page.items] == [ids[0], ids[2]] and page.total == 2
        page = await courses.review_queue(uow, mun, 0, 10)  # the other municipality
        assert [f.id for f in page.items] == [ids[1]]
        page = await courses.review_queue(uow, Actor(1, (), is_config_admin=True), 0, 2)
        assert [f.id for f in page.items] == ids[:2] and page.total == 3
        page = await courses.review_queue(uow, Actor(1, (), is_config_admin=True), 5, 2)
        assert page.page == 1 and [f.id for f in page.items] == [ids[2]]
        teacher, _ = await actor_of(uow, world["teacher"])
        with pytest.raises(AccessDenied):
            await courses.review_queue(uow, teacher, 0, 10)
        assert await uow.courses.school_coordinators(orgs["school1"]) == sorted(
            [world["coord"], world["coord2"]])


async def test_forgetting_a_teacher_erases_their_forms(app, world) -> None:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        teacher, person = await actor_of(uow, world["teacher"])
        form, _ = await courses.open_draft(uow, teacher, person, FormKind.ASSIGNMENT, NOW, "У")
        await answer_all(uow, teacher, form.id, ASSIGNMENT)
        await courses.submit(uow, teacher, person, form.id, NOW, TODAY)
        await uow.commit()
        await uow.people.delete(world["teacher"])
        await uow.commit()
        assert await uow.courses.get(form.id) is None
