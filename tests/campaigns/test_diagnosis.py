"""A self-diagnosis campaign: taken from the invitation although the 30-day retake interval
has not passed, counted when completed inside the window, and the input-vs-repeat
comparison (text, chart, XLSX)."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import SendDocument, SendPhoto

from domain import campaigns as camp
from domain.access import Actor
from handlers.callbacks import CampCb
from tests.campaigns.kit import COORDINATOR, coordinator, create, people, tick
from tests.clock import TEST_CLOCK
from tests.conftest import read
from tests.diagnosis.test_flows import STRONG_WEAK, TOTAL, answer
from tests.harness import Person


async def take_from_card(p: Person, campaign_id: int, labels: list[str]) -> None:
    await p.send("/menu")
    await p.press_data(CampCb(a="card", id=campaign_id).pack())
    await p.press("Пройти")
    assert f"1 / {TOTAL}" in p.last.text, p.last.text
    await answer(p, labels)
    await p.press("Завершить")


async def test_the_campaign_waives_the_retake_interval_and_pairs_input_with_repeat(
        make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    ids = await people(app, orgs)
    actor = coordinator(ids[COORDINATOR], orgs["mun1"])
    first = await create(app, actor, kind="diagnosis", days=7, title="Входная диагностика")
    p = Person(app, 601)
    await take_from_card(p, first.id, STRONG_WEAK)  # 50 %, 12 deficits
    _, done, _ = await read(app, camp.card, Actor(ids[601]), first.id, TEST_CLOCK.now())
    assert done
    TEST_CLOCK.advance(timedelta(days=10))
    assert (await tick(app))["closed"] == 1
    # ten days later: the diagnosis section itself still refuses a retake …
    await p.send("/menu")
    await p.press("Самодиагностика")
    assert "Пройти повторно можно с" in p.last.text
    # … the repeat campaign does not
    second = await create(app, actor, kind="diagnosis", days=7, title="Повторная диагностика")
    await take_from_card(p, second.id, ["Могу научить других"] * TOTAL)  # 100 %
    _, done, _ = await read(app, camp.card, Actor(ids[601]), second.id, TEST_CLOCK.now())
    assert done
    # an attempt before the window does not count for it
    _, figures = await read(app, camp.completion, actor, second.id, None)
    assert (figures.done, figures.total) == (1, 5)
    coord = Person(app, COORDINATOR)
    await coord.send("/menu")
    await coord.press_data(CampCb(a="view", id=second.id).pack())
    assert "прошли 1 из 5 — 20 %" in coord.last.text
    assert "МАОУ СОШ № 01: 1 из 3 — 33 %" in coord.last.text
    await coord.press("Входная и повторная")
    await coord.press("Входная диагностика")
    [text] = [t for t in coord.texts if "Входная и повторная диагностика" in t]
    assert "Прошли обе: 1" in text and "Дефицитов стало меньше у 1 (100 %)" in text
    assert "Методические: 0 % → 100 % (+100)" in text
    assert "Предметные: 100 % → 100 % (±0)" in text
    assert "Достигли 95–100 %</b>: 1" in text
    assert "Иванова Мария Петровна — МАОУ СОШ № 01: 100 %" in text
    assert "МАОУ СОШ № 01: 50 → 100 % (1)" in text
    [photo] = [m for m in coord.tg.of(SendPhoto) if m.chat_id == COORDINATOR]
    assert photo.photo.data.startswith(b"\x89PNG")
    [doc] = [m for m in coord.tg.of(SendDocument) if m.chat_id == COORDINATOR]
    assert doc.document.filename == f"compare-{first.id}-{second.id}.xlsx"
    # a teacher cannot compare
    other = Person(app, 602)
    await other.send("/menu")
    await other.press_data(CampCb(a="cmp", id=second.id, v=str(first.id)).pack())
    assert "недоступно" in other.alerts()[-1]
