"""Notifications as data, rendered by the sender (bot/render.py): every notice of the domain
reaches Telegram whatever its parameters hold, in the recipient's locale, with buttons that
work; rows recorded in the old format still go out."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.app import App
from bot.outbox import OutboxSender
from bot.render import NoticeRenderer, fmt_date, fmt_moment, fmt_number, fmt_span
from domain import courses
from domain import route as rt
from domain.courses import Decision, FormKind
from domain.entities import Notification
from domain.enums import Role
from domain.notifications import (
    NOTICES,
    AbonementAction,
    TARGETS,
    AcceptProposal,
    CancelRegistration,
    ConfirmSeat,
    DeclineProposal,
    DeclineSeat,
    DownloadCertificate,
    OpenCampaign,
    OpenCourseForm,
    OpenEvent,
    OpenFeedback,
    OpenGroupRoute,
    OpenMenu,
    OpenTerritoryList,
    Param,
    ReviewCourseForm,
    ReviewRoute,
    Section,
    Span,
    Target,
    decode_params,
    decode_targets,
    encode_params,
    encode_targets,
)
from domain.outbox import notify
from handlers.courses import CrsFormCb, CrsReviewCb
from handlers.events import EvActCb, EvCardCb
from handlers.route import RrCb
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import TEXT_LIMIT, Person, parse_html, utf16_length

ROOT = Path(__file__).resolve().parent.parent
TZ = ZoneInfo("Europe/Moscow")
RU, EN = 640_001, 640_002
LONG = ("<b>&amp; Доля <30% </i>" * 200)[:4000]
HOSTILE = "<b>Доля уроков <30%, добавьте & «мероприятия» </i> &lt; &#x; <5-9 кл.>"


def fast_sender(app: App) -> OutboxSender:
    return OutboxSender(app.bot, app.sessions, translate=app.dp["i18n_core"].get,
                        default_locale="ru", rate=1000, per_chat_interval=0, tz=TZ, clock=app.clock)


async def set_locale(app: App, person_id: int, locale: str) -> None:
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        await uow.people.set_locale(person_id, locale)
        await uow.commit()


async def rows(app: App) -> list[OutboxRow]:
    async with app.sessions() as s:
        return list((await s.scalars(select(OutboxRow).order_by(OutboxRow.id))).all())


def visible(text: str) -> str:
    return parse_html(text)


# ---- the fake Bot API refuses what Telegram refuses ----------------------------------------


async def test_fake_telegram_refuses_what_telegram_refuses(app: App) -> None:
    for bad in ("Доля <30%", "a & b", "<b>open", "<b>x</i>", "<script>x</script>",
                "<span>x</span>", "x" * 4097, "<b>" + "я" * 4097 + "</b>"):
        with pytest.raises(TelegramBadRequest) as err:  # the fake itself, past bot.fitting
            await app.bot.session.make_request(app.bot, SendMessage(chat_id=RU, text=bad))
        assert ("can't parse entities" in err.value.message) != ("too long" in err.value.message)
    sent = await app.bot.send_message(
        RU, "<b>ok</b> &lt;30% &amp; &quot; &#60; <a href=\"https://x.org/?a=1&amp;b=2\">l</a> "
        "<span class=\"tg-spoiler\">s</span> <blockquote>q</blockquote> 1 > 0 "
        + "я" * 4000)
    with pytest.raises(TelegramBadRequest):
        await app.bot.edit_message_text("Доля <30%", chat_id=RU, message_id=sent.message_id)
    await app.bot.send_message(RU, "Доля <30% & more", parse_mode=None)  # plain text: fine


# ---- the registry --------------------------------------------------------------------------


def test_every_notice_key_used_by_the_domain_is_registered_and_translated() -> None:
    """The registry is complete: keys named in domain/ and notices in the locales match it."""
    used: set[str] = set()
    for path in (ROOT / "domain").rglob("*.py"):
        for literal in re.findall(r'(?<!\w)key=(f?"[^"]+")', path.read_text()):
            used.add(literal)
    patterns = [
        re.compile("^" + re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(lit.lstrip("f").strip('"')))
                   + "$")
        for lit in used
    ]
    assert patterns
    for pattern in patterns:
        assert any(pattern.match(key) for key in NOTICES), f"{pattern.pattern} not in NOTICES"
    for locale in ("ru", "en"):
        text = "\n".join(p.read_text() for p in (ROOT / "locales" / locale).glob("*.ftl"))
        defined = set(re.findall(r"^([a-z][a-z0-9-]*) =", text, re.MULTILINE))
        notices = {k for k in defined if re.match(r"^[a-z]+-(notice|alert)-", k)}
        assert set(NOTICES) <= defined, set(NOTICES) - defined
        assert notices <= set(NOTICES), f"{locale}: notices not registered: {notices - set(NOTICES)}"
        for key, params in NOTICES.items():  # the message uses only declared parameters
            body = re.search(rf"^{re.escape(key)} =(.*?)(?=^\S|\Z)", text,
                             re.MULTILINE | re.DOTALL)
            assert body, key
            assert set(re.findall(r"\{ *\$([a-z_]+)", body.group(1))) <= set(params), key


def test_parameters_and_targets_survive_the_json_column() -> None:
    params = {
        "text": "<b>", "n": 3, "none": None, "hours": Decimal("1.5"), "ratio": 0.25,
        "day": date(2026, 12, 25), "at": datetime(2026, 12, 25, 7, 0, tzinfo=UTC),
        "when": [Span(datetime(2026, 12, 25, 7, tzinfo=UTC), datetime(2026, 12, 25, 10,
                                                                       tzinfo=UTC))],
    }
    import json

    stored = json.loads(json.dumps(encode_params(params)))
    assert decode_params(stored) == (params, False)
    assert decode_params({"title": "old"}) == ({"title": "old"}, True)  # before the format
    targets: list[Target] = [OpenMenu(Section.ROUTE), ReviewRoute(1), OpenCourseForm(2),
                             ReviewCourseForm(3), OpenEvent(4), ConfirmSeat(5), DeclineSeat(6),
                             CancelRegistration(7), OpenTerritoryList(8, "nodiag"),
                             OpenFeedback(9), DownloadCertificate(10),
                             OpenCampaign(11), AcceptProposal(12), DeclineProposal(13),
                             AbonementAction(14, "agree"), OpenGroupRoute(15)]
    assert {type(t) for t in targets} == set(TARGETS.values())
    assert decode_targets(json.loads(json.dumps(encode_targets(targets)))) == targets
    with pytest.raises(ValueError):
        encode_params({"at": datetime(2026, 12, 25, 7, 0)})  # naive: which zone?
    with pytest.raises(TypeError):
        encode_params({"obj": object()})


def test_values_are_formatted_for_the_locale() -> None:
    at = datetime(2026, 12, 25, 7, 5, tzinfo=UTC)  # 10:05 in Moscow
    assert fmt_date(date(2026, 12, 25), "ru") == "25.12.2026"
    assert fmt_date(date(2026, 12, 25), "en") == "25 Dec 2026"
    assert fmt_moment(at, TZ, "ru") == "25.12.2026 10:05"
    assert fmt_moment(at, TZ, "en") == "25 Dec 2026, 10:05"
    assert fmt_span(Span(at, at + timedelta(hours=3)), TZ, "ru") == "25.12.2026 10:05–13:05"
    assert fmt_span(Span(at, at + timedelta(days=1)), TZ, "en") == (
        "25 Dec 2026, 10:05–26 Dec 2026, 10:05")
    assert fmt_number(Decimal("1.5"), "ru") == "1,5" and fmt_number(Decimal("1.5"), "en") == "1.5"
    assert fmt_number(6.0, "ru") == "6" and fmt_number(Decimal("1E+2"), "en") == "100"


# ---- hostile parameters through the fake Bot API ------------------------------------------


def _hostile(kind: Param, variant: str) -> Any:
    start = datetime(2026, 12, 25, 7, tzinfo=UTC)
    if kind in (Param.TEXT, Param.CHOICE):
        return {"short": HOSTILE, "long": LONG, "empty": None}[variant]
    if kind is Param.INT:
        return {"short": 1, "long": 10**9, "empty": 0}[variant]
    if kind is Param.NUMBER:
        return Decimal("1.5")
    if kind is Param.DATE:
        return start.date()
    if kind is Param.MOMENT:
        return start
    spans = [Span(start + timedelta(days=n), start + timedelta(days=n, hours=3))
             for n in range(400 if variant == "long" else 2)]
    return spans if variant != "empty" else []


async def test_every_notice_renders_hostile_parameters(app: App) -> None:
    ru = await onboarded(app, RU, None)
    en = await onboarded(app, EN, None)
    await set_locale(app, en, "en")
    targets = tuple(cls(Section.ROUTE) if cls is OpenMenu else cls(1)  # type: ignore[call-arg]
                    for cls in TARGETS.values())
    recorded = []
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        for variant in ("short", "long", "empty"):
            for key, params in NOTICES.items():
                values = {name: _hostile(kind, variant) for name, kind in params.items()}
                for person_id in (ru, en):
                    await notify(uow, Notification(person_id, key, values, targets),
                                 TEST_CLOCK.now())
                    recorded.append((variant, key, person_id))
        await uow.commit()

    sender = fast_sender(app)
    while await sender.run_once(budget=30):
        pass
    stored = await rows(app)
    assert [(r.status, r.last_error) for r in stored] == [("sent", None)] * len(recorded)
    tg = app.bot.session
    messages = tg.messages[RU] + tg.messages[EN]  # type: ignore[attr-defined]
    assert len(messages) == len(recorded)
    for (variant, key, _), message in zip(recorded, sorted(messages, key=lambda m: m.message_id),
                                          strict=True):
        shown = visible(message.text)  # what the phone shows: the Bot API accepted it
        assert utf16_length(shown) <= TEXT_LIMIT
        if variant == "short" and any(k is Param.TEXT for k in NOTICES[key].values()):
            assert HOSTILE in shown, key
        if variant == "long" and any(k is Param.TEXT for k in NOTICES[key].values()):
            assert LONG[:200] in shown, key  # the start of a long text is kept
        assert len(message.buttons()) == len(TARGETS)


def test_long_parameters_are_shortened_to_fit() -> None:
    translate = {"k": "<b>{title}</b>: {comment} ({n})"}.__getitem__

    def fake(key: str, locale: str, **params: Any) -> str:
        return translate(key).format(**params)

    renderer = NoticeRenderer(fake, TZ, limit=100)
    text = renderer.text("k", "ru", {"title": "<" * 80, "comment": "&" * 80, "n": 7})
    shown = parse_html(text)
    assert len(shown) == 100 and shown.startswith("<<<") and shown.endswith("&&& (7)")
    assert "<…: &" in shown  # the longest (the first of two) was cut, with an ellipsis


# ---- rows recorded before notifications became data ----------------------------------------


async def test_rows_in_the_old_format_still_render(app: App, orgs: dict[str, int]) -> None:
    teacher = Person(app, RU)
    pid = await onboarded(app, RU, orgs["school1"])
    now = TEST_CLOCK.now()
    async with app.sessions() as s, s.begin():
        s.add_all([
            OutboxRow(person_id=pid, key="route-notice-returned",  # ИОМ params were raw
                      params={"reviewer": "Завучева", "comment": "Доля уроков <30%"},
                      buttons=[[{"text_key": "route-btn-open", "callback_data": "m:route"}]],
                      status="pending", attempts=0, not_before=now, created_at=now),
            OutboxRow(person_id=pid, key="ev-notice-offer-expired",  # event titles pre-escaped
                      params={"title": "Курс &lt;5-9 кл.&gt; &amp; практикум"},
                      buttons=[[{"text_key": "ev-btn-open",
                                 "callback_data": "evc:5:m:0:*:*:*"}],
                               [{"text_key": "btn-back", "url": "https://example.org/x"}]],
                      status="pending", attempts=0, not_before=now, created_at=now),
        ])
    assert await fast_sender(app).run_once(budget=5) == 2
    first, second = app.bot.session.messages[RU]  # type: ignore[attr-defined]
    assert "Доля уроков <30%" in visible(first.text)
    assert "«Курс <5-9 кл.> & практикум»" in visible(second.text)  # not escaped twice
    assert second.buttons() == [("📄 Открыть мероприятие", "evc:5:m:0:*:*:*"),
                                ("◀️ Назад", "https://example.org/x")]
    await teacher.press("Открыть ИОМ")
    assert "ИОМ" in teacher.last.text


# ---- end to end ----------------------------------------------------------------------------


async def test_returned_route_comment_reaches_the_teacher_intact(app: App, orgs) -> None:
    from tests.support.route import actor, diagnose, person, run, today, world

    app.sender.per_chat_interval = 0.0
    w = await world(app, orgs)
    await diagnose(app, w["teacher"])
    teacher_actor = await actor(app, w["teacher"])
    plan = await run(app, rt.build_draft, teacher_actor, await person(app, w["teacher"]),
                     today(), TEST_CLOCK.now())
    for row in plan.rows:
        await run(app, rt.add_item, teacher_actor, row.id, rt.Column.SELF_EDUCATION,
                  "<i>Книга</i> & статьи", "reading", today() + timedelta(days=20),
                  TEST_CLOCK.now())
    await run(app, rt.submit, teacher_actor, plan.route.id, TEST_CLOCK.now())
    await app.sender.run_once(budget=5)

    from tests.support.route import COORD, TEACHER

    c, t = Person(app, COORD), Person(app, TEACHER)
    assert "ИОМ на согласование" in c.last.text
    assert dict(c.last.buttons())["🗺 Открыть ИОМ"] == RrCb(a="open", id=plan.route.id).pack()
    await c.press("Открыть ИОМ")
    await c.press("Вернуть")
    comment = "Доля уроков <30%, добавьте мероприятия"
    await c.send(comment)
    assert "возвращён педагогу" in c.last.text
    await app.sender.run_once(budget=5)
    notice = [r for r in await rows(app) if r.key == "route-notice-returned"]
    assert [r.status for r in notice] == ["sent"]
    assert f"Ваш ИОМ возвращён на доработку (Завучева Ирина Павловна): {comment}" in visible(
        t.last.text)
    await t.press("Открыть ИОМ")
    assert "Комментарий координатора" in t.last.text and comment in visible(t.last.text)


async def test_course_form_notices_with_markup_in_the_programme(app: App, orgs) -> None:
    from tests.courses.test_domain import ASSIGNMENT, NOW, TODAY, actor_of, answer_all

    app.sender.per_chat_interval = 0.0
    teacher_id = await onboarded(app, 650_001, orgs["school1"])
    coord_id = await onboarded(app, 650_003, orgs["school1"], name="Завучева Ирина Павловна",
                               roles=[(Role.SCHOOL_COORDINATOR, orgs["school1"])])
    programme = "<5-9 кл.> Физика & «Олимпиады»"
    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        teacher, person = await actor_of(uow, teacher_id)
        form, _ = await courses.open_draft(uow, teacher, person, FormKind.ASSIGNMENT, NOW, "У")
        answers = [(k, programme if k == "program" else v) for k, v in ASSIGNMENT]
        await answer_all(uow, teacher, form.id, answers)
        await courses.submit(uow, teacher, person, form.id, NOW, TODAY)
        await uow.commit()
    await app.sender.run_once(budget=5)
    c, t = Person(app, 650_003), Person(app, 650_001)
    assert f"Программа: {programme}" in visible(c.last.text)
    assert dict(c.last.buttons())["📂 Открыть"] == CrsReviewCb(action="open",
                                                               form_id=form.id).pack()
    await c.press("Открыть")
    assert programme in visible(c.last.text)  # the coordinator's card of the form

    async with app.sessions() as s:
        uow = SqlUnitOfWork(s, TEST_CLOCK)
        coord, _ = await actor_of(uow, coord_id)
        await courses.review(uow, coord, form.id, Decision.RETURN, "Уточните </b> стаж", NOW)
        await uow.commit()
    await app.sender.run_once(budget=5)
    shown = visible(t.last.text)
    assert f"«{programme}» возвращено" in shown and "💬 Уточните </b> стаж" in shown
    assert dict(t.last.buttons())["📂 Открыть"] == CrsFormCb(action="open",
                                                             form_id=form.id).pack()
    await t.press("Открыть")
    assert programme in visible(t.last.text)


async def test_event_notice_buttons_lead_to_the_handlers(app: App, orgs) -> None:
    """Each event target packs to the callback data its handler filters on."""
    renderer = NoticeRenderer(app.dp["i18n_core"].get, TZ)
    markup = renderer.keyboard(encode_targets([OpenEvent(5), ConfirmSeat(5), DeclineSeat(5),
                                               CancelRegistration(5)]), "en")
    assert markup is not None
    data = [row[0].callback_data for row in markup.inline_keyboard]
    assert EvCardCb.unpack(data[0]).event_id == 5
    assert [EvActCb.unpack(d).action for d in data[1:]] == ["confirm", "cancel", "cancel"]
    assert [row[0].text for row in markup.inline_keyboard] == [
        "📄 Open the event", "✅ Confirm my seat", "Decline the seat", "✖️ Cancel registration"]



async def test_a_message_too_long_for_telegram_is_cut_not_refused(app: App) -> None:
    """bot.fitting: whatever slips past a screen's own fitting is cut HTML-safely, with «…»."""
    sent = await app.bot.send_message(RU, "<b>" + "я &amp; " * 1100 + "</b>")
    assert utf16_length(parse_html(sent.text)) <= TEXT_LIMIT
    assert sent.text.endswith("…</b>")
    await app.bot.send_message(RU, "a & b " * 1000, parse_mode=None)
