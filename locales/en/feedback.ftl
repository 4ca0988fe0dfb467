# Feedback after an event (handlers/feedback, domain/feedback)
fb-notice-ask =
    📝 You attended «{ $title }». Please rate it: three short questions, the optional ones can be skipped.
fb-btn-open = Give feedback
fb-title = 📝 Feedback on «{ $title }»
fb-ask-usefulness = How useful was the event for you? Rate from 1 (useless) to 5 (very useful).
fb-ask-apply = What will you apply in your lessons? Write briefly or press «Skip».
fb-ask-comment = Your comment for the organisers: what was good, what to improve. Write or press «Skip».
fb-btn-skip = Skip
fb-thanks = Thank you! Your feedback is saved and will help the organisers.
fb-paused = Feedback paused, your answers are saved. Continue with «Give feedback» in the notice.
fb-error-not-found = Feedback not found.
fb-error-answered = You have already answered this question.
fb-error-score = Choose a score from 1 to 5.
fb-error-required = This question cannot be skipped.
fb-error-empty = The answer is empty. Write a few words or press «Skip».
fb-error-long = The answer is too long: { $length } characters, up to { $max } allowed. Please shorten it.
fb-error-text-only = Please answer with text.
fb-btn-organiser = Feedback
fb-org-title = 📝 <b>Feedback: { $title }</b>
fb-org-event = <b>Event:</b>
fb-org-organiser = <b>Organiser «{ $organiser }»</b> ({ $events ->
    [one] { $events } event with feedback
   *[other] { $events } events with feedback
}):
fb-figures = average score { $average } of 5, rated by { $answered } of { $asked }
fb-figures-none = no scores yet (asked: { $asked })
fb-org-comments = <b>Comments:</b>
fb-org-comments-anon = <b>Comments</b> (anonymous):
fb-org-no-comments = No comments yet.
fb-org-score = score: { $score }
fb-org-apply = will apply: { $text }
fb-org-comment = comment: { $text }
terr-dash-feedback = Feedback on events: average score { $average } of 5 ({ $answered })
