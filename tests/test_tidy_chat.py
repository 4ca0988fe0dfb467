"""A tidy chat (issue 15): when a screen is replaced by a new message, the old message loses
its buttons; edits in place keep the one screen live; notifications keep theirs."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import EditMessageReplyMarkup

from tests.harness import Person
from tests.support.route import TEACHER, diagnose, world


def live(p: Person) -> list[int]:
    return [m.message_id for m in p.tg.messages[p.chat.id] if m.buttons()]


async def test_only_the_last_screen_keeps_its_buttons(app, orgs) -> None:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER)
    await t.send("/menu")
    first = t.last.message_id
    assert live(t) == [first]
    await t.press("Мой ИОМ")  # edited in place: still one screen
    assert live(t) == [first]
    await t.send("/menu")  # a new message replaces the screen
    second = t.last.message_id
    assert second != first and live(t) == [second]
    await t.press("Мой ИОМ")
    await t.press("Построить черновик")
    await t.send("/menu")
    await t.send("/menu")
    assert live(t) == [t.last.message_id]
    bare = [c for c in t.tg.of(EditMessageReplyMarkup)]
    assert bare and all(c.reply_markup is None for c in bare)


async def test_a_failed_tidy_is_harmless_and_outbox_notices_keep_buttons(app, orgs) -> None:
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    t = Person(app, TEACHER)
    await t.send("/menu")
    old = t.last.message_id
    t.tg.fail(EditMessageReplyMarkup, TelegramBadRequest(
        method=EditMessageReplyMarkup(chat_id=TEACHER, message_id=old),
        message="Bad Request: message can't be edited"))
    await t.send("/menu")  # the old one is too old to edit: the new screen still comes
    assert t.last.message_id != old and t.last.buttons()
    # a message the bot sends outside an update (the outbox) is not a screen
    await app.bot.send_message(TEACHER, "Напоминание", reply_markup=t.last.markup)
    notice = t.last.message_id
    await t.send("/menu")
    assert notice in live(t) and t.last.message_id in live(t)
