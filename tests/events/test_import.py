"""Import of events from XLSX/CSV through the bot: the template it sends, a file with good and
bad rows (errors name the row and the field, good rows are kept), permissions."""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.methods import GetFile, SendDocument
from aiogram.types import Document, File, Message, Update
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from domain.enums import Role
from handlers import uploads
from storage.events.models import EventRow
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import Person, _update_ids
from tests.support import hostile

TZ = ZoneInfo("Europe/Moscow")


def serve_files(app: Any) -> dict[str, bytes]:
    """Teach the fake Bot API to answer getFile and to stream uploaded files."""
    tg = app.bot.session
    store: dict[str, bytes] = {}
    original = tg.make_request

    async def make_request(bot: Any, method: Any, timeout: int | None = None) -> Any:
        if isinstance(method, GetFile):
            tg.calls.append(method)
            return File(file_id=method.file_id, file_unique_id=method.file_id,
                        file_size=len(store[method.file_id]), file_path=method.file_id)

        return await original(bot, method, timeout)

    async def stream_content(url: str, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        yield store[url.rsplit("/", 1)[1]]

    tg.make_request = make_request
    tg.stream_content = stream_content
    return store


async def upload(p: Person, store: dict[str, bytes], filename: str, body: bytes) -> None:
    file_id = f"f{len(store)}{filename.replace('.', '_')}"
    store[file_id] = body
    message = Message(
        message_id=next(p.tg._ids), date=TEST_CLOCK.now(), chat=p.chat, from_user=p.user,
        document=Document(file_id=file_id, file_unique_id=file_id, file_name=filename,
                          file_size=len(body)),
    )
    await p._feed(Update(update_id=next(_update_ids), message=message))


def xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def day(n: int) -> str:
    return (TEST_CLOCK.now() + timedelta(days=n)).astimezone(TZ).strftime("%d.%m.%Y")


HEADER = ["Название *", "Форма *", "Уровень *", "Организатор *", "Компетенции",
          "Даты и время *", "Место", "Ссылка", "Часы очные", "Часы дистанционные",
          "Часы самостоятельной работы", "Мест", "Запись до", "Аудитория", "Описание"]


async def open_import(app: Any, orgs: dict[str, int]) -> Person:
    await onboarded(app, 700_100, None, roles=[(Role.MUNICIPAL_COORDINATOR, orgs["mun1"])])
    c = Person(app, 700_100)
    await c.send("/menu")
    await c.press("Координатор")
    await c.press("Мероприятия: создать")
    return c


async def test_template_then_import_with_row_and_field_errors(app, orgs) -> None:
    store = serve_files(app)
    c = await open_import(app, orgs)
    await c.press("Шаблон для импорта")
    doc = app.bot.session.of(SendDocument)[-1]
    wb = load_workbook(io.BytesIO(doc.document.data))
    assert wb.sheetnames == ["events", "README", "Формы", "Уровни", "Компетенции", "Организации"]
    header = [c.value for c in wb["events"][1]]
    assert header == HEADER
    example = [c.value for c in wb["events"][2]]
    assert example[1] == "Семинар-практикум" and example[3] == "Городской округ Тестовый"
    assert example[0].startswith("ПРИМЕР") and wb["events"]["A2"].font.italic
    # dropdowns: Form, Level and Organiser from the reference sheets
    checks = {str(dv.sqref): dv.formula1 for dv in wb["events"].data_validations.dataValidation}
    assert checks["B2:B1000"] == "'Формы'!$A$2:$A$" + str(wb["Формы"].max_row)
    assert checks["C2:C1000"].startswith("'Уровни'!$A$2")
    assert checks["D2:D1000"] == "'Организации'!$C$2:$C$" + str(wb["Организации"].max_row)
    org_names = {r[2] for r in wb["Организации"].iter_rows(min_row=2, values_only=True)}
    assert "МАОУ СОШ № 05" in org_names and "МКОУ Заречная СОШ" not in org_names  # scope only

    # the template's example row left in place, and rows edited into a real plan with mistakes
    rows = [HEADER, example,
            ["Семинар «Оценивание»", "семинар-практикум", "Муниципальный",
             "Городской округ Тестовый", "Методические; коммуникативные",
             f"{day(10)} 10:00-13:00; {day(11)} 10:00-13:00", "Актовый зал", "", 6, 0, 2, 30,
             f"{day(9)} 18:00", "", "Для учителей основной школы"],
            ["Вебинар", "вебинар", "Муниципальный", "Городской округ Тестовый", "",
             f"{day(10)} 10:00-11:00", "", "https://sferum.ru/x", 1, "", "", "", "", "", ""],
            ["Мастер-класс", "Мастер-класс", "Муниципальный", "Заречный район", "Предметные",
             "завтра", "Каб. 5", "", "два", 0, 0, "", "", "", ""],
            [],
            ["Курс ДПП ПК «Функциональная грамотность»", "Курс ДПП ПК", "Школьный",
             str(orgs["school3"]), "Предметные", f"{day(20)} 15:00-18:00", "", "", 0, 36, 36,
             25, "", "", ""],
            ["Круглый стол", "Круглый стол", "Муниципальный", "Городской округ Тестовый",
             "Коммуникативные", f"{day(12)} 10:00-12:00", "Зал", "", 2, 0, 0, "", "",
             "МАОУ СОШ № 01; МКОУ Заречная СОШ", ""]]
    await c.press("Импорт из файла")
    assert "XLSX" in c.last.text
    await c.send("вот файл")
    assert "документом" in c.last.text
    await upload(c, store, "plan.xlsx", xlsx(rows))
    text = c.last.text
    assert "Загружено мероприятий: <b>1</b> из 5" in text and "Строк с ошибками: 4" in text
    assert "Строка-пример из шаблона пропущена (строка 2)" in text
    assert "Строка 4, поле «Форма»: Неизвестное значение «вебинар»" in text
    assert "Строка 5, поле «Организатор»: ⛔ Эта организация вне вашей зоны" in text
    assert "Строка 5, поле «Даты и время»: Не понял дату №1" in text
    assert "Строка 5, поле «Часы очные»" in text
    assert "Строка 7, поле «Место»: Укажите место проведения или ссылку" in text
    assert "Строка 8, поле «Аудитория»: «МКОУ Заречная СОШ» не входит" in text
    async with app.sessions() as s:
        events = (await s.scalars(select(EventRow))).all()
    assert [e.title for e in events] == ["Семинар «Оценивание»"]
    e = events[0]
    assert e.form == "seminar" and e.groups == ["methodological", "communicative"]
    assert len(e.sessions) == 2 and (e.hours_in_person, e.hours_self_study) == (6, 2)
    assert e.capacity == 30 and e.registration_deadline is not None

    # the corrected rows as CSV (semicolons, as Excel saves in Russia)
    csv_rows = [";".join(HEADER),
                (f"Вебинар по ФГ;Консультация;Муниципальный;{orgs['mun1']};;"
                 f"{day(10)} 10:00-11:00;;https://sferum.ru/x;1;;;;;;"),
                (f"Круглый стол;round table;Municipal;Городской округ Тестовый;Коммуникативные;"
                 f"{day(12)} 10:00-12:00;Зал;;2;0;0;;;МАОУ СОШ № 01;")]
    await c.press("Загрузить ещё файл")
    await upload(c, store, "plan.csv", "\n".join(csv_rows).encode("cp1251"))
    assert "Загружено мероприятий: <b>2</b> из 2" in c.last.text
    async with app.sessions() as s:
        titles = sorted((await s.scalars(select(EventRow.title))).all())
    assert titles == ["Вебинар по ФГ", "Круглый стол", "Семинар «Оценивание»"]


async def test_import_refuses_unreadable_files_and_teachers(app, orgs) -> None:
    store = serve_files(app)
    c = await open_import(app, orgs)
    await c.press("Импорт из файла")
    await upload(c, store, "plan.pdf", b"%PDF")
    assert "Нужен файл .xlsx или .csv" in c.last.text
    await upload(c, store, "plan.xlsx", b"not a zip")
    assert "не открывается как книга Excel" in c.last.text
    await upload(c, store, "plan.csv", b"a;b\n1;2")
    assert "Не удалось прочитать файл" in c.last.text
    await c.send("/cancel")
    assert "организатор" in c.last.text
    async with app.sessions() as s:
        assert (await s.scalars(select(EventRow))).all() == []
    # a teacher cannot reach the import (forged button)
    await onboarded(app, 555_001, orgs["school1"])
    t = Person(app, 555_001)
    await t.send("/menu")
    await t.press_data("evo:import:0")
    assert any("недоступно" in a for a in t.alerts())


# ---- hostile and odd files ------------------------------------------------------------------


@contextmanager
def held_in_its_thread(monkeypatch: Any, name: str) -> Iterator[threading.Event]:
    """Hold `uploads.<name>` inside its worker thread until the test lets it go: whatever
    the test does meanwhile proves the event loop is free while a file is parsed."""
    entered, release = threading.Event(), threading.Event()
    real = getattr(uploads, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        entered.set()
        assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(uploads, name, held)
    try:
        yield entered
    finally:
        release.set()
        monkeypatch.setattr(uploads, name, real)


async def test_hostile_tables_are_refused_and_others_are_answered_meanwhile(
        app, orgs, monkeypatch) -> None:
    store = serve_files(app)
    c = await open_import(app, orgs)
    await onboarded(app, 555_002, orgs["school1"])
    other = Person(app, 555_002)
    await c.press("Импорт из файла")

    with held_in_its_thread(monkeypatch, "read_table") as entered:
        task = asyncio.create_task(upload(c, store, "plan.xlsx", hostile.xlsx_bomb()))
        assert await asyncio.to_thread(entered.wait, 10)
        assert await other.send("/menu")  # answered while the bomb sits in its thread
        assert other.last.buttons()
    await asyncio.wait_for(task, 10)
    assert "слишком велика в распакованном виде" in c.last.text
    assert "Шаблон для импорта" in str(c.last.buttons())  # a way forward

    for name, body, says in [
        ("plan.xlsx", hostile.xlsx_many_rows(20_000), "больше 500 строк"),
        ("plan.xlsx", hostile.xlsx_lying(), "не открывается как книга Excel"),
        ("plan.csv", hostile.binary(), "Это не текстовый файл"),
        ("plan.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Excel 97–2003"),
        ("plan.csv", ";".join(["x"] * 50).encode(), "больше 40 столбцов"),
    ]:
        await upload(c, store, name, body)
        assert says in c.last.text, name
    async with app.sessions() as s:
        assert (await s.scalars(select(EventRow))).all() == []

    # Excel for Mac: CR line ends, Windows-1251
    rows = [";".join(HEADER),
            (f"Вебинар по ФГ;Консультация;Муниципальный;{orgs['mun1']};;"
             f"{day(10)} 10:00-11:00;;https://sferum.ru/x;1;;;;;;")]
    await upload(c, store, "plan.csv", "\r".join(rows).encode("cp1251"))
    assert "Загружено мероприятий: <b>1</b> из 1" in c.last.text
