"""«Загрузить организации» in the chat: a preview written nowhere, then «Применить»; bad files
and bad rows explained; a restart between the two; only admins."""

from __future__ import annotations

from aiogram.methods import SendDocument
from sqlalchemy import func, select

from handlers.territory.common import TerrCb
from handlers.uploads import read_table
from storage.models import OrgRow
from tests.conftest import ADMIN_ID, onboarded
from tests.diagnosis.test_admin import FilesTelegram, send_file
from tests.harness import Person
from tests.territory.kit import MUN_C, territory


async def count(app) -> int:
    async with app.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(OrgRow)) or 0)


def csv(rows: list[str]) -> bytes:
    return ("Регион;Муниципалитет;Школа\n" + "\n".join(rows) + "\n").encode("utf-8")


async def open_upload(app) -> Person:
    admin = Person(app, ADMIN_ID)
    await admin.send("/menu")
    await admin.press("Администрирование")
    await admin.press("Загрузить организации")
    assert "Пришлите файл CSV или XLSX" in admin.last.text
    return admin


async def test_preview_restart_apply(make_app, orgs) -> None:
    app = await make_app()
    app.bot.session = FilesTelegram()
    await onboarded(app, ADMIN_ID, None, name="Админ Админович")
    before = await count(app)
    admin = await open_upload(app)
    # the template: a header and an example row, read back by the same reader
    await admin.press("Скачать шаблон")
    [doc] = admin.tg.of(SendDocument)
    table = read_table(doc.document.data, "t.xlsx")
    assert table[0][1][:3] == ["Регион", "Муниципалитет", "Школа"] and len(table) == 2
    # bad input: text, a PDF, a too big file
    await admin.send("вот")
    assert "Нужен файл CSV или XLSX" in admin.last.text
    await send_file(admin, "list.pdf", b"%PDF-1.4")
    assert "не CSV и не XLSX" in admin.last.text
    await send_file(admin, "broken.xlsx", b"not a zip at all")
    assert "⚠️" in admin.last.text
    # 1 500 schools of a new municipality, an existing school, two bad rows
    rows = [f"Тестовая область;Новый район;Школа № {n}" for n in range(1500)]
    rows += ["тестовая  область;Городской округ Тестовый;МАОУ СОШ № 01",
             ";Без региона;Школа", "Тестовая область;" + "я" * 301 + ";Школа"]
    await send_file(admin, "orgs.csv", csv(rows))
    text = admin.last.text
    assert "строк с данными — 1\xa0503" in text
    assert "Будет добавлено (1\xa0501): регионов 0, муниципалитетов 1, школ 1\xa0500" in text
    assert "Уже есть, без изменений: 3" in text  # the region, the municipality, the school
    assert "строка 1\xa0503: не указан регион или муниципалитет" in text
    assert "строка 1\xa0504: название длиннее 300 символов" in text
    assert await count(app) == before  # nothing written before «Применить»
    # a restart between the preview and the confirmation
    app = await make_app()
    app.bot.session = admin.tg
    admin = Person(app, ADMIN_ID)
    await admin.press("Применить без ошибочных строк")
    assert "добавлено регионов 0, муниципалитетов 1, школ 1\xa0500" in admin.last.text
    assert "пропущено строк с ошибками — 2" in admin.last.text
    assert await count(app) == before + 1501
    # a second press (or a forged one) applies nothing again
    await admin.press_data(TerrCb(a="orgsok").pack())
    assert "Нечего применять" in admin.last.text
    assert await count(app) == before + 1501
    # the same file again: nothing new; cancel leaves everything as it is
    await admin.press("Загрузить ещё файл")
    await send_file(admin, "orgs.csv", csv(rows[:10]))
    assert "Добавлять нечего" in admin.last.text
    assert not any("Применить" in b for b, _ in admin.last.buttons())
    await admin.press("Отмена")
    assert "ничего не записано" in admin.last.text


async def test_only_admins(app, orgs) -> None:
    await territory(app, orgs)
    m = Person(app, MUN_C)
    await m.send("/menu")
    await m.press("Координатор")
    assert not any("Загрузить организации" in b for b, _ in m.last.buttons())
    for action in ("orgs", "orgstpl", "orgsok", "orgsno"):
        await m.press_data(TerrCb(a=action).pack())
        assert m.alerts()[-1].startswith("⛔") or "недоступно" in m.alerts()[-1], action
    assert not app.bot.session.of(SendDocument)
