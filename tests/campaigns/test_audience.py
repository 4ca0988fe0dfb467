"""Issue 13, what was left: a campaign's audience by the broadcasts' filters with the count
before launch, the coordinators' list scoped (region-wide campaigns read-only), forged ids,
and a campaign finished early whose queued reminders are not delivered."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from domain import campaigns as camp
from domain.access import Actor
from handlers.callbacks import CampCb
from storage.models import PersonRow
from tests.campaigns.kit import (
    COORDINATOR,
    admin,
    campaign_row,
    coordinator,
    create,
    deliver,
    fill_motives,
    participants,
    people,
    rows,
    survey_id,
    tick,
)
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, read, run
from tests.harness import Person


async def set_subjects(app, person_id: int, subjects: list[str]) -> None:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        await s.execute(update(PersonRow).where(PersonRow.id == person_id)
                        .values(subjects=subjects))
        await s.commit()


async def to_summary(coord: Person) -> None:
    await coord.send("/menu")
    await coord.press("Опросы и мониторинг")
    await coord.press("Новая кампания")
    await coord.press("Мотивы профессионального развития")
    await coord.press("Городской округ Тестовый")
    await coord.press("Сегодня")
    await coord.press("14 дн.")
    await coord.press("С именами")


async def test_filters_are_counted_before_launch_and_only_the_filtered_are_invited(
        make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    await set_subjects(app, ids[603], ["russian", "literature"])
    coord = Person(app, COORDINATOR)
    await to_summary(coord)
    text = coord.last.text
    assert "Проверьте кампанию" in text and "Роль: Педагог" in text
    assert "Получат приглашение: <b>5</b>" in text  # teachers of mun1, not other_school
    await coord.press("Фильтры аудитории")
    await coord.press("Предмет")
    await coord.press("Русский язык")
    assert "✅ Русский язык" in str(coord.last.buttons())
    # a forged value outside the vocabulary is refused; the filters chosen stay
    seen = len(coord.alerts())
    await coord.press_data(CampCb(a="fv", v="subjects.klingon").pack())
    assert len(coord.alerts()) == seen + 1
    await coord.press("Готово")
    assert "Предмет: Русский язык" in coord.last.text
    assert "Получат приглашение: <b>1</b>" in coord.last.text
    await coord.press("Готово")
    assert "Получат приглашение: <b>1</b>" in coord.last.text
    await coord.press("Запустить")
    assert "Приглашено: 1" in coord.last.text
    invites = await rows(app, camp.INVITE_KEY)
    assert [r.person_id for r in invites] == [ids[603]]
    cid = int(invites[0].dedupe_key.split(":")[1])
    assert [p.person_id for p in await participants(app, cid)] == [ids[603]]
    stored = await campaign_row(app, cid)
    assert stored.audience["subjects"] == ["russian"] and stored.audience["roles"] == ["teacher"]
    assert stored.audience["orgs"] == [orgs["mun1"]]


async def test_nobody_matching_is_said_and_launch_is_refused(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    await people(app, orgs)
    coord = Person(app, COORDINATOR)
    await to_summary(coord)
    await coord.press("Фильтры аудитории")
    await coord.press("Предмет")
    await coord.press("Химия")
    await coord.press("Готово")
    await coord.press("Готово")
    text = coord.last.text
    assert "Получат приглашение: <b>0</b>" in text and "никто не подходит" in text
    assert not any("Запустить" in t for t, _ in coord.last.buttons())
    # a forged «Запустить»: refused, nothing stored, the set-up kept
    await coord.press_data(CampCb(a="go").pack())
    assert "Приглашать некого" in coord.alerts()[-1]
    assert await rows(app) == []
    await coord.press_data(CampCb(a="sum").pack())
    assert "Предмет: Химия" in coord.last.text
    await coord.press("Фильтры аудитории")
    await coord.press("Сбросить фильтры")
    assert "Получат приглашение: <b>5</b>" in coord.last.text


async def test_the_coordinators_list_is_scoped_and_forged_ids_are_refused(make_app, orgs
                                                                          ) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    sid = await survey_id(app)
    adm = admin(ids[ADMIN_ID])
    region = await create(app, adm, sid=sid, title="Региональный опрос")
    elsewhere = await create(app, adm, sid=sid, org_id=orgs["mun2"], title="Заречный опрос")
    own = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid,
                       title="Опрос округа")
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    await coord.press("Опросы и мониторинг")
    await coord.press("Кампании")
    labels = [t for t, _ in coord.last.buttons()]
    assert any(t.startswith(f"#{own.id} Опрос округа") for t in labels)
    assert any(t.startswith(f"👁 #{region.id} Региональный") for t in labels)
    assert not any("Заречный" in t for t in labels)
    # the region-wide one: figures of the coordinator's scope, read-only
    await coord.press("Региональный")
    text = coord.last.text
    assert "👁 Кампания регионального уровня" in text
    assert "Городской округ Тестовый</b>: прошли 0 из 5" in text
    assert not any("Завершить" in t for t, _ in coord.last.buttons())
    seen = len(coord.alerts())
    await coord.press_data(CampCb(a="fin", id=region.id).pack())
    await coord.press_data(CampCb(a="fin!", id=region.id).pack())
    # a campaign outside the scope, by a forged id: not found, on every screen
    for action in ("view", "late", "res", "xlsx", "fin!"):
        await coord.press_data(CampCb(a=action, id=elsewhere.id).pack())
    await coord.press_data(CampCb(a="nudge", id=elsewhere.id, v=str(ids[605])).pack())
    refused = coord.alerts()[seen:]
    assert len(refused) == 8
    assert all("завершить её не можете" in a or "не можете" in a for a in refused[:2])
    assert all("не найдена" in a for a in refused[2:])
    assert (await campaign_row(app, region.id)).status == "open"
    assert (await campaign_row(app, elsewhere.id)).status == "open"
    # the admin sees all of them
    boss = Person(app, ADMIN_ID)
    await boss.send("/menu")
    await boss.press_data(CampCb(a="list").pack())
    labels = [t for t, _ in boss.last.buttons()]
    assert all(any(t.startswith(f"#{c.id} ") for t in labels) for c in (region, elsewhere, own))
    found = await read(app, camp.listing, coordinator(ids[COORDINATOR], orgs["mun2"]))
    assert {c.id for c, _ in found} == {region.id, elsewhere.id}


async def test_finished_early_queued_reminders_are_not_delivered(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    sid = await survey_id(app)
    c = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid, days=14)
    await deliver(app)  # the invitations go out
    teacher = Person(app, 603)
    received = len(teacher.texts)
    assert received == 1
    TEST_CLOCK.advance(timedelta(days=3))
    assert (await tick(app))["queued"] == 5  # «after 3 days», queued, not yet sent
    await fill_motives(app, ids[601], c.id)  # done: their queued reminder is dropped at once
    mine = [r for r in await rows(app, camp.REMIND_KEY) if r.person_id == ids[601]]
    assert [r.status for r in mine] == ["cancelled"]
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    await coord.press_data(CampCb(a="view", id=c.id).pack())
    await coord.press("Завершить досрочно")
    assert "досрочно" in coord.last.text
    await coord.press("Да")
    assert "Кампания завершена" in coord.last.text and "завершена" in coord.last.text
    assert (await campaign_row(app, c.id)).status == "closed"
    assert await deliver(app) == 0
    assert len(teacher.texts) == received  # no reminder after the finish
    assert {r.status for r in await rows(app, camp.REMIND_KEY)} == {"cancelled"}
    # the campaign is closed for the teacher, and it cannot be finished twice
    await teacher.send("/menu")
    await teacher.press_data(CampCb(a="take", id=c.id).pack())
    assert "закрыта" in teacher.last.text
    await coord.press_data(CampCb(a="fin!", id=c.id).pack())
    assert "уже завершена" in coord.alerts()[-1]
    # the next tick does nothing more
    assert await tick(app) == {"opened": 0, "queued": 0, "closed": 0}


async def test_a_scheduled_campaign_called_off_sends_no_invitation(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    sid = await survey_id(app)
    c = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid,
                     start_offset=1)
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    await coord.press_data(CampCb(a="view", id=c.id).pack())
    await coord.press("Отменить кампанию")
    await coord.press("Да")
    assert "Кампания отменена" in coord.last.text
    TEST_CLOCK.advance(timedelta(days=1))
    assert (await tick(app))["opened"] == 0
    assert await rows(app) == []
    assert await read(app, camp.mine, Actor(ids[601]), TEST_CLOCK.now()) == []
    # an opted-out teacher's queued reminder is dropped too
    c2 = await create(app, coordinator(ids[COORDINATOR], orgs["mun1"]), sid=sid)
    await run(app, camp.opt_out, Actor(ids[602]), c2.id, TEST_CLOCK.now())
    [invite] = [r for r in await rows(app, camp.INVITE_KEY) if r.person_id == ids[602]]
    assert invite.status == "cancelled"
