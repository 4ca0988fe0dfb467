"""Certificates through the real Dispatcher: an attendee downloads the PDF (its text read back),
the organiser issues them to everyone at once (each notified with a download button), anyone
checks a number (valid, unknown, garbled), forged buttons are refused."""

from __future__ import annotations

import io
import re

from aiogram.methods import SendChatAction, SendDocument
from pypdf import PdfReader
from sqlalchemy import select

from domain import certificates as certs
from domain import events as ev
from domain.errors import ValidationError
from handlers.callbacks import CertCb
from storage.certificates.models import CertificateRow
from tests.conftest import onboarded, outbox
from tests.harness import Person
from tests.support.documents import deliver, event_with_attendees, open_attendance, open_card


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


async def certificates(app) -> list[CertificateRow]:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        return list((await s.scalars(select(CertificateRow).order_by(CertificateRow.id))).all())


def test_numbers_are_read_as_people_type_them() -> None:
    number = certs.new_number(2026)
    assert re.fullmatch(r"2026-[A-Z2-9]{4}-[A-Z2-9]{4}", number)
    assert certs.parse_number(" 2026 k7qx 3mpa ") == "2026-K7QX-3MPA"
    assert certs.parse_number("№ 2026-К7ОХ-3МРА") == "2026-K7OX-3MPA"  # Cyrillic look-alikes
    for garbled in ("", "hello", "2026-K7QX", "2026-K7QX-3MPA-1", "x" * 100, "2026-K0QX-3MPA"):
        try:
            certs.parse_number(garbled)
        except ValidationError as err:
            assert err.key == "cert-error-garbled"
        else:
            raise AssertionError(garbled)


async def test_attendee_downloads_a_certificate_and_anyone_checks_it(app, orgs) -> None:
    event_id, c, (anna, irina) = await event_with_attendees(
        app, orgs, "Наставничество в школе", ["Петрова Анна Сергеевна", "Козлова Ирина Павловна"],
        hours=ev.Hours(4, 2, 1.5), days=2)
    # not attended yet: no button, a forged press is refused
    await anna.press_data(CertCb(a="mine", id=event_id).pack())
    assert "участие отмечено организатором" in anna.last.text or any(
        "участие отмечено организатором" in a for a in anna.alerts())
    assert await certificates(app) == []

    await open_attendance(c, "Наставничество в школе")
    await c.press("⬜ Петрова")
    await anna.send("/menu")
    await anna.press("📅 Мероприятия")
    await anna.press("Мои записи")
    await anna.press("Наставничество в школе")
    await anna.press("Сертификат участника")
    assert app.bot.session.of(SendChatAction)[-1].action == "upload_document"
    sent = app.bot.session.of(SendDocument)[-1]
    (cert,) = await certificates(app)
    assert sent.document.filename == f"certificate-{cert.number}.pdf"
    text = pdf_text(sent.document.data)
    flat = " ".join(text.split())
    for part in ("СЕРТИФИКАТ", "Петрова Анна Сергеевна", "«Наставничество в школе»",
                 "Семинар-практикум", "Объём: 7,5 ч, в том числе очные — 4, дистанционные — 2, "
                 "самостоятельная работа — 1,5", "Сроки проведения: с", cert.number,
                 "Организатор:"):
        assert part in flat, part
    assert re.search(r"с \d\d\.\d\d\.\d{4} по \d\d\.\d\d\.\d{4}", flat)
    await anna.press("Сертификат участника")  # the same certificate again, not a second one
    assert len(await certificates(app)) == 1

    # Irina forges Anna's certificate id: nothing is sent
    documents = len(app.bot.session.of(SendDocument))
    await irina.press_data(CertCb(a="get", id=cert.id).pack())
    assert len(app.bot.session.of(SendDocument)) == documents
    # a teacher cannot issue to all
    await irina.press_data(CertCb(a="all", id=event_id).pack())
    assert len(await certificates(app)) == 1

    # anyone checks the number: valid shows only what the certificate shows
    await onboarded(app, 555_900, orgs["school2"], name="Проверяющий Работодатель Тестович")
    hr = Person(app, 555_900)
    await hr.send(f"/verify {cert.number.lower().replace('-', ' ')}")
    assert "действителен" in hr.last.text and "Петрова Анна Сергеевна" in hr.last.text
    assert "Наставничество в школе" in hr.last.text and "МАОУ" not in hr.last.text
    await hr.send("/verify 2026-AAAA-BBBB")
    assert "не найден" in hr.last.text
    await hr.send("/verify <b>что-то</b>")
    assert "не похож" in hr.last.text and "<b>что-то" not in hr.last.text
    await hr.send(cert.number)  # asked again after a garbled one: the typed number is checked
    assert "действителен" in hr.last.text
    await hr.press("Проверить другой номер")
    await hr.send("/cancel")
    assert "отменена" in hr.last.text


async def test_organiser_issues_certificates_to_every_attendee(app, orgs) -> None:
    event_id, c, people = await event_with_attendees(
        app, orgs, "Методический день", ["Петрова Анна Сергеевна", "Козлова Ирина Павловна",
                                         "Не Пришедший Участник"])
    await open_attendance(c, "Методический день")
    await c.press("⬜ Петрова")
    await c.press("⬜ Козлова")
    await c.press("Назад")
    await c.press("Сертификаты всем")
    assert "новых 2, всего участников 2" in c.last.text
    await c.press("Назад")
    await c.press("Сертификаты всем")  # again: nothing new, nobody notified twice
    assert "новых 0, всего участников 2" in c.last.text
    issued = await certificates(app)
    assert len(issued) == 2 and len({x.number for x in issued}) == 2
    assert len(await outbox(app, "cert-notice-issued")) == 2
    await deliver(app)
    anna, irina, absent = people
    # the notice arrives (beside the request for feedback after the event, in either order)
    assert any("сертификат" in t and issued[0].number in t for t in anna.texts), anna.texts
    assert not any("сертификат" in t for t in absent.texts)
    await irina.press("Скачать сертификат")
    doc = app.bot.session.of(SendDocument)[-1]
    assert "Козлова Ирина Павловна" in " ".join(pdf_text(doc.document.data).split())
