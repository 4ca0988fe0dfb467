"""Digests and escalations with the frozen clock: the job records each message once, the
coordinator's choice in Profile is kept, quiet hours are respected, the digest's buttons open
the lists, late or orphaned submissions reach the municipal coordinator, course forms
arriving are announced."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import insert

from bot.jobs import alert_settings, territory_tick
from domain.territory.alerts import AlertSettings, in_quiet_hours, not_before
from storage.courses_models import CourseFormRow
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded, outbox
from tests.harness import Person
from tests.territory.kit import MUN_C, SCHOOL_C, T2, submitted_route, territory
from tests.support.route import TZ, diagnose


def settings(**kw) -> AlertSettings:
    """Due now: today's weekday, from midnight on, no quiet hours (unless given)."""
    local = TEST_CLOCK.now().astimezone(TZ)
    values = {"weekday": local.weekday(), "hour": 0, "quiet_start": 0, "quiet_end": 0,
                  "escalate_days": 7, "stalled_days": 7}
    values.update(kw)
    return AlertSettings(**values)


async def tick(app, s: AlertSettings | None = None) -> int:
    return await territory_tick(app.sessions, TZ, TEST_CLOCK, s or settings())


async def deliver(app) -> None:
    app.sender.per_chat_interval = 0.0
    while await app.sender.run_once(budget=30):
        pass


async def test_weekly_digest_once_then_daily_by_choice(app, orgs) -> None:
    ids = await territory(app, orgs)
    assert await tick(app) >= 4
    rows = await outbox(app, "terr-digest")
    by_person = {}
    for r in rows:
        by_person.setdefault(r.person_id, []).append(r.params["org"])
    coordinators = {ids[k] for k in ("school_c", "mun_c", "reg_c", "other_school_c")}
    assert set(by_person) == coordinators  # one per coordinator and scope; not the admin
    assert by_person[ids["reg_c"]] == ["Тестовая область"]
    assert await tick(app) == 0  # recorded once
    # the school coordinator chooses «every day» in Profile
    p = Person(app, SCHOOL_C)
    await p.send("/profile")
    await p.press("Сводка координатора")
    assert "Сейчас: <b>раз в неделю</b>" in p.last.text
    await p.press("каждый день")
    assert "✅ каждый день" in [b for b, _ in p.last.buttons()]
    TEST_CLOCK.advance(timedelta(days=1))
    await tick(app)
    rows = await outbox(app, "terr-digest")
    tomorrow = [r for r in rows if r.created_at >= TEST_CLOCK.now() - timedelta(minutes=1)]
    assert [r.person_id for r in tomorrow] == [ids["school_c"]]
    # off: nothing any more
    await p.send("/profile")
    await p.press("Сводка координатора")
    await p.press("не присылать")
    TEST_CLOCK.advance(timedelta(days=1))
    before = len(await outbox(app, "terr-digest"))
    await tick(app)
    assert len(await outbox(app, "terr-digest")) == before
    # a forged value is refused
    from handlers.territory.common import TerrCb

    await p.press_data(TerrCb(a="digest", f="hourly").pack())
    assert "Сейчас: <b>не присылать</b>" in p.last.text


async def test_digest_text_and_buttons_open_the_lists(app, orgs) -> None:
    ids = await territory(app, orgs)
    await submitted_route(app, ids["t1"])
    await tick(app)
    await deliver(app)
    m = Person(app, MUN_C)
    text = m.last.text
    assert "Сводка: Городской округ Тестовый" in text
    assert "ждут вашего решения (ИОМ, техзадания, отчёты): <b>1</b>" in text
    assert "педагоги без диагностики: <b>3</b>" in text
    await m.press("Без диагностики")
    assert "Фильтр: Без диагностики. Найдено: <b>3</b>" in m.last.text
    await m.press("ИОМ ждёт решения")
    assert any("Алексеева" in b for b, _ in m.last.buttons())


async def test_quiet_hours() -> None:
    s = AlertSettings(quiet_start=21, quiet_end=8)
    at = datetime.combine(TEST_CLOCK.now().astimezone(TZ).date(), time(22, 30), TZ)
    assert in_quiet_hours(at, s)
    assert not_before(at, TZ, s) == datetime.combine(at.date() + timedelta(days=1), time(8), TZ)
    early = at.replace(hour=6)
    assert not_before(early, TZ, s) == early.replace(hour=8, minute=0)
    noon = at.replace(hour=12)
    assert not_before(noon, TZ, s) == noon


async def test_digest_in_quiet_hours_waits(app, orgs) -> None:
    await territory(app, orgs)
    await tick(app, settings(quiet_start=0, quiet_end=23 if TEST_CLOCK.now().astimezone(TZ)
                             .hour < 23 else 0))
    for row in await outbox(app, "terr-digest"):
        assert row.not_before >= TEST_CLOCK.now()
    local = TEST_CLOCK.now().astimezone(TZ)
    if local.hour < 23:
        assert all(r.not_before.astimezone(TZ).hour == 23
                   for r in await outbox(app, "terr-digest"))


async def test_escalations(app, orgs) -> None:
    ids = await territory(app, orgs)
    route_id = await submitted_route(app, ids["t1"])  # school 1 has its coordinator
    await tick(app)
    assert not await outbox(app, "terr-escalation")
    TEST_CLOCK.advance(timedelta(days=8))
    await tick(app)
    [late] = await outbox(app, "terr-escalation")
    assert late.person_id == ids["mun_c"] and late.params["reason"] == "late"
    await tick(app)
    assert len(await outbox(app, "terr-escalation")) == 1  # once
    # a school with no coordinator in the bot: at once
    orphan = await onboarded(app, 750_001, orgs["school5"], name="Одинокова Ольга")
    await diagnose(app, orphan)
    await submitted_route(app, orphan)
    await tick(app)
    rows = await outbox(app, "terr-escalation")
    assert [r.params["reason"] for r in rows] == ["late", "orphan"]
    assert "Одинокова" in rows[1].params["name"]
    # the other municipality's coordinator is never told about this one
    assert {r.person_id for r in rows} == {ids["mun_c"]}
    # the message opens the route for review
    await deliver(app)
    m = Person(app, MUN_C)
    assert "координатора школы в боте нет" in m.last.text
    await m.press("ИОМ")
    assert "Индивидуальный образовательный маршрут" in m.last.text
    assert route_id


async def test_course_form_arrival_reaches_the_municipal_coordinator(app, orgs) -> None:
    ids = await territory(app, orgs)
    now = TEST_CLOCK.now()
    async with app.sessions() as s:
        await s.execute(insert(CourseFormRow), [{
            "kind": "report", "person_id": ids["t2"], "school_id": orgs["school1"],
            "status": "submitted", "data": {}, "revision": 1, "submitted_at": now,
            "created_at": now, "updated_at": now}])
        await s.commit()
    await tick(app)
    [alert] = await outbox(app, "terr-alert-form")
    assert alert.person_id == ids["mun_c"] and alert.params["kind"] == "report"
    await tick(app)
    assert len(await outbox(app, "terr-alert-form")) == 1


async def test_a_submitted_form_reaches_the_municipal_coordinator_at_once(app, orgs) -> None:
    """The submission itself tells the municipality (no job run needed); the job finds the
    same dedupe keys taken and records nothing more."""
    from tests.courses.test_flows import fill_assignment

    ids = await territory(app, orgs)
    await fill_assignment(Person(app, T2))
    [alert] = await outbox(app, "terr-alert-form")
    assert alert.person_id == ids["mun_c"] and alert.params["kind"] == "assignment"
    assert alert.params["school"] == "МАОУ СОШ № 01"
    assert alert.not_before is None or alert.not_before <= TEST_CLOCK.now()
    assert not await outbox(app, "terr-escalation")  # school 1 has its coordinator
    await deliver(app)
    m = Person(app, MUN_C)
    assert "Поступил техническое задание" in m.last.text
    assert "Борисова Вера Ивановна (МАОУ СОШ № 01)" in m.last.text
    await m.press("Открыть")
    assert "Борисова Вера Ивановна" in m.last.text
    assert not any("Принять" in b for b, _ in m.last.buttons())  # the school decides
    await tick(app)
    TEST_CLOCK.advance(timedelta(hours=1))
    await tick(app)
    assert len(await outbox(app, "terr-alert-form")) == 1  # nobody gets it twice
    assert not await outbox(app, "terr-escalation")
    # a school with no school coordinator in the bot: the escalation at once, once
    orphan = await onboarded(app, 750_002, orgs["school5"], name="Одинокова Ольга")
    await fill_assignment(Person(app, 750_002))
    [esc] = await outbox(app, "terr-escalation")
    assert esc.person_id == ids["mun_c"] and esc.params["reason"] == "orphan"
    assert esc.dedupe_key.startswith("terr-esc:assignment:")
    await tick(app)
    assert len(await outbox(app, "terr-escalation")) == 1
    assert len(await outbox(app, "terr-alert-form")) == 1
    # nobody outside the municipality is told
    rows = await outbox(app, "terr-alert-form") + await outbox(app, "terr-escalation")
    assert {r.person_id for r in rows} == {ids["mun_c"]}
    assert orphan


def test_settings_are_read_from_the_environment() -> None:
    class S:
        quiet_hours, digest_weekday, digest_hour, escalate_after_days = "22:00-07:00", 5, 18, 10

    s = alert_settings(S())
    assert (s.quiet_start, s.quiet_end, s.weekday, s.hour, s.escalate_days) == (22, 7, 4, 18, 10)


async def test_digest_counts_take_one_statement_per_scope(app, orgs) -> None:
    """Counted with a SQLAlchemy event: before, a scope's digest figures took four
    statements (plus the region's municipalities); now one."""
    from sqlalchemy import event

    from domain.territory import period
    from storage.uow import SqlUnitOfWork

    ids = await territory(app, orgs)
    await submitted_route(app, ids["t1"])
    statements: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = app.engine.sync_engine
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        now = TEST_CLOCK.now()
        figures = {}
        for name, region_extra in (("school1", 0), ("mun1", 0), ("region", 1)):
            org = await uow.orgs.get(orgs[name])
            event.listen(engine, "before_cursor_execute", seen)
            try:
                statements.clear()
                figures[name] = await uow.territory.digest_counts(
                    org, period(now, TZ), now - timedelta(days=7))
            finally:
                event.remove(engine, "before_cursor_execute", seen)
            print(f"digest_counts({name}): {len(statements)} statement(s)")
            assert len(statements) == 1 + region_extra, statements
    assert figures["mun1"].waiting == 1 and figures["mun1"].never_diagnosed == 3
    assert figures["school1"].waiting == 1 and figures["region"].waiting == 1
