"""MAX messenger support: an adapter under aiogram (``session.MaxSession``, ``bots.MaxBot``), the update
converter (``convert``), and the long-polling / webhook runner (``runner``).

A MAX bot is an aiogram ``Bot`` whose session speaks the MAX Bot API, so the same Dispatcher,
routers, FSM and middlewares serve it. Its aiogram token is a placeholder with ``MAX_BOT_ID``
(aiogram derives ``bot.id`` from it; conversation keys of MAX users are kept apart from
Telegram users' by it, ``ChannelKeys``); the real token lives in the session.
"""
