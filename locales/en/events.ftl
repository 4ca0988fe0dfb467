# «Marshrut»: events and courses (issue 4). Markup: HTML.

## Forms, levels, competence groups
ev-form-seminar = Seminar-practicum
ev-form-training = Training
ev-form-master_class = Master class
ev-form-coach_session = Coaching session
ev-form-open_lesson = Open lesson
ev-form-round_table = Round table
ev-form-demo_visit = Demonstration visit
ev-form-landing = Teaching "landing party"
ev-form-consultation = Consultation
ev-form-internship = Internship
ev-form-conference = Conference
ev-form-methodical_day = Methodical day
ev-form-competition = Competition
ev-form-course = Professional development course
# other spellings the import understands (separated by |)
ev-form-seminar-aliases = seminar|seminar practicum
ev-form-training-aliases = training session
ev-form-master_class-aliases = master-class|masterclass
ev-form-coach_session-aliases = coaching|coach session
ev-form-open_lesson-aliases = open class
ev-form-round_table-aliases = round-table|roundtable
ev-form-demo_visit-aliases = demo visit|visit
ev-form-landing-aliases = landing|pedagogical landing
ev-form-consultation-aliases = consulting
ev-form-internship-aliases = traineeship
ev-form-conference-aliases = scientific conference
ev-form-methodical_day-aliases = method day
ev-form-competition-aliases = contest
ev-form-course-aliases = course|pd course|dpp course
ev-level-school = School
ev-level-municipal = Municipal
ev-level-regional = Regional
ev-level-school-aliases = school level
ev-level-municipal-aliases = municipal level|municipality
ev-level-regional-aliases = regional level|region
ev-group-subject = Subject
ev-group-methodological = Methodological
ev-group-psycho_pedagogical = Psycho-pedagogical
ev-group-communicative = Communicative
ev-group-subject-aliases = subject competences
ev-group-methodological-aliases = methodological competences
ev-group-psycho_pedagogical-aliases = psycho-pedagogical competences|psychopedagogical
ev-group-communicative-aliases = communicative competences
ev-orgkind-region = region
ev-orgkind-municipality = municipality
ev-orgkind-school = school
ev-status-confirmed = registered
ev-status-offered = seat offered
ev-status-waitlisted = waitlist
ev-status-cancelled = cancelled
ev-status-expired = seat not confirmed

## Catalogue
ev-list-title = <b>📅 Events</b>
ev-list-filters = Form: { $form } · Level: { $level } · Month: { $month }
ev-list-deficits = ⭐ — events for the deficits of your self-diagnosis come first ({ $groups }).
ev-list-empty = No matching upcoming events yet. Try resetting the filters or come back later.
ev-list-count = Found: { $count }.
ev-list-seats = seats: { $left }
ev-list-seats-unlimited = plenty of seats
ev-list-waiting = full, waiting: { $waiting }
ev-mark-confirmed = ✅ you are registered
ev-mark-offered = 🎟 a seat for you
ev-mark-waitlisted = ⏳ you are on the waitlist
ev-filter-any = any
ev-filter-form = Form
ev-filter-level = Level
ev-filter-month = Month
ev-filter-reset = 🔄 Reset filters
ev-filter-ask-form = Choose the form of event:
ev-filter-ask-level = Choose the level:
ev-filter-ask-month = Choose the month:
ev-btn-my = 🗂 My registrations
ev-btn-hours = ⏱ My hours
ev-btn-catalogue = 📅 All events

## Card
ev-card-kind = { $form } · { $level } level
ev-card-organiser = Organiser: { $org }
ev-card-when = When:
    { $sessions }
ev-card-place = Where: { $place }
ev-card-link = Link: { $link }
ev-card-hours = Hours: { $hours }
ev-hours-line = in person { $in_person }, remote { $remote }, self-study { $self_study } (total { $total })
ev-card-groups = Competences: { $groups }
ev-card-deadline = Registration until: { $deadline }
ev-seats-left = Seats left: <b>{ $left }</b> of { $capacity }
ev-seats-full = Full ({ $capacity } seats); on the waitlist: { $waiting }
ev-seats-unlimited = No seat limit; registered: { $taken }
ev-card-cancelled = 🚫 <b>The event was cancelled by the organiser.</b>
ev-card-mine = Your status: { $status }
ev-card-closed = ⛔ Registration closed: { $reason }
ev-my-confirmed = ✅ you are registered
ev-my-offered = 🎟 a seat is free — confirm by { $until }
ev-my-waitlisted = ⏳ you are on the waitlist, your place: { $position }
ev-my-cancelled = registration cancelled
ev-my-expired = the seat was not confirmed in time
ev-my-attended = ✅ attendance marked, hours credited
ev-my-event-cancelled = 🚫 event cancelled
ev-btn-register = ✅ Register
ev-btn-waitlist = ⏳ Join the waitlist
ev-btn-cancel-reg = ✖️ Cancel registration
ev-btn-confirm-seat = ✅ Confirm my seat
ev-btn-decline-seat = Decline the seat
ev-btn-ics = 📆 Add to calendar (.ics)
ev-btn-checkin = 📍 Check in with a code
ev-btn-manage = ⚙️ Manage the event
ev-btn-open = 📄 Open the event
ev-done-registered = You are registered.
ev-done-waitlisted = The event is full — you are on the waitlist, your place: { $position }. The bot will write as soon as a seat frees up.
ev-done-cancelled = Registration cancelled.
ev-done-confirmed = Seat confirmed — you are registered.
ev-ics-caption = Calendar file for "{ $title }". Open it on your phone to add the event to your calendar.
ev-checkin-ask = Enter the code the organiser shows at the event (6 digits).
ev-checkin-done = Checked in! Hours credited: { $hours }.

## My registrations and hours
ev-my-title-up = <b>🗂 My registrations — upcoming</b>
ev-my-title-past = <b>🗂 My registrations — past and cancelled</b>
ev-my-none = Nothing here yet.
ev-tab-up = Upcoming
ev-tab-past = Past
ev-tab-hours = Hours
ev-hours-title = <b>⏱ My hours</b> (cumulative credit system)
ev-hours-none = No hours yet: they are credited when the organiser marks your attendance or you check in with a code.
ev-hours-year = <b>{ $year }</b>: { $total } h in total (events: { $events })
    in person — { $in_person }, remote — { $remote }, self-study — { $self_study }

## Notifications
ev-notice-reminder =
    🔔 <b>Reminder</b>: "{ $title }"
    When: { $when }
    Where: { $place }
    Link: { $link }
ev-notice-offer =
    🎟 <b>A seat is free</b> at "{ $title }" ({ $when }).
    Confirm by { $until } — otherwise the seat goes to the next person on the waitlist.
ev-notice-offer-expired = Your seat at "{ $title }" was not confirmed in time and went to the next person on the waitlist. You can register again from the event card.
ev-notice-rescheduled =
    🗓 <b>Rescheduled</b>: "{ $title }"
    Was: { $old }
    Now: { $new }
    Your registration stands. If the new time does not suit you, cancel it with one tap.
ev-notice-place =
    📍 <b>The venue changed</b> for "{ $title }".
    Where: { $place }
    Link: { $link }
ev-notice-cancelled = 🚫 The event "{ $title }" ({ $when }) was <b>cancelled</b> by the organiser. Your registration is void.

## Organiser
ev-btn-organiser = 📅 Events: create, import, attendance
ev-org-title =
    <b>📅 Events — organiser</b>

    Create events and courses, upload a plan from a file, reschedule, mark attendance and export lists — for organisations within your scope.
ev-org-create = ➕ Create an event
ev-org-mine = 📋 My events
ev-org-import = 📥 Import from a file
ev-org-template = 📄 Import template
ev-org-mine-title = <b>📋 Events within your scope</b> (upcoming and of the last 60 days)
ev-org-mine-none = No events yet.
ev-org-mine-line = { $n }. { $mark }{ $when } · <b>{ $title }</b> — registered { $taken } of { $capacity }, waiting { $waiting }
ev-adm-counts = 👥 Registered: { $confirmed } · awaiting confirmation: { $offered } · waitlist: { $waiting } · checked in: { $attended }
ev-adm-edit = ✏️ Edit
ev-adm-reschedule = 🗓 Reschedule
ev-adm-attendance = 👥 Attendance
ev-adm-code = 🔢 Check-in code
ev-adm-export = 📊 List (XLSX)
ev-adm-history = 🕘 History
ev-adm-as-teacher = 👁 As a teacher sees it
ev-adm-cancel = 🚫 Cancel the event
ev-adm-to-list = 📋 Back to the list
ev-adm-cancel-confirm = Cancel "{ $title }"? Everyone registered or waiting ({ $people }) will be notified. This cannot be undone.
ev-adm-cancel-yes = 🚫 Yes, cancel the event
ev-adm-cancel-no = No, go back
ev-adm-cancelled = The event is cancelled; notifications sent: { $people }.
ev-adm-code-text =
    🔢 Check-in code for "{ $title }":

    <b>{ $code }</b>

    Show it to the participants: they open the event in "My registrations" and tap "Check in with a code". The code works from { $opens } to { $closes }; hours are credited automatically.
ev-export-caption = Participants of "{ $title }": { $count }.
ev-edit-choose = What to change in "{ $title }"?
ev-edit-cancelled = Editing cancelled; the event is unchanged.
ev-create-cancelled = Creating the event was cancelled.
ev-saved = Saved: { $fields }.
ev-nothing-changed = Nothing changed.
ev-created = The event is published — teachers of its audience already see it under "Events".
ev-field-title = Title
ev-field-form = Form
ev-field-groups = Competences
ev-field-sessions = Dates
ev-field-place = Venue and link
ev-field-hours = Hours
ev-field-capacity = Seats
ev-field-deadline = Registration deadline
ev-field-audience = Audience
ev-field-description = Description
ev-field-reminders = Reminders
ev-chg-title = title
ev-chg-form = form
ev-chg-groups = competences
ev-chg-description = description
ev-chg-sessions = dates
ev-chg-place = venue
ev-chg-online_url = link
ev-chg-hours = hours
ev-chg-capacity = seats
ev-chg-deadline = registration deadline
ev-chg-audience = audience
ev-chg-reminders = reminders
ev-chg-status = status
ev-hist-title = <b>🕘 History of "{ $title }"</b>
ev-hist-created = { $when } — created
ev-hist-cancelled = { $when } — cancelled
ev-hist-rescheduled = { $when } — rescheduled: { $old } → { $new }
ev-hist-edited = { $when } — { $field }: "{ $old }" → "{ $new }"
ev-att-title = <b>👥 Attendance: "{ $title }"</b>
    Checked in: { $attended } of { $confirmed }. Tap a participant to mark or unmark.
ev-att-none = Nobody has registered yet.
ev-att-marked = Marked, hours credited.
ev-att-unmarked = Mark removed, hours withdrawn.
ev-xl-n = No.
ev-xl-name = Full name
ev-xl-school = Organisation
ev-xl-municipality = Municipality
ev-xl-status = Status
ev-xl-position = Queue
ev-xl-registered = Registered at
ev-xl-attended = Attendance mark

## Create and edit conversation
ev-form-intro = Let's create an event: about a dozen short steps. "Back" returns one step, /cancel stops.
ev-ask-title = Enter the event <b>title</b> (e.g. "Formative assessment in maths lessons").
ev-ask-form = Choose the <b>form</b> of the event:
ev-ask-level = Choose the <b>level</b> of the event:
ev-ask-organiser = Choose the <b>organiser</b> ({ $kind }). You can type part of the name to search.
ev-ask-groups = Tick the <b>competence groups</b> the event addresses and tap "Done".
ev-ask-sessions =
    Write the <b>dates and times</b> — one line per day:
    <code>25.12.2026 10:00-13:00</code>
    <code>26.12.2026 10:00-13:00</code>
ev-ask-place = Give the <b>venue</b> (address, room) or tap "Online only".
ev-ask-link = Send the <b>link</b> to the stream or materials (https://…) or tap "No link".
ev-ask-hours =
    How many <b>hours</b> count? Three numbers separated by spaces: in person, remote, self-study.
    E.g. <code>6 2 0</code> (halves are fine: <code>1,5 0 0</code>).
ev-ask-capacity = How many <b>seats</b>? Write a number or tap "No limit".
ev-ask-deadline = Until when is <b>registration</b> open? Pick a day in the calendar (until 23:59 that day) or type, e.g., <code>20.12.2026 18:00</code>. Or tap "Until the start".
ev-ask-audience = Who <b>sees</b> the event? By default the whole of "{ $org }". You can pick individual organisations.
ev-audience-selected = Selected now: { $orgs }
ev-audience-whole = The whole of: { $org }
ev-audience-search = Type part of a name to find an organisation.
ev-ask-description = Add a <b>description</b>: topic, for whom, what to bring. Or tap "Skip".
ev-ask-reminders = How long before each day should participants be reminded? E.g. <code>24h 1h</code>, <code>30 min</code>; <code>0</code> — no reminders.
ev-reminders-none = no reminders
ev-reminder-hours = { $n } h before
ev-reminder-minutes = { $n } min before
ev-ask-confirm = Check the event before publishing:
ev-btn-publish = ✅ Publish
ev-btn-online-only = Online only
ev-btn-no-link = No link
ev-btn-unlimited = No limit
ev-btn-until-start = Until the start
ev-btn-skip = Skip ▶️
ev-unlimited = no limit
ev-until-start = until the start
ev-summary =
    <b>{ $title }</b>
    Form: { $form } · Level: { $level }
    Organiser: { $organiser }
    Competences: { $groups }
    Dates:
    { $sessions }
    Venue: { $place }
    Link: { $link }
    Hours: { $hours }
    Seats: { $capacity } · Registration: { $deadline }
    Audience: { $audience }
    Description: { $description }
ev-reschedule-confirm =
    🗓 <b>Rescheduling "{ $title }"</b>
    Was:
    { $old }
    Will be:
    { $new }

    A notice with the new dates and a cancel button goes to: { $people }.
ev-btn-reschedule-go = ✅ Reschedule and notify

## Import and template
ev-import-ask =
    📥 Send an <b>XLSX</b> or <b>CSV</b> file with events — one per row, at most { $max } rows. Columns as in the template (button below).
    Rows with errors are named with their number and field; the rest are loaded.
ev-import-need-file = Send the file as a document (XLSX or CSV) or tap "Cancel".
ev-import-bad-type = An .xlsx or .csv file is needed.
ev-import-too-big = The file is too big: at most { $mb } MB.
ev-import-unreadable = Cannot read the file: no header row with a "Title" column. Take the template and try again.
ev-import-done = 📥 Events loaded: <b>{ $created }</b> of { $rows }. Rows with errors: { $errors }.
ev-import-unknown-columns = Unknown columns skipped: { $columns }
ev-import-error-field = • Row { $line }, field "{ $field }": { $error }
ev-import-error-row = • Row { $line }: { $error }
ev-import-more = …and more errors: { $count }.
ev-import-again = 📥 Upload another file
ev-template-caption = Template for importing events. Required columns are marked *; the reference sheets list forms, levels, competence groups and organisations with their ids.
ev-col-title = Title
ev-col-form = Form
ev-col-level = Level
ev-col-organiser = Organiser
ev-col-groups = Competences
ev-col-sessions = Dates and times
ev-col-place = Venue
ev-col-online_url = Link
ev-col-hours_in_person = Hours in person
ev-col-hours_remote = Hours remote
ev-col-hours_self_study = Hours self-study
ev-col-capacity = Seats
ev-col-deadline = Registration until
ev-col-audience = Audience
ev-col-description = Description
ev-tpl-example-title = Formative assessment in lessons: techniques and tools
ev-tpl-example-place = School No. 5, assembly hall
ev-tpl-example-description = A seminar-practicum for secondary school teachers. Bring a lesson plan.
ev-tpl-notes =
    How to fill in the event import template
    One row is one event. Required: Title, Form, Level, Organiser, Dates and times.
    Form, Level, Competences — values from the reference sheets (case does not matter); several competences separated by ";".
    Organiser — the id or exact name of an organisation from the "Organisations" sheet: a school for the school level, a municipality for municipal, a region for regional.
    Dates and times — "25.12.2026 10:00-13:00"; several days separated by ";" or on new lines in the cell.
    Hours — numbers (1,5 is fine); at least one kind above zero. Venue or Link — at least one.
    Seats — empty for no limit. Registration until — "20.12.2026 18:00" or empty (until the start).
    Audience — empty (the whole organiser) or ids/names of organisations inside it separated by ";".
    Form, Level and Organiser offer a dropdown in the cell. The grey «EXAMPLE» row is a sample: it may stay, it is not imported.
ev-tpl-sheet-forms = Forms
ev-tpl-sheet-levels = Levels
ev-tpl-sheet-groups = Competences
ev-tpl-sheet-orgs = Organisations
ev-tpl-org-kind = Kind
ev-tpl-org-name = Name

## Errors
ev-error-not-found = The event was not found or is not available to you.
ev-error-not-in-subgroup = This event is held for a subgroup of the school's staff you are not in (by the position or the subjects in your profile). If your profile is out of date, update it under «Profile».
ev-error-cancelled = The event is cancelled.
ev-error-started = The event has already started — registration is closed.
ev-error-deadline = The registration deadline has passed.
ev-error-past = The event is over.
ev-error-already-registered = You are already registered (or on the waitlist).
ev-error-no-registration = No registration for this event was found.
ev-error-not-registered = You are not registered for this event.
ev-error-ics-not-confirmed = The calendar file is available once your seat is confirmed.
ev-error-no-offer = There is no seat offer — it may have expired.
ev-error-offer-expired = The time to confirm has run out; the seat went to the next person.
ev-error-checkin-not-registered = Only a registered participant can check in.
ev-error-checkin-window = Check-in by code is open from an hour before the start until the end of the event day.
ev-error-checkin-locked = Too many wrong attempts. Ask the organiser to mark you manually.
ev-error-checkin-code = Wrong code. Attempts left: { $left }.
ev-error-capacity-below = Seats cannot be fewer than already taken ({ $taken }).
ev-error-attendance-status = Attendance can be marked only for a registered participant.
ev-error-attendance-early = Attendance can be marked from an hour before the start.
ev-error-attendance-self = You cannot mark your own attendance: another coordinator credits an organiser's hours.
ev-error-checkin-organiser = You manage this event, so you cannot check in with its code: another coordinator will mark your attendance.
ev-error-incomplete = Not all required fields of the event are filled in.
ev-error-organiser-kind = The organiser must match the level: a school — school, a municipality — municipal, a region — regional.
ev-error-no-organiser = There are no organisations of this level in your scope — choose another level.
ev-error-place-or-link = Give a venue or a link — at least one.
ev-error-deadline-after-start = The registration deadline cannot be after the start of the event.
ev-error-deadline-past = The deadline has already passed — give a future date.
ev-error-session-past = Date no. { $line } is in the past — give a future one.
ev-error-session-far = Date no. { $line } is too far: at most two years ahead.
ev-error-session-format = Could not read date no. { $line }: "{ $text }". Write it like this: 25.12.2026 10:00-13:00
ev-error-session-date = No such date (no. { $line }: "{ $text }").
ev-error-session-order = In date no. { $line } the end is before the start.
ev-error-session-long = Session no. { $line } is longer than { $max } h — split it into days, one line each.
ev-error-sessions-empty = Write at least one date.
ev-error-sessions-many = At most { $max } dates.
ev-error-sessions-overlap = The dates overlap — check the times.
ev-error-datetime-format = Write the date like this: 20.12.2026 18:00 (or just 20.12.2026).
ev-error-title-empty = Please write the title as text.
ev-error-title-short = The title is too short (at least { $min } characters).
ev-error-title-long = The title is too long (at most { $max } characters).
ev-error-hours-format = Write the hours as numbers separated by spaces: in person, remote, self-study. E.g. 6 2 0
ev-error-hours-value = A number of hours is needed, e.g. 6 or 1,5.
ev-error-hours-range = Hours are from 0 to { $max }.
ev-error-hours-step = Hours are whole or halves: 1, 1,5, 2…
ev-error-hours-zero = At least one kind of hours must be above zero.
ev-error-capacity-format = Seats are a whole number, e.g. 30.
ev-error-capacity-range = Seats are from 1 to { $max }.
ev-error-place-empty = Please write the venue as text.
ev-error-place-long = Too long: at most { $max } characters.
ev-error-url = The link must start with https:// (or http://) and contain no spaces.
ev-error-description-long = The description is too long: at most { $max } characters.
ev-error-reminders-format = Could not read that. E.g. 24h 1h, or 30 min, or 0 for no reminders.
ev-error-reminders-range = A reminder is from 5 minutes to 7 days before the start.
ev-error-reminders-many = At most { $max } reminders.
ev-error-group = Unknown competence group: "{ $value }".
ev-error-groups-empty = Tick at least one competence group.
ev-error-org-unknown = Organisation "{ $value }" was not found (an id or the exact name is needed).
ev-error-org-ambiguous = The name "{ $value }" matches several organisations — give the id.
ev-error-audience-outside = "{ $org }" is not part of the organiser.
ev-error-subgroup-audience = «{ $title }» is open to more than this school — it cannot be held for a subgroup only: the other schools would lose it. Create a school event for the subgroup or pick the whole staff.
ev-error-audience-many = At most { $max } organisations in the audience.
ev-error-import-many = Too many rows in the file: at most { $max }.
ev-error-choice = Unknown value "{ $value }" — see the reference sheet of the template.
ev-error-need-text = A text answer is needed here.
ev-error-required = A required field is empty.
ev-tpl-example-mark = EXAMPLE (this row is not imported):
ev-import-example-skipped = ℹ️ The template's example row was skipped (line { $lines }): it begins with «EXAMPLE».
