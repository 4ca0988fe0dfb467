"""The diagnostic instrument is data: an admin replaces it in the bot or from the command line;
bad files are refused with the line and the field; earlier results keep their version."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiogram import Bot
from aiogram.methods import GetFile, SendDocument, TelegramMethod
from aiogram.types import Document, File, Message, Update

from domain import instrument as instruments
from storage.diagnosis.models import DiagAttemptRow, DiagInstrumentRow
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded
from tests.diagnosis.test_flows import TOTAL, answer, attempts, complete, teacher
from tests.events.test_import import held_in_its_thread
from tests.harness import FakeTelegram, Person
from tests.support import hostile
from tests.test_cli import cli_db, on_db, run_cli  # noqa: F401  (fixture)
from tests.test_settings import clean_env  # noqa: F401  (fixture)

_file_ids = itertools.count(1)


class FilesTelegram(FakeTelegram):
    """The fake Bot API, plus files a user sends (getFile and the download)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.files: dict[str, bytes] = {}

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
                           ) -> Any:
        if isinstance(method, GetFile):
            self.calls.append(method)
            return File(file_id=method.file_id, file_unique_id=method.file_id,
                        file_size=len(self.files[method.file_id]),
                        file_path=f"documents/{method.file_id}")
        return await super().make_request(bot, method, timeout)

    async def stream_content(self, url: str, *args: Any, **kwargs: Any
                             ) -> AsyncGenerator[bytes, None]:
        yield self.files[url.rsplit("/", 1)[-1]]


async def send_file(p: Person, name: str, content: bytes) -> None:
    file_id = f"f{next(_file_ids)}"
    p.tg.files[file_id] = content  # type: ignore[attr-defined]
    message = Message(
        message_id=next(p.tg._ids), date=TEST_CLOCK.now(), chat=p.chat, from_user=p.user,
        document=Document(file_id=file_id, file_unique_id=file_id, file_name=name,
                          file_size=len(content)),
    )
    await p._feed(Update(update_id=next(_file_ids) + 10_000_000, message=message))


def default_data() -> dict[str, Any]:
    return yaml.safe_load(instruments.DEFAULT_PATH.read_text(encoding="utf-8"))


def dump(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@pytest.fixture
async def files_app(make_app):  # type: ignore[no-untyped-def]
    app = await make_app()
    app.bot.session = FilesTelegram()
    return app


async def open_instrument(app) -> Person:  # type: ignore[no-untyped-def]
    await onboarded(app, ADMIN_ID, None, name="Админов Админ")
    admin = Person(app, ADMIN_ID)
    await admin.send("/menu")
    await admin.press("Самодиагностика")
    await admin.press("Инструмент диагностики")
    return admin


async def test_admin_replaces_the_instrument_in_the_bot(files_app, orgs) -> None:
    app = files_app
    done = await teacher(app, orgs, 555_201)  # finished under 2026.1
    await done.press("Самодиагностика")
    await complete(done)
    midway = await teacher(app, orgs, 555_202)  # half-way through 2026.1
    await midway.press("Самодиагностика")
    await midway.press("Начать")
    await answer(midway, ["Владею уверенно"] * 10)

    admin = await open_instrument(app)
    await admin.press("Скачать текущий файл")
    [doc] = admin.tg.of(SendDocument)
    assert doc.document.filename == "instrument-2026.1.yaml"
    assert doc.document.data == instruments.DEFAULT_PATH.read_bytes()

    await admin.press("Загрузить новый")
    assert "Пришлите файл инструмента" in admin.last.text
    await admin.send("вот файл")
    assert "Нужен файл" in admin.last.text

    broken = default_data()
    del broken["groups"][1]["title"]
    broken["groups"][1]["indicators"][0]["statements"][0]["code"] = "s01"  # a duplicate
    broken["deficit_below"] = 150
    broken["colour"] = "синий"
    await send_file(admin, "region.yaml", dump(broken))
    text = admin.last.text
    assert "Файл не принят. Найдено 4 проблемы" in text
    lines = dump(broken).decode().splitlines()
    colour = next(n for n, s in enumerate(lines, 1) if s.startswith("colour:"))
    deficit = next(n for n, s in enumerate(lines, 1) if s.startswith("deficit_below:"))
    assert f"строка {colour}, <code>colour</code>: лишнее поле «colour»" in text
    assert f"строка {deficit}, <code>deficit_below</code>: значение должно быть ≤ 100" in text
    assert "<code>groups.2.title</code>: нет обязательного поля «title»" in text
    assert "<code>groups.2.indicators.1.statements.1.code</code>: «s01» повторяется" in text
    assert text.index("deficit_below") < text.index("groups.2.title") < text.index("colour")
    await send_file(admin, "region.txt", b"format: 1")
    assert "нужен файл .yaml, .yml или .json" in admin.last.text
    await send_file(admin, "region.yaml", b"format: 1\ncode: [x\n")
    assert "строка 3" in admin.last.text and "ошибка синтаксиса" in admin.last.text

    fresh = default_data()
    fresh["version"] = "2027.1"
    fresh["title"] = {"ru": "Региональная самодиагностика", "en": "Regional self-diagnosis"}
    fresh["groups"][0]["indicators"][0]["statements"][0]["text"] = "Новое первое утверждение."
    fresh["retake_days"] = 0
    await send_file(admin, "region.yaml", dump(fresh))
    assert "«Региональная самодиагностика» версии 2027.1 загружен" in admin.last.text
    assert "версия <b>2027.1</b>" in admin.last.text and "2027.1, 2026.1" in admin.last.text

    changed = dict(fresh, deficit_below=60)
    await admin.press("Загрузить новый")
    await send_file(admin, "region.json", dump(changed))  # .json: must be JSON
    assert "ошибка синтаксиса" in admin.last.text
    import json

    await send_file(admin, "region.json", json.dumps(changed, ensure_ascii=False).encode())
    assert "версия «2027.1» уже загружена с другим содержанием" in admin.last.text

    # the teacher half-way keeps the version they started with
    await midway.send("/menu")
    await midway.press("Самодиагностика")
    await midway.press("Продолжить")
    assert "11 / 36" in midway.last.text
    await answer(midway, ["Владею уверенно"] * (TOTAL - 10))
    await midway.press("Завершить")
    assert "версия 2026.1" in midway.last.text
    # a new attempt uses the new instrument (no retake interval in it)
    await done.send("/menu")
    await done.press("Самодиагностика")
    await done.press("Пройти ещё раз")
    assert "Региональная" not in done.last.text  # the intro is not the title
    await done.press("Начать")
    assert "Новое первое утверждение." in done.last.text
    await answer(done, ["Владею уверенно"] * TOTAL)
    await done.press("Завершить")
    assert "«Региональная самодиагностика», версия 2027.1" in done.last.text
    await done.press("История")
    assert "версия 2027.1" in done.last.text and "версия 2026.1" in done.last.text
    rows = [r for r in await attempts(app) if r.status == "completed"]
    assert len(rows) == 3 and len({r.instrument_id for r in rows}) == 2


async def test_teachers_cannot_reach_the_instrument(app, orgs) -> None:
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    assert "Инструмент диагностики" not in str(p.last.buttons())
    for data in ("dg:admin:0", "dg:upload:0", "dg:download:0", "dg:reset:0"):
        before = len(p.alerts())
        await p.press_data(data)
        assert any("недоступно" in a for a in p.alerts()[before:]), data


def test_cli_import_instrument(cli_db: str, tmp_path: Path, capsys: Any) -> None:  # noqa: F811
    bad = default_data()
    del bad["groups"][0]["title"]
    bad["scale"][0]["label"] = "x" * 41
    path = tmp_path / "region.yaml"
    path.write_bytes(dump(bad))
    code, out, err = run_cli(capsys, "import-instrument", str(path))
    assert code == 2 and "2 problem(s) in region.yaml; nothing imported" in err
    lines = path.read_text(encoding="utf-8").splitlines()
    label = next(n for n, s in enumerate(lines, 1) if "xxxxxxxx" in s)
    assert f"region.yaml:{label}: scale.1.label.ru: too long: at most 40 characters" in err
    assert "groups.1.title: required field “title” is missing" in err

    good = default_data()
    good["version"] = "region-1"
    path.write_bytes(dump(good))
    code, out, err = run_cli(capsys, "import-instrument", "--check", str(path))
    assert code == 0 and "region.yaml is valid: version region-1" in out
    assert on_db(cli_db, lambda uow: uow.diagnosis.active_instrument()) is None  # only checked
    code, out, err = run_cli(capsys, "import-instrument", str(path))
    assert code == 0 and "version region-1 is active: 4 groups, 24 indicators, 36 statements" in out
    active = on_db(cli_db, lambda uow: uow.diagnosis.active_instrument())
    assert active.version == "region-1"
    source = on_db(cli_db, lambda uow: uow.diagnosis.instrument_source(active.id))
    assert source == path.read_text(encoding="utf-8")  # comments and layout kept
    code, out, err = run_cli(capsys, "import-instrument", str(tmp_path / "missing.yaml"))
    assert code == 2 and "file not found" in err


async def test_the_default_instrument_is_stored_once(app, orgs) -> None:
    a = await teacher(app, orgs, 555_211)
    b = await teacher(app, orgs, 555_212)
    for p in (a, b):
        await p.press("Самодиагностика")
        await p.press("Начать")
    async with app.sessions() as s:
        from sqlalchemy import select

        rows = (await s.scalars(select(DiagInstrumentRow))).all()
        used = (await s.scalars(select(DiagAttemptRow.instrument_id))).all()
    assert len(rows) == 1 and rows[0].is_active and rows[0].version == "2026.1"
    assert set(used) == {rows[0].id}


async def test_a_long_result_still_fits_one_message(app, orgs) -> None:
    from domain import diagnosis as diag
    from handlers.uploads import read_instrument
    from storage.uow import SqlUnitOfWork

    big = default_data()
    big["version"] = "big-1"
    for g, group in enumerate(big["groups"]):
        group["indicators"] = [
            {"code": f"i{g}_{n}", "title": "Очень длинное название индикатора " * 4,
             "statements": [{"code": f"st{g}_{n}", "text": f"Утверждение {g}.{n}"}]}
            for n in range(20)
        ]
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, TEST_CLOCK)
        await diag.import_instrument(uow, None, *read_instrument(dump(big), "big.yaml"),
                                     TEST_CLOCK.now())
        await uow.commit()
    p = await teacher(app, orgs)
    await p.press("Самодиагностика")
    await p.press("Начать")
    assert "1 / 80" in p.last.text
    await answer(p, ["Не владею"] * 80)
    await p.press("Завершить")
    assert len(p.last.text) <= 4096 and p.last.text.count("…и ещё 14") == 4


# ---- hostile files ------------------------------------------------------------------------


async def instruments_stored(app) -> int:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        from sqlalchemy import func, select

        return int(await s.scalar(select(func.count()).select_from(DiagInstrumentRow)) or 0)


async def test_hostile_instrument_files_are_refused_and_others_are_answered(
        files_app, orgs, monkeypatch) -> None:
    app = files_app
    other = await teacher(app, orgs, 555_231)
    admin = await open_instrument(app)
    await admin.press("Загрузить новый")
    stored = await instruments_stored(app)

    with held_in_its_thread(monkeypatch, "read_instrument") as entered:
        task = asyncio.create_task(send_file(admin, "region.yaml", hostile.billion_laughs()))
        assert await asyncio.to_thread(entered.wait, 10)
        await other.press("Самодиагностика")  # answered while the file sits in its thread
        assert "Начать" in str(other.last.buttons())
    await asyncio.wait_for(task, 10)
    assert "Файл не принят" in admin.last.text
    assert "слишком много значений (больше 20000" in admin.last.text.replace("\u00a0", "")

    for name, body, says in [
        ("region.yaml", hostile.deep_yaml(), "слишком глубокая вложенность: больше 32"),
        ("region.json", hostile.deep_json(), "слишком глубокая вложенность: больше 32"),
        ("region.yaml", hostile.alias_loop(), "ведёт сама на себя"),
        ("region.yaml", hostile.binary(), "не в кодировке UTF-8"),
        ("region.json", b'{"a": ' + b"9" * 5000 + b"}", "ошибка синтаксиса"),
    ]:
        await send_file(admin, name, body)
        assert says in admin.last.text, name
        assert "Отмена" in str(admin.last.buttons())
    assert await instruments_stored(app) == stored


@pytest.mark.parametrize(("name", "make", "says"), [
    ("region.yaml", hostile.billion_laughs, "region.yaml: too many values"),
    ("region.yaml", hostile.deep_yaml, "region.yaml:1: nested too deep"),
    ("region.json", hostile.deep_json, "region.json:1: nested too deep"),
])
def test_cli_refuses_hostile_instruments(cli_db: str, tmp_path: Path, capsys: Any,  # noqa: F811
                                         name: str, make: Any, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    code, out, err = run_cli(capsys, "import-instrument", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"Error: {says}") and err.rstrip().endswith("; nothing imported")
    assert on_db(cli_db, lambda uow: uow.diagnosis.active_instrument()) is None


async def open_reset(admin: Person) -> None:
    """From anywhere to the admin's search for a teacher to unlock a retake."""
    await admin.send("/menu")
    await admin.press("Самодиагностика")
    await admin.press("Инструмент диагностики")
    await admin.press("Досрочная пересдача")


async def test_reset_search_bad_input_forged_buttons_cancel_and_restart(make_app, orgs) -> None:
    first = await make_app()
    p = await teacher(first, orgs, 555_161)
    await p.press("Самодиагностика")
    await complete(p)
    await onboarded(first, ADMIN_ID, None, name="Админов Админ")
    admin = Person(first, ADMIN_ID)
    await open_reset(admin)
    assert "Напишите ФИО" in admin.last.text
    await admin.send_photo()  # not a name
    assert "⚠️ Напишите ФИО (или его часть) либо Telegram ID." in admin.last.text
    await admin.press_data(f"o:{orgs['school1']}")  # an organisation's pick: not this step's
    assert admin.alerts()[-1].startswith("Эта кнопка уже неактуальна")
    assert "Досрочная пересдача" in admin.last.text
    await admin.send("/cancel")
    assert "версия <b>2026.1</b>" in admin.last.text
    await admin.send("петрова")  # the search is over
    assert "Выберите педагога" not in admin.last.text
    await open_reset(admin)
    await admin.send("никто")
    assert "никого не нашлось" in admin.last.text

    second = await make_app()  # the process restarted: new Dispatcher, same database
    admin2 = Person(second, ADMIN_ID)
    await admin2.send("петрова")  # the search goes on
    assert "Выберите педагога" in admin2.last.text
    await admin2.press("Петрова Анна Сергеевна")
    await admin2.press("Разрешить пересдачу")
    assert "может пройти самодиагностику повторно" in admin2.last.text
