"""The mentor's proposals to the mentee's ИОМ through the real Dispatcher: an activity in a
form of self-education proposed step by step (bad input on the way, a restart mid-way), the
mentee accepts from the notice and it is in their ИОМ once however often Accept is pressed;
consultation hours; a decline with a reason (too long first) told to the mentor; an agreed
route takes the addition and tells the school coordinator, a concluded one refuses and the
proposal waits; forged pair, row and proposal ids, a non-mentor and an ended pair refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from domain import mentoring as mnt
from domain import route as rt
from domain.errors import AccessDenied, DomainError, ValidationError
from handlers.callbacks import MntPropCb
from handlers.widgets.dates import month_title
from storage.mentoring.models import MentorProposalRow
from storage.route.models import RouteActivityRow, RouteRow
from tests.conftest import outbox
from tests.harness import Person
from tests.mentoring.support import (
    COORD,
    MENTEE_NAME,
    MENTOR,
    MENTOR2,
    STRANGER,
    YOUNG,
    YOUNG2,
    actor,
    diagnose,
    now,
    pair_up,
    popups,
    read,
    run,
    today,
    world,
)
from tests.support.route import person


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


async def deliver(app) -> None:
    await app.sender.run_once(budget=5)


async def with_route(app, person_id: int) -> rt.Plan:
    """A diagnosis and a draft ИОМ with one row per deficit (no activities)."""
    await diagnose(app, person_id)
    who = await actor(app, person_id)
    return await run(app, rt.build_draft, who, await person(app, person_id), today(), now())


async def proposals(app) -> list[MentorProposalRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(MentorProposalRow).order_by(MentorProposalRow.id)))
                    .all())


async def activities(app, route_id: int) -> list[RouteActivityRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RouteActivityRow)
                                     .where(RouteActivityRow.route_id == route_id)
                                     .order_by(RouteActivityRow.id))).all())


async def set_status(app, route_id: int, status: str) -> None:
    async with app.sessions() as s:
        await s.execute(update(RouteRow).where(RouteRow.id == route_id).values(status=status))
        await s.commit()


async def propose(app, pair: mnt.Pair, kind: mnt.ProposalKind = mnt.ProposalKind.ACTIVITY,
                  title: str = "Изучить ФОП ООО: раздел по математике",
                  form: str | None = "reading", row_id: int | None = None,
                  hours: str = "4") -> mnt.Proposal:
    from decimal import Decimal

    mentor = await actor(app, pair.mentor_id)
    return await run(app, mnt.propose, mentor, pair.id, kind, title, form, row_id,
                     today().replace(day=1), Decimal(hours), today(), now())


async def test_the_mentor_proposes_the_mentee_accepts_once(make_app, app, orgs) -> None:
    ids = await world(app, orgs)
    plan = await with_route(app, ids["young"])
    first = sorted(plan.rows, key=lambda r: r.position)[0]
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"])
    m = Person(app, MENTOR)
    await m.send("/menu")
    await m.press("Наставничество")
    await m.press(MENTEE_NAME)
    await m.press("🗺 ИОМ")
    assert first.title in m.last.text
    await m.press("Предложить в ИОМ")
    assert "Что предложить" in m.last.text
    await m.press("Вебинар")
    await m.send("ab")
    assert "Название" in m.last.text and "⚠️" in m.last.text  # too short: asked again
    await m.send("Вебинар «Формирующее <оценивание>»")
    assert "К какому дефициту" in m.last.text
    await m.press("1. ")
    assert "На какой месяц" in m.last.text
    await m.press(month_title(today().replace(day=1), "ru"))
    assert "Сколько часов" in m.last.text

    app2 = await make_app()  # a restart mid-way: the step and what was entered are kept
    app2.sender.per_chat_interval = 0.0
    m = Person(app2, MENTOR)
    await m.send("много")
    assert "от 0,5 до 72" in m.last.text
    await m.send("1,3")
    assert "кратное 0,5" in m.last.text
    await m.send("1,5")
    assert "Предложение отправлено" in m.last.text
    [row] = await proposals(app2)
    assert (row.kind, row.form, row.status, row.hours, row.row_id, row.competence_group) == (
        "activity", "webinar", "proposed", 1.5, first.id, first.group)
    [notice] = await outbox(app2, "mnt-notice-proposal")
    assert notice.person_id == ids["young"]

    await deliver(app2)
    y = Person(app2, YOUNG)
    assert "предлагает в ваш ИОМ" in y.last.text
    assert "Формирующее &lt;оценивание&gt;" in y.last.text  # escaped in the HTML
    await y.press("Принять")
    assert "добавлено в ваш ИОМ" in y.last.text
    [added] = await activities(app2, plan.route.id)
    assert (added.plan_column, added.form, added.row_id, added.added_by) == (
        "self_education", "webinar", first.id, ids["young"])
    assert added.title == "Вебинар «Формирующее <оценивание>»"
    [row] = await proposals(app2)
    assert (row.status, row.activity_id) == ("accepted", added.id)
    [told] = await outbox(app2, "mnt-notice-proposal-accepted")
    assert told.person_id == ids["mentor"]

    # Accept pressed again (the notice's old button, a forged repeat): added once
    calls = await y.press_data(MntPropCb(a="ok", id=row.id).pack())
    assert "уже принято" in y.last.text
    assert len(await activities(app2, plan.route.id)) == 1
    assert len(await outbox(app2, "mnt-notice-proposal-accepted")) == 1
    assert "Отклонить" not in " ".join(label for label, _ in y.last.buttons())
    calls = await y.press_data(MntPropCb(a="no", id=row.id).pack())
    assert "уже ответили" in popups(calls)

    # the mentor sees the list with the status
    await m.send("/menu")
    await m.press("Наставничество")
    await m.press(MENTEE_NAME)
    await m.press("Предложения в ИОМ")
    assert "принято, в ИОМ" in m.last.text and "1,5 ч" in m.last.text


async def test_consultation_hours_and_a_decline_with_a_reason(app, orgs) -> None:
    ids = await world(app, orgs)
    plan = await with_route(app, ids["young"])
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"])
    m = Person(app, MENTOR)
    await m.send("/menu")
    await m.press("Наставничество")
    await m.press(MENTEE_NAME)
    await m.press("Предложения в ИОМ")
    assert "Предложений пока нет" in m.last.text
    await m.press("Предложить в ИОМ")
    await m.press("Консультации наставника")
    assert "Тема консультаций" in m.last.text
    await m.send("Подготовка к открытому уроку")
    await m.press("Без привязки")
    await m.press(month_title(today().replace(day=1), "ru"))
    assert "часов консультаций" in m.last.text
    await m.send("4")
    assert "Предложение отправлено" in m.last.text
    consult = (await proposals(app))[-1]
    assert (consult.kind, consult.form, consult.row_id, consult.hours) == (
        "consultations", None, None, 4.0)
    other = await propose(app, pair, title="Посетить уроки коллег-математиков",
                          form="peer_visits")

    await deliver(app)
    y = Person(app, YOUNG)
    await y.send("/menu")
    await y.press("Наставничество")
    await y.press("Наставникова")
    await y.press("Предложения в ИОМ")
    assert "ждёт ответа" in y.last.text
    await y.press("Принять: Подготовка")
    assert "добавлено в ваш ИОМ" in y.last.text
    [added] = await activities(app, plan.route.id)
    assert (added.plan_column, added.form, added.title) == (
        "consultations", None, "Подготовка к открытому уроку")
    # not tied to a deficit: the first row of the plan
    assert added.row_id == sorted(plan.rows, key=lambda r: r.position)[0].id

    await y.press("Отклонить")
    assert "Напишите коротко причину" in y.last.text
    await y.send("х" * 600)
    assert "длиннее 500" in y.last.text  # asked again, the proposal still waits
    assert (await proposals(app))[-1].status == "proposed"
    await y.send("Уже хожу на такие уроки <каждую> неделю")
    assert "отклонено" in y.last.text
    declined = next(p for p in await proposals(app) if p.id == other.id)
    assert (declined.status, declined.reason) == (
        "declined", "Уже хожу на такие уроки <каждую> неделю")
    [told] = await outbox(app, "mnt-notice-proposal-declined")
    assert told.person_id == ids["mentor"]
    assert len(await activities(app, plan.route.id)) == 1
    calls = await y.press_data(MntPropCb(a="ok", id=other.id).pack())
    assert "уже ответили" in popups(calls)

    # a decline without a reason
    third = await propose(app, pair, title="Прочитать «Видимое обучение» Хэтти")
    await y.press_data(MntPropCb(a="no", id=third.id).pack())
    await y.press("без причины")
    assert "отклонено" in y.last.text
    assert (await proposals(app))[-1].status == "declined"


async def test_an_agreed_route_takes_it_and_a_concluded_one_refuses(app, orgs) -> None:
    ids = await world(app, orgs)
    plan = await with_route(app, ids["young"])
    pair = await pair_up(app, ids["coord"], ids["young"], ids["mentor"])
    first = await propose(app, pair)
    second = await propose(app, pair, title="Проект «Математика вокруг нас»",
                           form="project")
    await set_status(app, plan.route.id, "in_progress")
    young = await actor(app, ids["young"])
    proposal, added = await run(app, mnt.accept_proposal, young, first.id, today(), now())
    assert added and proposal.activity_id
    [alert] = await outbox(app, "route-alert-mentor-added")
    assert alert.person_id == ids["coord"]

    await set_status(app, plan.route.id, "completed")
    y = Person(app, YOUNG)
    await y.send("/menu")
    calls = await y.press_data(MntPropCb(a="ok", id=second.id).pack())
    assert "нет действующего ИОМ" in popups(calls)
    # nothing lost: the proposal still waits, nothing was added
    assert next(p for p in await proposals(app) if p.id == second.id).status == "proposed"
    assert len(await activities(app, plan.route.id)) == 1
    # and the mentor cannot propose to a concluded ИОМ
    m = Person(app, MENTOR)
    await m.send("/menu")
    calls = await m.press_data(MntPropCb(a="new", id=pair.id).pack())
    assert "нет действующего ИОМ" in popups(calls)


async def test_forged_ids_a_non_mentor_and_an_ended_pair_are_refused(app, orgs) -> None:
    ids = await world(app, orgs)
    plan = await with_route(app, ids["young"])
    await with_route(app, ids["young2"])
    mine = await pair_up(app, ids["coord"], ids["young"], ids["mentor"])
    theirs = await pair_up(app, ids["coord"], ids["young2"], ids["mentor2"])
    proposal = await propose(app, mine)

    # another pair's mentor, a stranger, the mentee themselves: no proposing to this pair
    for who in (MENTOR2, STRANGER, YOUNG):
        p = Person(app, who)
        await p.send("/menu")
        calls = await p.press_data(MntPropCb(a="new", id=mine.id).pack())
        assert "только наставнику" in popups(calls), who
    mentor2 = await actor(app, ids["mentor2"])
    with pytest.raises(AccessDenied):
        await run(app, mnt.propose, mentor2, mine.id, mnt.ProposalKind.ACTIVITY,
                  "Чужое предложение", "reading", None, today(), 2, today(), now())
    # the list: the pair's two sides only
    s = Person(app, STRANGER)
    calls = await s.press_data(MntPropCb(a="list", id=mine.id).pack())
    assert "не ваша пара" in popups(calls)
    # answering: only the mentee it was made to
    for who in (MENTOR, MENTOR2, YOUNG2, COORD):
        p = Person(app, who)
        await p.send("/menu")
        for action in ("ok", "no", "nor"):
            calls = await p.press_data(MntPropCb(a=action, id=proposal.id).pack())
            assert "только подопечный" in popups(calls), (who, action)
    y = Person(app, YOUNG)
    await y.send("/menu")
    calls = await y.press_data(MntPropCb(a="ok", id=999_999).pack())
    assert "не найдено" in popups(calls)
    assert await activities(app, plan.route.id) == []
    # a row of another mentee's ИОМ, a month outside the period, a kind outside the vocabulary
    mentor = await actor(app, ids["mentor"])
    their_route = await read(app, lambda uow: uow.routes.latest_of(ids["young2"]))
    foreign_row = (await read(app, lambda uow: uow.routes.rows(their_route.id)))[0]
    with pytest.raises(ValidationError):
        await run(app, mnt.propose, mentor, mine.id, mnt.ProposalKind.ACTIVITY,
                  "Вебинар по оцениванию", "webinar", foreign_row.id, today(), 2, today(),
                  now())
    with pytest.raises(ValidationError):
        await run(app, mnt.propose, mentor, mine.id, mnt.ProposalKind.ACTIVITY,
                  "Вебинар по оцениванию", "webinar", None, date(2001, 1, 1), 2, today(),
                  now())
    with pytest.raises(ValidationError):
        await run(app, mnt.propose, mentor, mine.id, mnt.ProposalKind.ACTIVITY,
                  "Вебинар по оцениванию", "dancing", None, today(), 2, today(), now())
    # a forged step: a month button when the title is being asked is stale
    m = Person(app, MENTOR)
    await m.send("/menu")
    await m.press_data(MntPropCb(a="new", id=mine.id).pack())
    await m.press("Проект")
    calls = await m.press_data(MntPropCb(a="month", id=mine.id, v="2026-12").pack())
    assert "неактуальна" in popups(calls)
    # a stale flow of one pair cannot be finished on another's
    calls = await m.press_data(MntPropCb(a="kind", id=theirs.id, v="reading").pack())
    assert "неактуальна" in popups(calls)

    # the pair ends: no more proposals, and a pending one cannot be accepted
    await run(app, mnt.end_pair, mentor, mine.id, "Цели достигнуты, наставничество завершено.",
              today(), now())
    calls = await m.press_data(MntPropCb(a="new", id=mine.id).pack())
    assert "уже завершено" in popups(calls)
    with pytest.raises(DomainError):
        await run(app, mnt.propose, mentor, mine.id, mnt.ProposalKind.ACTIVITY,
                  "Вебинар по оцениванию", "webinar", None, today(), 2, today(), now())
    calls = await y.press_data(MntPropCb(a="ok", id=proposal.id).pack())
    assert "уже завершено" in popups(calls)
    assert await activities(app, plan.route.id) == []
