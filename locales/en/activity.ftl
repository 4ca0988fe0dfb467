# Professional activity (network of "open professionalism", 003): competitions, expert work, bank of practice.

menu-activity = 🏆 Activity

## Section
act-home-title = <b>🏆 Professional activity</b>
act-home-records = Your records: { $count } (⏳ under review, ✅ verified, ↩️ returned).
act-home-none = No records yet. Add a competition, expert work, a talk, an open lesson or a publication — the school coordinator verifies it.
act-btn-new-competition = ➕ Competition
act-btn-new-expert = ➕ Expert work
act-btn-new-practice = ➕ Talk, open lesson, publication
act-btn-bank = 📚 Bank of practice: how colleagues do it
act-btn-queue = 📥 Waiting for review in my scope
act-cancelled = Cancelled, nothing was saved.
act-stale = This step is already done.

## New record
act-ask-title-competition = <b>Name of the competition</b> (and nomination, if any):
act-ask-title-expert = <b>Where did you work as an expert?</b> E.g. "Jury of the municipal maths olympiad".
act-ask-title-practice = <b>Topic of the talk, open lesson or publication:</b>
act-ask-title-again = Type the name again (3 to 200 characters).
act-ask-level = <b>Level of the competition:</b>
act-ask-outcome = <b>Result:</b>
act-ask-role = <b>Kind of expert work:</b>
act-ask-practice = <b>What was it?</b>
act-ask-group = <b>Which competence group?</b>
act-ask-abstract = <b>In short</b> (up to 1000 characters): what you did and what came of it — colleagues will see it in the bank of practice.
act-ask-day = <b>Date</b> — press "Today" or type DD.MM.YYYY.
act-btn-today = Today
act-ask-evidence = { $kind ->
    [competition] Send the diploma or certificate as a file or photo, a link — or press "No file".
   *[other] Send a file (slides, notes, an order) or a link — or press "No file".
}
act-btn-skip = No file ▶️
act-submitted = ✅ Record sent to the coordinator for review.
act-deleted = 🗑 Record deleted.
act-level-school = School
act-level-municipal = Municipal
act-level-regional = Regional
act-level-federal = All-Russian
act-outcome-participant = Participant
act-outcome-prize_winner = Prize-winner
act-outcome-winner = Winner
act-role-jury = Jury of a competition or olympiad
act-role-attestation = Attestation commission
act-role-exam = State exam commission
act-practice-talk = Talk
act-practice-open_lesson = Open lesson
act-practice-publication = Publication
act-group-subject = Subject
act-group-methodological = Methodological
act-group-psycho_pedagogical = Psycho-pedagogical
act-group-communicative = Communicative

## Card
act-card-title = <b>{ $kind ->
    [competition] 🏆 Competition
    [expert] 🧑‍⚖️ Expert work
   *[other] 🎤 Practice
}: { $title }</b>
    Date: { $date } · { $status ->
    [accepted] ✅ verified
    [returned] ↩️ returned
   *[other] ⏳ under review
}
act-card-author = Teacher: { $name }, { $school }
act-card-level = Level: { $level }
act-card-outcome = Result: { $outcome }
act-card-role = Kind: { $role }
act-card-practice = { $practice } · competences: { $group }
act-card-abstract = In short: { $abstract }
act-card-link = Link: { $link }
act-card-comment = ↩️ <b>Coordinator's comment:</b> { $comment }
act-btn-file = 📎 File
act-btn-again = 📤 Send again
act-btn-delete = 🗑 Delete
act-btn-accept = ✅ Verify
act-btn-return = ↩️ Return with a comment

## Review
act-queue-title = <b>📥 Waiting for review:</b> { $count }
act-queue-empty = Nothing waiting for review in your scope.
act-ask-comment = Write what to correct or add (at least 5 characters):
act-accepted = ✅ Record verified; the teacher will be notified.
act-returned = ↩️ Record returned with a comment.

## Bank of practice
act-bank-pick = <b>📚 Bank of practice.</b> Colleagues' verified talks, open lessons and publications. Choose a competence group:
act-bank-title = <b>📚 { $group }</b>: { $count } practices{ $mine ->
    [0] {""}
   *[other] {" "}(your subject)
}
act-bank-item = <b>{ $title }</b> — { $practice }
    { $author }, { $school }
    { $abstract }
    🔗 { $link }
act-bank-empty = Empty so far — be the first: add your practice.
act-btn-for-deficits = 🎯 How colleagues do it — for my deficits
act-btn-my-subject = 🎯 My subject only
act-btn-all-subjects = 🌐 All subjects

## Errors
act-error-title-short = The name is too short.
act-error-title-long = The name is longer than { $max } characters ({ $length }). Shorten it.
act-error-abstract-short = Describe it in at least one sentence (10 characters or more).
act-error-abstract-long = The description is longer than { $max } characters ({ $length }). Shorten it.
act-error-link = This does not look like a link. Send an address starting with https://, a file — or press "No file".
act-error-date-format = Could not read the date. Type it as DD.MM.YYYY, e.g. 25.12.2026.
act-error-date-future = The date cannot be in the future — record events that took place.
act-error-date-early = Too long ago: records are accepted from { $earliest }.
act-error-incomplete = Some details are missing — start the record again.
act-error-not-found = Record not found.
act-error-not-yours = This record is outside your scope.
act-error-comment-short = Write a comment for the teacher (at least 5 characters).
act-error-comment-long = The comment is longer than { $max } characters ({ $length }). Shorten it.
act-error-decided = The record has already been reviewed.
act-error-accepted-stays = A verified record stays in the portfolio and cannot be deleted.
act-error-group = No such competence group.

## Notifications
act-alert-submitted = 📥 { $name } ({ $school }) sent for review { $kind ->
    [competition] a competition
    [expert] expert work
   *[other] a practice
}: "{ $title }".
act-notice-accepted = ✅ Coordinator { $reviewer } verified your record "{ $title }".
act-notice-returned = ↩️ Coordinator { $reviewer } returned your record "{ $title }": { $comment }

## Competitions from the events catalogue
act-card-from-event = 🎫 Created from the attendance mark of a competition in the events catalogue: the organiser confirmed your participation. Became a prize-winner or winner? Add the result and the diploma — the record goes to verification.
act-btn-result = 🏅 Add the result and diploma
act-ask-result = <b>{ $title }</b>
    What is your result?
act-ask-diploma = Send the diploma as a file or photo — or press «No diploma».
act-btn-no-diploma = No diploma
act-error-diploma = A file or a photo of the diploma is needed. If there is none, press «No diploma».
act-error-not-from-event = A result is added only to a record of a competition from the events catalogue.
act-error-result-waiting = The result is already with the coordinator — wait for the decision.
