"""Files between the messengers, copied once (issue 17): a broadcast's photo from a Telegram
admin reaches MAX teachers with one upload for all of them, a MAX admin's document reaches
Telegram teachers with one upload, a file the other messenger refuses or the source no longer
has arrives as the text with a line that says so, and a file opened in the other messenger is
not copied again after a restart."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiogram.methods import GetFile, SendDocument, SendPhoto
from aiogram.types import BufferedInputFile
from sqlalchemy import select

from domain.enums import Channel, Role
from handlers.activity import AcCb
from storage.files.models import FileCopyRow
from tests.broadcasts.kit import deliver, open_broadcasts, people, rows_of
from tests.clock import TEST_CLOCK
from tests.conftest import ADMIN_ID, onboarded
from tests.harness import Person
from tests.max.fake_max import FakeMax
from tests.max.test_channels import _record_with_file
from tests.max.user import MaxUser
from tests.mentoring.support import world

MAX_TEACHERS = (780_001, 780_002, 780_003)
MAX_ADMIN = 780_100
LINE = "доставить его сюда не удалось"


async def _max_teachers(app: Any, orgs: dict[str, int]) -> None:
    for n, uid in enumerate(MAX_TEACHERS):
        await onboarded(app, uid, orgs["school2"], name=f"Максова Ирина {n}",
                        channel=Channel.MAX)


async def _broadcast_photo(app: Any, orgs: dict[str, int], file_id: str) -> int:
    """The Telegram admin sends a broadcast with a photo to the whole region."""
    await people(app, orgs)
    await _max_teachers(app, orgs)
    admin = Person(app, ADMIN_ID)
    await open_broadcasts(admin)
    await admin.press("Новая рассылка")
    await admin.send("Семинар в пятницу: программа на фото")
    await admin.press("Фото или файл")
    await admin.send_photo(file_id=file_id)
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    app.sender.per_chat_interval = 0.0
    app.sender.concurrency = 8  # recipients at once: they race for the one copy
    bid = await _bid(app)
    for _ in range(10):  # a message whose file another sender is still copying goes a bit later
        await deliver(app)
        rows = await rows_of(app, bid)
        if all(r.status != "pending" for r in rows):
            break
        TEST_CLOCK.set(TEST_CLOCK.now() + timedelta(seconds=3))
    assert rows and all(r.status == "sent" for r in rows), [(r.status, r.last_error)
                                                            for r in rows]
    return len(rows)


async def _bid(app: Any) -> int:
    from tests.broadcasts.kit import last_broadcast

    return await last_broadcast(app)


async def _copies(app: Any) -> list[FileCopyRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(FileCopyRow))).all())


async def test_a_telegram_photo_reaches_max_teachers_with_one_upload(make_app, orgs,
                                                                    fake_max: FakeMax) -> None:
    app = await make_app(quiet_hours="")
    app.bot.session.files["PHOTO-TG"] = b"\x89PNG seminar programme"
    await _broadcast_photo(app, orgs, "PHOTO-TG")
    assert len(fake_max.of("POST", "/uploads")) == 1  # one upload for three MAX teachers
    assert len(app.bot.session.of(GetFile)) == 1  # and one download from Telegram
    tokens = set()
    for uid in MAX_TEACHERS:
        shown = fake_max.last(uid)
        [image] = shown.files()
        assert image["type"] == "image" and "Семинар в пятницу" in shown.text
        tokens.add(image["payload"]["token"])
    [token] = tokens
    assert fake_max.files[token] == b"\x89PNG seminar programme"
    # Telegram teachers get the photo by its own id, nothing relayed
    photos = [c for c in app.bot.session.of(SendPhoto) if int(c.chat_id) == 601]
    assert photos and photos[-1].photo == "PHOTO-TG"
    [copy] = await _copies(app)
    assert (copy.source_file_id, copy.channel, copy.file_id) == ("PHOTO-TG", "max",
                                                                 f"max:{token}")
    assert copy.claimed_by is None and copy.failed_at is None
    assert fake_max.rejected == []


async def test_a_max_admins_document_reaches_telegram_teachers_with_one_upload(
        make_app, orgs, fake_max: FakeMax) -> None:
    app = await make_app(quiet_hours="", max_admin_ids=frozenset({MAX_ADMIN}))
    await people(app, orgs)
    await onboarded(app, MAX_ADMIN, orgs["school1"], name="Максимова Вера Ильинична",
                    channel=Channel.MAX)
    admin = MaxUser(app, fake_max, MAX_ADMIN)
    await admin.send("/menu")
    await admin.press("Администрирование")
    await admin.press("Рассылки")
    await admin.press("Новая рассылка")
    await admin.send("Положение о конкурсе — во вложении")
    await admin.press("Фото или файл")
    await admin.send_document("polozhenie.pdf", file_id="utok-rules", content=b"%PDF rules")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    app.sender.per_chat_interval = 0.0
    await deliver(app)
    rows = await rows_of(app, await _bid(app))
    assert len(rows) == 6 and all(r.status == "sent" for r in rows), [
        (r.status, r.last_error) for r in rows]
    docs = app.bot.session.of(SendDocument)
    uploads = [d for d in docs if isinstance(d.document, BufferedInputFile)]
    assert len(uploads) == 1 and len(docs) == 5  # five in Telegram, one upload
    assert uploads[0].document.data == b"%PDF rules"
    assert uploads[0].document.filename == "polozhenie.pdf"
    copy_id = f"tg-upload-{app.bot.session.last(int(uploads[0].chat_id)).message_id}"
    assert {d.document for d in docs if d not in uploads} == {copy_id}
    # the MAX admin (a recipient too) gets the file by its own token
    assert fake_max.last(MAX_ADMIN).files()[0]["payload"]["token"] == "utok-rules"
    assert fake_max.rejected == []


async def test_a_refused_upload_sends_the_text_with_a_line_once(make_app, orgs,
                                                                fake_max: FakeMax) -> None:
    app = await make_app(quiet_hours="")
    app.bot.session.files["PHOTO-BIG"] = b"\x89PNG too big for MAX"
    fake_max.refuse_uploads = (400, "file.too.big")
    await _broadcast_photo(app, orgs, "PHOTO-BIG")
    for uid in MAX_TEACHERS:
        shown = fake_max.last(uid)
        assert not shown.files() and "Семинар в пятницу" in shown.text and LINE in shown.text
    # one upload tried, not one per recipient: the failure is remembered
    assert len(fake_max.of("POST", "/uploads")) == 1
    assert [r[2] for r in fake_max.rejected] == ["file.too.big: refused by the test"]
    rows = await rows_of(app, await _bid(app))
    noted = [r.last_error for r in rows if r.last_error]
    assert len(noted) == 3 and all("attachment" in n for n in noted)
    [copy] = await _copies(app)
    assert copy.file_id is None and copy.failed_at is not None and copy.claimed_by is None
    # Telegram teachers are not affected
    assert all(Person(app, uid).last.document == "PHOTO-BIG" for uid in (601, 602, 603, 604))


async def test_a_file_telegram_no_longer_has_arrives_as_text_with_a_line(
        make_app, orgs, fake_max: FakeMax) -> None:
    app = await make_app(quiet_hours="")  # "PHOTO-GONE" is not in the fake's files
    await _broadcast_photo(app, orgs, "PHOTO-GONE")
    for uid in MAX_TEACHERS:
        assert LINE in fake_max.last(uid).text and not fake_max.last(uid).files()
    assert len(app.bot.session.of(GetFile)) == 1
    assert fake_max.of("POST", "/uploads") == []
    en = [r for r in (await rows_of(app, await _bid(app))) if r.last_error]
    assert len(en) == 3


async def test_a_copy_survives_a_restart_between_two_viewers(make_app, orgs,
                                                              fake_max: FakeMax) -> None:
    app = await make_app()
    ids = await world(app, orgs)
    coords = (780_201, 780_202)
    for uid in coords:
        await onboarded(app, uid, orgs["school1"], name="Максимова Ирина Павловна",
                        roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])],
                        channel=Channel.MAX)
    app.bot.session.files["DIPLOMA-TG"] = b"%PDF-1.4 telegram diploma"
    record = await _record_with_file(app, ids["young"], "DIPLOMA-TG")
    first = MaxUser(app, fake_max, coords[0])
    await first.send("/menu")
    await first.press_data(AcCb(a="file", id=record.id).pack())
    [doc] = fake_max.last(coords[0]).files()
    assert fake_max.files[doc["payload"]["token"]] == b"%PDF-1.4 telegram diploma"
    assert len(fake_max.of("POST", "/uploads")) == 1

    app2 = await make_app()  # a restart: a new Telegram fake that no longer has the file
    assert "DIPLOMA-TG" not in app2.bot.session.files
    second = MaxUser(app2, fake_max, coords[1])
    await second.send("/menu")
    await second.press_data(AcCb(a="file", id=record.id).pack())
    [again] = fake_max.last(coords[1]).files()
    assert again["payload"]["token"] == doc["payload"]["token"]
    assert len(fake_max.of("POST", "/uploads")) == 1  # no second upload
    assert app2.bot.session.of(GetFile) == []  # and no second download

    # a MAX file whose download URL the bot never got (no message of this bot brought it):
    # the Telegram viewer is told so, kindly
    mx = await onboarded(app2, 780_203, orgs["school1"], name="Максимова Анна Петровна",
                         channel=Channel.MAX)
    lost = await _record_with_file(app2, mx, "max:utok-before-restart")
    from tests.mentoring.support import COORD

    t = Person(app2, COORD)
    await t.send("/menu")
    await t.press_data(AcCb(a="file", id=lost.id).pack())
    assert "файл сейчас недоступен" in t.last.text
    assert fake_max.rejected == []


async def test_the_copies_of_a_persons_files_are_erased_with_them(make_app, orgs,
                                                                   fake_max: FakeMax) -> None:
    """/forgetme: the teacher's diploma goes, and so does its copy in the other messenger."""
    from tests.mentoring.support import YOUNG

    app = await make_app()
    ids = await world(app, orgs)
    coord = 780_211
    await onboarded(app, coord, orgs["school1"], name="Максимова Ирина Павловна",
                    roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])], channel=Channel.MAX)
    app.bot.session.files["DIPLOMA-ERASE"] = b"%PDF-1.4 diploma"
    app.bot.session.files["DIPLOMA-KEEP"] = b"%PDF-1.4 another teacher's diploma"
    mine = await _record_with_file(app, ids["young"], "DIPLOMA-ERASE")
    other = await _record_with_file(app, ids["young2"], "DIPLOMA-KEEP")
    viewer = MaxUser(app, fake_max, coord)
    await viewer.send("/menu")
    for record in (mine, other):
        await viewer.press_data(AcCb(a="file", id=record.id).pack())
    assert {c.source_file_id for c in await _copies(app)} == {"DIPLOMA-ERASE", "DIPLOMA-KEEP"}

    young = Person(app, YOUNG)
    await young.send("/forgetme")
    await young.press("Да, удалить")
    assert {c.source_file_id for c in await _copies(app)} == {"DIPLOMA-KEEP"}
