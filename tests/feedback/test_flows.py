"""Feedback after an event through the real Dispatcher: the form arrives once when attendance
is marked, every answer is stored at once (a restart mid-form loses nothing), forged buttons are
refused, the organiser sees the average and the comments (escaped, without names when the
template is anonymous), and the figures per organiser feed the territory."""

from __future__ import annotations

from sqlalchemy import select

from domain import events as ev
from domain import feedback as fb
from handlers.callbacks import FbCb, TerrCb
from storage.feedback.models import FeedbackRow
from tests.conftest import outbox, read
from tests.harness import Person
from tests.support.documents import deliver, event_with_attendees, open_attendance, open_card


async def rows(app) -> list[FeedbackRow]:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        return list((await s.scalars(select(FeedbackRow).order_by(FeedbackRow.id))).all())


async def test_feedback_is_asked_once_stored_per_step_and_survives_a_restart(make_app, orgs
                                                                             ) -> None:
    app = await make_app()
    event_id, c, (anna, irina) = await event_with_attendees(
        app, orgs, "Формирующее оценивание", ["Петрова Анна Сергеевна", "Козлова Ирина Павловна"])
    await open_attendance(c, "Формирующее оценивание")
    await c.press("⬜ Петрова")
    await c.press("⬜ Козлова")
    await c.press("✅ Петрова")  # taken back and given again: still one form
    await c.press("⬜ Петрова")
    assert "Отмечено: 2 из 2" in c.last.text
    assert len(await outbox(app, "fb-notice-ask")) == 2
    assert len(await rows(app)) == 2
    await deliver(app)
    assert "Формирующее оценивание" in anna.last.text and "Оцените" in anna.last.text

    await anna.press("Оставить отзыв")
    assert "от 1" in anna.last.text
    assert [b for b, _ in anna.last.buttons()] == ["1", "2", "3", "4", "5"]
    await anna.press("4", exact=True)
    assert (await rows(app))[0].usefulness == 4 and (await rows(app))[0].step == "apply"
    assert "примените" in anna.last.text

    # a restart mid-form: the next answer still lands in the same form
    second = await make_app()
    anna2 = Person(second, anna.user.id)
    anna2.tg.messages[anna2.chat.id] = list(anna.tg.messages[anna.chat.id])
    await anna2.send("Приём «светофор» <b>на каждом уроке</b>")
    row = (await rows(second))[0]
    assert row.apply == "Приём «светофор» <b>на каждом уроке</b>" and row.step == "comment"
    await anna2.send_photo()  # not text: asked again, nothing lost
    assert "текстом" in anna2.last.text and (await rows(second))[0].step == "comment"
    await anna2.press("Пропустить")
    row = (await rows(second))[0]
    assert row.step == "done" and row.done_at is not None and row.comment is None
    assert "Спасибо" in anna2.last.text
    await anna2.press_data(FbCb(a="score", id=row.id, v="1").pack())  # once only
    assert (await rows(second))[0].usefulness == 4

    irina2 = Person(second, irina.user.id)
    irina2.tg.messages[irina2.chat.id] = list(irina.tg.messages[irina.chat.id])
    # forged: Irina presses Anna's form, a score out of range on her own
    await irina2.press_data(FbCb(a="score", id=row.id, v="1").pack())
    assert "не найден" in irina2.last.text
    assert (await rows(second))[0].usefulness == 4
    own = (await rows(second))[1]
    await irina2.press_data(FbCb(a="score", id=own.id, v="9").pack())
    assert (await rows(second))[1].usefulness is None
    await irina2.press("Оставить отзыв")
    await irina2.press("2", exact=True)
    await irina2.send("x" * (fb.TEXT_MAX + 1))
    assert "Слишком длинный" in irina2.last.text and (await rows(second))[1].apply is None
    await irina2.press("Пропустить")
    await irina2.send("<script>alert(1)</script> мало практики")
    assert (await rows(second))[1].comment == "<script>alert(1)</script> мало практики"

    c2 = Person(second, c.user.id)
    await open_card(c2, "Формирующее оценивание")
    await c2.press("Отзывы")
    text = c2.last.text
    assert "средняя оценка 3 из 5, оценили 2 из 2" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; мало практики" in text
    assert "&lt;b&gt;на каждом уроке&lt;/b&gt;" in text
    assert "анонимно" in text and "Петрова" not in text and "Козлова" not in text
    assert "1 мероприятие с отзывами" in text
    # a teacher cannot open the organiser's view (forged)
    await irina2.press_data(FbCb(a="event", id=event_id).pack())
    assert "средняя" not in irina2.last.text
    # the territory figure: averages over the organiser's events
    figures = await read(second, fb.figures, [orgs["mun1"]])
    assert figures.answered == 2 and figures.average == 3.0
    assert (await read(second, fb.figures, [orgs["mun2"]])).average is None
    await c2.press_data(TerrCb(a="dash", org=orgs["mun1"]).pack())
    assert "Отзывы о мероприятиях: средняя оценка 3 из 5 (2)" in c2.last.text


async def test_a_named_template_shows_who_wrote(app, orgs) -> None:
    event_id, c, (anna,) = await event_with_attendees(
        app, orgs, "Курс по ФГОС", ["Петрова Анна Сергеевна"], form=ev.EventForm.COURSE)
    await open_attendance(c, "Курс по ФГОС")
    await c.press("⬜ Петрова")
    await deliver(app)
    await anna.press("Оставить отзыв")
    await anna.press("5", exact=True)
    await anna.send("Критериальное оценивание")
    await anna.send("Спасибо")
    assert "Спасибо! Ваш отзыв сохранён" in anna.last.text
    await c.press("Назад")
    await c.press("Отзывы")
    assert "Петрова Анна Сергеевна" in c.last.text and "средняя оценка 5 из 5" in c.last.text
    assert "анонимно" not in c.last.text
