# Certificates of participation (handlers/certificates, domain/certificates)
cert-btn-mine = 📄 Certificate of participation
cert-btn-download = 📄 Download the certificate
cert-btn-issue-all = Certificates to all
cert-btn-verify-again = Check another number
cert-notice-issued = 📄 You have been issued a certificate of participation in «{ $title }», number { $number }.
cert-caption = Certificate of participation: { $title }, No. { $number }
cert-issued-all = Certificates issued: { $issued } new, { $attendees } attendees in all. Every new holder is notified.
cert-error-not-attended = A certificate is issued to those whose attendance the organiser marked.
cert-error-not-found = Certificate not found.
cert-error-garbled = That does not look like a certificate number. It looks like this: 2026-K7QX-3MPA (a year and eight letters and digits).
cert-verify-ask = Enter the certificate number, e.g. 2026-K7QX-3MPA. /cancel to stop.
cert-verify-cancelled = Check cancelled.
cert-verify-unknown = ❌ No certificate with number { $number }. Check that the number is typed correctly.
cert-verify-valid =
    ✅ <b>Certificate { $number } is valid.</b>
    Participant: { $name }
    Event: «{ $title }»
    { $dates }
    { $hours }
    Organiser: { $organiser }
    Issued: { $issued }
cert-doc-title = CERTIFICATE
cert-doc-subtitle = of participation
cert-doc-confirms = This is to certify that
cert-doc-took-part = took part in the event
cert-doc-form = Form: { $form }
cert-date = Date: { $date }
cert-dates = Dates: { $start } to { $end }
cert-hours = Volume: { $total } h, including { $kinds }
cert-hours-total = Volume: { $total } h
cert-hours-in_person = in person — { $hours }
cert-hours-remote = remote — { $hours }
cert-hours-self_study = self-study — { $hours }
cert-doc-organiser = Organiser: { $organiser }
cert-doc-number = Registration number: { $number }
cert-doc-issued = Issued: { $date }
cert-doc-verify = Check authenticity: the command /verify { $number } in the «Маршрут» bot
cmd-verify = Check a certificate by its number
