# «Методический абонемент», second slice: the centre's bank notices, the changed volume,
# completion and the school's report, certificates, the territory's figures

# ---- notices
abon-alert-bank = 🏦 A request for a methodical subscription reached the centre's bank: «{ $school }» ({ $three ->
    [1] agreed by the municipality
   *[other] two-party agreement
}). Attach a curator and the volume.
abon-alert-bank-info = 🏦 A request for a methodical subscription of «{ $school }» reached the centre's bank. The centre will attach a curator.
abon-notice-mun-agreed = ✅ The municipality agreed the request of «{ $school }» for a methodical subscription and passed it to the centre.
abon-notice-signed = 🖊 The agreement on the methodical subscription of «{ $school }» is signed by every party.
abon-btn-notice-acc = ✅ Accept: curator and volume
abon-btn-notice-chg = 📜 Changes of volume and topics
abon-notice-change = { $kind ->
    [topics] 🧭 A change of the topics (competences) of the methodical subscription of «{ $school }» is proposed ({ $who }); the volume stays. Reason: { $reason }
   *[volume] 📐 A change of the volume of the methodical subscription of «{ $school }» is proposed ({ $who }): { $in_person } / { $remote } / { $self_study }. Reason: { $reason }
}
abon-notice-change-decided = { $kind ->
    [topics] { $accepted ->
        [1] ✅ The change of the subscription's topics of «{ $school }» is accepted ({ $who }).
       *[other] ✖️ The change of the subscription's topics of «{ $school }» is declined ({ $who }).
    }
   *[volume] { $accepted ->
        [1] ✅ The change of the subscription's volume of «{ $school }» is accepted: { $in_person } / { $remote } / { $self_study }.
       *[other] ✖️ The change of the subscription's volume of «{ $school }» is declined ({ $who }).
    }
}
abon-notice-completed = 🏁 The methodical subscription of «{ $school }» is completed. The school's report is on the subscription's card.

# ---- the changed volume
abon-btn-change = 📐 Change the volume
abon-btn-changes = 📜 Changes of volume and topics
abon-btn-change-accept = ✅ Accept the change
abon-btn-change-decline = ✖️ Decline
abon-change-head = 📜 <b>Changes of the agreement: volume and topics</b> · { $school }
abon-change-current = <b>Volume in force:</b> { $hours }
abon-change-planned = <b>Planned:</b> { $hours }
abon-ask-change-hours = Type the new volume as three numbers: in person, remote, self-study — e.g. <code>40 10 20</code>. The volume cannot be below the plan.
abon-ask-change-reason = Type the reason for the change (up to { $max } characters) — the other side will see it.
abon-change-pending = { $kind ->
    [topics] ⏳ <b>Awaiting a decision — topics:</b> { $old } → { $new } (the volume stays) — proposed by { $who } { $when }. Reason: { $reason }
   *[volume] ⏳ <b>Awaiting a decision:</b> { $hours } — proposed by { $who } { $when }. Reason: { $reason }
}
abon-change-line = { $kind ->
    [topics] { $when } · topics: { $old } → { $new } · { $status } · { $who }: { $reason }
   *[volume] { $when } · { $old } → { $new } · { $status } · { $who }: { $reason }
}
abon-change-status = { $status ->
    [pending] awaiting a decision
    [accepted] accepted
   *[declined] declined
}
abon-changes-empty = Neither the volume nor the topics have been changed.
abon-done-change-proposed = The proposal is sent to the other side.
abon-done-change-accepted = { $kind ->
    [topics] The topics are changed.
   *[volume] The volume is changed.
}
abon-done-change-declined = The proposal is declined.
abon-error-change-status = The volume or the topics may change after the agreement is signed and before the subscription is completed.
abon-error-change-pending = A proposal is already awaiting the other side's decision.
abon-error-change-same = This is the volume in force now.
abon-error-change-below-plan = The new volume is below the plan: { $kind ->
    [in_person] in-person
    [remote] remote
   *[other] self-study
} hours planned { $planned }, proposed { $proposed }. Remove events from the plan first.
abon-error-change-gone = This proposal is already decided or withdrawn.
abon-error-change-own = The other side of the agreement decides.
abon-action-volume_proposed = a change of volume proposed
abon-action-volume_changed = volume changed
abon-action-volume_declined = a change of volume declined
abon-btn-change-topics = 🧭 Change the topics
abon-change-topics = <b>Topics (competences):</b> { $groups }
abon-ask-change-topics = Tick the competence groups the school will work on from now (the volume in hours stays) and press «Done».
abon-error-topics-same = These are the topics in force now: change the choice.
abon-error-topics-empty = Tick at least one competence group.
abon-error-topics-buttons = Tick the groups with the buttons under the message and press «Done».
abon-action-topics_proposed = a change of topics proposed
abon-action-topics_changed = topics changed
abon-action-topics_declined = a change of topics declined

# ---- completion, the report, certificates
cert-doc-form-abonement = Form: methodical subscription (training of the teaching staff at the workplace)
abon-error-complete-early = The subscription can be completed when every plan event is held or after the school year ends ({ $end }).
abon-error-no-report = The report appears once the agreement is signed.
abon-done-certificates = Certificates issued: { $count }.
abon-btn-report = 📊 Results and report
abon-btn-report-docx = 📄 Report DOCX
abon-btn-report-xlsx = 📊 Report XLSX
abon-shift-none = 🩺 The school's teachers have not taken the diagnosis yet — nothing to compare «before» and «after».
abon-shift-head = 🩺 <b>The staff's diagnosis: share of teachers with deficits</b> (before — { $before }, after — { $after })
abon-shift-line = • { $group }: before { $before } %, after { $after } %
abon-shift-line-before = • { $group }: before { $before } %
abon-rep-caption = 📊 Report on the methodical subscription · { $school }
abon-rep-title = REPORT on the methodical subscription
abon-rep-subtitle = { $school } · { $centre } · { $start } — { $end } · { $status }
abon-rep-totals = Hours (in person / remote / self-study): ordered { $ordered }; planned { $planned }; held { $held }.
abon-rep-measured = Diagnosed at the start: { $before }; repeated: { $after }.
abon-rep-plan-head = 1. Plan events
abon-rep-n = No.
abon-rep-event = Event
abon-rep-event-for = { $title } ({ $group })
abon-rep-date = Date in the plan
abon-rep-planned = Planned
abon-rep-held = Held
abon-rep-attended = Attended
abon-rep-listeners-head = 2. Listeners and their hours
abon-rep-name = Full name
abon-rep-events = Events
abon-rep-total = Total hours
abon-rep-diagnosis-head = 4. The staff's diagnosis: share of teachers with deficits
abon-rep-group = Competence group
abon-rep-before = Before
abon-rep-after = After
abon-rep-none = No data.
abon-rep-sheet-plan = Plan
abon-rep-sheet-listeners = Listeners
abon-rep-sheet-diagnosis = Diagnosis
abon-rep-screen-head = 📊 <b>Subscription results</b> · { $school } · { $status }
abon-rep-screen-events = Events held: { $held } of { $total }; attendance marks: { $attended }.
abon-rep-screen-listeners = <b>Listeners ({ $count }), met the threshold: { $met }:</b>
abon-rep-screen-listener = • ✅ { $name } — { $hours }
abon-rep-screen-listener-below = • { $name } — { $hours } (below the threshold: no certificate)
abon-rep-screen-no-listeners = No listeners yet: attendance is marked at the plan's events.

# ---- the territory's figures
abon-btn-figures = 📚 Subscriptions by municipality
abon-fig-head = 📚 <b>Methodical subscriptions by municipality</b>
abon-fig-line = <b>{ $municipality }</b> — subscriptions: { $total } ({ $statuses })
    Schools in the programme: { $schools }
    Hours agreed: { $agreed }
    Held: { $held }
    Teachers covered: { $covered }
abon-fig-empty = No subscriptions yet in the municipalities of your territory ({ $units }).
cert-doc-abon-title = CERTIFICATE
cert-doc-abon-subtitle = of a listener of the methodical subscription
cert-doc-abon-took-part = was trained at the workplace with the school's teaching staff

# ---- the certificate threshold (issue 18, third slice)
abon-threshold-card = 🎓 Certificate: at least { $percent } % of the plan's hours.
abon-threshold-line = 🎓 Certificate threshold: { $percent } % of the plan's hours — { $hours } h.
abon-threshold-ask = { $line }

    Listeners who attended at least this share of the hours of the plan's events (cancelled ones do not count) get a certificate. The threshold can be changed until the subscription is completed. Choose the share:
abon-btn-threshold = 🎓 Certificate threshold: { $percent } %
abon-done-threshold = Certificate threshold: { $percent } % of the plan's hours.
abon-error-threshold = Choose the threshold with a button: { $choices } %.
abon-error-threshold-closed = The subscription is completed: the threshold its certificates followed no longer changes.
abon-action-threshold = certificate threshold changed
abon-rep-met = Certificate threshold
abon-rep-yes = met
abon-rep-below = not met: { $hours } h of { $need } h — no certificate
abon-rep-threshold = A certificate is issued to listeners who attended at least { $percent } % of the plan's hours ({ $hours } h).
abon-rep-feedback-head = 3. Listeners' feedback: average usefulness score (1–5)
abon-rep-average = Average score
abon-rep-answered = Scored
abon-rep-asked = Asked
abon-rep-overall = All plan events
abon-rep-sheet-feedback = Feedback
abon-rep-screen-feedback = <b>Feedback:</b> average score { $average } of 5 (scored by { $answered } of { $asked })
abon-rep-screen-feedback-event = • { $title } — { $average } (scores: { $answered })
abon-rep-screen-no-feedback = No feedback on the plan's events yet.

# ---- the staff's diagnosis at the start and the repeat near the end (000 §VIII)
abon-btn-diag-start = 🩺 Start diagnosis
abon-btn-diag-final = 🩺 Final diagnosis
abon-btn-diag-progress = 📈 { $stage ->
    [start] Start progress
   *[other] Final progress
}
abon-btn-diag-go = 🚀 Launch
abon-btn-diag-other-date = 📅 Another deadline
abon-diag-title = { $stage ->
    [start] Staff start diagnosis
   *[other] Staff final diagnosis
} · { $school }
abon-diag-ask = 🩺 <b>{ $stage ->
    [start] Start diagnosis
   *[other] Final diagnosis
}</b> · { $school }

    A competence self-diagnosis for the school's whole teaching staff: { $invited } teachers get the invitation in the bot, reminders come 3 days in and a day before the deadline. The request's target groups do not narrow it: the subscription's result is the whole staff's change.{ $stage ->
    [start] {""}
   *[other] {" "}The comparison covers the teachers who took both.
}

    Until which day? Pick a deadline with a button or a day in the calendar, or type a date: 31.12 or 31.12.2026 (from { $earliest } to { $latest }).
abon-diag-quick = { $days ->
    [7] A week
    [14] Two weeks
   *[other] A month
} · until { $until }
abon-diag-confirm = 🩺 <b>{ $stage ->
    [start] Start diagnosis
   *[other] Final diagnosis
}</b> · { $school }

    From today until { $until } inclusive.
    Teachers invited: { $invited }.

    Launch it?
abon-done-diag = { $stage ->
    [start] The start diagnosis is launched
   *[other] The final diagnosis is launched
}: { $total } teachers invited, deadline { $until }.
abon-diag-campaign = 🩺 { $stage ->
    [start] Start diagnosis
   *[other] Final diagnosis
}: { $start } — { $end }, { $done } of { $total } done ({ $running ->
    [1] running
   *[other] over
})
abon-diag-result-head = <b>The subscription's result: share of teachers with deficits</b> (took both diagnoses: { $people }; fewer deficits: { $shrank })
abon-diag-result-line = • { $group }: { $before } % → { $after } % ({ $delta })
abon-diag-result-nobody = Both diagnoses are launched, but no teacher has taken both yet — nothing to compare.
abon-diag-result-live = The final diagnosis is still running: the figures change as teachers take it.
abon-diag-fallback = { $started ->
    [1] The staff's final diagnosis has not been held yet.
   *[other] The staff's start and final diagnoses were not launched.
} Below: the diagnoses the school's teachers took on their own before the period's start and during it.
abon-error-diag-status-start = The start diagnosis can be launched once the agreement is signed: the subscription is agreed or running.
abon-error-diag-status-final = The final diagnosis can be launched while the subscription is running or after it is completed.
abon-error-diag-launched = { $stage ->
    [start] The start diagnosis is already launched
   *[other] The final diagnosis is already launched
} (deadline { $until }). Its progress is on the subscription's card.
abon-error-diag-start-first = The start diagnosis comes first: the final one is compared with it.
abon-error-diag-start-running = The final diagnosis can be launched after the start one ends ({ $until }): their windows must not overlap.
abon-error-diag-final-early = The final diagnosis can be launched from { $opens } — the last months of the school year — or earlier, once every plan event is over.
abon-error-diag-deadline = Pick a deadline from { $earliest } to { $latest }.
abon-error-diag-need-date = A date is needed: pick a deadline with a button or type it, e.g. 31.12.
abon-error-diag-nobody = Nobody to invite: no teacher of the school would get the invitation in the bot (none registered, or all blocked it). Invite the staff to the bot and launch the diagnosis again.
abon-action-diagnosis_start = the staff's start diagnosis launched
abon-action-diagnosis_final = the staff's final diagnosis launched
abon-notice-diagnosis = 🩺 The centre launched the { $stage ->
    [start] start diagnosis
   *[other] final diagnosis
} of the staff of «{ $school }»: { $total } teachers invited, deadline { $until }. Progress and result are on the subscription's card.
abon-rep-diag-campaigns = Start diagnosis: { $start } — { $end }, { $done } of { $total } done. Final: { $final_start } — { $final_end }, { $final_done } of { $final_total } done. Took both: { $people }; fewer deficits: { $shrank }.
abon-rep-change = Change, pp
