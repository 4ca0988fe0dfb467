"""Composing, preview, sending and the live progress, through the real Dispatcher."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import EditMessageText
from aiogram.types import MessageEntity
from sqlalchemy import select

from domain.enums import OutboxStatus
from storage.broadcasts.models import BroadcastAuditRow
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID
from tests.harness import Person
from tests.broadcasts.kit import (
    broadcast_row,
    deliver,
    last_broadcast,
    open_broadcasts,
    people,
    rows_of,
    send_formatted,
    tick,
)

TEXT = "Коллеги, {имя}! Семинар <завтра> & не пропустите."


async def test_admin_composes_previews_sends_and_sees_the_report(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await open_broadcasts(admin)
    assert "Рассылок пока нет" in admin.last.text
    await admin.press("Новая рассылка")
    # bold «Коллеги» and a link: the formatting is kept as Telegram HTML
    await send_formatted(admin, TEXT, [
        MessageEntity(type="bold", offset=0, length=7),
        MessageEntity(type="text_link", offset=16, length=7, url="https://example.org/s"),
    ])
    card = admin.last.text
    assert "Черновик сохранён" in card and "черновик" in card
    # the whole region: the admin (a teacher of school1 too) and four teachers
    assert "Получат: <b>5</b>" in card
    bid = await last_broadcast(app)
    row = await broadcast_row(app, bid)
    assert row.html.startswith("<b>Коллеги</b>, {имя}! ")
    assert '<a href="https://example.org/s">Семинар</a> &lt;завтра&gt; &amp;' in row.html

    await admin.press("Предпросмотр")
    preview = admin.texts[-2]
    assert admin.texts[-3].startswith("👁")
    assert preview.startswith("<b>Коллеги</b>, Ольга! ")  # the sender's own first name
    assert "&lt;завтра&gt; &amp; не пропустите." in preview
    labels = [t for t, _ in admin.tg.messages[ADMIN_ID][-2].buttons()]
    assert labels == ["🔕 Не присылать такие сообщения"]

    await admin.press("Отправить")
    assert "Получат: <b>5</b>" in admin.last.text
    await admin.press("Да, отправить (5)")
    rows = await rows_of(app, bid)
    assert len(rows) == 5
    assert {r.priority for r in rows} == {10}
    assert all(r.dedupe_key == f"bc:{bid}:{r.person_id}" for r in rows)
    assert (await broadcast_row(app, bid)).status == "running"
    progress_id = (await broadcast_row(app, bid)).report_message_id
    assert progress_id is not None

    assert await deliver(app) == 5
    ivan = Person(app, 602)
    # the recipient's message is the preview with their own first name, escaped
    assert ivan.last.text == preview.replace("Ольга", "&lt;Иван&gt;")
    assert ivan.last.buttons()[0][0] == "🔕 Не присылать такие сообщения"
    maria = Person(app, 601)
    assert maria.last.text == preview.replace("Ольга", "Мария")

    await tick(app)
    assert (await broadcast_row(app, bid)).status == "done"
    report = [m for m in admin.tg.messages[ADMIN_ID] if m.message_id == progress_id][0]
    assert "завершена" in report.text and "Отправлено: 5" in report.text
    assert any(isinstance(c, EditMessageText) and c.message_id == progress_id
               for c in admin.tg.calls)
    async with app.sessions() as s:
        actions = list((await s.scalars(select(BroadcastAuditRow.action).where(
            BroadcastAuditRow.broadcast_id == bid).order_by(BroadcastAuditRow.id))).all())
        started = (await s.scalars(select(BroadcastAuditRow).where(
            BroadcastAuditRow.action == "started"))).one()
    assert actions == ["created", "started", "done"]
    assert started.actor_id is not None and started.details["recipients"] == 5
    assert started.details["audience"]["orgs"] == []

    # duplicated as a new draft, with the same text
    await admin.press("Открыть рассылку")
    await admin.press("Дублировать")
    copy = await last_broadcast(app)
    assert copy != bid and (await broadcast_row(app, copy)).status == "draft"
    assert (await broadcast_row(app, copy)).html == row.html


async def test_bad_input_is_explained_and_nothing_is_lost(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await open_broadcasts(admin)
    await admin.press("Новая рассылка")
    await admin.send("x" * 4097)
    assert "Слишком длинно: 4\xa0097 символов, можно 4\xa0096" in admin.last.text
    await admin.send_document()  # a file without a caption is a message too
    assert "Черновик сохранён" in admin.last.text and "С файлом" in admin.last.text
    bid = await last_broadcast(app)
    await admin.press("Текст")
    await admin.send("y" * 1500)  # over the caption limit of a message with a file
    assert "можно 1\xa0024" in admin.last.text
    assert (await broadcast_row(app, bid)).html == ""
    await admin.send("Подпись к файлу")
    assert (await broadcast_row(app, bid)).html == "Подпись к файлу"
    # a sticker-like message without text in the text step
    await admin.press("Фото или файл")
    await admin.send("это не файл")
    assert "Нужна фотография или файл" in admin.last.text
    await admin.send_photo(file_id="PHOTO-1")
    row = await broadcast_row(app, bid)
    assert row.media_kind == "photo" and row.media_file_id == "PHOTO-1"


async def test_restart_mid_compose_keeps_the_draft(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await open_broadcasts(admin)
    await admin.press("Новая рассылка")
    await admin.send("Черновик до перезапуска")
    bid = await last_broadcast(app)
    await admin.press("Фото или файл")  # waiting for a photo when the bot restarts

    app2 = await make_app(quiet_hours="")
    admin2 = Person(app2, ADMIN_ID)
    await admin2.send_photo(file_id="PHOTO-AFTER")
    assert "С фотографией" in admin2.last.text
    row = await broadcast_row(app2, bid)
    assert row.html == "Черновик до перезапуска" and row.media_file_id == "PHOTO-AFTER"
    await open_broadcasts(admin2)
    assert "Черновики: 1" in admin2.last.text
    assert any(f"#{bid}" in t for t, _ in admin2.last.buttons())


async def test_delivery_is_exactly_once_across_a_crash_and_a_restart(make_app, orgs) -> None:
    import asyncio

    from aiogram.methods import SendMessage

    app = await make_app(quiet_hours="")
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await open_broadcasts(admin)
    await admin.press("Новая рассылка")
    await admin.send("Всем привет")
    bid = await last_broadcast(app)
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    # the process dies during its third request
    session = app.bot.session
    original, calls = session.make_request, []

    async def dying(bot, method, timeout=None):
        if isinstance(method, SendMessage):
            calls.append(method.chat_id)
            if len(calls) == 3:
                raise asyncio.CancelledError
        return await original(bot, method, timeout)

    session.make_request = dying
    try:
        await app.sender.run_once(budget=5)
    except asyncio.CancelledError:
        pass
    first = {int(c) for c in calls[:2]}
    assert len(first) == 2
    TEST_CLOCK.advance(timedelta(seconds=40))  # the dead sender's claims expire

    app2 = await make_app(quiet_hours="")
    await deliver(app2)
    await deliver(app)  # the old process, if it lived on, finds nothing left
    rows = await rows_of(app2, bid)
    assert len(rows) == 5
    by_status: dict[str, int] = {}
    for r in rows:
        by_status[r.status] = by_status.get(r.status, 0) + 1
    # the message in flight when the process died may have arrived: never sent again
    assert by_status == {OutboxStatus.SENT.value: 4, OutboxStatus.UNKNOWN.value: 1}
    delivered: dict[int, int] = {}
    for a in (app, app2):
        for chat, messages in a.bot.session.messages.items():
            n = sum(1 for m in messages if m.text == "Всем привет")
            if n:
                delivered[chat] = delivered.get(chat, 0) + n
    assert all(n == 1 for n in delivered.values()), delivered
    assert len(delivered) == 4
