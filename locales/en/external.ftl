ext-intro = 📋 <b>External diagnostics</b>: the result of a diagnosis run by a regional centre or another operator.
ext-ask-date = When was the diagnosis? Pick a day or type the date (dd.mm.yyyy).
ext-ask-operator = Who ran the diagnosis (the operator)? For example: the regional teacher development centre. At most { $max } characters.
ext-ask-instrument = What is the diagnostic instrument called (test, method)? At most { $max } characters.
ext-ask-percent = Result for «{ $group }», % (0 to 100): tap a button or type a number.
ext-ask-indicators = Mark the indicators where the diagnosis found a deficit (if the operator named them) and tap «Done».
ext-no-indicators = Every group is at the threshold or above: no deficits. Tap «Done».
ext-summary =
    Check the external diagnosis result
    Teacher: <b>{ $name }</b>
    Date: { $date }
    Operator: { $operator }
    Instrument: { $instrument }
ext-summary-group = { $group }: { $percent } %
ext-summary-indicators = Indicators with a deficit marked: { $count }
ext-saved = ✅ The external diagnosis result is saved. The IEM can be built on it.
ext-saved-for = ✅ The external diagnosis result is saved; the teacher will be notified.
ext-cancelled = External diagnosis entry cancelled; nothing was saved.
ext-btn-route = 🧭 My IEM
ext-btn-own = 📋 My own result
ext-btn-enter = 📋 Enter an external diagnosis
ext-pick-teacher = Whose external diagnosis result? Pick a teacher or type part of the surname.
ext-no-teachers = No teachers found. Type part of the surname again.
ext-error-text = Answer with text or tap a button.
ext-error-operator-empty = Write who ran the diagnosis.
ext-error-operator-long = Too long: { $length } characters, at most { $max }.
ext-error-instrument-empty = Write the instrument's name.
ext-error-instrument-long = Too long: { $length } characters, at most { $max }.
ext-error-percent = A number from 0 to 100 is needed, e.g. 65 or 72.5.
ext-error-future = The diagnosis date cannot be in the future.
ext-error-old = A diagnosis older than five years does not fit an IEM.
ext-error-groups = Give the result for at least one competence group.
ext-error-indicator = The self-diagnosis instrument has no such indicator.
ext-error-no-teacher = Teacher not found.
ext-error-out-of-scope = Results can be entered only for teachers of your school or territory.
ext-notice-entered = 📋 Your external diagnosis result was entered: { $operator }, { $date }. The IEM can be built on it.
route-error-source = Choose the diagnosis to build the IEM on.
route-error-no-external = There is no external diagnosis result.
route-home-external-only = No self-diagnosis yet, but there is an external diagnosis result: the IEM can be built on it.
route-btn-build-self = 🧭 On the self-assessment
route-btn-build-external = 📋 On the external diagnosis ({ $date }, { $operator })
route-btn-rebuild-self = 🔄 On the self-assessment
route-btn-rebuild-external = 📋 On the external diagnosis ({ $date }, { $operator })
route-doc-diag-external = Diagnosis: external, operator — { $operator }, date — { $date } (instrument «{ $instrument }»)
ask-education = Education:
edit-education = Education
education-higher_ped = Higher, pedagogical
education-higher_other = Higher, non-pedagogical
education-vocational_ped = Vocational, pedagogical
education-other = Other
ext-intro-edit = ✏️ <b>Correcting the external diagnosis result</b> of { $date } ({ $operator }). At every step «Keep as is» keeps the previous value.
ext-edited = Last corrected: { $who }, { $at }.
ext-summary-correcting = ✏️ <b>Correcting the result</b>
ext-corrected = ✅ The external diagnosis result is corrected. An IEM built on it shows the corrected data.
ext-corrected-for = ✅ The external diagnosis result is corrected; the teacher will be notified.
ext-btn-new = ➕ A new result
ext-btn-correct = ✏️ Correct: { $date }, { $operator }
ext-pick-result = Enter a new external diagnosis result or correct one already entered?
ext-error-not-found = The external diagnosis result was not found.
ext-error-not-editor = A coordinator entered this result: they or another coordinator of your school can correct it. Write to them what needs fixing.
ext-error-correct-scope = Results can be corrected only for teachers of your school or territory.
ext-notice-corrected = ✏️ Your external diagnosis result was corrected: { $operator }, { $date }. An IEM built on it shows the corrected data.
route-card-basis-external = Basis: external diagnosis — { $operator }, { $date }
route-btn-correct-external = ✏️ Correct the external diagnosis
route-ask-analysis-external =
    <b>IEM section 3 — self-analysis of the external diagnosis</b> ({ $operator }, { $date }, instrument «{ $instrument }»), related to the students' results.
    Results: { $groups }
    Now: { $current }

    Write the text in one message (10 to 3000 characters).
route-doc-analysis-basis = Basis of the self-analysis — external diagnosis: operator — { $operator }, date — { $date }, instrument «{ $instrument }».
route-doc-diag-corrected = The external diagnosis result was corrected on { $date }.
