# One profile in Telegram and MAX: linking the other messenger's account (/link)
link-code =
    🔗 <b>Link another messenger</b>

    Open the bot in the other messenger and send the command
    <code>/link { $code }</code>
    or follow the link: { $link }

    The code works once, until { $until }. Your profile, route and history stay one.
link-done = ✅ Account linked: this is the same profile as in the other messenger. Open /menu.
link-error-unknown = Link code not found or already used. Get a new one with /link.
link-error-expired = The link code has expired. Get a new one with /link.
link-error-same = This code was issued in this very account — send it in the other messenger.
link-error-linked = This account is already linked to a profile.
link-error-own-profile = This account already has a profile of its own; the bot cannot merge two profiles. Ask an administrator.
link-error-no-profile = Fill in your profile first (/start), then link another messenger.
