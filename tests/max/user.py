"""A MAX user talking to the bot: the same interface as ``tests.harness.Person`` (send, press,
last, texts, alerts), so the Telegram flow helpers drive MAX too. Updates are built as MAX
sends them (dev.max.ru: Update, Message, Callback) and go through the adapter's converter."""

from __future__ import annotations

import itertools
from typing import Any

from tests.clock import TEST_CLOCK
from tests.max.fake_max import FakeMax, Shown, dialog

_mids = itertools.count(1)
_callbacks = itertools.count(1)


class MaxUser:
    def __init__(self, app: Any, fake: FakeMax, user_id: int, first_name: str = "Мария",
                 locale: str = "ru") -> None:
        self.app, self.fake, self.user_id = app, fake, user_id
        self.first_name, self.locale = first_name, locale

    @property
    def _sender(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "first_name": self.first_name, "is_bot": False,
                "last_activity_time": self._ms()}

    @staticmethod
    def _ms() -> int:
        return int(TEST_CLOCK.now().timestamp() * 1000)

    async def feed(self, raw: dict[str, Any]) -> list[Any]:
        before = len(self.fake.calls)
        bot = self.app.max_bot
        update = bot.session.to_update(raw)
        if update is not None:
            await self.app.dp.feed_update(bot, update)
        return self.fake.calls[before:]

    def _message(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"sender": self._sender,
                "recipient": {"chat_id": dialog(self.user_id), "chat_type": "dialog"},
                "timestamp": self._ms(),
                "body": {"mid": f"mid.user{next(_mids):012x}", "seq": 1, **body}}

    async def send(self, text: str) -> list[Any]:
        return await self.feed({"update_type": "message_created", "timestamp": self._ms(),
                                "message": self._message({"text": text}),
                                "user_locale": self.locale})

    send_command = send

    async def start(self, payload: str | None = None) -> list[Any]:
        """The «Start» button, from a deep link https://max.ru/<bot>?start=<payload>."""
        return await self.feed({"update_type": "bot_started", "timestamp": self._ms(),
                                "chat_id": dialog(self.user_id), "user": self._sender,
                                "payload": payload, "user_locale": self.locale})

    async def send_document(self, file_name: str = "udostoverenie.pdf",
                            mime: str | None = "application/pdf", size: int | None = None,
                            file_id: str | None = None, content: bytes = b"%PDF-1.4 test"
                            ) -> list[Any]:
        """A file as MAX describes it (token, URL, name, size; no MIME type)."""
        token = file_id or f"utok{next(_mids)}"
        self.fake.files[token] = content
        attachment = {"type": "file", "filename": file_name, "size": size or len(content),
                      "payload": {"token": token, "url": f"{self.fake.url}/files/{token}"}}
        return await self.feed({"update_type": "message_created", "timestamp": self._ms(),
                                "message": self._message({"text": "",
                                                          "attachments": [attachment]}),
                                "user_locale": self.locale})

    async def press(self, label: str, exact: bool = False) -> list[Any]:
        for shown in reversed(self.fake.messages[self.user_id]):
            for text, data in shown.buttons():
                if (text == label) if exact else (label in text):
                    return await self.press_data(data, shown)
        raise AssertionError(f"no button {label!r}; last message: {self.last.text!r} "
                             f"{self.last.buttons()}")

    async def press_data(self, data: str, shown: Shown | None = None) -> list[Any]:
        shown = shown or self.last
        callback_id = f"cb{next(_callbacks)}"
        self.fake.callbacks[callback_id] = self.user_id
        return await self.feed({
            "update_type": "message_callback", "timestamp": self._ms(),
            "callback": {"timestamp": self._ms(), "callback_id": callback_id,
                         "payload": data, "user": self._sender},
            "message": self.fake._raw(shown), "user_locale": self.locale})

    @property
    def last(self) -> Shown:
        return self.fake.last(self.user_id)

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.fake.messages[self.user_id]]

    def alerts(self) -> list[str]:
        return [c[3].get("notification", "") for c in self.fake.of("POST", "/answers")
                if isinstance(c[3], dict)]
