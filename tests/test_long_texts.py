"""Issue 9, long texts: every screen showing a long user text opens — within Telegram's 4096
characters, with the text's start shown and markup-like characters escaped — and dates in
validation errors follow the reader's locale."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from domain import courses as crs
from domain import diagnosis as diag
from domain import route as rt
from handlers.formatting import cut_html, fit, fmt_date, visible_length
from handlers.route import RrCb
from storage.models import PersonRow
from storage.route.models import RouteRow
from tests.clock import TEST_CLOCK
from tests.courses.test_flows import COORD as CRS_COORD
from tests.courses.test_flows import TEACHER as CRS_TEACHER
from tests.courses.test_flows import TZ, day, open_courses, people
from tests.diagnosis.test_flows import complete, teacher
from tests.harness import TEXT_LIMIT, Person, parse_html, utf16_length
from tests.route.test_flows import build, routes
from tests.support.route import COORD


@pytest.fixture(autouse=True)
def quick_outbox(app) -> None:
    app.sender.per_chat_interval = 0.0


@pytest.fixture
def cuts(caplog):
    """What the last guard (bot.fitting) had to cut: a screen that fits itself cuts nothing."""
    caplog.set_level(logging.WARNING, logger="marshrut.fitting")
    return lambda: [r for r in caplog.records if r.name == "marshrut.fitting"]


def long_text(size: int, start: str = "Итог <5 класс> & вывод: ") -> str:
    """``size`` characters of text full of what HTML would take for markup."""
    body = start + "ученики A&B <b>не</b> теги, 3 < 4 & 5 > 2. " * (size // 40 + 1)
    return body[:size]


def shows(p: Person, text: str) -> None:
    """The phone shows the message's start, escaped, within Telegram's limit."""
    visible = parse_html(p.last.text)
    assert utf16_length(visible) <= TEXT_LIMIT
    assert text[:200] in visible


# ---- the route card ---------------------------------------------------------------------------


async def test_a_3000_character_conclusion_leaves_the_route_card_usable(app, orgs, cuts) -> None:
    _w, t = await build(app, orgs)
    [route] = await routes(app)
    async with app.sessions() as s:  # agreed and under way: the coordinator may conclude
        await s.execute(update(RouteRow).values(status="approved",
                                                period_end=TEST_CLOCK.now().date()))
        await s.commit()
    c = Person(app, COORD)
    await c.send("/menu")
    await c.press_data(RrCb(a="open", id=route.id).pack())
    await c.press("Заключение")
    conclusion = long_text(rt.CONCLUSION_MAX)
    await c.send(conclusion)
    assert "Маршрут завершён" in c.last.text and "🏁 завершён" in c.last.text
    shows(c, conclusion)
    assert (await routes(app))[0].conclusion == conclusion
    # every later opening works too, for both sides
    await c.press_data(RrCb(a="open", id=route.id).pack())
    shows(c, conclusion)
    assert "Заключение" in c.last.text and "План восполнения" in c.last.text
    await t.send("/menu")
    await t.press("Мой ИОМ")
    shows(t, conclusion)
    assert "Петрова Анна Сергеевна" in t.last.text and "План восполнения" in t.last.text
    assert not cuts()


# ---- the self-analysis ----------------------------------------------------------------------


async def test_a_3000_character_self_analysis_opens(app, orgs, cuts) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await complete(p)
    await p.press("Самоанализ")
    await p.press("Написать")
    analysis = long_text(diag.SELF_ANALYSIS_MAX, "Самоанализ <ВПР> & итоги: ")
    await p.send(analysis)
    assert "Самоанализ сохранён" in p.last.text
    shows(p, analysis)
    await p.press("Изменить")
    await p.send("/cancel")
    shows(p, analysis)
    assert not cuts()


async def test_a_3000_character_self_analysis_in_the_route(app, orgs, cuts) -> None:
    _w, t = await build(app, orgs)
    analysis = long_text(diag.SELF_ANALYSIS_MAX, "Раздел 3 <ВПР> & итоги: ")
    await t.press("Самоанализ")
    await t.send(analysis)
    assert "Самоанализ сохранён" in t.last.text
    await t.press("Самоанализ")  # the prompt shows the current text
    shows(t, analysis)
    assert not cuts()


# ---- the course forms --------------------------------------------------------------------


async def test_course_form_texts_at_their_maximum_open_the_summary(app, orgs, cuts) -> None:
    await people(app, orgs)
    p = Person(app, CRS_TEACHER)
    await open_courses(p)
    await p.press("Техническое задание")
    await p.press("Высшее")
    await p.send("104818 0123456")
    await p.send("30.06.2010")
    await p.send(long_text(crs.TEXT_MAX["specialty"], "Учитель <мат> & инф "))
    await p.send("12")
    await p.send("38")
    program = long_text(crs.TEXT_MAX["program"], "Программа <ФГ> & оценивание ")
    await p.send(program)
    for group in ("предметные", "методические", "психолого-", "коммуникативные"):
        await p.press(group)
    await p.press("Готово")
    difficulties = [long_text(crs.TEXT_MAX["difficulty"], f"Затруднение {n} <&> ")
                    for n in range(4)]
    for text in difficulties:
        await p.send(text)
    assert "Проверьте форму" in p.last.text
    visible = parse_html(p.last.text)
    assert utf16_length(visible) <= TEXT_LIMIT
    assert program[:100] in visible and difficulties[0][:100] in visible
    await p.press("Отправить координатору")
    assert "отправлено координатору" in p.last.text
    assert utf16_length(parse_html(p.last.text)) <= TEXT_LIMIT
    # the coordinator returns it with the longest comment: both cards still open
    await app.sender.run_once(budget=2)
    c = Person(app, CRS_COORD)
    await c.press("Открыть")
    assert program[:100] in parse_html(c.last.text)
    await c.press("Вернуть с комментарием")
    comment = long_text(crs.TEXT_MAX["comment"], "Исправьте <раздел> & приложите ")
    await c.send(comment)
    assert comment[:100] in parse_html(c.last.text)
    await app.sender.run_once(budget=2)
    await p.press("Открыть")
    assert comment[:100] in parse_html(p.last.text)
    assert utf16_length(parse_html(p.last.text)) <= TEXT_LIMIT
    assert not cuts()


# ---- dates in validation errors follow the reader's locale --------------------------------------


async def test_an_english_reader_sees_english_dates_in_date_errors(app, orgs) -> None:
    await people(app, orgs)
    async with app.sessions() as s:
        await s.execute(update(PersonRow).where(PersonRow.external_id == str(CRS_TEACHER))
                        .values(locale="en"))
        await s.commit()
    t = Person(app, CRS_TEACHER, language_code="en")
    await t.send("/menu")
    await t.press("Courses & reports")
    await t.press("Course report")
    await t.send("Digital learning environment")
    today = TEST_CLOCK.now().astimezone(TZ).date()
    await t.send(day(1))
    assert f"({fmt_date(today, 'en')})" in t.last.text, t.last.text
    # the hint's own example may name the year ("31.12 or 31.12.2026"); the reader's date in
    # brackets is what must not be in Russian format
    assert f"({today.strftime('%d.%m.%Y')})" not in t.last.text
    await t.send("31.12.1999")
    assert "1 Jan 2000" in t.last.text
    await t.send(day(-40))
    start = today - timedelta(days=40)
    await t.send(day(-41))
    assert fmt_date(start, "en") in t.last.text


async def test_a_russian_reader_sees_russian_dates_in_date_errors(app, orgs) -> None:
    await people(app, orgs)
    p = Person(app, CRS_TEACHER)
    await open_courses(p)
    await p.press("Отчёт о курсах")
    await p.send("Цифровая образовательная среда")
    await p.send(day(1))
    today = TEST_CLOCK.now().astimezone(TZ).date()
    assert f"({today:%d.%m.%Y})" in p.last.text


# ---- the helpers -------------------------------------------------------------------------------


def test_fit_shortens_the_longest_text_and_keeps_the_rest() -> None:
    def card(a: str | None, b: str | None) -> str:
        return f"<b>Head</b>\n{a}\n<i>{b}</i>\nTail"

    text = fit(card, a="&" * 5000, b="<" * 300)
    visible = parse_html(text)
    assert utf16_length(visible) <= TEXT_LIMIT
    assert visible.startswith("Head\n&&&") and visible.endswith("<" * 300 + "\nTail")
    assert "…" in visible
    assert fit(card, a="short", b=None) == "<b>Head</b>\nshort\n<i>None</i>\nTail"


def test_cut_html_never_breaks_a_tag_or_an_entity() -> None:
    for n in range(4085, 4100):
        text = "<b>" + "x" * n + "&amp;&lt;" + "</b><blockquote>" + "y" * 50 + "</blockquote>"
        cut = cut_html(text)
        visible = parse_html(cut)  # parses: no half tag, no half entity, every tag closed
        assert utf16_length(visible) <= TEXT_LIMIT and visible_length(cut) <= TEXT_LIMIT
    assert cut_html("short <b>text</b>") == "short <b>text</b>"


def test_fluent_takes_placeables_longer_than_2500(app) -> None:
    core = app.dp["i18n_core"]
    text = core.get("route-card-conclusion", "ru", conclusion="&amp;" * 3000)
    assert text.count("&amp;") == 3000
    assert core.get("crs-error-date-future", "en", today=date(2026, 12, 25)).endswith(
        "(25 Dec 2026).")
    assert "(25.12.2026)" in core.get("crs-error-date-future", "ru", today=date(2026, 12, 25))
