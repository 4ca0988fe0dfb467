"""``ALLOW_PAID_BROADCAST``: the rate cap rises to ``PAID_BROADCAST_RATE`` and every request
carries Telegram's ``allow_paid_broadcast``; off by default."""

from __future__ import annotations

import pytest
from aiogram.methods import SendMessage

from bot.outbox_pace import LATE  # send slots (1 + LATE)/rate apart
from bot.settings import load_settings
from tests.broadcasts.kit import compose, deliver, people
from tests.conftest import ADMIN_ID
from tests.harness import Person


async def test_paid_broadcast_raises_the_rate_and_marks_the_requests(make_app, orgs) -> None:
    app = await make_app(quiet_hours="", allow_paid_broadcast=True, paid_broadcast_rate=500.0)
    assert app.sender.gap == pytest.approx((1 + LATE) / 500)
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await compose(admin, "Платная рассылка")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    await deliver(app)
    sent = [c for c in admin.tg.of(SendMessage) if c.text == "Платная рассылка"]
    assert len(sent) == 5 and all(c.allow_paid_broadcast for c in sent)


async def test_free_by_default(make_app, orgs) -> None:
    app = await make_app(quiet_hours="")
    assert app.sender.gap == pytest.approx((1 + LATE) / 25) and not app.sender.paid_broadcast
    await people(app, orgs)
    admin = Person(app, ADMIN_ID)
    await compose(admin, "Обычная")
    await admin.press("Отправить")
    await admin.press("Да, отправить")
    await deliver(app)
    sent = [c for c in admin.tg.of(SendMessage) if c.text == "Обычная"]
    assert len(sent) == 5 and not any(c.allow_paid_broadcast for c in sent)


def test_quiet_hours_setting_is_checked() -> None:
    s = load_settings(_env_file=None, BOT_TOKEN="123456:AAE-test-token-abcdefghijklmnopqrstu", QUIET_HOURS="22:30-07:00")
    assert s.quiet.until is not None and str(s.quiet.start) == "22:30:00"
    with pytest.raises(SystemExit):
        load_settings(_env_file=None, BOT_TOKEN="123456:AAE-test-token-abcdefghijklmnopqrstu", QUIET_HOURS="в десять вечера")
