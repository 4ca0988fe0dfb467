"""A domain error that reaches the central error handler carries what someone typed in its
parameters; the message built from it is HTML, so those parameters are escaped (a `<` would
make Telegram refuse the whole message and the person would get silence)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from domain.errors import ValidationError
from tests.conftest import onboarded
from tests.harness import Person

HOSTILE = "<b>5-9 кл.</b> & <i"


async def test_an_uncaught_error_shows_the_typed_text_escaped(make_app, orgs) -> None:
    app = await make_app()
    probe = Router(name="probe")

    @probe.message(Command("probe"))
    async def raise_with_user_text(message: Message) -> None:
        raise ValidationError("ev-error-group", value=HOSTILE)

    app.dp.include_router(probe)
    app.dp.sub_routers.remove(probe)  # ahead of the fallback router, which answers any command
    app.dp.sub_routers.insert(0, probe)
    await onboarded(app, 555_301, orgs["school1"])
    p = Person(app, 555_301)
    await p.send("/probe")
    assert "Неизвестная группа компетенций" in p.last.text
    assert "&lt;b&gt;5-9 кл.&lt;/b&gt; &amp; &lt;i" in p.last.text  # escaped, and delivered
