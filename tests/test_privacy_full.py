"""/mydata and /forgetme over a full history, through the real Dispatcher: a teacher who took
the self-diagnosis and wrote a self-analysis, submitted an ИОМ that was returned with a comment
and resubmitted it, had a course report returned and resubmitted, registered for an event and
was marked present (hours). The export holds all of it; after erasure no table holds their id,
name or words, and coordinators' notifications about them no longer name them. A coordinator
who erases keeps their decisions on others' forms, without their name."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from aiogram.methods import SendDocument
from sqlalchemy import select

from domain import events as ev
from domain.enums import Role
from storage import personal_data as pd
from storage.courses.models import CourseFormEventRow, CourseFormRow
from storage.models import OutboxRow, PersonRow
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.courses.test_flows import fill_report
from tests.diagnosis.test_flows import complete
from tests.events.test_flows import open_events
from tests.harness import Person
from tests.route.test_flows import add_own, open_route
from tests.support.events import make_event

T_ID, C_ID, M_ID, T2_ID = 731_555_001, 731_555_002, 731_555_003, 731_555_004
T_NAME = "Забытова Эрика Тимуровна"
C_NAME = "Завучева Ирина Павловна"
M_NAME = "Методистова Анна Львовна"
T2_NAME = "Соседова Вера Ивановна"
SELF_ANALYSIS = "Самоанализ: секретная фраза Альфа-Омега по итогам ВПР."
EVENT = "Практикум по оцениванию"
#: the diagnosis answers of tests/test_route_kit.WEAK (three deficits), by button label
WEAK_LABELS = ["Владею уверенно"] * 36
WEAK_LABELS[12] = WEAK_LABELS[27] = "Владею частично"  # m04, c01
WEAK_LABELS[13] = WEAK_LABELS[14] = "Не владею"  # m05, m06


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


async def deliver(app) -> None:
    for _ in range(3):
        await app.sender.run_once(budget=2)


async def everything(app) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as plain values."""
    out = {}
    async with app.sessions() as s:
        for table in pd.tables():
            rows = (await s.execute(select(table))).mappings().all()
            out[table.name] = [dict(r) for r in rows]
    return out


def as_text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


async def world(app, orgs) -> dict[str, int]:
    return {
        "t": await onboarded(app, T_ID, orgs["school1"], name=T_NAME),
        "c": await onboarded(app, C_ID, orgs["school1"], name=C_NAME,
                             roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])]),
        "m": await onboarded(app, M_ID, None, name=M_NAME,
                             roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])]),
        "t2": await onboarded(app, T2_ID, orgs["school1"], name=T2_NAME),
    }


async def full_history(app, orgs, t: Person, c: Person, m: Person) -> None:
    # the self-diagnosis and a self-analysis
    await t.send("/menu")
    await t.press("Самодиагностика")
    await complete(t, WEAK_LABELS)
    await t.press("Самоанализ")
    await t.press("Написать")
    await t.send(SELF_ANALYSIS)

    # a course report, returned with a comment, corrected and resubmitted
    await fill_report(t, link=False)
    await deliver(app)
    await c.press("Открыть")
    await c.press("Вернуть с комментарием")
    await c.send("Укажите номер удостоверения полностью, с серией")
    await deliver(app)
    await t.press("Открыть")
    await t.press("Исправить и отправить")
    await t.press("✏️ Удостоверение №")
    await t.send("ПК-48 № 482412345678")
    await t.press("Отправить повторно")
    await deliver(app)

    # an event: registered, marked present by the organiser, hours credited
    await make_event(app, orgs["mun1"], title=EVENT, starts=TEST_CLOCK.now()
                     + timedelta(minutes=20), hours=ev.Hours(3, 0, 1))
    await open_events(t)
    await t.press(EVENT)
    await t.press("Записаться")
    await m.send("/menu")
    await m.press("Координатор")
    await m.press("Мероприятия: создать")
    await m.press("Мои мероприятия")
    await m.press(EVENT)
    await m.press("Посещаемость")
    await m.press("⬜ Забытова")
    assert "Отмечено: 1 из 1" in m.last.text

    # the ИОМ: own items, submitted, returned with a comment, resubmitted (alerts pending)
    await open_route(t)
    await t.press("Построить черновик")
    for n in (1, 2, 3):
        await t.press(f"{n}. ")
        await add_own(t, f"Самообразование Забытовой по строке {n}")
        await t.press("Назад")
    await t.press("Отправить на согласование")
    assert "Координаторов школы уведомлено: 1" in t.last.text
    await deliver(app)
    await c.press("Открыть ИОМ")
    await c.press("Вернуть")
    await c.send("Добавьте внутришкольные мероприятия, Эрика Тимуровна")
    await deliver(app)
    await t.press("Открыть ИОМ")
    await t.press("Отправить на согласование")  # these alerts stay pending


async def test_mydata_holds_the_full_history_and_forgetme_leaves_nothing(app, orgs) -> None:
    ids = await world(app, orgs)
    t, c, m = Person(app, T_ID), Person(app, C_ID), Person(app, M_ID)
    await full_history(app, orgs, t, c, m)
    await t.send("/menu")
    await t.press("Курсы и отчёты")
    await t.press("Техническое задание")  # a draft and a conversation half-way

    await t.send("/mydata")
    data = json.loads(t.tg.of(SendDocument)[-1].document.data.decode("utf-8"))
    rec = data["records"]
    assert data["person"]["full_name"] == T_NAME
    [attempt] = rec["diag_attempts"]
    assert attempt["self_analysis"] == SELF_ANALYSIS and attempt["answers"]["m05"] == 1
    assert len(rec["diag_deficits"]) == 3
    [route] = rec["routes"]
    assert route["status"] == "submitted" and route["revision"] == 2
    assert len(rec["route_rows"]) == 3
    assert {a["title"] for a in rec["route_activities"]} >= {
        f"Самообразование Забытовой по строке {n}" for n in (1, 2, 3)}
    route_history = [(e["action"], e["comment"]) for e in rec["route_events"]]
    assert ("returned", "Добавьте внутришкольные мероприятия, Эрика Тимуровна") in route_history
    assert [a for a, _ in route_history].count("submitted") == 2
    report = next(f for f in rec["course_forms"] if f["kind"] == "report")
    assert report["data"]["program"] == "Цифровая образовательная среда"
    history = [(e["action"], e["revision"], e["comment"]) for e in rec["course_form_events"]]
    assert history == [("submitted", 1, None),
                       ("returned", 1, "Укажите номер удостоверения полностью, с серией"),
                       ("submitted", 2, None)]
    assert [e["snapshot"].get("certificate_number") for e in rec["course_form_events"]
            if e["action"] == "submitted"] == ["482412345678", "ПК-48 № 482412345678"]
    [reg] = rec["event_registrations"]
    assert reg["attended_at"] and reg["status"] == "confirmed"
    assert sorted((h["kind"], h["hours"]) for h in rec["hours_ledger"]) == [
        ("in_person", 3.0), ("self_study", 1.0)]
    named = {(n["table"], n["key"]) for n in data["named_in_notifications"]}
    assert ("outbox", "route-alert-submitted") in named and ("outbox", "crs-alert-report") in named
    assert all("person_id" not in n for n in data["named_in_notifications"])  # not who got it
    assert {n["key"] for n in data["notifications"]} >= {"route-notice-returned"}
    assert data["conversation"]["state"]

    before = await everything(app)
    to_others = [r for r in before["outbox"] if r["person_id"] != ids["t"]]
    assert any(T_NAME in as_text(r["params"]) for r in to_others if r["status"] == "sent")
    assert any(T_NAME in as_text(r["params"]) for r in to_others if r["status"] == "pending")
    assert any("Цифровая образовательная среда" in as_text(r["params"]) for r in to_others)
    assert any(str(T_ID) in r["key"] for r in before["fsm_states"])

    await t.send("/forgetme")
    await t.press("Да, удалить")
    assert "удалены" in t.last.text

    after = await everything(app)
    needles = [T_NAME, "Забытов", str(T_ID), "Альфа-Омега", "Эрика Тимуровна",
               "Цифровая образовательная среда", "482412345678", "Самообразование Забытовой"]
    for table, rows in after.items():
        for row in rows:
            for column, value in row.items():
                text = as_text(value)
                for needle in needles:
                    assert needle not in text, f"{table}.{column} still holds {needle!r}"
    for table in pd.tables():
        for col, _ in pd.people_fks(table):
            assert all(r[col.name] != ids["t"] for r in after[table.name]), (table, col)

    # coordinators' notifications stay (delivered and pending), without the teacher
    kept = [r for r in after["outbox"] if r["id"] in {x["id"] for x in to_others}]
    assert len(kept) == len(to_others)
    alerts = [r for r in kept if r["key"] in ("route-alert-submitted", "crs-alert-report")]
    assert alerts and all(r["params"]["name"] == pd.ERASED for r in alerts)
    assert {r["status"] for r in alerts} >= {"sent", "pending"}
    # everyone else's data is untouched
    assert {p["id"] for p in after["people"]} == {ids["c"], ids["m"], ids["t2"]}
    assert [e["title"] for e in after["events"]] == [EVENT]
    await t.send("/start")
    assert "152-ФЗ" in t.last.text


async def test_a_coordinator_who_leaves_keeps_their_decisions_without_their_name(app,
                                                                               orgs) -> None:
    ids = await world(app, orgs)
    t, c = Person(app, T_ID), Person(app, C_ID)
    await fill_report(t, link=False)
    await deliver(app)
    await c.press("Открыть")
    await c.press("Вернуть с комментарием")
    await c.send("Укажите номер удостоверения полностью, с серией")

    await c.send("/mydata")
    data = json.loads(c.tg.of(SendDocument)[-1].document.data.decode("utf-8"))
    [decided] = data["authored"]["course_forms.decided_by"]
    assert decided["status"] == "returned" and decided["comment"].startswith("Укажите номер")
    assert "data" not in decided  # the teacher's answers are not the coordinator's data
    assert [e["action"] for e in data["authored"]["course_form_events.actor_id"]] == [
        "returned"]
    assert [n["key"] for n in data["named_in_notifications"]] == [
        "crs-notice-report-returned"]  # the notice to the teacher names the reviewer

    await c.send("/forgetme")
    await c.press("Да, удалить")
    async with app.sessions() as s:
        [form] = (await s.scalars(select(CourseFormRow))).all()
        events = (await s.scalars(select(CourseFormEventRow).order_by(CourseFormEventRow.id)
                                  )).all()
        notices = (await s.scalars(select(OutboxRow).where(
            OutboxRow.key == "crs-notice-report-returned"))).all()
        people = (await s.scalars(select(PersonRow.id))).all()
    assert form.status == "returned" and form.comment.startswith("Укажите номер")
    assert form.decided_by is None and form.person_id == ids["t"]
    assert [(e.action, e.actor_id) for e in events] == [("submitted", ids["t"]),
                                                       ("returned", None)]
    [notice] = notices
    assert notice.status == "pending" and notice.person_id == ids["t"]
    assert notice.params["reviewer"] == pd.ERASED
    assert notice.params["comment"].startswith("Укажите номер")  # the decision stays
    assert ids["c"] not in people
    for table, rows in (await everything(app)).items():
        for row in rows:
            for column, value in row.items():
                assert "Завучева" not in as_text(value), f"{table}.{column}"
                assert str(C_ID) not in as_text(value), f"{table}.{column}"
    # the teacher still gets the (anonymised) notice and can correct the report
    await deliver(app)
    assert "возвращён на доработку" in t.last.text and "Завучева" not in t.last.text


async def test_forgetme_clears_the_conversation_in_redis(make_app, orgs) -> None:
    """With REDIS_URL the conversation lives under keys with the user's id; erasure clears
    them through the FSM storage."""
    import uuid

    from tests.harness import BOT_ID
    from tests.test_settings import REDIS_URL, _redis_or_skip

    await _redis_or_skip()
    app = await make_app(redis_url=REDIS_URL)
    uid = 8_000_000_000 + uuid.uuid4().int % 1_000_000_000  # not anyone else's key
    pattern = f"fsm:{BOT_ID}:{uid}:{uid}:*"
    redis = app.dp.storage.redis
    try:
        p = Person(app, uid)
        await p.send("/start")
        await p.press("Согласен")  # onboarding begins: a state and its data
        await p.send("Забытова Эрика Тимуровна")
        assert await redis.keys(pattern)
        await p.send("/forgetme")
        await p.press("Да, удалить")
        assert "удалены" in p.last.text
        assert await redis.keys(pattern) == []
    finally:
        leftover = await redis.keys(pattern)
        if leftover:
            await redis.delete(*leftover)
