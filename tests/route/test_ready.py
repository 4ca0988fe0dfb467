"""The ready draft (issue 15): a teacher with 17 deficits goes from «Мой ИОМ» to a submitted
route in a few taps, nothing typed; the best-matching catalogue event is proposed per
deficit; proposals are accepted by group, swapped, removed; forged buttons are refused."""

from __future__ import annotations

import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage
from sqlalchemy import select

from domain import route as rt
from domain.route import PlanRow
from handlers.route import RtCb
from storage.route.models import RouteActivityRow, RoutePlanRow, RouteRow
from tests.harness import Person
from tests.support.events import make_event
from tests.support.route import TEACHER, TEACHER2, diagnose, future, world

#: low answers on the statements of the first 17 indicators (6 subject, 6 methodological,
#: 5 psycho-pedagogical): 17 deficits
SEVENTEEN = {code: 1 for code in (
    "s01 s02 s03 s04 s05 s06 s07 s08 s09 m01 m02 m03 m04 m05 m06 m07 m08 m09 "
    "p01 p02 p03 p04 p05 p06 p07").split()}


async def _rows(app) -> dict[int, RoutePlanRow]:
    async with app.sessions() as s:
        return {r.id: r for r in (await s.scalars(select(RoutePlanRow))).all()}


async def _acts(app) -> list[RouteActivityRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(RouteActivityRow).order_by(RouteActivityRow.id)))
                    .all())


async def _catalogue(app, orgs) -> dict[str, int]:
    mun = orgs["mun1"]
    return {
        "literacy": await make_event(app, mun, title="Практикум «Функциональная грамотность: "
                                     "задания»", groups=["subject"], starts=future(7)),
        "assessment": await make_event(app, mun, title="Семинар «Формирующее оценивание: "
                                       "критерии»", groups=["methodological"],
                                       starts=future(9)),
        "broad": await make_event(app, mun, title="Методический день", starts=future(3),
                                  groups=["subject", "methodological", "psycho_pedagogical"]),
        "inclusion": await make_event(app, mun, title="Инклюзия: обучение детей с ОВЗ",
                                      groups=["psycho_pedagogical"], starts=future(12)),
        "full": await make_event(app, mun, title="Вебинар «Цифровые образовательные ресурсы»",
                                 groups=["methodological"], capacity=0, starts=future(4)),
        "late": await make_event(app, mun, title="Семинар «Проектирование урока»",
                                 groups=["methodological"], starts=future(500)),
        "far": await make_event(app, orgs["mun2"], title="Семинар «Формирующее оценивание»",
                                groups=["methodological"], starts=future(5)),
    }


def test_best_match_prefers_the_deficit_wording_and_uses_an_event_once() -> None:
    from domain import events as ev
    from tests.support.route import now

    def event(i: int, title: str, groups: list[str]) -> ev.Event:
        s = ev.Session(now(), now())
        return ev.Event(i, title, ev.EventForm.SEMINAR, ev.EventLevel.MUNICIPAL, 1, groups,
                        None, [s], None, None, ev.Hours(), None, None, [1], [],
                        ev.EventStatus.PUBLISHED)

    rows = [PlanRow(1, 1, 1, "methodological", "Формирующее оценивание и критерии"),
            PlanRow(2, 1, 2, "methodological", "Цифровые образовательные ресурсы"),
            PlanRow(3, 1, 3, "communicative", "Конфликты")]
    events = [event(10, "Общий семинар", ["methodological"]),
              event(11, "Критерии формирующего оценивания", ["methodological"]),
              event(12, "Цифровые ресурсы на уроке", ["methodological", "subject"])]
    best = rt.pick_best(rows, events)
    assert best[1].id == 11 and best[2].id == 12 and 3 not in best
    # the only event fits both rows: the first (worst) row gets it, the second none
    assert set(rt.pick_best(rows[:2], events[1:2])) == {1}
    assert rt.match(events[0], rows[2]) is None


async def test_seventeen_deficits_from_draft_to_submitted_in_few_taps(app, orgs) -> None:
    w = await world(app, orgs)
    events = await _catalogue(app, orgs)
    await diagnose(app, w["teacher"], SEVENTEEN)
    t = Person(app, TEACHER)
    await t.send("/menu")
    typed_before = len(t.tg.calls)
    taps = 0

    async def tap(label: str) -> None:
        nonlocal taps
        taps += 1
        await t.press(label)

    await tap("Мой ИОМ")
    assert "выявлено дефицитов: <b>17</b>" in t.last.text
    await tap("Построить черновик")
    card = t.last.text
    assert "Черновик готов: строк плана — 17" in card and "Выполнено" not in card
    assert card.index("Компетенции: предметные") < card.index("Компетенции: методические") \
        < card.index("Компетенции: психолого-педагогические")
    labels = [b for b, _ in t.last.buttons()]
    assert "✅ Принять: предметные (6)" in labels and "✅ Принять: методические (6)" in labels
    assert "✅ Принять: психолого-педагогические (5)" in labels

    rows = await _rows(app)
    acts = await _acts(app)
    assert len(acts) == 17 and all(a.proposed for a in acts)
    by_event = {a.event_id: rows[a.row_id].indicator for a in acts if a.event_id}
    assert by_event[events["assessment"]] == "meth_assessment"
    assert by_event[events["literacy"]] == "subj_literacy"
    assert by_event[events["inclusion"]] == "psy_inclusion"
    assert events["broad"] in by_event  # the general event fills one row
    # no seat left, after the period, another municipality: never proposed
    assert not {events["full"], events["late"], events["far"]} & set(by_event)
    assert sum(1 for a in acts if a.event_id is None and a.plan_column == "self_education") \
        == 13

    # submitting before accepting names the row
    await tap("Отправить на согласование")
    assert "только непринятые предложения" in t.last.text
    for group in ("предметные", "методические", "психолого-педагогические"):
        await tap(f"Принять: {group}")
    assert "Принято предложений: 5" in t.last.text and "❔" not in t.last.text
    await tap("Отправить на согласование")
    assert "на согласовании" in t.last.text
    assert taps <= 10, taps
    # nothing typed after /menu: only button presses reached the bot
    assert not [c for c in t.tg.calls[typed_before:] if isinstance(c, SendMessage)
                and "Напишите" in (c.text or "")]
    async with app.sessions() as s:
        route = (await s.scalars(select(RouteRow))).one()
    assert route.status == "submitted"
    acts = await _acts(app)
    assert len(acts) == 17 and not any(a.proposed for a in acts)


async def test_swap_remove_and_forged_accept(app, orgs) -> None:
    w = await world(app, orgs)
    events = await _catalogue(app, orgs)
    await diagnose(app, w["teacher"])  # three deficits: two methodological, one communicative
    t = Person(app, TEACHER)
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Построить черновик")
    acts = await _acts(app)
    assert [a.event_id for a in acts][:2] == [events["assessment"], events["broad"]]
    # swap the first row's proposal for another catalogue event
    await t.press("1. ")
    await t.press("❔ Семинар «Формирующее оценивание")
    assert "Предложено автоматически" in t.last.text
    await t.press("Заменить")
    labels = [b for b, _ in t.last.buttons()]
    assert "🔄 Семинар «Формирующее оценивание" not in " ".join(labels)  # itself not offered
    offered = [b for b in labels if b.startswith("🔄 ")]
    assert offered, labels
    await t.press(offered[0])
    assert "Заменено" in t.last.text
    acts = await _acts(app)
    assert events["assessment"] not in [a.event_id for a in acts]
    swapped = [a for a in acts if a.row_id == acts[0].row_id or not a.proposed]
    assert any(not a.proposed and a.event_id for a in swapped)
    route_id = acts[0].route_id
    # another teacher cannot accept this route's proposals, even with a forged button
    other = Person(app, TEACHER2)
    await other.send("/menu")
    calls = await other.press_data(RtCb(a="acc", id=route_id).pack())
    assert "не ваш маршрут" in " ".join(c.text or "" for c in calls
                                         if isinstance(c, AnswerCallbackQuery))
    calls = await other.press_data(RtCb(a="acc", id=route_id, x="nonsense").pack())
    assert [c for c in calls if isinstance(c, AnswerCallbackQuery)]
    assert sum(1 for a in await _acts(app) if a.proposed) == 2
    await t.press_data(RtCb(a="acc", id=route_id).pack())
    assert "Принято предложений: 2" in t.last.text
    assert not any(a.proposed for a in await _acts(app))


@pytest.mark.parametrize("lang", ["en"])
async def test_ready_draft_in_english(app, orgs, lang) -> None:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER, language_code=lang)
    await t.send("/menu")
    await t.press_data("menu:route")
    await t.press_data(RtCb(a="build").pack())
    assert "The draft is ready" in t.last.text and "Competences: methodological" in t.last.text
    assert "✅ Accept all suggestions (3)" in [b for b, _ in t.last.buttons()]


async def test_back_on_an_event_card_opened_from_the_route_returns_to_the_row(app, orgs) -> None:
    w = await world(app, orgs)
    await _catalogue(app, orgs)
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER)
    await t.send("/menu")
    await t.press("Мой ИОМ")
    await t.press("Построить черновик")
    await t.press("1. ")
    row_text = t.last.text
    await t.press("❔ Семинар «Формирующее оценивание")
    await t.press("Карточка мероприятия")
    assert "Семинар «Формирующее оценивание: критерии»" in t.last.text
    await t.press("Назад")
    assert t.last.text == row_text  # the ИОМ row, not «Мои записи»
    # a forged row id in the way back is refused by the domain
    from handlers.callbacks import RouteRowCb

    other = Person(app, TEACHER2)
    await other.send("/menu")
    calls = await other.press_data(RouteRowCb(row=1).pack())
    assert "не ваш маршрут" in " ".join(c.text or "" for c in calls
                                         if isinstance(c, AnswerCallbackQuery))
