# «Courses & reports»: the technical assignment (annex 1) and the course report (annex 2).

## Section
crs-home =
    <b>🎓 Courses &amp; reports</b>

    • <b>Technical assignment</b> — before a professional development course: what you want to gain or improve.
    • <b>Course report</b> — after the course: dates, hours, test results, the certificate.
    Your school coordinator reviews both; the draft is saved at every step.
crs-home-hours = Credited by accepted reports: <b>{ $hours } h</b>
crs-home-list = <b>Your forms:</b>
crs-home-item = { $n }. { $title } — { $status }
crs-home-empty = You have no forms yet.
crs-btn-new-assignment = 📝 Technical assignment
crs-btn-new-report = 📄 Course report
crs-kind-assignment = Technical assignment
crs-kind-report = Course report
crs-title-assignment = <b>📝 Technical assignment for a professional development course</b>
crs-title-report = <b>📄 Report on a professional development course</b>
crs-short-assignment = TA “{ $program }”
crs-short-report = Report “{ $program }”
crs-no-program = untitled

## Statuses
crs-status-assignment-draft = 📝 draft
crs-status-assignment-submitted = ⏳ awaiting approval
crs-status-assignment-returned = ↩️ returned for changes
crs-status-assignment-accepted = ✅ approved
crs-status-report-draft = 📝 draft
crs-status-report-submitted = ⏳ awaiting review
crs-status-report-returned = ↩️ returned for changes
crs-status-report-accepted = ✅ accepted

## Card
crs-card-status = Status: { $status }{ $revision ->
        [0] {""}
        [1] {""}
       *[other] {" "}(version { $revision })
    }
crs-card-submitted = Sent: { $at }
crs-card-comment = 💬 Coordinator's comment: <i>{ $comment }</i>
crs-card-school = School: { $school }
crs-card-line = { $label }: <b>{ $value }</b>
crs-card-block = { $label }:{ $value }
crs-hours = { $n } h
crs-percent = { $value } %
crs-not-taken = not taken
crs-internships-none = none
crs-internship-line = { $n }) { $place } — { $hours } h; { $activity }
crs-yes = yes
crs-no = no
crs-file = { $kind } { $size }
crs-file-pdf = PDF
crs-file-jpeg = JPEG image
crs-file-png = PNG image
crs-file-photo = photo
crs-size-kb = ({ $n } KB)
crs-size-mb = ({ $n } MB)
crs-file-caption = 📎 Certificate No. { $number } — { $name }

## Fields
crs-f-full_name = Full name
crs-f-workplace = Workplace
crs-f-position = Position
crs-f-education = Education
crs-f-diploma_number = Diploma No.
crs-f-diploma_date = Diploma issued on
crs-f-specialty = Specialty (diploma)
crs-f-position_years = Years in the position
crs-f-age = Age
crs-f-program = Programme
crs-f-groups = Competences to develop
crs-f-difficulty = Difficulties: { $group }
crs-f-start_date = Course start
crs-f-end_date = Course end
crs-f-hours = Hours
crs-f-input_percent = Entry test
crs-f-repeat_percent = Repeat test
crs-f-internships = Internship
crs-f-attestation = Final assessment
crs-f-attestation_other = Other assessment form
crs-f-competences = Competences improved
crs-f-certificate_number = Certificate No.
crs-f-certificate_file = Certificate scan
crs-f-recommendation = Recommendation to share experience

## Values
crs-group-subject = subject
crs-group-methodological = methodological
crs-group-psycho_pedagogical = psycho-pedagogical
crs-group-communicative = communicative
crs-education-higher = higher
crs-education-vocational = secondary vocational
crs-choice-education-higher = Higher
crs-choice-education-vocational = Secondary vocational
crs-choice-recommendation-yes = Yes, I received it
crs-choice-recommendation-no = No
crs-attestation-credit = pass/fail test
crs-attestation-lesson_plan = lesson plan
crs-attestation-open_lesson = open lesson
crs-attestation-master_class = master class
crs-attestation-other = other

## Steps
crs-step-header = <b>{ $form }</b> · <i>step { $n } of { $total }</i>
crs-intro-assignment = Let's fill in the technical assignment. Your name, workplace and position come from your profile — you can change them at the last step. Everything is saved at once: stop any time (/cancel) and continue from «Courses &amp; reports».
crs-intro-report = Let's fill in the course report. Everything is saved at once: stop any time (/cancel) and continue from «Courses &amp; reports».
crs-resume = Let's continue the draft where you stopped.
crs-correct-intro = Correct what the coordinator asks for and send the form again.
crs-ask-full_name = Your <b>surname, first name and patronymic</b>.
crs-ask-workplace = Your <b>workplace</b> — the full name of the organisation.
crs-ask-position = Your <b>position</b>.
crs-ask-education = Your <b>education</b>?
crs-ask-diploma_number = Your <b>diploma number</b> (as in the document, e.g. 104818 0123456).
crs-ask-diploma_date = <b>Date the diploma was issued</b> — pick it in the calendar or type DD.MM.YYYY, e.g. 30.06.2010.
crs-ask-specialty = Your <b>specialty</b> as in the diploma.
crs-ask-position_years = <b>Years in the position</b> — whole years, as a number.
crs-ask-age = Your <b>age</b> — whole years, as a number.
crs-ask-program-assignment = <b>Name of the programme</b> you are going to take.
crs-ask-program-report = Which <b>programme</b> did you take? Type its name.
crs-ask-groups = Mark the <b>competences</b> to gain or improve (several allowed) and press «Done».
crs-ask-difficulty = Describe the <b>main professional difficulties</b> — competences: <b>{ $group }</b>.
crs-ask-start_date = <b>Start date</b> of the course — pick it in the calendar or type 31.12 or 31.12.2026.
crs-ask-end_date = <b>End date</b> of the course — pick it in the calendar or type 31.12 or 31.12.2026.
crs-ask-hours = <b>Hours of the programme</b> — a number, e.g. 72.
crs-ask-input_percent = Result of the <b>entry diagnostic test</b>, % of tasks done — a number from 0 to 100.
crs-ask-repeat_percent = Result of the <b>repeat diagnostic test</b>, % — or press «Not taken».
crs-ask-internships = <b>Internship</b> at regional innovation or internship sites: add each one (place, hours, kind of activity) or say there was none.
crs-ask-intern_place = <b>Place of the internship</b> — an organisation or a site.
crs-ask-intern_hours = <b>Hours of the internship</b> — a number.
crs-hint-hours-left = Left within the course hours: { $left } h.
crs-ask-intern_activity = <b>Kind of activity</b> during the internship (e.g. attending and analysing lessons).
crs-ask-attestation = How did you take the <b>final assessment</b>? Mark the forms and press «Done».
crs-ask-attestation_other = Describe the <b>other form</b> of the final assessment.
crs-ask-competences = Which <b>competences</b> improved during the course, in your view? Mark them and press «Done».
crs-ask-certificate_number = <b>Number of the certificate</b> of professional development.
crs-ask-certificate_file = Send the <b>certificate</b>: a photo or a PDF, JPEG, PNG file up to { $max } MB.
crs-ask-recommendation = Did you receive a <b>recommendation to share your teaching experience</b>? It is given with an entry test of { $min } % or more and an open-lesson fragment at the final assessment.
crs-btn-internship-add = ➕ Add an internship
crs-btn-internship-none = There was none
crs-btn-internship-del = 🗑 { $n }
crs-btn-link = 📝 By TA: { $program }
crs-btn-not-taken = Not taken
crs-btn-catalogue = 📚 { $title }
crs-hint-pick = Or pick one with a button below.
crs-from-catalogue = (a catalogue course)

## Summary and sending
crs-confirm-intro = Check the form. Any field can be changed with the buttons below.
crs-btn-submit = 📨 Send to the coordinator
crs-btn-resubmit = 📨 Send again
crs-btn-later = ⏸ Finish later
crs-paused = The draft is saved. Continue in «Courses &amp; reports».
crs-paused-returned = Your corrections are saved but the form is not sent yet. Send it from «Courses &amp; reports».
crs-sent-assignment = ✅ The technical assignment was sent to your school coordinator for approval. The bot will notify you of the decision.
crs-sent-report = ✅ The report was sent to your school coordinator for review. The bot will notify you of the decision.
crs-sent-no-coordinator = ℹ️ Your school has no coordinator yet — the form will wait for one in the queue.
crs-btn-continue = ✏️ Continue filling in
crs-btn-correct = ✏️ Correct and send
crs-btn-delete = 🗑 Delete the draft
crs-btn-delete-yes = 🗑 Yes, delete
crs-btn-delete-no = No, keep it
crs-delete-confirm = Delete the draft? The answers will be lost.
crs-deleted = The draft was deleted.
crs-btn-report-from = 📄 Report for this TA
crs-btn-file = 📎 Certificate
crs-btn-history = 🕓 History
crs-btn-to-list = ◀️ To the list

## History
crs-history-title = <b>History: { $title }</b>
crs-history-submitted = { $at } — sent (version { $revision })
crs-history-returned = { $at } — returned: “{ $comment }” ({ $who })
crs-history-accepted = { $at } — accepted ({ $who })
crs-history-empty = The form has not been sent yet.

## Coordinator
crs-btn-queue = 📥 Courses: awaiting review
crs-queue-title = <b>📥 Awaiting your decision</b> ({ $count }), oldest first:
crs-queue-item = { $n }. { $at } · <b>{ $name }</b> ({ $school })
    { $title }{ $revision ->
        [1] {""}
       *[other] {" "}· version { $revision }
    }
crs-queue-empty = 📥 Nothing awaits a decision — every form has been reviewed.
crs-btn-open = 📂 Open
crs-btn-accept-assignment = ✅ Approve
crs-btn-accept-report = ✅ Accept the report
crs-btn-return = ↩️ Return with a comment
crs-btn-accept-yes = ✅ Yes, confirm
crs-accept-confirm-assignment = Approve the technical assignment “{ $title }” — { $name }?
crs-accept-confirm-report = Accept the report “{ $title }” — { $name }? { $hours } h will be credited.
crs-accepted-assignment = ✅ The technical assignment is approved; the teacher will be notified.
crs-accepted-report = ✅ The report is accepted, the hours are credited; the teacher will be notified.
crs-ask-comment = Write in one message what needs correcting: { $title } — { $name }. The teacher will see the comment in the notification.
crs-return-cancelled = Return cancelled; the form still awaits a decision.
crs-returned-assignment = ↩️ The technical assignment was returned for changes.
crs-returned-report = ↩️ The report was returned for changes.
crs-review-read-only = 👁 The teacher's school coordinator decides on this form; you can view it.

## Notifications (through the outbox)
crs-alert-assignment = 📥 <b>Technical assignment for approval</b>{ $revision ->
        [1] {""}
       *[other] {" "}(corrected, version { $revision })
    }
    { $name }, { $school }
    Programme: { $program }
crs-alert-report = 📥 <b>Course report for review</b>{ $revision ->
        [1] {""}
       *[other] {" "}(corrected, version { $revision })
    }
    { $name }, { $school }
    Programme: { $program }, { $hours } h
crs-notice-assignment-accepted = ✅ Your technical assignment “{ $program }” is approved ({ $reviewer }).
crs-notice-assignment-returned =
    ↩️ The technical assignment “{ $program }” was returned for changes ({ $reviewer }).
    💬 { $comment }
    Correct it and send again: «Courses &amp; reports».
crs-notice-report-accepted = ✅ Your course report “{ $program }” is accepted ({ $reviewer }). { $hours } h credited.
crs-notice-report-returned =
    ↩️ The course report “{ $program }” was returned for changes ({ $reviewer }).
    💬 { $comment }
    Correct it and send again: «Courses &amp; reports».

## Errors
crs-error-text-empty = Please type the answer.
crs-error-text-long = Too long: { $length } characters, at most { $max }.
crs-error-text-letters = The answer needs words, not only digits and signs.
crs-error-number-empty = Type the document number.
crs-error-number-chars = A number may contain letters, digits, spaces and № - / .
crs-error-number-digits = A document number must contain digits.
crs-error-date-format = Pick a day in the calendar or type the date as DD.MM.YYYY, e.g. 15.03.2025.
crs-error-date-invalid = There is no such date — check the day and the month.
crs-error-date-future = The date cannot be later than today ({ $today }).
crs-error-date-early = The date is too early — not before { $earliest }.
crs-error-end-before-start = The end cannot be before the start of the course ({ $start }).
crs-error-start-first = Give the start date of the course first.
crs-error-position-years = Years in the position: a whole number from { $min } to { $max }.
crs-error-age = Age: a whole number from { $min } to { $max }.
crs-error-hours = Hours: a whole number from { $min } to { $max }.
crs-error-hours-below-internships = The course cannot have fewer hours than its internships ({ $total } h).
crs-error-percent-number = Type the percentage as a number from 0 to 100, e.g. 87 or 87.5.
crs-error-percent-range = The percentage must be from 0 to 100.
crs-error-internship-total = Internships cannot be longer than the course ({ $total } h): { $left } h left.
crs-error-internships-many = At most { $max } internships.
crs-error-internships-present = Internships are already added — delete them or press «Done».
crs-error-internship-restart = Start adding the internship again.
crs-error-groups-empty = Mark at least one competence group.
crs-error-attestation-empty = Mark at least one form of the final assessment.
crs-error-competences-empty = Mark at least one competence.
crs-error-competences-offered = Competences are chosen among those marked in the technical assignment — check them.
crs-error-recommendation = The recommendation is given only with an entry test of { $min } % or more and an open lesson at the final assessment — check your answers.
crs-error-file-type = Only PDF, JPEG or PNG will do — send the certificate in one of these formats or as a photo.
crs-error-file-large = The file is too large: at most { $max } MB.
crs-error-file-empty = The file is empty — send another one.
crs-error-file-expected = Send the certificate here — a photo or a PDF file.
crs-error-file-not-here = No file is needed here — answer the question below.
crs-error-unexpected = Answer the question below with text or a button.
crs-error-choice = There is no such option — choose with a button.
crs-error-course-unavailable = This course cannot be chosen — pick one of those offered or type the name.
crs-error-link-not-approved = A report can be linked only to an approved technical assignment.
crs-error-link-used = A report on this technical assignment is already accepted — pick another one or type the programme.
crs-error-incomplete = The form is not complete — a question is left.
crs-error-not-found = Form not found — the draft may have been deleted.
crs-error-no-file = No certificate file is attached to this form.
crs-error-not-editable = This form cannot be changed now: it has been sent or accepted.
crs-error-not-draft = Only a draft can be deleted.
crs-error-not-waiting = This form no longer awaits a decision — it has been reviewed.
crs-error-not-accepted = The report is not accepted yet.
crs-error-no-school = Course forms are reviewed by your school coordinator — set your school in the profile (/profile).
crs-error-own-form = ⛔ You cannot review your own form — another coordinator will.
crs-error-review-school-only = ⛔ The teacher's school coordinator decides; you can view the form.
crs-error-comment-short = The comment is too short — say what to correct (at least { $min } characters).
crs-error-comment-text = Please type the comment.
