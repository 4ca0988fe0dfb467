# Feedback after an event (handlers/feedback, domain/feedback)
fb-notice-ask =
    📝 Вы были на мероприятии «{ $title }». Оцените его, пожалуйста: три коротких вопроса, необязательные можно пропустить.
fb-btn-open = Оставить отзыв
fb-title = 📝 Отзыв о мероприятии «{ $title }»
fb-ask-usefulness = Насколько мероприятие было полезным для вас? Оцените от 1 (бесполезно) до 5 (очень полезно).
fb-ask-apply = Что из услышанного вы примените на уроках? Напишите коротко или нажмите «Пропустить».
fb-ask-comment = Ваш комментарий организаторам: что понравилось, что улучшить. Напишите или нажмите «Пропустить».
fb-btn-skip = Пропустить
fb-thanks = Спасибо! Ваш отзыв сохранён и поможет организаторам.
fb-paused = Отзыв отложен, ответы сохранены. Продолжить можно кнопкой «Оставить отзыв» в уведомлении.
fb-error-not-found = Отзыв не найден.
fb-error-answered = На этот вопрос вы уже ответили.
fb-error-score = Выберите оценку от 1 до 5.
fb-error-required = Этот вопрос нельзя пропустить.
fb-error-empty = Ответ пустой. Напишите несколько слов или нажмите «Пропустить».
fb-error-long = Слишком длинный ответ: { $length } символов, можно до { $max }. Сократите, пожалуйста.
fb-error-text-only = Ответ нужен текстом.
fb-btn-organiser = Отзывы
fb-org-title = 📝 <b>Отзывы: { $title }</b>
fb-org-event = <b>Мероприятие:</b>
fb-org-organiser = <b>Организатор «{ $organiser }»</b> ({ $events ->
    [one] { $events } мероприятие с отзывами
    [few] { $events } мероприятия с отзывами
   *[other] { $events } мероприятий с отзывами
}):
fb-figures = средняя оценка { $average } из 5, оценили { $answered } из { $asked }
fb-figures-none = оценок пока нет (опрошено: { $asked })
fb-org-comments = <b>Комментарии:</b>
fb-org-comments-anon = <b>Комментарии</b> (анонимно):
fb-org-no-comments = Комментариев пока нет.
fb-org-score = оценка: { $score }
fb-org-apply = применит: { $text }
fb-org-comment = комментарий: { $text }
terr-dash-feedback = Отзывы о мероприятиях: средняя оценка { $average } из 5 ({ $answered })
