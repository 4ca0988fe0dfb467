# Methodical subscription (handlers/abonements, domain/abonements)

abon-btn-section = 📚 Methodical subscription
abon-home =
    📚 <b>Methodical subscription</b>
    A whole teaching staff trained at its own school for a school year: the school's request, the municipality's agreement, the agreement with the centre, a plan of events in hours.
abon-btn-new = ➕ Request: { $school }
abon-btn-school = 🏫 { $school } — { $status }
abon-btn-list = 📋 Requests and subscriptions
abon-btn-bank = 🗂 Bank of requests
abon-btn-back-card = ◀️ To the request
abon-open-exists = The school already has an open request — here it is.

abon-status-submitted = 📨 submitted
abon-status-returned = ↩️ returned for changes
abon-status-agreed_municipality = 🏛 agreed by the municipality
abon-status-accepted = 📝 accepted by the centre (agreement draft)
abon-status-agreed = ✍️ agreement signed
abon-status-running = ▶️ running
abon-status-completed = 🏁 completed

abon-reason-own = The school's own wish
abon-reason-quality = Independent assessment of teaching quality
abon-reason-diagnosis = The staff's deficit diagnosis

abon-month-9 = September
abon-month-10 = October
abon-month-11 = November
abon-month-12 = December
abon-month-1 = January
abon-month-2 = February
abon-month-3 = March
abon-month-4 = April
abon-month-5 = May

abon-kind-in_person = In person
abon-kind-remote = Remote
abon-kind-self_study = Self-study
abon-hours = in person { $in_person } · remote { $remote } · self-study { $self_study } (total { $total } h)
abon-year = school year { $start }/{ $end }
abon-audience-all = The whole teaching staff

# ---- the request form
abon-form-head = 📚 <b>Request for a methodical subscription</b> · { $school }
abon-step = Step { $n } of { $total }
abon-ask-reason = Why does the school ask for a methodical subscription?
abon-ask-groups =
    Which competence groups to work on? The groups where the school's teachers have deficits by self-diagnosis are marked ({ $diagnosed } of { $teachers } took it); the number is how many teachers have the deficit. Change the choice and press «Done».
abon-group-option = { $group } — { $n }
abon-ask-topics =
    Write the topics the school wants to work on (e.g. «Formative assessment in class; functional literacy in grades 5–7»). Up to { $max } characters.
abon-btn-no-topics = Let the centre suggest topics ▶️
abon-ask-audience =
    Who is the training for? The whole staff or subgroups by position and subject — mark them with the buttons. You may type a group as a message (e.g. «young specialists, 8 people»), up to { $max } characters. Then «Done».
abon-ask-hours =
    How many hours does the school want over the year? Write three numbers separated by spaces: <b>in-person remote self-study</b>, e.g. <code>36 12 24</code>. One number means in-person hours only.
abon-ask-months = Which months suit the school best? Mark them and press «Done».
abon-form-check = Check the request. Any field can be changed with the buttons below.
abon-field-reason = ✏️ Reason
abon-field-groups = ✏️ Competences
abon-field-topics = ✏️ Topics
abon-field-audience = ✏️ For whom
abon-field-hours = ✏️ Hours
abon-field-months = ✏️ Months
abon-btn-send = 📨 Send the request
abon-form-cancelled = The request was not sent. You can come back to it in «Methodical subscription».
abon-request =
    <b>Reason:</b> { $reason }
    <b>Competences:</b> { $groups }
    <b>Topics:</b> { $topics }
    <b>For whom:</b> { $audience }
    <b>Hours:</b> { $hours }
    <b>Months:</b> { $months }
abon-sent-municipality = The request went to the municipality for agreement. Once agreed it goes to the centre.
abon-sent-centre = The request went to the centre (a two-party agreement: school — centre).
abon-returned-comment = ↩️ <b>Comment on return:</b> { $comment }

# ---- lists and the card
abon-list-title = 📋 <b>Requests and subscriptions</b> · { $total }
abon-bank-title = 🗂 <b>Bank of requests</b> · { $total }
abon-bank-filters = Status: { $status } · Municipality: { $municipality }
abon-filter-any = any
abon-filter-choose = Choose the filter's value:
abon-btn-filter-status = 🔎 Status
abon-btn-filter-mun = 🏙 Municipality
abon-list-empty = No requests.
abon-row = { $school } — { $status } · { $date }
abon-card-head =
    📚 <b>Request No. { $id }</b> · { $school }
    Status: { $status }
    { $parties }
    Filed by: { $author }
abon-parties-three = Three-party agreement: school — { $municipality } — centre
abon-parties-two = Two-party agreement: school — centre
abon-card-agreement =
    <b>Agreement</b>
    Curator: { $curator }
    Ordered volume: { $hours }
    Period: { $year }
abon-history-head = <b>History</b>
abon-history-line = • { $when } — { $action }
abon-history-line-comment = • { $when } — { $action }: { $comment }
abon-action-submitted = submitted
abon-action-resubmitted = corrected and sent again
abon-action-agreed_municipality = agreed by the municipality
abon-action-returned = returned
abon-action-accepted = accepted by the centre
abon-action-signed = agreement signed
abon-action-started = started
abon-action-completed = completed
abon-action-item_added = added to the plan
abon-action-item_removed = removed from the plan
abon-action-transferred = moved
abon-btn-notice-open = 📚 Open the request
abon-btn-notice-agree = ✅ Agree
abon-btn-notice-return = ↩️ Return with a comment
abon-btn-accept = ✅ Accept: curator and volume
abon-btn-edit = ✏️ Correct and send again
abon-btn-docx = 📄 Agreement (DOCX)
abon-btn-plan = 🗓 The school's plan
abon-btn-sign = ✍️ Agreement signed
abon-btn-start = ▶️ Start
abon-btn-complete = 🏁 Complete
abon-done-agreed = The request is agreed and passed to the centre.
abon-done-returned = The request went back to the school with your comment.
abon-done-accepted = The request is accepted: the curator is attached, the agreement is ready to sign.
abon-done-signed = The agreement is recorded as signed.
abon-done-started = The subscription is running.
abon-done-completed = The subscription is completed.
abon-ask-comment = Write a comment for the school: what to correct in the request (up to { $max } characters).

# ---- the centre's acceptance
abon-accept-head = ✅ <b>Accept request No. { $id }</b>
abon-accept-curator = Choose the curator — a methodist of the centre:
abon-accept-hours =
    The ordered volume in hours: three numbers separated by spaces — <b>in-person remote self-study</b>.
    The school asks for: { $asked }
abon-btn-as-asked = As the school asks ▶️
abon-accept-year = The agreement's school year:
abon-accept-check =
    Curator: { $curator }
    Volume: { $hours }
    Period: { $year }
abon-btn-accept-go = ✅ Accept

# ---- the plan
abon-plan-head =
    🗓 <b>The school's plan</b> · { $school }
    { $year } · { $status }
abon-plan-hours =
    <b>Ordered:</b> { $ordered }
    <b>Planned:</b> { $planned }
    <b>Delivered:</b> { $delivered }
abon-plan-empty = No events in the plan yet.
abon-plan-item = • { $title } — { $when } · { $hours } h{ $cancelled ->
    [1] {" "}· ❌ cancelled
   *[other] {""}
}{ $held ->
    [1] {" "}· ✅ held, attended: { $attended }
   *[other] {""}
}{ $moved ->
    [0] {""}
   *[other] {" "}· 🔁 moved: { $moved }
}
abon-btn-add = ➕ Add an event
abon-btn-create-event = ➕ Create a school event
abon-btn-moves = 🔁 Transfers
abon-add-choose = The school's events this school year not yet in the plan:
abon-add-none = No suitable events. Create a school event (organiser: the school) with the button below and come back here.
abon-add-event =
    <b>{ $title }</b>
    { $when }
    The event's hours: { $hours }
abon-btn-put = ✅ Add with these hours
abon-btn-other-hours = ✏️ Other hours
abon-add-for = <b>For whom:</b> { $group }
abon-plan-item-for = {"   "}👥 for: { $group }
abon-subgroup-position = subgroup: { $name }
abon-subgroup-subject = subgroup: teachers of «{ $name }»
abon-error-subgroup = The school's request has no such subgroup: pick one from the list or the whole staff.
abon-ask-item-hours =
    How many hours of this event count towards the subscription? Three numbers separated by spaces: in-person remote self-study.
    Left in the order: { $left }
abon-done-added = «{ $title }» is in the plan.
abon-item-card =
    <b>{ $title }</b>
    Takes place: { $when }
    Date in the agreement's plan: { $planned }
    Hours: { $hours }
abon-btn-move = 🔁 Move
abon-btn-remove = 🗑 Remove from the plan
abon-remove-ask = Remove «{ $title }» from the plan? The event itself stays in the catalogue.
abon-btn-remove-yes = 🗑 Yes, remove
abon-done-removed = The event is removed from the plan.
abon-ask-move =
    Moving «{ $title }» (now { $when }). Write the new date, e.g. <code>{ $earliest }</code> — from { $earliest } to { $latest }. The times stay, the registered teachers are told; the agreement does not change.
abon-done-moved = «{ $title }» is moved. The transfer is in the plan's history.
abon-moves-head = 🔁 <b>Transfers</b> · { $school }
abon-move-line = • { $title }: { $old } → { $new } (moved { $at })
abon-move-agreement = {"  "}date in the agreement: { $planned }

# ---- notices
abon-alert-submitted = 📚 { $resubmitted ->
    [1] The school «{ $school }» corrected its request for a methodical subscription and asks you to agree it again.
   *[other] The school «{ $school }» asks you to agree its request for a methodical subscription.
}
abon-notice-returned = ↩️ The request of «{ $school }» for a methodical subscription was returned ({ $reviewer }): { $comment }
abon-notice-accepted = ✅ The request of «{ $school }» for a methodical subscription is accepted by the centre. Curator: { $curator }.
abon-notice-curator = 📚 You are the curator of the methodical subscription of «{ $school }». Build the school's plan of events.

# ---- the agreement's document
abon-doc-caption = 📄 Agreement on a methodical subscription · { $school }
abon-doc-title = AGREEMENT on a methodical subscription
abon-doc-number = No. { $id } · { $status }
abon-doc-parties-head = 1. Parties
abon-doc-parties = { $three ->
    [1] { $school } (the School), { $municipality } (the Municipality) and { $centre } — the regional centre (the Centre) have made this three-party agreement.
   *[other] { $school } (the School) and { $centre } — the regional centre (the Centre) have made this two-party agreement.
}
abon-doc-subject-head = 2. Subject and term
abon-doc-subject = The Centre trains the School's teaching staff at the School as a methodical subscription from { $start } to { $end }. Moving an event's date does not change the agreement.
abon-doc-topics = Directions: { $groups }. Topics: { $topics }.
abon-doc-volume-head = 3. Ordered volume, hours
abon-doc-kind = Kind of hours
abon-doc-hours = Hours
abon-doc-total = Total
abon-doc-curator = The Centre's curator: { $name }
abon-doc-plan-head = Appendix. The school's plan
abon-doc-plan-n = No.
abon-doc-plan-event = Event
abon-doc-plan-date = Date
abon-doc-plan-hours = Hours: in person / remote / self-study
abon-doc-plan-empty = The plan is made by the curator and agreed with the School.
abon-doc-sign-head = 4. Signatures
abon-doc-party-school = For the School
abon-doc-party-municipality = For the Municipality
abon-doc-party-centre = For the Centre
abon-doc-sign-line = ____________________ / ____________________ /   date ____________

# ---- errors
abon-error-no-access = This subscription is not yours to see.
abon-error-not-school = Only the school's coordinator files its request.
abon-error-not-curator = The subscription's plan is built by its curator.
abon-error-not-editable = Only your school's returned request can be corrected.
abon-error-not-found = Request not found — it may have been deleted.
abon-error-item-not-found = No such event in the plan.
abon-error-wrong-status = Not available now: the request is «{ $status ->
    [submitted] submitted
    [returned] returned
    [agreed_municipality] agreed by the municipality
    [accepted] accepted by the centre
    [agreed] agreement signed
    [running] running
   *[other] completed
}».
abon-error-open-exists = «{ $school }» already has an open request. Open it in «Methodical subscription».
abon-error-incomplete = The request is not complete: { $step ->
    [reason] choose the reason
    [groups] mark at least one competence group
    [hours] give the hours
   *[other] mark the months
}.
abon-error-groups-none = Mark at least one competence group.
abon-error-months-none = Mark at least one month.
abon-error-hours-format = Could not read the hours. Write up to three numbers separated by spaces, e.g. <code>36 12 24</code>.
abon-error-hours-zero = There must be more than zero hours.
abon-error-hours-max = Too many hours: at most { $max } of one kind.
abon-error-topics-short = The topics are too short — at least { $min } characters.
abon-error-topics-long = Too long: { $length } characters, up to { $max } allowed. Shorten it and send again — your message is still in the chat above.
abon-error-note-empty = Write the group in words.
abon-error-note-long = Too long: { $length } characters, up to { $max } allowed.
abon-error-comment-short = The comment is too short — at least { $min } characters.
abon-error-comment-long = The comment is too long: { $length } characters, up to { $max } allowed.
abon-error-need-text = A text answer is needed here.
abon-error-form-gone = This form is closed. Open «Methodical subscription» again.
abon-error-curator = Only a methodist of the region's centre can be the curator.
abon-error-no-curators = The region has no methodists of the centre in the bot. Grant the «regional coordinator» role in «My territory» → roles.
abon-error-year = The agreement is made for the current or the next school year.
abon-error-no-agreement = The agreement appears once the centre accepts the request.
abon-error-event-cancelled = The event «{ $title }» is cancelled.
abon-error-event-elsewhere = «{ $title }» does not take place at this school.
abon-error-event-outside = «{ $title }» is outside the agreement's school year.
abon-error-event-twice = «{ $title }» is already in the plan.
abon-error-item-held = «{ $title }» has been held — it cannot be removed from the plan.
abon-error-over-volume = The plan would exceed the order: { $kind ->
    [in_person] in-person
    [remote] remote
   *[other] self-study
} hours would be { $planned }, ordered { $ordered } (left { $free }). Give fewer hours or change the volume by agreement of the parties.
abon-error-transfer-same = That is the same date — choose another.
abon-error-transfer-started = «{ $title }» has started — it cannot be moved.
