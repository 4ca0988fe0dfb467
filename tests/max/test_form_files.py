"""A course form's certificate between the messengers (issue 17): a MAX teacher's scan opened
by a Telegram coordinator and a Telegram teacher's photo by a MAX coordinator, both relayed
once; a MAX file first opened after a restart is fetched by the URL kept in the database; a
URL MAX no longer serves ends in the kind «file unavailable»; /forgetme erases the URL and
the copy with the form."""

from __future__ import annotations

from typing import Any

from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from sqlalchemy import select

from domain.enums import Channel, Role
from handlers.courses import CrsReviewCb
from storage.files.models import FileCopyRow, FileSourceRow
from tests.conftest import onboarded
from tests.courses.test_flows import fill_report, forms, sent_to
from tests.harness import Person
from tests.max.fake_max import FakeMax
from tests.max.user import MaxUser

MAX_TEACHER, MAX_TEACHER2, MAX_COORD = 790_001, 790_002, 790_003
TG_TEACHER, TG_COORD = 690_001, 690_002
SCAN = b"%PDF-1.4 test"  # what MaxUser.send_document sends by default


async def _school(app: Any, orgs: dict[str, int]) -> None:
    await onboarded(app, MAX_TEACHER, orgs["school1"], name="Максова Ирина Павловна",
                    channel=Channel.MAX)
    await onboarded(app, MAX_TEACHER2, orgs["school1"], name="Максова Анна Павловна",
                    channel=Channel.MAX)
    await onboarded(app, TG_TEACHER, orgs["school1"], name="Телегина Ольга Ивановна")
    await onboarded(app, TG_COORD, orgs["school1"], name="Завучева Ирина Павловна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    await onboarded(app, MAX_COORD, orgs["school1"], name="Завучева Вера Ильинична",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])], channel=Channel.MAX)


class _Teacher(MaxUser):
    """A MAX teacher whose certificate has its own token (fill_report names every file
    CERT-1)."""

    token = "CERT-2"

    async def send_document(self, *args: Any, **kwargs: Any) -> list[Any]:
        return await super().send_document(*args, **{**kwargs, "file_id": self.token})


async def _report(app: Any, teacher: Any) -> int:
    """The teacher's course report with its certificate, submitted; the form's id."""
    await fill_report(teacher, link=False)
    return (await forms(app))[-1].id


async def _urls(app: Any) -> dict[str, str]:
    async with app.sessions() as s:
        return {r.file_id: r.url for r in (await s.scalars(select(FileSourceRow))).all()}


async def _copies(app: Any) -> list[FileCopyRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(FileCopyRow))).all())


def _open(form_id: int) -> str:
    return CrsReviewCb(action="file", form_id=form_id).pack()


async def test_a_max_teachers_scan_reaches_a_telegram_coordinator(make_app, orgs,
                                                                  fake_max: FakeMax) -> None:
    app = await make_app()
    await _school(app, orgs)
    form_id = await _report(app, MaxUser(app, fake_max, MAX_TEACHER))
    [row] = await forms(app)
    assert row.data["certificate_file"]["file_id"] == "max:CERT-1"
    c = Person(app, TG_COORD)
    await c.send("/menu")
    await c.press_data(_open(form_id))
    [doc] = sent_to(app, TG_COORD, SendDocument)
    assert isinstance(doc.document, BufferedInputFile)  # uploaded, not MAX's token
    assert doc.document.data == SCAN and doc.document.filename == "udostoverenie.pdf"
    assert "482412345678" in doc.caption
    await c.press_data(_open(form_id))  # again: the copy's Telegram id, no second download
    again = sent_to(app, TG_COORD, SendDocument)[-1]
    assert isinstance(again.document, str) and again.document.startswith("tg-upload-")
    assert [(x.source_file_id, x.channel) for x in await _copies(app)] == [
        ("max:CERT-1", "telegram")]
    # the MAX coordinator gets the scan by its own token, nothing relayed
    m = MaxUser(app, fake_max, MAX_COORD)
    await m.send("/menu")
    await m.press_data(_open(form_id))
    assert fake_max.last(MAX_COORD).files()[0]["payload"]["token"] == "CERT-1"
    assert fake_max.of("POST", "/uploads") == [] and fake_max.rejected == []


async def test_a_telegram_teachers_photo_reaches_a_max_coordinator(make_app, orgs,
                                                                   fake_max: FakeMax) -> None:
    app = await make_app()
    await _school(app, orgs)
    app.bot.session.files["PHOTO-1"] = b"\x89PNG certificate scan"
    t = Person(app, TG_TEACHER)
    await fill_report(t, link=False, pdf=False)
    form_id = (await forms(app))[-1].id
    m = MaxUser(app, fake_max, MAX_COORD)
    await m.send("/menu")
    await m.press_data(_open(form_id))
    shown = fake_max.last(MAX_COORD)
    [image] = shown.files()
    assert image["type"] == "image"  # a photo stays a photo
    assert fake_max.files[image["payload"]["token"]] == b"\x89PNG certificate scan"
    assert "482412345678" in shown.text
    assert len(fake_max.of("POST", "/uploads")) == 1 and fake_max.rejected == []


async def test_a_max_file_is_fetched_after_a_restart_by_its_kept_url(make_app, orgs,
                                                                      fake_max: FakeMax) -> None:
    app = await make_app()
    await _school(app, orgs)
    kept = await _report(app, MaxUser(app, fake_max, MAX_TEACHER))
    expired = await _report(app, _Teacher(app, fake_max, MAX_TEACHER2))
    urls = await _urls(app)
    assert set(urls) == {"max:CERT-1", "max:CERT-2"}
    assert all(u.startswith(fake_max.url + "/files/") and u.endswith("#udostoverenie.pdf")
               for u in urls.values())

    app2 = await make_app()  # a restart: the new MAX session has nothing in memory
    assert app2.max_bot.session.files.urls == {}
    c = Person(app2, TG_COORD)
    await c.send("/menu")
    await c.press_data(_open(kept))
    [doc] = sent_to(app2, TG_COORD, SendDocument)
    assert isinstance(doc.document, BufferedInputFile) and doc.document.data == SCAN
    assert doc.document.filename == "udostoverenie.pdf"

    # MAX no longer serves the other file's URL: the coordinator is told, kindly
    fake_max.files.pop("CERT-2")
    app3 = await make_app()
    c3 = Person(app3, TG_COORD)
    await c3.send("/menu")
    await c3.press_data(_open(expired))
    assert "файл сейчас недоступен" in c3.last.text
    assert sent_to(app3, TG_COORD, SendDocument) == []


async def test_forgetme_erases_the_kept_url_and_the_copy(make_app, orgs,
                                                          fake_max: FakeMax) -> None:
    app = await make_app()
    await _school(app, orgs)
    t = MaxUser(app, fake_max, MAX_TEACHER)
    form_id = await _report(app, t)
    other = MaxUser(app, fake_max, MAX_TEACHER2)
    await other.send_document("diplom.pdf", file_id="KEEP-1")  # another person's file
    c = Person(app, TG_COORD)
    await c.send("/menu")
    await c.press_data(_open(form_id))
    assert set(await _urls(app)) == {"max:CERT-1", "max:KEEP-1"}
    assert [x.source_file_id for x in await _copies(app)] == ["max:CERT-1"]
    await t.send("/forgetme")
    await t.press("Да, удалить")
    assert set(await _urls(app)) == {"max:KEEP-1"}
    assert await _copies(app) == []
