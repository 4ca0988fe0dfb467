# «My IEM»: the individual educational route (regulation on the IEM, sections IV–V).

## Section
route-home-no-diagnosis =
    <b>🗺 My IEM</b>

    The individual educational route is built from the diagnosis: one plan row per deficit found.
    Take the self-diagnosis first — a draft route will appear here after it.
route-home-intro =
    <b>🗺 My IEM</b>

    Your self-diagnosis of { $date } found <b>{ $count }</b> deficit(s). The bot will build a draft route: one plan row per deficit, with events and courses from the catalogue to choose from — the choice is yours.
    Then the deputy head (coordinator) of your school agrees the route.
route-btn-build = 🛠 Build a draft IEM
route-btn-diagnosis = 🧭 Take the self-diagnosis
route-built = ✅ Draft built: { $count } plan row(s). Open a row to choose activities.

## Route card
route-card-title = <b>🗺 Individual educational route</b>
route-card-teacher = Teacher: <b>{ $name }</b>, { $school }
route-card-status = Status: { $status }
route-card-period = Period: { $start } — { $end }
route-card-progress = Done: <b>{ $done } of { $total }</b> ({ $percent } %)
route-card-comment = ↩️ <b>Coordinator's comment:</b> { $comment }
route-card-conclusion = 🏁 <b>Conclusion:</b> { $conclusion }
route-card-plan = <b>Deficit plan</b> ({ $count } row(s)):
route-card-row = { $n }. { $title } — { $done }/{ $total }
route-card-group-row = { $n }. 👥 { $title } — { $done }/{ $total } · group IEP, { $status }
route-card-groups = <b>👥 Group IEPs</b> ({ $count }):
route-card-no-rows = The plan has no rows yet: no deficits were found. The school coordinator may add a deficit.
route-card-overdue = <b>⏰ Overdue ({ $count }):</b>
route-overdue-line = • { $title } — due { $due }
route-hint-draft = Open a plan row, choose activities or add your own under «Self-education», then send the route for agreement.
route-hint-submitted = ⏳ The route is with the school coordinator for agreement.
route-hint-approved = ✅ The route is agreed — you can start carrying it out.

route-status-draft = 📝 draft
route-status-submitted = ⏳ waiting for agreement
route-status-returned = ↩️ returned for changes
route-status-approved = ✅ agreed
route-status-in_progress = 🚀 in progress
route-status-completed = 🏁 completed

route-btn-add-row = ➕ Add a deficit
route-btn-analysis = ✍️ Self-analysis
route-btn-submit = 📨 Send for agreement
route-btn-start = 🚀 Start
route-btn-approve = ✅ Agree
route-btn-return = ↩️ Return
route-btn-conclude = 🏁 Conclusion
route-btn-docx = 📄 Download the IEM
route-btn-pdf = 📕 PDF
route-btn-new = 🛠 New IEM from the latest diagnosis
route-btn-queue = 🗺 IEMs waiting for agreement
route-btn-open = 🗺 Open the IEM

## Plan row
route-row-title = <b>Deficit { $n }: { $title }</b>
route-row-group = Competence group: { $group }
route-row-percent = Diagnosis result: { $percent } %
route-row-period = Period: { $start } — { $end }
route-col-courses = <b>🎓 Professional development programmes</b>
route-col-consultations = <b>💬 Consultation hours (tutor, mentor, regional centre curator)</b>
route-col-municipal = <b>🏛 Municipal methodical events</b>
route-col-school = <b>🏫 In-school continuous professional development</b>
route-col-self_education = <b>📚 Self-education</b>
route-col-empty = —
route-colshort-courses = PD programmes
route-colshort-consultations = consultation hours
route-colshort-municipal = municipal events
route-colshort-school = in-school development
route-colshort-self_education = self-education
route-activity-line = { $icon } { $title } — by { $due }
route-btn-offer = 🔎 Choose from the catalogue
route-btn-new-courses = ➕ PD programme
route-btn-new-consultations = ➕ Consultation hours
route-btn-new-municipal = ➕ Municipal event
route-btn-new-school = ➕ In-school event
route-btn-new-self_education = ➕ My own: self-education
route-btn-edit-row = ✏️ Deficit wording

route-group-subject = subject
route-group-methodological = methodological
route-group-psycho_pedagogical = psycho-pedagogical
route-group-communicative = communicative

## Catalogue
route-offer-title = <b>Fits this deficit</b> — choose what to include in the route:
route-offer-item = • <b>{ $title }</b>
    { $form }, { $date } → { $column }
route-offer-empty = There are no suitable upcoming catalogue events for this competence group right now. You can add your own under «Self-education».
route-added = ✅ Added to the route: «{ $title }».
route-removed = 🗑 Removed from the route: «{ $title }».

## Your own activity
route-ask-title =
    Section «{ $column }».
    Write the activity's title (3 to 200 characters).
route-ask-form = «{ $title }» — choose the form:
route-ask-due = «{ $title }» — write the due date as dd.mm.yyyy (not later than { $end }).
route-form-reading = Reading
route-form-webinar = Webinar
route-form-online_course = Online course
route-form-materials = Developing materials
route-form-peer_visits = Visiting colleagues' lessons
route-form-project = Project
route-form-other = Other

## Route activity
route-act-title = <b>{ $title }</b>
route-act-column = Plan section: { $column }
route-act-form = Form: { $form }
route-act-due = Due: { $due }
route-act-status = Status: { $icon } { $status }
route-act-overdue = ⏰ Overdue.
route-act-evidence = Evidence: { $evidence }
route-act-planned = planned
route-act-in_progress = in progress
route-act-done = done
route-act-dropped = dropped
route-btn-st-in_progress = 🔵 In progress
route-btn-st-done = ✅ Done
route-btn-st-dropped = ✖️ Drop it
route-btn-st-planned = ↩️ Back to planned
route-btn-evidence = 📎 Evidence
route-btn-file = 📄 Evidence file
route-btn-event = 📅 Event card
route-btn-remove = 🗑 Remove from the route
route-status-changed = Status: { $status }.
route-ask-evidence = «{ $title }» — send the evidence: a few words, a link or a file (document or photo).
route-ask-evidence-again = Send the evidence again: text, a link or a file.
route-evidence-saved = 📎 Evidence saved.
route-evidence-attendance = attendance of the event recorded
route-evidence-report = course report No. { $id } accepted
route-evidence-file = file «{ $name }»

## Self-analysis and deficits
route-ask-analysis =
    <b>IEM section 3 — self-analysis of the diagnosis</b> related to the students' results.
    Now: { $current }

    Write the text in one message (10 to 3000 characters).
route-ask-analysis-again = Write the self-analysis again in one message.
route-analysis-none = not written yet.
route-analysis-saved = ✍️ Self-analysis saved.
route-ask-group = Choose the competence group of the new deficit:
route-ask-deficit = Write the deficit's wording (3 to 300 characters).
route-ask-deficit-edit =
    Now: «{ $title }».
    Write the new wording of the deficit (3 to 300 characters).
route-deficit-saved = ✅ Deficit saved.

## Agreement
route-submitted = 📨 The route was sent for agreement. School coordinators notified: { $count }.
route-submitted-nobody = 📨 The route was sent for agreement. Your school has no coordinator in the bot yet — they will see it when they join.
route-started = 🚀 The route is in progress. Mark the activities as you go.
route-approved = ✅ The route is agreed.
route-returned = ↩️ The route was returned to the teacher with a comment.
route-completed = 🏁 The route is completed; the conclusion is saved.
route-cancelled = Cancelled.
route-ask-comment = Write a comment for the teacher: what to change in the route (3 to 1000 characters).
route-ask-conclusion =
    <b>Conclusion on the IEM</b> (analysis of the plan's completion). Activities done: { $done } of { $total }.
    Write the conclusion in one message (10 to 3000 characters).
route-ask-conclusion-again = Write the conclusion again in one message.
route-queue-title = <b>🗺 IEMs waiting for agreement</b> — { $count }, oldest first:
route-queue-item = { $n }. <b>{ $name }</b>, { $school }
    sent { $at }, version { $revision }
route-queue-empty = <b>🗺 IEMs waiting for agreement</b>

    No routes are waiting for agreement now.

## Notifications
route-alert-submitted = 🗺 <b>IEM for agreement</b>: { $name }, { $school } ({ $rows } plan row(s), version { $revision }).
route-alert-municipal = 🗺 <b>The IEM of { $name }</b> ({ $school }) was sent for agreement. Fill in «Municipal methodical events» and «Consultation hours».
route-notice-approved = ✅ Your IEM is agreed ({ $reviewer }). You can start carrying it out.
route-notice-returned = ↩️ Your IEM was returned for changes ({ $reviewer }): { $comment }
route-notice-completed = 🏁 Your IEM is completed. Conclusion ({ $reviewer }): { $conclusion }
route-notice-overdue = ⏰ An item of your IEM is overdue: «{ $title }» (due { $due }). Mark it done or change its status.
route-notice-added = ➕ Added to your IEM: «{ $title }» ({ $column ->
        [courses] PD programmes
        [consultations] consultation hours
        [municipal] municipal events
        [school] in-school development
       *[other] self-education
    }).

## Document
route-doc-preparing = Preparing the document…
route-doc-caption = Individual educational route: { $name }
route-pdf-unavailable = PDF is not available: the server has no font with Cyrillic. Download the DOCX.
route-doc-title = INDIVIDUAL EDUCATIONAL ROUTE
route-doc-subtitle = of a teacher for the period from { $start } to { $end }
route-doc-status = Status: { $status }
route-doc-s1 = 1. Basic data about the teacher
route-doc-s2 = 2. Diagnosis (the professional deficits found)
route-doc-s3 = 3. Self-analysis of the diagnosis, related to the students' results
route-doc-s4 = 4. Plan for filling the professional deficits
route-doc-s5 = 5. Conclusion on the IEM
route-doc-name = Full name
route-doc-school = School
route-doc-municipality = Municipality
route-doc-position = Position
route-doc-subjects = Subjects taught
route-doc-experience = Teaching experience
route-doc-category = Qualification category
route-doc-diag-date = Diagnosis date: { $date }
route-doc-diag-total = Overall result: { $percent } %
route-doc-diag-group = Competence group
route-doc-diag-result = Result, %
route-doc-def-n = No.
route-doc-def-title = Professional deficit
route-doc-def-group = Competence group
route-doc-def-percent = Result, %
route-doc-no-deficits = No deficits found.
route-doc-no-analysis = The self-analysis is not filled in.
route-doc-no-conclusion = The conclusion is written at the end of the IEM's period.
route-doc-col-deficit = Professional deficit
route-doc-col-courses = Professional development programmes
route-doc-col-consultations = Consultation hours (tutor, mentor, regional centre curator)
route-doc-col-municipal = Municipal methodical events
route-doc-col-school = In-school continuous professional development
route-doc-col-self_education = Self-education
route-doc-col-period = Period
route-doc-until = by { $due }
route-doc-sign-teacher = Teacher
route-doc-sign-deputy = Deputy head
route-doc-sign-line = ____________ / { $name } /
route-doc-agreed = Agreed: { $name }, { $date }

## Errors
route-error-not-found = The route or its part was not found — perhaps already removed.
route-error-not-yours = ⛔ This is not your route nor a route of a teacher in your organisation.
route-error-column-not-yours = ⛔ This section is not yours to fill: { $column ->
        [courses] «PD programmes» — the school coordinator with the methodists
        [consultations] «Consultation hours» — the municipal methodists
        [municipal] «Municipal methodical events» — the municipal methodists
        [school] «In-school development» — the school coordinator
        [self_education] «Self-education» — the teacher with the school coordinator
        [deficit] «Professional deficit» — the school coordinator
       *[other] the self-analysis — the teacher
    }.
route-error-locked = The route cannot be edited now: { $status ->
        [submitted] it is waiting for agreement
        [approved] it is agreed
        [in_progress] it is in progress
       *[other] it is completed
    }.
route-error-completed = The route is completed — no more changes.
route-error-exists = You already have a route that is not completed.
route-error-no-school = Your profile names no school: the school coordinator agrees the route. Add your school to the profile.
route-error-no-diagnosis = Take the self-diagnosis first: the route is built from its results.
route-error-no-rows = The plan has no rows — nothing to send yet.
route-error-row-empty = Row { $n } («{ $title }») has no activity. Choose one from the catalogue or add your own.
route-error-row-full = The row already has { $max } activities.
route-error-rows-many = The plan already has { $max } rows.
route-error-event-gone = The event is no longer in the catalogue.
route-error-event-not-offered = This event cannot be chosen for this row: it does not fit, is already chosen or is not available.
route-error-title-empty = Write the title as text.
route-error-title-short = Too short: at least { $min } characters.
route-error-title-long = Too long: { $length } characters, at most { $max }.
route-error-date-format = I could not read the date. Write it as dd.mm.yyyy, e.g. 15.03.2027.
route-error-date-past = This date has passed — give a future one.
route-error-date-after-period = The date is past the route's period — not later than { $end }.
route-error-form = No such form — choose with a button.
route-error-group = No such competence group.
route-error-comment-empty = Write the comment as text.
route-error-comment-short = The comment is too short: at least { $min } characters.
route-error-comment-long = The comment is too long: { $length } characters, at most { $max }.
route-error-conclusion-empty = Write the conclusion as text.
route-error-conclusion-short = The conclusion is too short: at least { $min } characters.
route-error-conclusion-long = The conclusion is too long: { $length } characters, at most { $max }.
route-error-evidence-empty = Send text, a link or a file.
route-error-evidence-short = Too short: at least { $min } characters.
route-error-evidence-long = Too long: { $length } characters, at most { $max }.
route-error-own-route = ⛔ Your own route is agreed by another school coordinator.
route-error-school-only = ⛔ The teacher's school coordinator agrees and concludes the route; you can fill your sections of the plan.
route-error-not-waiting = The route is no longer waiting for agreement — a decision was made earlier.
route-error-not-approved = Activities are marked once the route is agreed.
route-error-not-running = The conclusion is written for an agreed route in progress.
route-error-remove-done = A completed activity stays in the route as a result.
route-error-transition = The status cannot change this way — open the card again.
route-error-text-only = Text is needed here (or a button under the message). /cancel to cancel.

## the ready draft (issue 15)
route-built-ready = ✅ The draft is ready: { $count } plan rows. Each deficit has a suggested activity (❔). Accept the suggestions by group, or open a row to swap or remove one.
route-card-group = <b>Competences: { $group }</b> ({ $count } rows)
route-card-draft-row = { $n }. { $title }
route-card-draft-item = { "   " }{ $icon } { $title }, by { $due }
route-card-draft-more = { "   " }…and { $count } more
route-card-draft-empty = { "   " }— nothing chosen yet
route-hint-proposed = ❔ marks a suggestion you have not accepted yet. Accept a group with one button, then send the route for approval.
route-btn-accept-group = ✅ Accept: { $group } ({ $count })
route-btn-accept-all = ✅ Accept all suggestions ({ $count })
route-btn-accept-one = ✅ Accept
route-btn-swap = 🔄 Swap for another catalogue activity
route-accepted = ✅ Suggestions accepted: { $count }.
route-swapped = 🔄 Swapped: the route now has “{ $title }”.
route-act-proposed = ❔ Suggested automatically: accept, swap or remove it.
route-error-row-proposed = Row { $n } (“{ $title }”) has only suggestions you have not accepted. Accept them or choose another activity.
route-error-conclude-early = The conclusion is written when the route's period has ended ({ $end }) or every activity is done or dropped.

route-alert-mentor-added = ➕ On the mentor's proposal ({ $mentor }), the agreed IEM of { $name } now has: «{ $title }» ({ $column ->
        [consultations] consultation hours
       *[other] self-education
    }).
route-error-mentor-no-route = You have no current IEM to accept it into. Build one in «My IEM»: the proposal will wait.

## plan rows, period, versions, rebuild, consultation hours (issue 15)
route-btn-merge = 🔗 Merge
route-btn-remove-row = 🗑 Remove
route-btn-remove-row-yes = 🗑 Yes, remove the row
route-ask-remove-row = Remove row { $n } «{ $title }» from the plan? { $count ->
        [0] Nothing is planned in it.
        [one] { $count } activity goes with it.
       *[other] { $count } activities go with it.
    }
route-row-removed = 🗑 Row removed: { $title }.
route-ask-merge = Which row of the same competence group should row { $n } «{ $title }» merge with? The activities of both rows are kept.
route-rows-merged = 🔗 Rows merged, activities kept.
route-row-moved = Row moved.
route-error-row-done = The row has a completed activity and cannot be removed: what was done stays in the route.
route-error-merge-target = This row cannot be chosen for merging — open the plan again.
route-error-merge-group = Only rows of one competence group can be merged.
route-error-row-edge = The row is already at the edge of its group.
route-error-rows-not-yours = Rows are removed, merged and reordered by the teacher (while the route is a draft) and the school coordinator (until the route is approved).
route-btn-period = 📅 Period
route-period-screen = <b>📅 Period</b>
    From { $start } to { $end }.
    What should change?
route-period-outside = ⚠️ Outside the period: { $count ->
        [one] { $count } activity
       *[other] { $count } activities
    }. They are kept and marked ⚠️ — move their dates or change the period.
route-btn-period-start = Start
route-btn-period-end = End
route-btn-period-year = School year: { $start } — { $end }
route-ask-period-start = Choose the start date (now { $date }).
route-ask-period-end = Choose the end date (now { $date }).
route-period-saved = ✅ Period saved: from { $start } to { $end }.
route-error-period-order = The period must start before it ends.
route-error-period-past = The end of the period has passed — choose a future date.
route-error-period-long = The period cannot be longer than { $years } years.
route-outside-mark = ⚠️ outside the period
route-card-outside = ⚠️ Outside the period: { $count ->
        [one] { $count } activity
       *[other] { $count } activities
    } (kept, marked in the rows).
route-btn-versions = 🗂 Versions
route-versions-title = <b>🗂 Route versions</b> ({ $count }). Open a version to see the plan as it was.
route-versions-empty = No versions yet: a version is kept on submitting, approval, return for rework, completion and rebuilding.
route-version-line = No. { $n } · { $action } · { $at } — { $who }
route-version-why = { $action ->
        [completed] Conclusion
       *[other] Comment
    }: “{ $comment }”
route-version-button = No. { $n } · { $action } · { $at }
route-version-submitted = submitted
route-version-approved = approved
route-version-rebuilt = before the rebuild
route-version-created = created
route-version-returned = returned
route-version-started = started
route-version-completed = completed
route-version-head = <b>Version No. { $n }</b> ({ $action }), { $at }
    By: { $who }
    Status: { $status }
    Period: from { $start } to { $end }
route-btn-rebuild = 🔄 Rebuild from the new diagnosis
route-ask-rebuild = Rebuild the plan from the latest diagnosis? Rows of deficits still present keep everything chosen, new deficits get suggestions, rows of deficits that are gone are removed (unless something in them is done). The current plan is kept in the versions.
route-ask-rebuild-agreed = Rebuild the plan from the latest diagnosis? The route becomes a draft again and has to be approved again; what is done stays done. Rows of deficits still present keep everything chosen, new ones get suggestions, rows of deficits that are gone are removed unless something in them is done. The current plan is kept in the versions.
route-btn-rebuild-yes = 🔄 Yes, rebuild
route-rebuilt = 🔄 Plan rebuilt: rows kept — { $kept }, new — { $added }, removed — { $removed }, kept for done activities — { $stayed }.
route-error-rebuild-same = There is no newer diagnosis: the plan is built from the latest one. Take the self-assessment again to rebuild it.
route-btn-consult = 🕑 Consultation hours
route-ask-consult-hours = How many consultation hours should be planned? Tap a button or type a number, e.g. 3 or 1.5.
route-ask-consult-role = Hours: { $hours }. Who consults?
route-ask-consult-person = Hours: { $hours }, consultant — { $role }. Pick a person of the school (🎓 — mentors, listed first) or type part of the surname to search.
route-consult-found = Search «{ $query }»: { $count ->
        [0] nobody found. Check the spelling, reset the search or type the full name by hand.
        [one] { $count } person found.
       *[other] { $count } people found.
    }
route-consult-nobody = No other teachers of the school are in the bot yet — type the consultant's full name by hand.
route-btn-consult-as-name = ✍️ Use «{ $name }» as the full name
route-btn-consult-name = ✍️ Type the full name by hand
route-ask-consult-name = Write the consultant's surname, first name and patronymic (3 to 200 characters).
route-consultant-mentor = mentor
route-consultant-tutor = tutor
route-consultant-methodist = methodist
route-consult-line = { $icon } { $name } ({ $role }) — { $hours } h
route-consult-added = 🕑 Added: { $hours } h of consultations, { $name }.
route-card-consult-hours = 🕑 Consultation hours: { $planned } h planned, { $done } h held.
route-error-hours-format = That is not a number of hours. Type a number, e.g. 2 or 1.5.
route-error-hours-zero = The hours must be more than zero.
route-error-hours-many = Too many: at most { $max } h per entry.
route-error-hours-half = Hours go in half-hour steps, e.g. 1.5.
route-error-consult-role = No such consultant — choose with a button.
route-error-consultant-gone = This person cannot be chosen as the consultant — choose from the list or type a name.
route-rebuild-hint = 🔔 There is a diagnosis newer than your plan: «Rebuild» updates the rows from it and keeps what you chose and did.
