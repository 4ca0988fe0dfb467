# Self-diagnosis. Statements, the scale and the levels live in the instrument file
# (domain/data/instrument_default.yaml); everything else is here.

## Introduction and the section
diag-title = <b>🧭 Self-diagnosis</b>
diag-intro-head = { $count } statements about your work in four competence groups: { $groups }. It takes about { $minutes } min.
diag-intro-scale = Answer options:
diag-scale-line = <b>{ $label }</b> — { $hint }
diag-scale-line-plain = <b>{ $label }</b>
diag-intro-how = You can go back to the previous statement and change your answer, pause and continue later — every answer is saved at once. You will get a profile of strengths and deficits that your individual route (IEM) is built from.
diag-intro-privacy = 🔒 Your answers are seen only by you and the coordinators of your school, municipality and region.
diag-home-in-progress = You stopped at statement { $n } of { $total } ({ $answered } answers saved). Started on { $date }.
diag-home-last = Latest self-diagnosis — { $date }, on average <b>{ $total } %</b>:
diag-home-group = { $mark } { $group } — { $percent } %
diag-home-retake-at = You can take it again from { $date }.
diag-home-retake-unlocked = 🔓 An administrator has allowed you to retake the self-diagnosis early.
diag-too-early = You can retake the self-diagnosis from { $date } (at most once every { $days } days). If you need it sooner, contact an administrator.

## Buttons
diag-btn-start = ▶️ Start
diag-btn-continue = ▶️ Continue ({ $n } / { $total })
diag-btn-retake = 🔁 Take it again
diag-btn-result = 📊 My result
diag-btn-history = 🗂 History
diag-btn-analysis = ✍️ Self-analysis
diag-btn-admin = ⚙️ Diagnostic instrument
diag-btn-next = Next ▶️
diag-btn-pause = ⏸ Pause
diag-btn-submit = ✅ Finish and show the result
diag-btn-section = 🧭 Back to self-diagnosis
diag-btn-route = 🗺 My IEM
diag-btn-write = ✏️ Write
diag-btn-edit = ✏️ Edit
diag-btn-open = 🧭 Open self-diagnosis
diag-btn-download = ⬇️ Download the current file
diag-btn-upload = ⬆️ Upload a new one
diag-btn-reset = 🔓 Early retake
diag-btn-reset-confirm = ✅ Allow the retake
diag-btn-attempt = 📄 { $date } — { $total } %

## Statements
diag-q-header = <b>Self-diagnosis</b> · { $n } / { $total }
diag-q-where = <i>{ $group } · { $indicator }</i>
diag-q-current = Your answer: “{ $label }”. Choose another one or press “Next”.
diag-finish =
    <b>Self-diagnosis</b> · ✅ all { $total } statements answered.

    Submit your answers and see the result? To change something, go back with “Back”.
diag-submitted = ✅ Answers submitted.
diag-paused = ⏸ Paused. Your answers are saved ({ $answered } of { $total }). Continue any time: “Main menu” → “Self-diagnosis”.
diag-use-buttons = Please choose your answer with a button under the statement.
diag-stale = That button belongs to an earlier message. Here is the current statement:

## Result
diag-result-title = <b>📊 Self-diagnosis result</b> · { $date }
diag-result-instrument = <i>“{ $title }”, version { $version }</i>
diag-result-group = { $mark } <b>{ $group }</b> — { $percent } % · { $level }
diag-result-deficit = { "   " }▫️ { $indicator } — { $percent } %
diag-result-more = { "   " }…and { $count } more
diag-result-no-deficits = { "   " }no deficits
diag-result-legend = Under each group — its deficits (indicators below { $threshold } %), the most pressing first.
diag-result-compare = Changes compared with { $date }.
diag-change-up = ▲ +{ $delta }
diag-change-down = ▼ −{ $delta }
diag-change-same = = no change
diag-summary-title = <b>In short</b>
diag-summary-none = No deficits found: you are above the threshold in every group. Your strongest group is { $strong }. Consider sharing your experience: an open lesson, a master class, mentoring.
diag-summary-strong = { $count ->
        [one] Your strength is
       *[other] Your strengths are
    } { $strong }.
diag-group-quoted = “{ $name }”
diag-summary-focus = Work first on: { $focus }. { $count ->
        [one] { $count } deficit found
       *[other] { $count } deficits found
    }.
diag-next =
    <b>What next</b>
    • Your IEM is built from these deficits — see “My IEM”.
    • Events and courses for your deficits — under “Events”.
    • Write a self-analysis: how the results relate to your students' results.
diag-chart-caption = Competence profile · { $date }
diag-chart-caption-compare = Competence profile: { $date } (blue) and { $prev } (grey, dashed)
diag-chart-threshold = Deficit threshold { $threshold } %

## History
diag-history-title = <b>🗂 Self-diagnosis history</b>
diag-history-item = { $date } — <b>{ $total } %</b> ({ $groups }) · version { $version }
diag-history-empty = You have not taken the self-diagnosis yet.

## Self-analysis
diag-analysis-title = <b>✍️ Self-analysis of the diagnosis</b>
diag-analysis-about = IEM section 3: how the results of your self-diagnosis of { $date } relate to your students' results (national tests, exams, olympiads, ongoing marks): what is confirmed, what surprised you, what to pay attention to.
diag-analysis-current = Your self-analysis (edited { $date }):
diag-analysis-none = No self-analysis written yet.
diag-analysis-ask = Write your self-analysis in one message (at most { $max } characters). To cancel — /cancel.
diag-analysis-saved = ✅ Self-analysis saved.
diag-analysis-need-result = The self-analysis is about a self-diagnosis result — take the self-diagnosis first.

## Instrument administration
diag-admin-title = <b>⚙️ Diagnostic instrument</b>
diag-admin-active =
    Active: <b>“{ $title }”</b>, version <b>{ $version }</b> (since { $date }).
    Groups: { $groups }, indicators: { $indicators }, statements: { $statements }. Deficit threshold — { $threshold } %, retake at most once every { $days } days.
diag-admin-versions = Uploaded versions: { $list }
diag-admin-how = To replace the instrument, download the current file, edit it (be sure to change <code>version</code>) and upload it. Earlier results keep their version. From the command line: <code>python -m bot import-instrument FILE</code>.
diag-admin-upload-ask = Send the instrument file as a document: .yaml, .yml or .json, up to { $kb } KB. To cancel — /cancel.
diag-admin-upload-need-file = Please send a file as a document (.yaml, .yml or .json).
diag-admin-upload-ok = ✅ Instrument “{ $title }” version { $version } is uploaded and used for new attempts. Groups: { $groups }, indicators: { $indicators }, statements: { $statements }.
diag-admin-upload-same = ✅ Version { $version } with this content was uploaded before — it is active again.
diag-admin-upload-errors = ❌ The file was not accepted. { $count ->
        [one] { $count } problem found
       *[other] { $count } problems found
    } (list items are numbered from 1):
diag-admin-upload-more = …and { $count } more.
diag-admin-download-caption = The active instrument, version { $version }. Use it as a template for a new version.
diag-admin-reset-ask = Early retake. Type the teacher's full name (or part of it) or their Telegram ID.
diag-admin-reset-found = Choose the teacher:
diag-admin-reset-none = Nobody who took the self-diagnosis matches. Try another spelling or /cancel.
diag-admin-reset-candidate = { $name } · { $date }
diag-admin-reset-confirm = Allow { $name } to retake the self-diagnosis without waiting for the interval? Latest attempt — { $date }.
diag-admin-reset-done = ✅ Done: { $name } can retake the self-diagnosis. The teacher will be notified.
diag-problem-line = line { $line }
diag-problem = • { $where }: { $text }
diag-problem-file = • { $text }

## Problems in an instrument file
diag-ierr-missing = required field “{ $name }” is missing
diag-ierr-extra = unexpected field “{ $name }” — check the spelling
diag-ierr-empty = empty value
diag-ierr-too-long = too long: at most { $max } characters
diag-ierr-type-text = text expected
diag-ierr-pattern = invalid value: codes are lowercase Latin letters, digits and “_”, starting with a letter; a version is letters, digits, dots and hyphens
diag-ierr-type-int = a whole number expected
diag-ierr-type-number = a number expected
diag-ierr-range = the value must be { $bound }
diag-ierr-list-short = at least { $min } items needed
diag-ierr-list-long = at most { $max } items allowed
diag-ierr-type-list = a list expected (items start with “- ”)
diag-ierr-type-map = a set of “key: value” fields expected
diag-ierr-enum = invalid value; allowed: { $expected }
diag-ierr-other = { $msg }
diag-ierr-not-mapping = the file must start with top-level fields: format, code, version, title, scale, levels, deficit_below, groups
diag-ierr-groups = there must be exactly four groups, with codes: { $expected }
diag-ierr-scale-order = scale values (value) must go up, without repeats
diag-ierr-duplicate = “{ $value }” is repeated — codes and labels must be unique
diag-ierr-levels-first = the first level must start at 0
diag-ierr-levels-order = levels must go up by min_percent
diag-ierr-too-many = too many statements: at most { $max }
diag-ierr-file-type = “{ $name }”: a .yaml, .yml or .json file expected
diag-ierr-file-size = the file is larger than { $max } KB
diag-ierr-encoding = the file is not UTF-8 encoded
diag-ierr-syntax = syntax error: { $problem }
diag-ierr-version-taken = version “{ $version }” was already uploaded with different content — give a new version

## Errors
diag-error-stale = This button is out of date.
diag-error-incomplete = Not every statement is answered ({ $missing } left) — it cannot be submitted yet.
diag-error-value = There is no such answer option.
diag-error-too-early = You cannot retake the self-diagnosis yet.
diag-error-analysis-empty = Please write your self-analysis as text.
diag-error-analysis-short = Too short — at least { $min } characters.
diag-error-analysis-long = Too long: { $length } characters, at most { $max } allowed.
diag-error-search-empty = Type a full name (or part of it) or a Telegram ID.
diag-error-nothing-to-reset = This teacher has no completed self-diagnosis.

## Notifications
diag-notice-retake-unlocked = 🔓 You may retake the self-diagnosis now, without waiting for the interval.
