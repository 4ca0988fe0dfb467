"""/mydata, /forgetme, the central error handler, setMyCommands."""

from __future__ import annotations

import json

from aiogram.methods import SendDocument, SetMyCommands
from sqlalchemy import func, select

from bot.app import set_commands
from domain.enums import Role
from storage.models import PersonRow, RoleGrantRow
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import Person
from tests.profile.test_onboarding import complete_profile, consent


async def test_mydata_sends_everything_stored(app, orgs, teacher: Person) -> None:
    await consent(teacher)
    await complete_profile(teacher)
    await teacher.send("/mydata")
    doc = teacher.tg.of(SendDocument)[-1]
    data = json.loads(doc.document.data.decode("utf-8"))
    assert data["person"]["full_name"] == "Иванова Мария Петровна"
    assert data["school"] == "МАОУ СОШ № 03"
    assert data["roles"][0]["role"] == "teacher"
    assert "forgetme" in doc.caption


async def test_forgetme_asks_then_erases(app, orgs, teacher: Person) -> None:
    await consent(teacher)
    await complete_profile(teacher)
    await teacher.send("/forgetme")
    await teacher.press("Нет, оставить")
    assert "ничего не удалено" in teacher.last.text
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(PersonRow)) == 1
    await teacher.send("/forgetme")
    await teacher.press("Да, удалить")
    assert "удалены" in teacher.last.text
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(PersonRow)) == 0
        assert await s.scalar(select(func.count()).select_from(RoleGrantRow)) == 0
    await teacher.send("/start")
    assert "152-ФЗ" in teacher.last.text  # a fresh start, nothing remembered


async def test_unexpected_error_apologises_and_keeps_data(app, orgs, monkeypatch) -> None:
    await onboarded(app, 800_001, orgs["school1"], roles=[(Role.TEACHER, orgs["school1"])])
    p = Person(app, 800_001)
    await p.send("/profile")

    async def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("domain.profile.update_field", broken)
    await p.press("Стаж")
    await p.send("9")
    assert "Что-то пошло не так" in p.last.text
    assert [b for b, _ in p.last.buttons()] == ["🏠 Главное меню"]
    async with app.sessions() as s:
        row = await s.scalar(select(PersonRow))
    assert row.experience_years == 5  # unchanged, and nothing half-written


async def test_commands_are_set_for_ru_and_en(app) -> None:
    await set_commands(app.bot, app.dp["i18n_core"].get)
    calls = app.bot.session.of(SetMyCommands)
    by_lang = {c.language_code: {b.command: b.description for b in c.commands} for c in calls}
    assert by_lang[None]["forgetme"] == "Удалить мои данные"
    assert by_lang["en"]["forgetme"] == "Delete my data"
    assert set(by_lang[None]) == set(by_lang["en"]) >= {"start", "menu", "help", "cancel"}


async def test_mydata_includes_every_feature_table_the_person_owns(app, orgs) -> None:
    from storage.personal_data import owned_tables

    owned = set(owned_tables()) - {"role_grants", "outbox"}
    assert {"course_form_events", "route_rows", "route_events"} <= owned  # through a parent
    await onboarded(app, 800_010, orgs["school1"])
    await onboarded(app, 800_011, orgs["school1"], name="Другой Учитель Иванович")
    p, other = Person(app, 800_010), Person(app, 800_011)
    for person in (p, other):  # each starts a course form draft
        await person.send("/menu")
        await person.press("Курсы и отчёты")
        await person.press("Техническое задание")
    await p.send("/mydata")
    data = json.loads(p.tg.of(SendDocument)[-1].document.data.decode("utf-8"))
    assert set(data["records"]) <= owned  # only tables the person owns rows in
    forms = data["records"]["course_forms"]
    assert len(forms) == 1 and forms[0]["person_id"] == data["person"]["id"]


async def test_forgetme_gives_up_seats_so_the_waitlist_moves(app, orgs) -> None:
    from domain import events as ev
    from tests.support.events import actor, make_event, registration, run

    seated = await onboarded(app, 800_020, orgs["school1"])
    waiting = await onboarded(app, 800_021, orgs["school1"], name="Ждущая Вера Павловна")
    event_id = await make_event(app, orgs["mun1"], capacity=1, audience=[orgs["mun1"]])
    for person_id in (seated, waiting):
        await run(app, ev.register, await actor(app, person_id), event_id, TEST_CLOCK.now())
    assert (await registration(app, event_id, waiting)).status is ev.RegStatus.WAITLISTED
    p = Person(app, 800_020)
    await p.send("/forgetme")
    await p.press("Да, удалить")
    assert (await registration(app, event_id, seated)) is None
    assert (await registration(app, event_id, waiting)).status is ev.RegStatus.OFFERED


# ---- every table, every column that can hold a person: classified, so none is forgotten ----


def test_every_table_and_person_column_is_handled_by_export_and_erasure() -> None:
    """A new table or column that can hold someone's data must be classified in
    storage/personal_data.py (then /mydata exports it and /forgetme erases it)."""
    from storage import personal_data as pd

    assert pd.problems() == []


def test_the_check_catches_what_a_new_feature_could_forget() -> None:
    from sqlalchemy import JSON, Column, ForeignKey, Integer, MetaData, String, Table, Text

    from storage import personal_data as pd

    probe = MetaData()
    Table("people", probe, Column("id", Integer, primary_key=True))
    Table("mentor_notes", probe, Column("id", Integer, primary_key=True),
          Column("mentor_id", ForeignKey("people.id", ondelete="RESTRICT")),
          Column("reviewer_id", ForeignKey("people.id", ondelete="SET NULL")),
          Column("teacher_id", Integer), Column("extra", JSON))
    Table("mentor_files", probe, Column("id", Integer, primary_key=True),
          Column("note_id", ForeignKey("mentor_notes.id", ondelete="CASCADE")),
          Column("caption", Text), Column("chat_id", String(32)))
    found = "\n".join(pd.problems(probe))
    for expected in (
        "table mentor_notes: owned by no person",  # RESTRICT is not ownership
        "mentor_notes.mentor_id: ON DELETE RESTRICT",
        "mentor_notes.reviewer_id: a SET NULL pointer to a person missing in AUTHORED",
        "mentor_notes.teacher_id: looks like a reference to a person",
        "mentor_notes.extra: a JSON or free-text column missing in CONTENT",
        "table mentor_files: owned by no person",
        "mentor_files.chat_id: looks like a reference to a person",
        "SHARED_TABLES events: no such table",  # registries follow the schema too
        "CONTENT outbox.params: no such",
    ):
        assert expected in found, expected
    # a table reached through a CASCADE chain from a person's row is theirs
    probe2 = MetaData()
    Table("people", probe2, Column("id", Integer, primary_key=True))
    Table("a", probe2, Column("id", Integer, primary_key=True),
          Column("person_id", ForeignKey("people.id", ondelete="CASCADE")))
    Table("b", probe2, Column("id", Integer, primary_key=True),
          Column("a_id", ForeignKey("a.id", ondelete="CASCADE")))
    assert list(pd.owned_tables(probe2)) == ["a", "b"]
