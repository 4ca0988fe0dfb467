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
abon-btn-notice-chg = 📐 Change of volume
abon-notice-change = 📐 A change of the volume of the methodical subscription of «{ $school }» is proposed ({ $who }): { $hours }. Reason: { $reason }
abon-notice-change-decided = { $accepted ->
    [1] ✅ The change of the subscription's volume of «{ $school }» is accepted: { $hours }.
   *[other] ✖️ The change of the subscription's volume of «{ $school }» is declined ({ $who }).
}
abon-notice-completed = 🏁 The methodical subscription of «{ $school }» is completed. The school's report is on the subscription's card.

# ---- the changed volume
abon-btn-change = 📐 Change the volume
abon-btn-changes = 📜 Changes of volume
abon-btn-change-accept = ✅ Accept the change
abon-btn-change-decline = ✖️ Decline
abon-change-head = 📐 <b>Change of volume</b> · { $school }
abon-change-current = <b>Volume in force:</b> { $hours }
abon-change-planned = <b>Planned:</b> { $hours }
abon-ask-change-hours = Type the new volume as three numbers: in person, remote, self-study — e.g. <code>40 10 20</code>. The volume cannot be below the plan.
abon-ask-change-reason = Type the reason for the change (up to { $max } characters) — the other side will see it.
abon-change-pending = ⏳ <b>Awaiting a decision:</b> { $hours } — proposed by { $who } { $when }. Reason: { $reason }
abon-change-line = { $when } · { $old } → { $new } · { $status } · { $who }: { $reason }
abon-change-status = { $status ->
    [pending] awaiting a decision
    [accepted] accepted
   *[declined] declined
}
abon-changes-empty = The volume has not been changed.
abon-done-change-proposed = The proposal is sent to the other side.
abon-done-change-accepted = The volume is changed.
abon-done-change-declined = The proposal is declined.
abon-error-change-status = The volume may change after the agreement is signed and before the subscription is completed.
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
