# Broadcasts and announcements (handlers/broadcasts, domain/broadcasts)

bc-btn-section = 📣 Broadcasts
bc-btn-prefs = 🔔 Broadcasts and announcements
bc-btn-announce = 📣 Announce
bc-name-fallback = colleague
bc-btn-register = ✍️ Register
bc-btn-optout = 🔕 Don't send me messages like this
bc-section-diagnosis = Self-diagnosis
bc-section-route = My IEM
bc-section-events = Events
bc-section-courses = Courses and reports

## live progress and the report
bc-progress =
    📣 <b>Broadcast #{ $id }</b> is running
    { $bar } { $percent }%
    Queued: { $queued } · sent: { $sent } · blocked the bot: { $blocked } · not delivered: { $failed }
    Time left: about { $minutes } min { $seconds } s
bc-progress-paused =
    🌙 <b>Broadcast #{ $id }</b> is paused (quiet hours) and resumes in the morning
    { $bar } { $percent }%
    Queued: { $queued } · sent: { $sent } · blocked the bot: { $blocked } · not delivered: { $failed }
bc-report-done =
    ✅ <b>Broadcast #{ $id } finished</b>
    Recipients: { $total }
    Sent: { $sent } · blocked the bot: { $blocked } · not delivered: { $failed }
bc-report-cancelled =
    ⛔ <b>Broadcast #{ $id } cancelled</b>
    Sent before cancelling: { $sent } · blocked the bot: { $blocked } · not sent: { $failed }

## audience
bc-aud-line = • { $name }: { $values }
bc-aud-everyone = • every teacher in your area
bc-aud-all-people = • including people who have not consented to data processing
bc-dim-orgs = 🏛 Organisations
bc-dim-roles = 👤 Role
bc-dim-positions = 💼 Position
bc-dim-subjects = 📚 Subject
bc-dim-categories = 🎖 Category
bc-dim-statuses = ⭐ Status
bc-dim-deficits = 🧭 Deficits
bc-dim-routes = 🗺 IEM
bc-dim-event = 📅 Event
bc-dim-consent-on = ✅ Consented only
bc-dim-consent-off = ⚠️ Everyone who started the bot
bc-deficits-never = never diagnosed
bc-routes-none = no IEM
bc-routes-draft = draft
bc-routes-submitted = submitted
bc-routes-approved = approved
bc-routes-overdue = overdue activities
bc-rel-registered = registered for
bc-rel-waitlisted = on the waitlist of
bc-rel-attended = attended
bc-rel-not_attended = registered but did not attend
bc-count =
    👥 Recipients: <b>{ $recipients }</b>
    Matching the filters: { $matched } · opted out of such broadcasts: { $opted } · blocked the bot: { $blocked }
bc-aud-title = 👥 <b>Who gets it</b>
bc-aud-pick = Tick the values: { $dim }. Any of the ticked ones matches.
bc-aud-orgs = Tick organisations: the broadcast goes to teachers of these organisations (and of everything inside them).
bc-aud-relation = Which participants of the event?
bc-aud-events = Choose an event.
bc-aud-no-events = There are no upcoming events or events of the last 60 days in your area.
bc-btn-reset = 🧹 Reset filters
bc-btn-show-schools = 🏫 Show schools
bc-btn-show-municipalities = 🏛 Show municipalities
bc-btn-no-event = ✖️ No event filter

## card
bc-card-title = 📣 <b>Broadcast #{ $id }</b> · { $status } · { $kind }
bc-card-text = <b>Text:</b> { $text }
bc-card-media-photo = 🖼 With a photo
bc-card-media-document = 📎 With a file
bc-card-buttons = <b>Buttons:</b> { $buttons }
bc-card-audience = <b>Audience:</b>
bc-card-scheduled = 🕒 Scheduled for { $at }
bc-card-stats = Recipients: { $total } · sent: { $sent } · blocked the bot: { $blocked } · not delivered: { $failed } · queued: { $queued }
bc-card-paused = 🌙 Quiet hours: resumes { $at }
bc-status-draft = draft
bc-status-scheduled = scheduled
bc-status-running = running
bc-status-paused = paused
bc-status-done = finished
bc-status-cancelled = cancelled
bc-kind-region = regional news
bc-kind-municipality = municipal news
bc-kind-school = school news
bc-kind-events = events matching my deficits
bc-btn-preview = 👁 Preview
bc-btn-edit-text = ✏️ Text
bc-btn-media = 📎 Photo or file
bc-btn-buttons = 🔘 Buttons
bc-btn-audience = 👥 Audience
bc-btn-send = 🚀 Send
bc-btn-schedule = 🕒 Schedule
bc-btn-delete = 🗑 Delete draft
bc-btn-unschedule = ✏️ Back to drafts
bc-btn-cancel = ⛔ Cancel broadcast
bc-btn-refresh = 🔄 Refresh
bc-btn-duplicate = 📄 Duplicate as a draft
bc-btn-to-list = 📣 To broadcasts
bc-btn-open = 📣 Open the broadcast

## list
bc-list-title = 📣 <b>Broadcasts</b>
bc-list-drafts = Drafts: { $count }
bc-list-scheduled = Scheduled: { $count }
bc-list-running = Running: { $count }
bc-list-done = Sent: { $count }
bc-list-empty = No broadcasts yet. Press «New broadcast».
bc-btn-new = ✍️ New broadcast

## composing
bc-ask-text =
    ✍️ Send the message text (up to { $limit } characters). Formatting — bold, italics, links — is kept.
    You can send a photo or a file with a caption right away.
    To address people by name, put <code>{"{"}name{"}"}</code> in the text.
bc-error-not-text = Send a text, a photo or a file — or press «Cancel».
bc-ask-again = Correct it and send it again.
bc-saved = Draft saved.
bc-ask-media = 📎 Send a photo or a file. The text becomes its caption — at most { $limit } characters.
bc-btn-media-remove = ✖️ Remove the attachment
bc-error-not-media = A photo or a file is needed — or press «Cancel».
bc-compose-cancelled = Cancelled. Drafts are kept.
bc-preview-above = 👁 This is what recipients will see:
bc-send-confirm = 🚀 Send the broadcast now?
bc-send-nobody = Nobody matches these filters — change the audience.
bc-btn-send-confirm = 🚀 Yes, send ({ $count })
bc-started = The broadcast has started
bc-started-hint = The progress is updated in the message above.
bc-ask-day = 🕒 Choose the day.
bc-ask-time = 🕒 { $day }: choose the time.
bc-scheduled = The broadcast is scheduled for { $at }.
bc-wd-0 = Mon
bc-wd-1 = Tue
bc-wd-2 = Wed
bc-wd-3 = Thu
bc-wd-4 = Fri
bc-wd-5 = Sat
bc-wd-6 = Sun
bc-btn-cancel-yes = ⛔ Yes, cancel
bc-btn-del-yes = 🗑 Yes, delete
bc-cancel-confirm = Cancel broadcast #{ $id } «{ $text }»? Messages already sent stay with their recipients.
bc-del-confirm = Delete draft #{ $id } «{ $text }»?
bc-unscheduled = The broadcast is a draft again.
bc-cancelled = The broadcast is cancelled.
bc-duplicated = A draft was made — a copy of broadcast #{ $source }.
bc-deleted = The draft is deleted.
bc-open-section = Button «{ $section }»
bc-register-on = ✍️ Register: { $title }
bc-buttons-title = 🔘 Buttons under the message (at most { $limit }). «Don't send me messages like this» is always added.

## recipients
bc-optout-done = We won't send these any more: { $kind }. Turn them back on in Profile → «Broadcasts and announcements».
bc-prefs-title =
    🔔 <b>Broadcasts and announcements</b>
    Tap to turn on 🔔 or off 🔕. Reminders of your registrations and decisions on your IEM always come.

## event announcements
bc-ann-ask = 📣 Announce «{ $title }» — to whom?
bc-ann-all = 👥 The event's whole audience
bc-ann-match = 🧭 Only teachers with matching deficits
bc-ann-text =
    📅 <b>{ $title }</b>
    { $when }
    { $place }

    Register now!
bc-ann-draft = The announcement draft is ready: check it and send it.

## errors
bc-error-not-found = Broadcast not found.
bc-error-too-many-orgs = At most { $limit } organisations can be chosen.
bc-error-empty = The message is empty: send a text, a photo or a file.
bc-error-too-long = Too long: { $size } characters, { $limit } allowed.
bc-error-too-many-buttons = At most { $limit } buttons.
bc-error-media = The attachment could not be read — send it again.
bc-error-not-draft = This broadcast can no longer be changed: make a copy with «Duplicate».
bc-error-past = That time has passed — choose another.
bc-error-too-far = A broadcast can be scheduled at most { $days } days ahead.
bc-error-not-scheduled = The broadcast is not scheduled.
bc-error-not-cancellable = This broadcast can no longer be cancelled.
bc-error-no-audience = The event's audience is outside your area.
bc-error-event-no-groups = The event has no competence groups.

# a broadcast's file that could not be brought to the recipient's messenger (handlers/broadcasts/render.py)
bc-media-undelivered = 📎 A file was attached to this message, but it could not be delivered here. If you need it, ask the sender.
