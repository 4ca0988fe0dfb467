"""The group ИОМ as complete as the personal one, through the real Dispatcher: a due date per
activity (the date picker or typed; bad, past and forged dates refused; a restart half-way),
overdue activities marked, reminded once per member and counted in the audience filter; a
file as a member's evidence, opened by the member and by the school's coordinator from the
member × activity table (forged members, activities and other schools refused); the group
routes among the rows of the member's ИОМ card; /groupiom in school coordinators' menus."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram.methods import SendDocument, SetMyCommands
from sqlalchemy import update

from bot.jobs import route_tick
from domain import group_route as grp
from domain.audience import Audience, RouteFilter
from handlers.callbacks import GrCb, MenuCb
from handlers.formatting import fmt_date
from handlers.widgets.dates import day_value, month_title, month_value
from storage.audience import count_reach
from storage.group_route.models import GroupActivityRow, GroupMarkRow
from storage.route.models import RouteRow
from tests.clock import TEST_CLOCK
from tests.harness import Person
from tests.support.group_route import group, moved, rows, school
from tests.support.route import (
    COORD,
    MUN,
    OTHER_COORD,
    TEACHER,
    TEACHER2,
    TZ,
    actor,
    now,
    outbox,
    run,
    today,
)


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


def sent_files(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.document for m in app.bot.session.of(SendDocument)]


async def test_due_date_by_the_picker_or_typed_bad_dates_refused_restart_half_way(
        make_app, orgs) -> None:
    app = await make_app()
    w = await school(app, orgs)
    route = await group(app, orgs, w)
    end = route.period_end
    coord = Person(app, COORD)
    await coord.send("/groupiom")
    await coord.press("Методическая группа")
    await coord.press("➕ Мероприятие")
    await coord.press("Внутришкольное мероприятие")
    await coord.send("Открытый урок с приёмами дифференциации")
    assert "Срок выполнения" in coord.last.text and fmt_date(end, "ru") in coord.last.text
    labels = [label for label, _ in coord.last.buttons()]
    assert "Завтра" in labels and any(label.startswith("До конца периода") for label in labels)

    # typed dates: not a date, no such day, past, after the period — each said, the step kept
    for typed, said in (("в пятницу", "Не похоже на дату"), ("31.02.2027", "нет в календаре"),
                        ((today() - timedelta(days=1)).strftime("%d.%m.%Y"), "уже прошла"),
                        ((end + timedelta(days=1)).strftime("%d.%m.%Y"), "не позже")):
        await coord.send(typed)
        assert "⚠️" in coord.last.text and said in coord.last.text, typed
        assert "Срок выполнения" in coord.last.text
    # forged picks: a day after the period, a broken day, a broken month — nothing moves on
    await coord.press_data(GrCb(a="due", id=route.id, x=day_value(end + timedelta(days=1)))
                           .pack())
    await coord.press_data(GrCb(a="due", id=route.id, x="2027131").pack())
    await coord.press_data(GrCb(a="duem", id=route.id, x="20271").pack())
    assert "Срок выполнения" in coord.last.text and not await rows(app, GroupActivityRow)
    # another coordinator's forged pick on this route: not found, their own state untouched
    other = Person(app, OTHER_COORD)
    await other.send("/menu")
    await other.press_data(GrCb(a="due", id=route.id, x=day_value(today())).pack())
    assert "не найден" in other.last.text

    # a restart half-way: the next month's page and a day picked on the old message
    second = await make_app()
    coord = moved(coord, second)
    month = (today().replace(day=1) + timedelta(days=32)).replace(day=1)
    await coord.press_data(GrCb(a="duem", id=route.id, x=month_value(month)).pack())
    assert month_title(month, "ru") in [label for label, _ in coord.last.buttons()]
    await coord.press("Завтра")
    assert "Сколько часов" in coord.last.text
    await coord.press("2", exact=True)
    assert "Добавлено" in coord.last.text
    (act,) = await rows(second, GroupActivityRow)
    assert act.due == today() + timedelta(days=1) and act.hours == 2.0
    assert fmt_date(act.due, "ru") in coord.last.text

    # the old picker pressed again after the activity was added: stale, nothing added
    await coord.press_data(GrCb(a="due", id=route.id, x=day_value(today())).pack())
    assert len(await rows(second, GroupActivityRow)) == 1

    # a typed date without a year
    await coord.press("➕ Мероприятие")
    await coord.press("Своё: самообразование")
    await coord.send("Статья о приёмах дифференциации")
    await coord.send(end.strftime("%d.%m"))
    await coord.press("без часов")
    assert sorted(a.due for a in await rows(second, GroupActivityRow)) == [
        today() + timedelta(days=1), end]


async def test_overdue_marked_reminded_once_per_member_and_counted(app, orgs) -> None:
    w = await school(app, orgs)
    route = await group(app, orgs, w)
    coordinator = await actor(app, w["coord"])
    act = await run(app, grp.add_activity, coordinator, route.id, "school",
                    "Открытый урок", None, today() + timedelta(days=1), today(), now())
    await run(app, grp.add_activity, coordinator, route.id, "self_education",
              "Статья к концу года", None, None, today(), now())
    irina = Person(app, TEACHER2)
    await irina.send("/menu")
    await irina.press_data(GrCb(a="done", id=route.id, v=act.id).pack())  # she did it in time
    assert await run(app, grp.record_overdue_reminders, today(), now()) == 0

    TEST_CLOCK.advance(timedelta(days=3))
    assert await route_tick(app.sessions, TZ, app.clock) == 1  # Anna only, not Irina
    assert await route_tick(app.sessions, TZ, app.clock) == 0  # once
    (note,) = await outbox(app, "grp-notice-overdue")
    assert note.person_id == w["teacher"] and note.params["title"] == "Открытый урок"
    async with app.sessions() as s:  # the broadcast filter «overdue activity» finds her
        assert await count_reach(s, Audience(routes=(RouteFilter.OVERDUE,),
                                             orgs=(orgs["school1"],)), today()) == (1, 0)

    anna = Person(app, TEACHER)
    await anna.send("/menu")
    await anna.press_data(MenuCb(to="route").pack())  # no route of her own: the group's block
    assert "Просрочено (1)" in anna.last.text and "Открытый урок" in anna.last.text
    await anna.press("👥 Методическая группа")
    assert "Открытый урок" in anna.last.text and "⏰" in anna.last.text
    assert "Просрочено у вас: 1" in anna.last.text
    await anna.press("⚪️ 1.")
    assert "Срок прошёл" in anna.last.text
    coord = Person(app, COORD)
    await coord.send("/menu")
    await coord.press_data(GrCb(a="tbl", id=route.id).pack())
    assert "Петрова Анна Сергеевна: ⏰⬜ — 0 из 2" in coord.last.text
    assert "Козлова Ирина Павловна: ✅⬜ — 1 из 2" in coord.last.text

    # closed: no more reminders, no more marks
    await run(app, grp.close, coordinator, route.id, "Группа освоила приёмы дифференциации.",
              now())
    TEST_CLOCK.advance(timedelta(days=1))
    assert await route_tick(app.sessions, TZ, app.clock) == 0


async def test_a_file_as_evidence_opened_by_the_member_and_the_coordinator(make_app, orgs
                                                                           ) -> None:
    app = await make_app()
    w = await school(app, orgs)
    route = await group(app, orgs, w)
    coordinator = await actor(app, w["coord"])
    act = await run(app, grp.add_activity, coordinator, route.id, "school", "Открытый урок",
                    2.0, None, today(), now())
    anna = Person(app, TEACHER)
    await anna.send("/menu")
    await anna.press_data(GrCb(a="open", id=route.id).pack())
    await anna.press("⚪️ 1.")
    await anna.press("Подтверждение")
    assert "файл" in anna.last.text
    await anna.send_document("konspekt.pdf", file_id="DOC-ANNA")
    assert "Подтверждение сохранено" in anna.last.text and "konspekt.pdf" in anna.last.text
    assert "Статус: ✅" in anna.last.text  # evidence marks it done
    (mark,) = await rows(app, GroupMarkRow)
    assert (mark.evidence_file_id, mark.evidence_file_name, mark.status) == (
        "DOC-ANNA", "konspekt.pdf", "done")
    await anna.press("Файл подтверждения")
    assert sent_files(app) == ["DOC-ANNA"]

    # a restart half-way through sending the evidence: the photo still lands on the activity
    await anna.press("Подтверждение")
    second = await make_app()
    anna = moved(anna, second)
    await anna.send_photo(file_id="PH-ANNA")
    (mark,) = await rows(second, GroupMarkRow)
    assert (mark.evidence_file_id, mark.evidence_file_name) == ("PH-ANNA", "photo.jpg")
    assert mark.evidence_text is None  # a file does not wipe what was written, nor invent it

    # the coordinator: the table → the member → her file
    coord = Person(second, COORD)
    await coord.send("/menu")
    await coord.press_data(GrCb(a="open", id=route.id).pack())
    await coord.press("Прогресс")
    await coord.press("👤 Петрова")
    assert "Петрова Анна Сергеевна" in coord.last.text and "photo.jpg" in coord.last.text
    await coord.press("📄 1.")
    assert sent_files(second) == ["PH-ANNA"]
    await coord.press("Назад")
    await coord.press("👤 Козлова")
    assert "📄" not in str(coord.last.buttons())  # nothing sent by her

    # forged: another school's coordinator, a member of the group, a person outside it, an
    # activity that is not the route's, a non-number
    other, irina = Person(second, OTHER_COORD), Person(second, TEACHER2)
    await irina.send("/menu")
    await other.send("/menu")
    for who, data in (
            (other, GrCb(a="mbr", id=route.id, v=w["teacher"])),
            (other, GrCb(a="file", id=route.id, v=act.id, x=str(w["teacher"]))),
            (irina, GrCb(a="mbr", id=route.id, v=w["teacher"])),
            (irina, GrCb(a="file", id=route.id, v=act.id, x=str(w["teacher"]))),
            (irina, GrCb(a="file", id=route.id, v=act.id)),  # her own: she sent no file
            (coord, GrCb(a="mbr", id=route.id, v=w["third"])),
            (coord, GrCb(a="file", id=route.id, v=act.id, x=str(w["third"]))),
            (coord, GrCb(a="file", id=route.id, v=act.id + 1000, x=str(w["teacher"]))),
    ):
        await who.press_data(data.pack())
        assert "не найден" in who.last.text, data
    await coord.press_data(GrCb(a="file", id=route.id, v=act.id, x="x1").pack())
    assert sent_files(second) == ["PH-ANNA"]

    # a file where text is expected is said so; the title step is kept
    await coord.press_data(GrCb(a="open", id=route.id).pack())
    await coord.press("➕ Мероприятие")
    await coord.press("Внутришкольное мероприятие")
    await coord.send_document("plan.pdf")
    assert "нужен текст" in coord.last.text


async def test_group_rows_among_the_plan_rows_of_a_running_route(app, orgs) -> None:
    w = await school(app, orgs)
    route = await group(app, orgs, w)
    act = await run(app, grp.add_activity, await actor(app, w["coord"]), route.id, "school",
                    "Открытый урок", None, None, today(), now())
    anna = Person(app, TEACHER)
    await anna.send("/menu")
    await anna.press_data(MenuCb(to="route").pack())
    await anna.press("Построить черновик")
    own = len(anna.last.buttons())
    async with app.sessions() as s:  # agreed and being carried out (set up directly)
        await s.execute(update(RouteRow).values(status="in_progress"))
        await s.commit()
    await anna.press_data(MenuCb(to="route").pack())
    text = anna.last.text
    assert "(строк: 4)" in text  # three rows of her own and the group's
    assert "4. 👥 Методические дефициты (Методическая группа) — 0/1 · групповой ИОМ, действует" \
        in text
    assert own and "👥 Методическая группа (0/1)" in [b for b, _ in anna.last.buttons()]
    await anna.press("👥 Методическая группа")
    await anna.press("⚪️ 1.")
    await anna.press("✅ Выполнено")
    await anna.press_data(MenuCb(to="route").pack())
    assert "4. 👥 Методические дефициты (Методическая группа) — 1/1" in anna.last.text
    (mark,) = await rows(app, GroupMarkRow)
    assert (mark.activity_id, mark.person_id, mark.status) == (act.id, w["teacher"], "done")


async def test_groupiom_in_the_menu_of_school_coordinators_only(make_app, orgs) -> None:
    app = await make_app()
    w = await school(app, orgs)
    coord, mun, teacher = Person(app, COORD), Person(app, MUN), Person(app, TEACHER)
    for p in (coord, mun, teacher):
        await p.send("/menu")
    menus = {c.scope.chat_id: {x.command: x.description for x in c.commands}
             for c in app.bot.session.of(SetMyCommands) if c.scope is not None}
    assert menus[COORD]["groupiom"].startswith("Групповые ИОМ школы")
    assert "coordinator" in menus[COORD]
    assert "groupiom" not in menus[MUN] and TEACHER not in menus
    await coord.send("/groupiom")
    assert "Групповые ИОМ школы" in coord.last.text
    await mun.send("/groupiom")  # not a school's coordinator: told so, kindly
    assert "координатор школы" in mun.last.text

    async with app.sessions() as s:  # in English
        from storage.models import PersonRow

        await s.execute(update(PersonRow).where(PersonRow.id == w["coord"]).values(locale="en"))
        await s.commit()
    second = await make_app()
    await Person(second, COORD).send("/menu")
    (menu,) = [c for c in second.bot.session.of(SetMyCommands) if c.scope is not None]
    commands = {x.command: x.description for x in menu.commands}
    assert commands["groupiom"].startswith("The school's group IEPs")
