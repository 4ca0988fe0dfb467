# Наставничество (сеть «открытого профессионализма», 003; форма ИОМ по 002 §II.8).

menu-mentoring = 🤝 Наставничество

## Раздел
mnt-home-title = <b>🤝 Наставничество</b>
mnt-home-my-mentors = <b>Мой наставник:</b>
mnt-home-my-mentees = <b>Мои наставляемые:</b>
mnt-home-line = • { $name }, { $school } — с { $start }{ $active ->
    [0] {" "}(завершено)
   *[other] {""}
}
mnt-home-none = Пар наставничества у вас пока нет. Наставника молодому специалисту назначает координатор школы (или муниципальный методист, если в школе координатора нет).
mnt-btn-new-pair = ➕ Новая пара
mnt-btn-scope = 👥 Пары в моей зоне

## Карточка пары
mnt-pair-title = <b>🤝 Пара наставничества</b>
mnt-pair-mentor = Наставник: <b>{ $name }</b>, { $school }
mnt-pair-mentee = Наставляемый: <b>{ $name }</b>, { $school }
mnt-pair-start = Начало: { $start }
mnt-pair-goals = <b>Цели (дефициты):</b>
mnt-pair-meetings = <b>Встречи:</b> { $count }, часов: { $hours }
mnt-meeting-line = • { $date } — { $topic }, { $hours } ч., оценка: { $rating }{ $file ->
    [0] {""}
   *[other] {" "}📎
}
mnt-pair-ended = 🏁 <b>Завершено { $date }.</b> Заключение наставника: { $conclusion }
mnt-btn-diagnosis = 📊 Диагностика
mnt-btn-route = 🗺 ИОМ
mnt-btn-meeting = ➕ Записать встречу
mnt-btn-end = 🏁 Завершить наставничество
mnt-btn-file = 📎 Файл встречи { $date }
mnt-btn-rate = ⭐ Оценить: { $date } { $topic }

## Данные наставляемого (только для наставника, только чтение)
mnt-diag-none = Наставляемый ещё не прошёл самодиагностику.
mnt-diag-title = <b>📊 Самодиагностика наставляемого от { $date }</b>
    Дефицитов: { $count }
mnt-route-none = У наставляемого пока нет ИОМ.
mnt-route-title = <b>🗺 ИОМ наставляемого</b> ({ $status }), { $start } — { $end }
mnt-route-activity = { "  " }◦ { $title } — { $status ->
    [done] выполнено
    [in_progress] в работе
    [dropped] исключено
   *[other] запланировано
}
mnt-group-subject = предметные
mnt-group-methodological = методические
mnt-group-psycho_pedagogical = психолого-педагогические
mnt-group-communicative = коммуникативные

## Журнал встреч
mnt-ask-day = <b>Когда была встреча?</b> Нажмите кнопку или введите дату в формате ДД.ММ.ГГГГ.
mnt-btn-today = Сегодня
mnt-btn-yesterday = Вчера
mnt-ask-topic = Встреча { $date }. <b>Тема встречи?</b> Напишите коротко (до 200 знаков).
mnt-ask-topic-again = <b>Тема встречи?</b> Напишите коротко (до 200 знаков).
mnt-ask-hours = <b>Сколько часов заняла встреча?</b> Нажмите кнопку или введите число, например 1,5.
mnt-ask-file = Приложите файл (план, конспект, фото) или нажмите «Без файла».
mnt-ask-file-again = Пришлите файл документом или фото — или нажмите «Без файла».
mnt-btn-no-file = Без файла ▶️
mnt-meeting-saved = ✅ Встреча записана. Часы ({ $hours }) зачтены вам и наставляемому.
mnt-cancelled = Отменено, ничего не записано.
mnt-stale = Этот шаг уже пройден — ничего не записано повторно.

## Оценка встречи
mnt-ask-rating = Встреча { $date }: { $topic }
    <b>Насколько она была полезна?</b>
mnt-rated = ✅ Спасибо! Ваша оценка: { $stars }

## Завершение
mnt-ask-conclusion = <b>Заключение наставника.</b> Напишите, чего удалось достичь и что рекомендуете дальше (от 10 знаков).
mnt-ended = 🏁 Наставничество завершено, наставляемый получит ваше заключение.

## Координатор: подбор пары
mnt-pick-mentee = <b>Новая пара: наставляемый</b>
    Молодых специалистов без наставника: { $count }. Выберите из списка или введите фамилию любого педагога.
mnt-pick-mentee-found = По запросу «{ $query }» найдено: { $count }. Выберите наставляемого или введите другую фамилию.
mnt-pick-mentor = <b>Наставник для: { $name }</b>
    Предложено: { $count } (📘 — тот же предмет; число — сколько наставляемых уже есть). Выберите или введите фамилию любого педагога.
mnt-pick-mentor-found = <b>Наставник для: { $name }</b>
    По запросу «{ $query }» найдено: { $count }.
mnt-ask-start = <b>Дата начала наставничества?</b> Нажмите «Сегодня» или введите дату ДД.ММ.ГГГГ.
mnt-confirm = <b>Новая пара</b>
    Наставляемый: <b>{ $mentee }</b>, { $mentee_school }
    Наставник: <b>{ $mentor }</b>, { $mentor_school }
    Начало: { $start }
mnt-pick-goals = Отметьте цели из дефицитов наставляемого (не больше { $max }) и нажмите «Создать пару».
mnt-no-deficits = У наставляемого нет результатов самодиагностики — цели можно будет уточнить позже. Нажмите «Создать пару».
mnt-btn-create = ✅ Создать пару
mnt-created = ✅ Пара создана. Наставник и наставляемый получили уведомления.
mnt-scope-title = <b>👥 Пары наставничества в вашей зоне:</b> { $count }
mnt-scope-empty = В вашей зоне пока нет пар наставничества.

## Ошибки
mnt-error-no-scope = Подбирать пары может координатор школы, а для школ без координатора — муниципальный методист.
mnt-error-out-of-scope = Этот педагог вне вашей зоны ответственности.
mnt-error-no-person = Педагог не найден.
mnt-error-has-mentor = У этого педагога уже есть наставник.
mnt-error-self-pair = Педагог не может быть наставником сам себе.
mnt-error-goals-max = Целей может быть не больше { $max }.
mnt-error-goal-unknown = Такой цели нет среди дефицитов наставляемого.
mnt-error-start-range = Дата начала должна быть между { $earliest } и { $latest }.
mnt-error-date-format = Не удалось прочитать дату. Введите её в формате ДД.ММ.ГГГГ, например 25.12.2026.
mnt-error-no-pair = Пара наставничества не найдена.
mnt-error-not-your-pair = Это не ваша пара наставничества.
mnt-error-not-your-mentee = Это доступно только наставнику этой пары.
mnt-error-ended = Наставничество в этой паре уже завершено.
mnt-error-hours = Часы — число от { $low } до { $high } с шагом 0,25, например 1,5.
mnt-error-topic-short = Тема слишком короткая — напишите хотя бы несколько слов.
mnt-error-topic-long = Тема длиннее { $max } знаков ({ $length }). Сократите её.
mnt-error-meeting-future = Встреча не может быть в будущем. Укажите прошедшую дату или сегодня.
mnt-error-meeting-early = Встреча не может быть раньше { $earliest }.
mnt-error-no-meeting = Встреча не найдена.
mnt-error-rate-mentee-only = Оценивать встречу может только наставляемый.
mnt-error-rating = Оценка — от 1 до 5 звёзд.
mnt-error-conclusion-short = Заключение слишком короткое — напишите хотя бы одно предложение.
mnt-error-conclusion-long = Заключение длиннее { $max } знаков ({ $length }). Сократите его.

## Уведомления
mnt-notice-paired-mentee = 🤝 Вам назначен наставник: <b>{ $name }</b>, { $school }. Начало наставничества — { $start }.
mnt-notice-paired-mentor = 🤝 Вы назначены наставником: <b>{ $name }</b>, { $school }. Начало наставничества — { $start }.
mnt-notice-meeting = 📝 Наставник { $name } записал встречу { $date }: { $topic } ({ $hours } ч.). Часы зачтены. Оцените встречу в разделе «Наставничество».
mnt-notice-ended = 🏁 Наставничество завершено. Заключение наставника ({ $name }): { $conclusion }
mnt-notice-quiet = ⏰ С наставляемым { $name } не было встреч { $weeks ->
    [one] { $weeks } неделю
    [few] { $weeks } недели
   *[other] { $weeks } недель
} (последняя — { $last }). Запишите встречу в разделе «Наставничество».
mnt-alert-quiet = ⏰ В паре наставничества нет встреч { $weeks ->
    [one] { $weeks } неделю
    [few] { $weeks } недели
   *[other] { $weeks } недель
}: наставник { $mentor }, наставляемый { $mentee }, { $school } (последняя встреча — { $last }).

## Предложения наставника в ИОМ
mnt-prop-btn-list = 📋 Предложения в ИОМ
mnt-prop-btn-new = ➕ Предложить в ИОМ
mnt-prop-btn-accept = ✅ Принять
mnt-prop-btn-decline = ✖️ Отклонить
mnt-prop-btn-accept-title = ✅ Принять: { $title }
mnt-prop-btn-no-reason = Отклонить без причины
mnt-prop-kind-consultations = 🗣 Консультации наставника
mnt-prop-title = <b>📋 Предложения наставника в ИОМ</b> ({ $count })
mnt-prop-none = Предложений пока нет.
mnt-prop-line = { $mark } <b>{ $title }</b>
    { $kind } · { $month } · { $hours } ч · { $status ->
        [accepted] принято, в ИОМ
        [declined] отклонено
       *[other] ждёт ответа
    }
mnt-prop-reason = Причина: { $reason }
mnt-prop-ask-kind = <b>Что предложить?</b> Выберите форму самообразования из ИОМ или консультации наставника.
mnt-prop-ask-title = { $kind ->
        [consultations] <b>Тема консультаций</b> — например, «Подготовка к открытому уроку».
       *[other] <b>Название</b> — что именно сделать, например, «Изучить ФОП ООО: раздел по математике».
    }
    Отмена — /cancel.
mnt-prop-ask-row = <b>К какому дефициту из ИОМ это относится?</b>
mnt-prop-no-row = Без привязки к дефициту
mnt-prop-ask-month = <b>На какой месяц?</b> Срок в ИОМ — конец месяца.
mnt-prop-ask-hours = { $kind ->
        [consultations] <b>Сколько часов консультаций</b> за этот период? Например, 4 или 1,5.
       *[other] <b>Сколько часов</b> это займёт? Например, 6 или 1,5.
    }
mnt-prop-sent = 📨 Предложение отправлено: подопечный примет его или отклонит.
mnt-prop-accepted = ✅ «{ $title }» добавлено в ваш ИОМ.
mnt-prop-accepted-before = Предложение «{ $title }» уже принято — в ИОМ оно одно.
mnt-prop-declined = Предложение «{ $title }» отклонено, наставник узнает об этом.
mnt-prop-ask-reason = Отклонить «{ $title }». Напишите коротко причину — наставнику будет проще предложить другое — или нажмите «Отклонить без причины».
mnt-prop-stale = Эта кнопка уже неактуальна — откройте предложения заново.
mnt-error-no-route = У подопечного нет действующего ИОМ — предлагать пока некуда. Когда он составит ИОМ, предложения станут доступны.
mnt-error-no-proposal = Предложение не найдено.
mnt-error-proposal-mentee-only = Ответить на предложение может только подопечный, которому оно сделано.
mnt-error-proposal-decided = На это предложение уже ответили.
mnt-error-proposal-row = Такого дефицита нет в ИОМ подопечного — выберите из списка.
mnt-error-proposal-month = Этот месяц вне периода ИОМ — выберите из списка.
mnt-error-proposal-hours = Введите число часов от { $low } до { $high }, кратное 0,5 — например, 4 или 1,5.
mnt-error-reason-long = Причина длиннее { $max } знаков ({ $length }). Сократите её.
mnt-notice-proposal = 📌 Наставник { $name } предлагает в ваш ИОМ { $kind ->
        [consultations] консультации
       *[other] мероприятие
    }: «{ $title }», { $hours } ч, срок — до { $due }. Принять?
mnt-notice-proposal-accepted = ✅ { $name } принял(а) ваше предложение «{ $title }» — оно в ИОМ.
mnt-notice-proposal-declined = ✖️ { $name } отклонил(а) предложение «{ $title }». Причина: { $reason }
