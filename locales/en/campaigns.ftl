# Monitoring campaigns and surveys (handlers/campaigns, domain/campaigns, domain/surveys)

menu-campaigns = 📋 Surveys and monitoring
camp-btn-section = 📋 Surveys and monitoring
camp-home-title = 📋 <b>Surveys and monitoring</b>
camp-home-none = No campaigns are open for you right now.
camp-btn-new = ➕ New campaign
camp-btn-list = 📊 Campaigns
camp-btn-upload = 📤 Upload a survey
camp-kind = { $kind ->
    [survey] survey
   *[other] self-diagnosis
}
camp-card =
    📋 <b>{ $title }</b>
    What: { $kind ->
        [survey] a survey
       *[other] self-diagnosis of professional competences
    }
    Dates: { $start } — { $end }
    { $anonymous ->
        [1] Results are anonymous: your name is not shown in reports.
       *[other] Coordinators of your territory see the results.
    }
    { $state ->
        [done] ✅ Done — thank you!
        [open] ⏳ Not done yet.
       *[other] The campaign is closed.
    }
camp-btn-take = ▶️ Take it
camp-btn-optout = 🔕 No reminders
camp-opted-out = No more reminders about this campaign.
camp-q-head = 📋 { $title } · question { $n } of { $total }
camp-q-hint-multi = Tick what applies and press «Done».
camp-q-hint-number = Type a number from { $min } to { $max }.
camp-q-hint-text = Type your answer as a message.
camp-btn-skip = ⏭ Skip
camp-btn-pause = ⏸ Continue later
camp-survey-done = ✅ Survey «{ $title }» done. Thank you for your answers!
camp-error-stale = This button is out of date — here is the current question.
camp-error-answer-required = This question needs an answer.
camp-error-answer-option = There is no such option.
camp-error-answer-options = Tick at least one option.
camp-error-answer-number = A number is needed, e.g. 12.
camp-error-answer-range = The number must be from { $min } to { $max }.
camp-error-answer-empty = The answer is empty — write a few words.
camp-error-answer-long = The answer is too long: 1000 characters at most.
camp-error-not-found = The campaign is not found or not available to you.
camp-error-closed = The campaign is closed (or has not started yet).
camp-error-past = The start date has passed — choose today or later.
camp-error-days = A campaign lasts { $max } days at most.
camp-error-no-survey = The survey is not found.
camp-error-draft = The campaign set-up was lost — please start again.
camp-error-already-done = This teacher is already done.
camp-error-pair = Compare two different self-diagnosis campaigns.

## set-up
camp-kind-diagnosis = 🧭 Competence self-diagnosis
camp-new-what = ➕ <b>New campaign</b>
    Step 1 of 5. What is it?
camp-new-who = Step 2 of 5. Whom do we invite? The whole territory or one of its units.
camp-new-when = Step 3 of 5. When does it start?
camp-start-0 = Today, { $date }
camp-start-1 = Tomorrow, { $date }
camp-start-7 = In a week, { $date }
camp-new-length = Step 4 of 5. How many days does it last?
camp-days = { $days } days
camp-new-anon = Step 5 of 5. Anonymous results? (Anonymous results are shown for groups of 5 or more only.)
camp-anon-yes = 🙈 Anonymous
camp-anon-no = 👤 With names
camp-new-summary =
    <b>Check the campaign</b>
    What: { $kind ->
        [survey] a survey
       *[other] self-diagnosis
    }
    Whom: { $org }
    Dates: { $start } — { $end }
    { $anonymous ->
        [1] Anonymous
       *[other] With names
    }
    Reminders (quiet hours respected):
camp-stage-start = invitation on the first day
camp-stage-day3 = after 3 days
camp-stage-before-end = a day before the end
camp-btn-launch = 🚀 Launch
camp-title-diagnosis = Self-diagnosis from { $start }
camp-launched = ✅ Campaign #{ $id } «{ $title }» launched. Invited: { $total }.
camp-scheduled = 🗓 Campaign #{ $id } «{ $title }» is scheduled: invitations go out on its first day.
camp-btn-progress = 📊 Progress

## coordinators
camp-list-title = 📊 <b>Campaigns</b>
camp-list-none = No campaigns yet.
camp-view =
    📊 <b>#{ $id } { $title }</b> ({ $kind ->
        [survey] survey
       *[other] self-diagnosis
    }{ $anonymous ->
        [1] , anonymous
       *[other] {""}
    })
    { $start } — { $end } · { $status ->
        [open] running
        [closed] finished
        [cancelled] cancelled
       *[other] scheduled
    }
    <b>{ $org }</b>: { $done } of { $total } done — { $share }
    { $bar }
camp-view-unit = • { $name }: { $done } of { $total } — { $share }
camp-btn-late = ⏳ Not done yet
camp-btn-results = 📈 Results
camp-btn-xlsx = 📥 XLSX
camp-btn-pair = 🔁 Input vs repeat
camp-btn-refresh = 🔄 Refresh
camp-late = ⏳ <b>{ $title }</b> · { $org }
    Not done: { $total }
camp-btn-nudge = 🔔 Remind: { $name }
camp-nudged = Reminder sent.
camp-nudged-already = A reminder was already sent today.
camp-res-unit = <b>{ $name }</b> — answered: { $n }
camp-res-hidden = hidden: fewer than { $min } answers (anonymous survey)
camp-res-mean = mean
camp-res-more = …and { $n } more
camp-res-diag = 📈 <b>{ $title }</b> · { $org }
    Took the self-diagnosis within the campaign: { $n }
camp-res-diag-unit = • { $name }: { $n } people, mean result { $total } %
camp-x-completion = Coverage
camp-x-unit = Unit
camp-x-total = Invited
camp-x-done = Done
camp-x-hidden = hidden (fewer than 5 answers)
camp-x-answers = Answers
camp-x-question = Question
camp-x-answer = Answer
camp-x-count = Count
camp-x-texts = Free answers
camp-x-diag = Results
camp-x-name = Name
camp-x-wait = Preparing the spreadsheet…
camp-x-caption = 📥 { $title }
camp-pair = 🔁 Compare with which campaign? (the earlier one is the input)
camp-pair-none = No other self-diagnosis campaign — nothing to compare with.
camp-cmp =
    🔁 <b>Input vs repeat diagnosis</b> · { $org }
    Took both: { $people }
    Fewer deficits: { $shrank } ({ $share })
camp-cmp-group = { $group }: { $before } % → { $after } % ({ $delta })
camp-group-subject = Subject
camp-group-methodological = Methodological
camp-group-psycho_pedagogical = Psycho-pedagogical
camp-group-communicative = Communicative
camp-cmp-units = <b>By unit</b> (mean result, before → after):
camp-cmp-top = <b>Reached 95–100 %</b>: { $n }
camp-cmp-remaining = <b>Most common remaining deficits</b>:
camp-cmp-chart = Mean result by competence group
camp-cmp-before = Input
camp-cmp-after = Repeat
camp-x-groups = Groups
camp-x-group = Competence group
camp-x-people = People
camp-x-units = Units
camp-x-top = 95–100 %
camp-x-remaining = Deficits
camp-x-indicator = Indicator

## survey upload
camp-upload-ask = 📤 Send the survey file (YAML or JSON, up to 128 KB). Example: domain/data/surveys/motives.yaml.
camp-upload-big = The file is over 128 KB — a survey is never that big, please check the file.
camp-upload-invalid = ❌ The survey was not uploaded, problems: { $n }
camp-upload-where = line { $line }, field { $field }
camp-upload-ok = ✅ Survey «{ $title }» uploaded, version { $version }, questions: { $n }.
srv-err-not-mapping = the file must describe a survey: fields code, title, questions
srv-err-extra = unexpected field «{ $name }»
srv-err-missing = the required field «{ $name }» is missing
srv-err-type-text = the field «{ $name }» must be text
srv-err-empty = empty value
srv-err-too-long = too long: { $max } characters at most
srv-err-code = code «{ $value }»: only latin a–z, digits and _
srv-err-questions = a non-empty list of questions is needed
srv-err-too-many = too many questions: { $max } at most
srv-err-type-map = a set of fields is expected here
srv-err-duplicate = the code «{ $value }» repeats
srv-err-kind = question kind: one of { $expected }
srv-err-type-bool = true or false is expected
srv-err-options = at least two options are needed
srv-err-options-many = too many options: { $max } at most
srv-err-options-kind = only single and multi questions have options
srv-err-type-int = a whole number is expected
srv-err-range = max must be greater than min
srv-err-scale-wide = a scale has 11 points at most
srv-err-skip-kind = «if …, skip to» is for single-choice questions only
srv-err-skip-shape = skip_if needs the fields answer and to
srv-err-skip-answer = there is no option «{ $value }»
srv-err-skip-target = skip to «{ $value }»: the code of a later question or end is needed

## notices
camp-notice-invite =
    📋 <b>{ $title }</b>
    You are invited to take { $kind ->
        [survey] a survey
       *[other] the professional competence self-diagnosis
    } by { $until }.
camp-notice-remind =
    🔔 Reminder: <b>{ $title }</b>
    The { $kind ->
        [survey] survey
       *[other] self-diagnosis
    } is open until { $until }.

## audience, rights, finishing early
camp-filters-title = 🎯 <b>Who</b> (the same filters as broadcasts)
camp-filters-none = Everyone who gave consent in the chosen part of the territory.
camp-btn-filters = 🎯 Audience filters
camp-reach =
    👥 Will be invited: <b>{ $invited }</b>
    Match the filters: { $matched } · blocked the bot: { $blocked }
camp-reach-nobody = ⚠️ Nobody matches these filters — change the filters or choose another part of the territory.
camp-error-nobody = Nobody to invite: no one matches the filters. Your set-up is kept — change the filters.
camp-error-read-only = This campaign is run at the regional level: you follow it for your territory but cannot change it.
camp-error-finished = The campaign has already finished or been cancelled.
camp-view-read-only = 👁 A regional campaign: you follow it for your territory and may remind your teachers, but cannot finish it.
camp-btn-finish = ⏹ Finish early
camp-btn-call-off = ✖️ Cancel the campaign
camp-btn-finish-yes = ✅ Yes
camp-finish-ask = { $status ->
        [open] Finish «{ $title }» early? It can no longer be taken; invitations and reminders not yet sent are cancelled.
       *[other] Cancel «{ $title }»? No invitations will go out.
    }
camp-finished = { $status ->
        [closed] ⏹ The campaign is finished: reminders not yet sent are cancelled.
       *[other] ✖️ The campaign is cancelled.
    }
