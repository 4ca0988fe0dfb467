# «Marshrut» — English. Markup: HTML (Telegram).

## Commands (setMyCommands)
cmd-start = Start / continue
cmd-menu = Main menu
cmd-profile = My profile
cmd-help = What the bot does
cmd-mydata = Export my data
cmd-forgetme = Delete my data
cmd-cancel = Cancel the current step
cmd-coordinator = Coordinator: reviews, territory, invitations
cmd-groupiom = The school's group IEPs: build, run, progress
cmd-admin = Administration: roles, catalogue, broadcasts

## Consent (152-FZ)
consent-text =
    <b>Hello! This is «Marshrut», a bot for teachers' professional growth.</b>

    It helps you take a self-assessment, build an individual educational route (IEM), and sign up for methodical events and courses.

    <b>Consent to personal data processing (Federal Law 152-FZ)</b>
    • <b>What is stored:</b> full name, school and municipality, position, subjects, years of experience, qualification category, statuses, your answers and records in the bot, your Telegram id.
    • <b>Why:</b> to keep your IEM, count your professional development hours and send reminders.
    • <b>Who sees it:</b> you and the coordinators of your school, municipality and region, each only within their own area.
    • <b>How to withdraw:</b> /forgetme deletes all your data; /mydata sends a file with everything stored.

    Until you agree, the bot stores only your Telegram id.
consent-thanks = Thank you! Consent received.
consent-declined =
    Understood. Without consent the bot cannot keep your profile, so it cannot work for you.

    We kept only your Telegram id. If you change your mind, send /start.
consent-already = Consent was already given.
btn-consent-yes = ✅ I agree
btn-consent-no = I do not agree

## Profile form
onboarding-intro = Let's fill in a short profile: { $steps } steps, about two minutes. «Back» returns to the previous step, /cancel pauses; everything you enter is kept.
onboarding-resume = Let's continue where you stopped.
onboarding-paused = Profile paused. Everything you entered is saved — continue with /start.
onboarding-done = 🎉 Your profile is complete. Welcome to «Marshrut»!
step-marker = <i>Step { $n } of { $total }</i>
ask-full-name = Type your <b>full name</b>: surname, first name and patronymic (e.g. Ivanova Maria Petrovna).
ask-current = Now: <b>{ $value }</b>
ask-municipality = Choose your <b>municipality</b>. You can type part of the name to search.
ask-school = Choose your <b>school</b>. You can type part of the name to search.
ask-position = Choose your <b>position</b>.
ask-subjects = Tick the <b>subjects</b> you teach (several allowed), then press «Done».
ask-experience = How many <b>years of teaching experience</b> do you have? Type a number from 0 to 60.
ask-category = Your <b>qualification category</b>?
ask-statuses = Tick what applies to you (you may tick nothing), then press «Done».
ask-confirm = Please check that everything is right:
ask-language = Choose the interface language.
search-results = Search «{ $query }»: { $count ->
        [0] nothing found
        [one] { $count } organisation found
       *[other] { $count } organisations found
    }.
search-nothing = Try another word or reset the search.
orgs-empty = The list is empty so far. Ask your coordinator: organisations are loaded by an administrator.

profile-title = <b>My profile</b>
profile-summary =
    Name: <b>{ $name }</b>
    Municipality: { $municipality }
    Organisation: { $school }
    Position: { $position }
    Subjects: { $subjects }
    Experience: { $years }
    Category: { $category }
    Statuses: { $statuses }
    Education: { $education }
profile-language = Language: { $language }
profile-no-school = not working at a school
profile-saved = Saved.
profile-edit-cancelled = Change cancelled; the profile is unchanged.
edit-full_name = Name
edit-school = Organisation
edit-position = Position
edit-subjects = Subjects
edit-experience_years = Experience
edit-category = Category
edit-statuses = Statuses
edit-language = Language

profile-error-name-empty = Please type your full name.
profile-error-name-long = Too long: at most { $max } characters.
profile-error-name-digits = A name cannot contain digits.
profile-error-name-chars = Only letters, spaces, hyphens and apostrophes are allowed in a name.
profile-error-name-short = Please give at least your surname and first name.
profile-error-years-empty = Type your experience as a number, e.g. 12.
profile-error-years-number = A whole number of years is needed, e.g. 12.
profile-error-years-range = Experience must be from 0 to { $max } years.
profile-error-choice = There is no such option — please use the buttons.
profile-error-subjects-empty = Tick at least one subject (or «No subject»).
profile-error-subjects-many = You can tick at most { $max } subjects.
profile-error-org-gone = This organisation is no longer in the list — please choose from the current one.
profile-error-incomplete = The profile is not complete yet — a question is left.

## Values
position-teacher = Teacher
position-primary_teacher = Primary school teacher
position-deputy_head = Deputy head
position-head = Head of school
position-psychologist = School psychologist
position-social_pedagogue = Social pedagogue
position-speech_therapist = Speech therapist / special educator
position-additional_education = Additional education teacher
position-tutor = Tutor
position-librarian = Teacher-librarian
position-methodist = Methodologist
position-other = Other position
subject-russian = Russian
subject-literature = Literature
subject-math = Mathematics
subject-informatics = Computer science
subject-physics = Physics
subject-chemistry = Chemistry
subject-biology = Biology
subject-geography = Geography
subject-history = History
subject-social_studies = Social studies
subject-english = English
subject-german = German
subject-french = French
subject-primary = Primary school
subject-physical_education = Physical education
subject-safety = Basics of safety (OBZR)
subject-music = Music
subject-art = Art
subject-technology = Technology
subject-native_language = Native language
subject-none = No subject
category-none = No category
category-conformity = Conformity with the position
category-first = First
category-highest = Highest
status-mentor = Mentor teacher
status-methodist = Methodologist teacher
status-young_specialist = Young specialist
role-teacher = Teacher
role-mentor = Mentor
role-school_coordinator = School coordinator
role-municipal_coordinator = Municipal coordinator
role-regional_coordinator = Regional curator
role-admin = Administrator
lang-ru = Русский
lang-en = English

## Buttons
btn-back = ◀️ Back
btn-cancel = ✖️ Cancel
btn-done = ✅ Done
btn-keep = Keep as is ▶️
btn-confirm = ✅ All correct
btn-menu = 🏠 Main menu
btn-reset-search = 🔄 Reset search
btn-no-school = I don't work at a school
btn-forget-yes = 🗑 Yes, delete everything
btn-forget-no = No, keep it
btn-invite = ➕ Invite by link
btn-my-invites = 🔗 My invites
btn-revoke = Revoke #{ $n }

## Menu
menu-title = <b>Main menu.</b> Choose a section:
welcome-back = Welcome back, { $name }!
menu-diagnosis = 🧭 Self-assessment
menu-route = 🗺 My IEM
menu-events = 📅 Events
menu-courses = 🎓 Courses & reports
menu-profile = 👤 Profile
menu-help = ❓ Help
menu-coordinator = 📋 Coordinator
menu-admin = ⚙️ Administration
section-coordinator =
    <b>Coordinator</b>

    • invite teachers and colleagues by link — the school and role are filled in for them;
    • events of your area: create, reschedule, attendance, registrant lists;
    • technical assignments, course reports and IEMs waiting for your decision;
    • 📣 broadcasts and announcements to the teachers of your area;
    • 📊 <b>My area</b> — figures of your school, municipality or region with drill-down into their units, charts and an Excel export; 👩‍🏫 <b>My teachers</b> — a list with search and filters, a teacher's card, a reminder.
section-admin =
    <b>Administration</b>

    • invite links for any role;
    • events and courses at any level, import from XLSX/CSV;
    • the diagnostic instrument — in the «Self-assessment» section;
    • 📣 broadcasts and announcements to the region's teachers: filters, preview, scheduling, report;
    • 📊 the region's figures, teachers and roles — the «My area» button.
    Organisations are loaded with <code>python -m bot import-orgs FILE</code>, roles are granted with <code>python -m bot grant</code>.
help-text =
    <b>«Marshrut»</b> is a bot for teachers' professional growth.

    • <b>Self-assessment</b> shows strengths and deficits over four competence groups.
    • <b>My IEM</b> is your individual educational route, agreed with your school coordinator.
    • <b>Events</b> and <b>courses</b>: registration, reminders, hours and reports.

    Commands: /menu — menu, /profile — profile, /cancel — cancel a step, /mydata — my data, /forgetme — delete my data.

## Invites
invite-pending = 📨 You are invited as «{ $role }» ({ $org }). The role is assigned once you consent to data processing.
invite-accepted = ✅ Invite accepted: role «{ $role }» ({ $org }).
invite-unknown = This invite link was not found. Check the link or ask your coordinator for a new one.
invite-expired = This invite link has expired. Ask your coordinator for a new one.
invite-used-up = This invite link has been used the maximum number of times. Ask your coordinator for a new one.
invite-revoked = This invite link was revoked. Ask your coordinator for a new one.
invite-error-days = A link is valid from 1 to { $max } days.
invite-error-uses = The number of uses is from 1 to { $max }.
invite-choose-role = Whom do you want to invite?
invite-choose-scope = Which organisation is the «{ $role }» invite for? You can type part of the name to search.
invite-any-school = Any school: { $org }
invite-created = ✅ Invite link created. Forward it to the people you invite.
invite-card =
    <b>{ $role }</b> — { $org }
    Valid until { $expires }, places left: { $left }
    { $link }
invites-title = <b>Your active invites</b>
invites-none = You have no active invites.
invite-revoked-ok = Invite revoked.

## My data
mydata-caption = Everything «Marshrut» stores about you. To delete it: /forgetme
mydata-nothing = Nothing is stored about you.
forget-confirm = Delete all your data from «Marshrut»: profile, roles, self-assessment, IEM, course forms, event registrations, hours and notifications? Decisions you made as a coordinator stay in teachers' records, without your name. This cannot be undone, and your consent to data processing is withdrawn.
forget-done = Your data has been deleted. To come back, send /start.
forget-kept = Fine, nothing was deleted.

## Errors and hints
error-generic = The action could not be completed.
error-internal = 😔 Something went wrong — we are looking into it. Everything you entered before is saved. Please try again or go back to the menu.
error-unavailable = ⏳ The service is temporarily unavailable — please try again in a minute. Everything you entered before is saved, nothing is lost; just repeat your last message or tap.
error-access-denied = ⛔ This action is not available to you.
error-out-of-scope = ⛔ This organisation is outside your area.
error-cannot-grant-role = ⛔ You cannot invite people to this role.
error-role-needs-scope = This role needs an organisation.
error-role-scope-kind = This role is assigned to an organisation of another level.
error-no-consent = Consent to data processing is needed first: send /start.
error-no-profile = Please complete your profile first: send /start.
error-not-found = Not found — it may have been deleted.
error-org-not-found = Organisation not found.
error-choice-unknown = There is no such option.
error-stale-button = This button is out of date. Here is where you are now:
error-use-buttons = Please choose an option with the buttons under the message.
org-error-name-long = The name is too long (at most { $max } characters).
throttled = Too many taps in a row — please wait a couple of seconds.
fallback-start = To begin, send /start.
fallback-not-understood = I understand buttons and commands.
fallback-unknown-command = There is no such command. See /help.
fallback-nothing-to-cancel = There is nothing to cancel.
fallback-finish-profile = This command becomes available once your profile is complete.
years-count = { $n ->
        [one] { $n } year
       *[other] { $n } years
    }
