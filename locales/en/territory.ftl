# «My area» and «My teachers»: a coordinator's figures for their scope.

terr-btn-home = 📊 My area
terr-btn-people = 👩‍🏫 My teachers
terr-btn-teachers = 👩‍🏫 Teachers
terr-btn-charts = 📈 Charts
terr-btn-xlsx = 📥 Export to Excel
terr-btn-up = ⬆️ { $name }
terr-btn-unit = { $name } — { $teachers } teachers, diagn. { $share } %
terr-btn-back-dash = ◀️ To the figures
terr-btn-back-list = ◀️ To the list
terr-btn-search = 🔎 Find by name
terr-btn-nudge = 🔔 Remind
terr-btn-route = 🗺 Open the IEM
terr-btn-conclusion = 🏁 IEM period over — conclusion
terr-btn-form = 📄 Waiting for review: { $kind }

terr-choose-scope = <b>📊 My area</b>

    Choose the area:
terr-no-scope = You have no area yet: a coordinator role is granted for a school, a municipality or the region.

terr-kind-school = school
terr-kind-municipality = municipality
terr-kind-region = region

terr-pair = { $label } { $value }
terr-group-subject = subject
terr-group-methodological = methodological
terr-group-psycho_pedagogical = psycho-pedagogical
terr-group-communicative = communicative
terr-route-none = no IEM
terr-route-draft = draft
terr-route-submitted = waiting for approval
terr-route-returned = returned
terr-route-approved = approved
terr-route-in_progress = in progress
terr-route-completed = completed
terr-route-overdue = overdue
terr-hours-in_person = in person
terr-hours-remote = remote
terr-hours-self_study = self-study
terr-form-draft = draft
terr-form-submitted = waiting for review
terr-form-returned = returned
terr-form-accepted = accepted
terr-attended = attended
terr-history-created = created
terr-history-submitted = submitted for approval
terr-history-returned = returned for changes
terr-history-approved = approved
terr-history-started = started
terr-history-completed = completed with a conclusion
terr-history-rebuilt = rebuilt from a newer diagnosis

terr-dash-title = <b>📊 { $org }</b> ({ $kind })
terr-dash-empty = No teachers of this area use the bot yet.
terr-dash-summary = Teachers in the bot: <b>{ $teachers }</b>. <b>{ $share } %</b> of teachers took the self-assessment{ $has_group ->
        [yes] ; the most frequent deficit is in <b>{ $group } competences</b>.
       *[no] .
    }
terr-dash-diag =
    <b>🧭 Self-assessment</b>: taken by { $diagnosed }, in the last 12 months by { $n12 } ({ $share12 } %).
    Average result: { $groups }.
    Teachers with a deficit by group: { $deficits }.
terr-dash-top = The most frequent deficits:
terr-dash-top-line = { $n }. { $title } — { $count }
terr-dash-repeat = Repeat assessment: { $repeated }, improved { $improved }, on average { $change } pp; 95–100 % reached by { $success } ({ $share } %).
terr-dash-routes =
    <b>🗺 IEMs</b>: { $routes }; with overdue activities — { $overdue }.
    IEM activities done: { $done } of { $planned }.
terr-dash-hours = <b>⏱ Hours in { $year }</b>: { $hours } (total { $total }).
terr-dash-forms = <b>🎓 Courses</b>: waiting for review { $submitted }, accepted { $accepted }, returned { $returned }.
terr-dash-categories = <b>🏅 Categories and statuses</b>: first { $first } ({ $first_share } %), highest { $highest } ({ $highest_share } %); methodists { $methodists }, mentors { $mentors }, young specialists { $young }.
terr-dash-events = <b>📅 Events</b>: registrations { $registrations }, attended { $attended } (attendance { $rate } %), no-shows { $no_shows }.
terr-dash-people = <b>👥 Positions</b>: { $positions }.
    <b>Subjects</b>: { $subjects }.
terr-dash-units-region = <b>Municipalities</b> ({ $count }) — open one for details:
terr-dash-units-municipality = <b>Schools</b> ({ $count }) — open one for details:

terr-chart-groups = Share of teachers with a deficit, by competence group
terr-chart-groups-caption = 📈 Deficits by group: { $org } against the level above.
terr-chart-routes = Teachers' IEMs
terr-chart-routes-caption = 📈 IEM statuses: { $org }.
terr-chart-units = Share who took the self-assessment
terr-chart-units-caption = 📈 Units compared: { $org }.
terr-charts-done = The charts are above. Back to the figures:

terr-list-title = <b>👩‍🏫 Teachers: { $org }</b>
    Filter: { $filter }. Found: <b>{ $count }</b>.
terr-list-query = Search: «{ $query }»
terr-list-empty = Nobody found. Change the filter or the search.
terr-list-item = { $n }. { $mark } { $name } · { $route }
terr-filter-all = All
terr-filter-nodiag = Never assessed
terr-filter-noroute = No IEM
terr-filter-waiting = IEM waiting
terr-filter-returned = IEM returned
terr-filter-overdue = IEM overdue
terr-filter-nohours = No hours this year
terr-filter-noreport = No report after a course
terr-ask-search = 🔎 Type a part of the surname, first name or patronymic (or a Telegram ID):
terr-error-query-empty = Type at least one letter of the name.
terr-error-query-long = The search is too long: { $limit } characters at most. Type a part of the surname.
terr-error-no-org = No such organisation. Open «My area» again.
terr-error-no-teacher = Teacher not found (they may have deleted their data). Go back to the list.
terr-error-nudged = This teacher was already reminded today. The next reminder can go tomorrow.
terr-error-nudge-self = No need to remind yourself 🙂

terr-card-title = <b>👩‍🏫 Teacher's card</b>
terr-card-diag = <b>🧭 Self-assessment</b> of { $date }: total { $total }; { $groups }.
terr-card-no-diag = <b>🧭 Self-assessment</b>: not taken yet.
terr-card-route = <b>🗺 IEM</b>: { $status }, { $start } — { $end }; activities done { $done } of { $planned }.
terr-card-history = • { $date }: { $action }
terr-card-no-route = <b>🗺 IEM</b>: not started yet.
terr-card-hours = <b>⏱ Hours this year</b>: { $hours }.
terr-card-events = <b>📅 Event registrations</b>: { $count }
terr-card-event = • { $title } ({ $date }) — { $status }
terr-card-forms = <b>🎓 Courses</b>:
terr-card-form = • { $kind } — { $status } ({ $date })
terr-card-nudged = 🔔 Already reminded today.
terr-nudge-sent = 🔔 The reminder is sent.
terr-notice-nudge =
    🔔 Your coordinator reminds you about your professional development.

    Please look into the bot when convenient: take the self-assessment if you have not yet, and check your IEM — activities, dates, marks of completion. Thank you!

terr-xlsx-wait = Preparing the file…
terr-xlsx-caption = 📥 { $org }: teachers — { $teachers }.
terr-sheet-teachers = Teachers
terr-sheet-diagnosis = Assessment by group
terr-sheet-indicators = Deficits by indicator
terr-sheet-routes = IEMs
terr-sheet-hours = Hours
terr-sheet-forms = Courses and reports
terr-sheet-events = Events
terr-sheet-record_diagnosed = Record of assessed
terr-sheet-record_routes = Record of built IEMs
terr-col-n = No.
terr-col-name = Name
terr-col-municipality = Municipality
terr-col-school = Organisation
terr-col-position = Position
terr-col-subjects = Subjects
terr-col-category = Category
terr-col-diagnosed_at = Assessed on
terr-col-total = Total, %
terr-col-previous_total = Previous total, %
terr-col-route = IEM
terr-col-hours = Hours this year
terr-col-group-subject = Subject, %
terr-col-group-methodological = Methodological, %
terr-col-group-psycho_pedagogical = Psycho-pedagogical, %
terr-col-group-communicative = Communicative, %
terr-col-group = Competence group
terr-col-indicator = Indicator code
terr-col-title = Deficit
terr-col-count = Teachers
terr-col-period_start = Start
terr-col-period_end = End
terr-col-submitted_at = Submitted
terr-col-decided_at = Decided
terr-col-activities_done = Activities done
terr-col-activities_planned = Activities planned
terr-col-hours-in_person = In person, h
terr-col-hours-remote = Remote, h
terr-col-hours-self_study = Self-study, h
terr-col-form_kind = Document
terr-col-form_status = Status
terr-col-event = Event
terr-col-starts_at = Date
terr-col-reg_status = Registration
terr-col-attended_at = Attendance marked
terr-col-deficit_groups = Groups with deficits

terr-btn-digest = 🔔 Coordinator's digest
terr-digest-title = <b>🔔 Coordinator's digest</b>

    Once a day or once a week the bot sends a digest of your area: what waits for your decision, overdue IEM activities, routes waiting long for approval and teachers never assessed.
    Now: <b>{ $mode }</b>.
terr-digest-off = off
terr-digest-daily = every day
terr-digest-weekly = once a week
terr-digest-saved = ✅ Saved.
terr-digest =
    <b>🔔 Digest: { $org }</b>

    • waiting for your decision (IEMs, assignments, reports): <b>{ $waiting }</b>;
    • IEMs with overdue activities: <b>{ $overdue }</b>;
    • IEMs waiting for approval longer than { $days } days: <b>{ $stalled }</b>;
    • teachers never assessed: <b>{ $nodiag }</b>.
terr-list-btn-all = 👩‍🏫 All teachers
terr-list-btn-nodiag = 🧭 Never assessed
terr-list-btn-noroute = 🗺 No IEM
terr-list-btn-waiting = ⏳ Waiting
terr-list-btn-returned = ↩️ IEM returned
terr-list-btn-overdue = ⏰ Overdue
terr-list-btn-nohours = ⏱ No hours
terr-list-btn-noreport = 🎓 No report
terr-escalation =
    ⚠️ { $kind ->
        [route] The IEM
        [assignment] The technical assignment
        [report] The course report
       *[other] The document
    } of { $name } ({ $school }) { $reason ->
        [late] has been waiting for a decision for { $days } days.
       *[orphan] waits for a decision, and the school has no coordinator in the bot.
    }
    Please review it or remind the school.
terr-alert-form =
    📄 A { $kind ->
        [assignment] technical assignment
        [report] course report
       *[other] document
    } arrived: { $name } ({ $school }). The school coordinator reviews it.

terr-btn-admin-only = ⚙️ I am an admin: no teacher profile
terr-admin-only-done = ✅ Done: no teacher profile needed. School, position and subjects can be added later in «Profile».

terr-btn-roles = 👥 Roles
terr-btn-find-person = 🔎 Find a person and grant a role
terr-btn-grant = ➕ { $role } · { $org }
terr-btn-revoke = ➖ Revoke: { $role } · { $org }
terr-roles-title = <b>👥 Roles: { $org }</b> ({ $count } in all)
terr-roles-none = No coordinators or mentors here yet.
terr-roles-line = • { $name } — { $role } ({ $org })
terr-person-role = • { $role } — { $org }
terr-roles-more = …and { $count } more.
terr-ask-person = 🔎 Type a part of the person's name or their Telegram ID (they must have opened the bot and given consent):
terr-people-found = Found: { $count }. Choose the person:
terr-people-none = Nobody found. Type another part of the name or the Telegram ID.
terr-person-title = <b>{ $name }</b> (Telegram ID { $id })
    Roles:
terr-person-no-roles = • no roles
terr-role-granted = ✅ The role is granted.
terr-role-revoked = ✅ The role is revoked.
terr-role-unchanged = Nothing changed: it was so already.

# Mentoring and professional activity on the dashboard and in the export (issues 12, 16)
terr-dash-network = <b>🤝 Mentoring</b> (since { $since }): young specialists with a mentor { $mentored } of { $young } ({ $share } %, goal 100 %); pairs { $pairs }, meetings { $meetings }, hours { $hours }.
    <b>🏆 Professional activity</b>: in competitions { $competitions } ({ $competition_share } %, goal at least 25 %), experts { $experts }, practices in the bank { $practices }.
terr-sheet-network = Mentoring and activity
terr-col-unit = Unit
terr-col-young = Young specialists
terr-col-young_mentored = With a mentor
terr-col-young_mentored_share = With a mentor, %
terr-col-pairs = Pairs
terr-col-meetings = Meetings
terr-col-meeting_hours = Meeting hours
terr-col-teachers = Teachers
terr-col-in_competitions = In competitions
terr-col-competition_share = In competitions, %
terr-col-experts = Experts
terr-col-practices = Practices in the bank

terr-btn-chart = 📈 Diagnosis chart
terr-btn-back-card = ◀️ Back to the teacher's card
terr-teacher-chart = 📈 Self-diagnosis: { $name }, { $date }.
terr-teacher-chart-compare = 📈 Self-diagnosis: { $name }, { $date } (blue) and { $prev } (grey, dashed).
terr-teacher-chart-done = The chart is above. Back to the card:
terr-chart-failed = The chart could not be drawn. Please try again a little later; the figures are on the card.
terr-error-no-diag = This teacher has not completed a self-diagnosis yet: there is no chart. Go back to the card.

# the organisations file, uploaded by an admin in the chat (handlers/territory/orgs.py)
terr-btn-orgs-upload = 🏫 Upload organisations
terr-orgs-btn-template = 📄 Download the template
terr-orgs-ask =
    <b>🏫 Uploading organisations</b>

    Send a CSV or XLSX file: a region, a municipality and a school on each row (the school may be left out — then only the municipality is added). A first row of headers is skipped; at most { $rows } rows and { $mb } MB.

    You will see what changes first — nothing is written until you press «Apply». An organisation is recognised by its name (case and spaces aside): existing ones are never renamed or deleted.
terr-orgs-col-region = Region
terr-orgs-col-municipality = Municipality
terr-orgs-col-school = School
terr-orgs-example-region = Tyumen Oblast
terr-orgs-example-municipality = Tyumen
terr-orgs-example-school = School No. 5, Tyumen
terr-orgs-sheet = Organisations
terr-orgs-template-caption = 📄 The template: fill in the rows under the header and send the file here.
terr-orgs-counts = regions { $regions }, municipalities { $municipalities }, schools { $schools }
terr-orgs-preview = <b>📋 Checking { $name }</b>: { $rows } data rows.
terr-orgs-new = ➕ To be added ({ $total }): { $counts }.
terr-orgs-unchanged = ✔️ Already there, unchanged: { $count }.
terr-orgs-problems = ⚠️ Rows with errors: { $count } — they will be skipped:
terr-orgs-problem = • row { $line }: { $error }
terr-orgs-more = …and { $count } more.
terr-orgs-nothing-yet = Nothing is written yet. Press «Apply» — or fix the file and send it again.
terr-orgs-nothing-new = Nothing to add. Fix the file and send it again — or go back to the menu.
terr-orgs-btn-apply = ✅ Apply (+{ $count })
terr-orgs-btn-apply-skip = ✅ Apply without the rows with errors (+{ $count })
terr-orgs-need-file = A CSV or XLSX file is needed — send it as a document (paperclip → File). The template is under the button below.
terr-orgs-bad-type = «{ $name }» is neither CSV nor XLSX. Save the table as .xlsx or .csv and send it again.
terr-orgs-too-big = The file is larger than { $mb } MB. Split it into parts and send them one by one.
terr-orgs-empty = The file has no rows of organisations. Fill in the rows under the header (as in the template) and send it again.
terr-orgs-stale = Nothing to apply: the preview is out of date or already applied. Send the file again.
terr-orgs-done = ✅ { $name } uploaded: added { $counts }; already there — { $existing }; rows with errors skipped — { $skipped }.
terr-orgs-btn-again = 🏫 Upload another file
terr-orgs-btn-admin = ⚙️ Administration
terr-orgs-cancelled = The upload is cancelled; nothing was written.
org-import-error-long = the name is longer than { $max } characters
org-import-error-required = the region or the municipality is missing
