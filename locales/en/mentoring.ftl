# Mentoring (network of "open professionalism", 003; a form of the IEM, 002 §II.8).

menu-mentoring = 🤝 Mentoring

## Section
mnt-home-title = <b>🤝 Mentoring</b>
mnt-home-my-mentors = <b>My mentor:</b>
mnt-home-my-mentees = <b>My mentees:</b>
mnt-home-line = • { $name }, { $school } — since { $start }{ $active ->
    [0] {" "}(ended)
   *[other] {""}
}
mnt-home-none = You have no mentoring pairs yet. A young teacher's mentor is assigned by the school coordinator (or the municipal methodist where the school has no coordinator).
mnt-btn-new-pair = ➕ New pair
mnt-btn-scope = 👥 Pairs in my scope

## Pair card
mnt-pair-title = <b>🤝 Mentoring pair</b>
mnt-pair-mentor = Mentor: <b>{ $name }</b>, { $school }
mnt-pair-mentee = Mentee: <b>{ $name }</b>, { $school }
mnt-pair-start = Start: { $start }
mnt-pair-goals = <b>Goals (deficits):</b>
mnt-pair-meetings = <b>Meetings:</b> { $count }, hours: { $hours }
mnt-meeting-line = • { $date } — { $topic }, { $hours } h, rating: { $rating }{ $file ->
    [0] {""}
   *[other] {" "}📎
}
mnt-pair-ended = 🏁 <b>Ended { $date }.</b> Mentor's conclusion: { $conclusion }
mnt-btn-diagnosis = 📊 Diagnosis
mnt-btn-route = 🗺 IEM
mnt-btn-meeting = ➕ Log a meeting
mnt-btn-end = 🏁 End mentoring
mnt-btn-file = 📎 Meeting file { $date }
mnt-btn-rate = ⭐ Rate: { $date } { $topic }

## The mentee's data (mentor only, read-only)
mnt-diag-none = The mentee has not taken the self-assessment yet.
mnt-diag-title = <b>📊 Mentee's self-assessment of { $date }</b>
    Deficits: { $count }
mnt-route-none = The mentee has no IEM yet.
mnt-route-title = <b>🗺 Mentee's IEM</b> ({ $status }), { $start } — { $end }
mnt-route-activity = { "  " }◦ { $title } — { $status ->
    [done] done
    [in_progress] in progress
    [dropped] dropped
   *[other] planned
}
mnt-group-subject = subject
mnt-group-methodological = methodological
mnt-group-psycho_pedagogical = psycho-pedagogical
mnt-group-communicative = communicative

## Meeting log
mnt-ask-day = <b>When was the meeting?</b> Press a button or type the date as DD.MM.YYYY.
mnt-btn-today = Today
mnt-btn-yesterday = Yesterday
mnt-ask-topic = Meeting on { $date }. <b>What was the topic?</b> Keep it short (up to 200 characters).
mnt-ask-topic-again = <b>What was the topic?</b> Keep it short (up to 200 characters).
mnt-ask-hours = <b>How many hours did it take?</b> Press a button or type a number, e.g. 1.5.
mnt-ask-file = Attach a file (plan, notes, photo) or press "No file".
mnt-ask-file-again = Send a file as a document or photo — or press "No file".
mnt-btn-no-file = No file ▶️
mnt-meeting-saved = ✅ Meeting logged. Hours ({ $hours }) credited to you and the mentee.
mnt-cancelled = Cancelled, nothing was saved.
mnt-stale = This step is already done — nothing was saved twice.

## Rating
mnt-ask-rating = Meeting on { $date }: { $topic }
    <b>How useful was it?</b>
mnt-rated = ✅ Thank you! Your rating: { $stars }

## End
mnt-ask-conclusion = <b>Mentor's conclusion.</b> Write what was achieved and what you recommend next (at least 10 characters).
mnt-ended = 🏁 Mentoring ended; the mentee will receive your conclusion.

## Coordinator: pairing
mnt-pick-mentee = <b>New pair: mentee</b>
    Young specialists without a mentor: { $count }. Pick one or type the surname of any teacher.
mnt-pick-mentee-found = Found for "{ $query }": { $count }. Pick the mentee or type another surname.
mnt-pick-mentor = <b>Mentor for: { $name }</b>
    Suggested: { $count } (📘 — same subject; the number — mentees they already have). Pick one or type the surname of any teacher.
mnt-pick-mentor-found = <b>Mentor for: { $name }</b>
    Found for "{ $query }": { $count }.
mnt-ask-start = <b>When does mentoring start?</b> Press "Today" or type the date as DD.MM.YYYY.
mnt-confirm = <b>New pair</b>
    Mentee: <b>{ $mentee }</b>, { $mentee_school }
    Mentor: <b>{ $mentor }</b>, { $mentor_school }
    Start: { $start }
mnt-pick-goals = Mark goals among the mentee's deficits (at most { $max }) and press "Create pair".
mnt-no-deficits = The mentee has no self-assessment results — goals can be set later. Press "Create pair".
mnt-btn-create = ✅ Create pair
mnt-created = ✅ Pair created. The mentor and the mentee have been notified.
mnt-scope-title = <b>👥 Mentoring pairs in your scope:</b> { $count }
mnt-scope-empty = There are no mentoring pairs in your scope yet.

## Errors
mnt-error-no-scope = Pairs are made by a school coordinator, or by the municipal methodist for schools without one.
mnt-error-out-of-scope = This teacher is outside your scope.
mnt-error-no-person = Teacher not found.
mnt-error-has-mentor = This teacher already has a mentor.
mnt-error-self-pair = A teacher cannot mentor themselves.
mnt-error-goals-max = At most { $max } goals.
mnt-error-goal-unknown = No such goal among the mentee's deficits.
mnt-error-start-range = The start date must be between { $earliest } and { $latest }.
mnt-error-date-format = Could not read the date. Type it as DD.MM.YYYY, e.g. 25.12.2026.
mnt-error-no-pair = Mentoring pair not found.
mnt-error-not-your-pair = This is not your mentoring pair.
mnt-error-not-your-mentee = Only the mentor of this pair may do this.
mnt-error-ended = Mentoring in this pair has already ended.
mnt-error-hours = Hours are a number from { $low } to { $high } in steps of 0.25, e.g. 1.5.
mnt-error-topic-short = The topic is too short — write at least a few words.
mnt-error-topic-long = The topic is longer than { $max } characters ({ $length }). Shorten it.
mnt-error-meeting-future = A meeting cannot be in the future. Give a past date or today.
mnt-error-meeting-early = A meeting cannot be earlier than { $earliest }.
mnt-error-no-meeting = Meeting not found.
mnt-error-rate-mentee-only = Only the mentee can rate a meeting.
mnt-error-rating = A rating is 1 to 5 stars.
mnt-error-conclusion-short = The conclusion is too short — write at least one sentence.
mnt-error-conclusion-long = The conclusion is longer than { $max } characters ({ $length }). Shorten it.

## Notifications
mnt-notice-paired-mentee = 🤝 You have a mentor: <b>{ $name }</b>, { $school }. Mentoring starts on { $start }.
mnt-notice-paired-mentor = 🤝 You are now the mentor of <b>{ $name }</b>, { $school }. Mentoring starts on { $start }.
mnt-notice-meeting = 📝 Your mentor { $name } logged a meeting on { $date }: { $topic } ({ $hours } h). Hours credited. Rate it in "Mentoring".
mnt-notice-ended = 🏁 Mentoring has ended. Conclusion of your mentor ({ $name }): { $conclusion }
mnt-notice-quiet = ⏰ No meetings with your mentee { $name } for { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} (last: { $last }). Log a meeting in "Mentoring".
mnt-alert-quiet = ⏰ A mentoring pair has had no meetings for { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
}: mentor { $mentor }, mentee { $mentee }, { $school } (last meeting: { $last }).

## The mentor's proposals to the IEM
mnt-prop-btn-list = 📋 Proposals to the IEM
mnt-prop-btn-new = ➕ Propose for the IEM
mnt-prop-btn-accept = ✅ Accept
mnt-prop-btn-decline = ✖️ Decline
mnt-prop-btn-accept-title = ✅ Accept: { $title }
mnt-prop-btn-no-reason = Decline without a reason
mnt-prop-kind-consultations = 🗣 Mentor consultations
mnt-prop-title = <b>📋 The mentor's proposals to the IEM</b> ({ $count })
mnt-prop-none = No proposals yet.
mnt-prop-line = { $mark } <b>{ $title }</b>
    { $kind } · { $month } · { $hours } h · { $status ->
        [accepted] accepted, in the IEM
        [declined] declined
       *[other] awaiting an answer
    }
mnt-prop-reason = Reason: { $reason }
mnt-prop-ask-kind = <b>What to propose?</b> Pick a form of self-education from the IEM or mentor consultations.
mnt-prop-ask-title = { $kind ->
        [consultations] <b>The consultations' topic</b> — e.g. «Preparing an open lesson».
       *[other] <b>Title</b> — what exactly to do, e.g. «Study the federal curriculum: mathematics».
    }
    Cancel — /cancel.
mnt-prop-ask-row = <b>Which deficit of the IEM does it address?</b>
mnt-prop-no-row = Not tied to a deficit
mnt-prop-ask-month = <b>For which month?</b> The due date in the IEM is the month's end.
mnt-prop-ask-hours = { $kind ->
        [consultations] <b>How many hours of consultations</b> in that period? E.g. 4 or 1.5.
       *[other] <b>How many hours</b> will it take? E.g. 6 or 1.5.
    }
mnt-prop-sent = 📨 Proposal sent: your mentee will accept or decline it.
mnt-prop-accepted = ✅ «{ $title }» was added to your IEM.
mnt-prop-accepted-before = The proposal «{ $title }» is already accepted — it is in the IEM once.
mnt-prop-declined = The proposal «{ $title }» was declined; your mentor will be told.
mnt-prop-ask-reason = Decline «{ $title }». Write a short reason — it helps your mentor propose something else — or press «Decline without a reason».
mnt-prop-stale = This button is out of date — open the proposals again.
mnt-error-no-route = Your mentee has no current IEM — there is nowhere to propose yet. Once they build one, proposals open.
mnt-error-no-proposal = Proposal not found.
mnt-error-proposal-mentee-only = Only the mentee it was made to can answer a proposal.
mnt-error-proposal-decided = This proposal has already been answered.
mnt-error-proposal-row = There is no such deficit in your mentee's plan — pick one from the list.
mnt-error-proposal-month = That month is outside the IEM's period — pick one from the list.
mnt-error-proposal-hours = Enter a number of hours from { $low } to { $high }, a multiple of 0.5 — e.g. 4 or 1.5.
mnt-error-reason-long = The reason is longer than { $max } characters ({ $length }). Please shorten it.
mnt-notice-proposal = 📌 Your mentor { $name } proposes for your IEM { $kind ->
        [consultations] consultations
       *[other] an activity
    }: «{ $title }», { $hours } h, due by { $due }. Accept?
mnt-notice-proposal-accepted = ✅ { $name } accepted your proposal «{ $title }» — it is in the IEM.
mnt-notice-proposal-declined = ✖️ { $name } declined the proposal «{ $title }». Reason: { $reason }
