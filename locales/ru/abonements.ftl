# Методический абонемент (handlers/abonements, domain/abonements)

abon-btn-section = 📚 Методический абонемент
abon-home =
    📚 <b>Методический абонемент</b>
    Обучение всего педагогического коллектива на площадке школы в течение учебного года: запрос школы, согласование с муниципалитетом, соглашение с центром, план мероприятий в часах.
abon-btn-new = ➕ Запрос: { $school }
abon-btn-school = 🏫 { $school } — { $status }
abon-btn-list = 📋 Запросы и абонементы
abon-btn-bank = 🗂 Банк запросов
abon-btn-back-card = ◀️ К запросу
abon-open-exists = У школы уже есть открытый запрос — вот он.

abon-status-submitted = 📨 отправлен
abon-status-returned = ↩️ возвращён на доработку
abon-status-agreed_municipality = 🏛 согласован муниципалитетом
abon-status-accepted = 📝 принят центром (соглашение — проект)
abon-status-agreed = ✍️ соглашение подписано
abon-status-running = ▶️ реализуется
abon-status-completed = 🏁 завершён

abon-reason-own = По желанию школы
abon-reason-quality = По результатам независимой оценки качества обучения
abon-reason-diagnosis = По итогам диагностики дефицитов педагогов

abon-month-9 = сентябрь
abon-month-10 = октябрь
abon-month-11 = ноябрь
abon-month-12 = декабрь
abon-month-1 = январь
abon-month-2 = февраль
abon-month-3 = март
abon-month-4 = апрель
abon-month-5 = май

abon-kind-in_person = Очные
abon-kind-remote = Дистанционные
abon-kind-self_study = Самостоятельная работа
abon-hours = очные { $in_person } · дистанционные { $remote } · самостоятельная работа { $self_study } (всего { $total } ч)
abon-year = { $start }/{ $end } учебный год
abon-audience-all = Весь педагогический коллектив

# ---- the request form
abon-form-head = 📚 <b>Запрос на методический абонемент</b> · { $school }
abon-step = Шаг { $n } из { $total }
abon-ask-reason = Почему школа просит методический абонемент?
abon-ask-groups =
    Над какими группами компетенций работать? Отмечены группы, где у педагогов школы есть дефициты по самодиагностике (прошли { $diagnosed } из { $teachers }); число — сколько педагогов с дефицитом. Измените выбор и нажмите «Готово».
abon-group-option = { $group } — { $n }
abon-ask-topics =
    Напишите темы, которые школа хочет проработать (например: «Формирующее оценивание на уроке; функциональная грамотность в 5–7 классах»). До { $max } знаков.
abon-btn-no-topics = Темы предложит центр ▶️
abon-ask-audience =
    Для кого обучение? Весь коллектив или подгруппы по должностям и предметам — отметьте кнопками. Можно написать группу сообщением (например: «молодые специалисты, 8 человек»), до { $max } знаков. Затем «Готово».
abon-ask-hours =
    Сколько часов школа хочет получить за год? Напишите три числа через пробел: <b>очные дистанционные самостоятельная-работа</b>, например <code>36 12 24</code>. Одно число — только очные часы.
abon-ask-months = В какие месяцы удобнее проводить занятия? Отметьте и нажмите «Готово».
abon-form-check = Проверьте запрос. Любое поле можно изменить кнопкой ниже.
abon-field-reason = ✏️ Причина
abon-field-groups = ✏️ Компетенции
abon-field-topics = ✏️ Темы
abon-field-audience = ✏️ Для кого
abon-field-hours = ✏️ Часы
abon-field-months = ✏️ Месяцы
abon-btn-send = 📨 Отправить запрос
abon-form-cancelled = Запрос не отправлен. Вернуться к нему можно в разделе «Методический абонемент».
abon-request =
    <b>Причина:</b> { $reason }
    <b>Компетенции:</b> { $groups }
    <b>Темы:</b> { $topics }
    <b>Для кого:</b> { $audience }
    <b>Часы:</b> { $hours }
    <b>Месяцы:</b> { $months }
abon-sent-municipality = Запрос отправлен на согласование в муниципалитет. После согласования он попадёт в центр.
abon-sent-centre = Запрос отправлен в центр (двустороннее соглашение: школа — центр).
abon-returned-comment = ↩️ <b>Комментарий при возврате:</b> { $comment }

# ---- lists and the card
abon-list-title = 📋 <b>Запросы и абонементы</b> · { $total }
abon-bank-title = 🗂 <b>Банк запросов</b> · { $total }
abon-bank-filters = Статус: { $status } · Муниципалитет: { $municipality }
abon-filter-any = все
abon-filter-choose = Выберите значение фильтра:
abon-btn-filter-status = 🔎 Статус
abon-btn-filter-mun = 🏙 Муниципалитет
abon-list-empty = Запросов нет.
abon-row = { $school } — { $status } · { $date }
abon-card-head =
    📚 <b>Запрос № { $id }</b> · { $school }
    Статус: { $status }
    { $parties }
    Подал(а): { $author }
abon-parties-three = Трёхстороннее соглашение: школа — { $municipality } — центр
abon-parties-two = Двустороннее соглашение: школа — центр
abon-card-agreement =
    <b>Соглашение</b>
    Куратор: { $curator }
    Объём заказа: { $hours }
    Период: { $year }
abon-history-head = <b>История</b>
abon-history-line = • { $when } — { $action }
abon-history-line-comment = • { $when } — { $action }: { $comment }
abon-action-submitted = отправлен
abon-action-resubmitted = исправлен и отправлен снова
abon-action-agreed_municipality = согласован муниципалитетом
abon-action-returned = возвращён
abon-action-accepted = принят центром
abon-action-signed = соглашение подписано
abon-action-started = реализация начата
abon-action-completed = завершён
abon-action-item_added = в план добавлено
abon-action-item_removed = из плана убрано
abon-action-transferred = перенесено
abon-btn-notice-open = 📚 Открыть запрос
abon-btn-notice-agree = ✅ Согласовать
abon-btn-notice-return = ↩️ Вернуть с комментарием
abon-btn-accept = ✅ Принять: куратор и объём
abon-btn-edit = ✏️ Исправить и отправить снова
abon-btn-docx = 📄 Соглашение (DOCX)
abon-btn-plan = 🗓 План школы
abon-btn-sign = ✍️ Соглашение подписано
abon-btn-start = ▶️ Начать реализацию
abon-btn-complete = 🏁 Завершить
abon-done-agreed = Запрос согласован и передан в центр.
abon-done-returned = Запрос возвращён школе с комментарием.
abon-done-accepted = Запрос принят: куратор назначен, соглашение готово к подписанию.
abon-done-signed = Соглашение отмечено как подписанное.
abon-done-started = Реализация абонемента начата.
abon-done-completed = Абонемент завершён.
abon-ask-comment = Напишите комментарий для школы: что исправить в запросе (до { $max } знаков).

# ---- the centre's acceptance
abon-accept-head = ✅ <b>Принять запрос № { $id }</b>
abon-accept-curator = Выберите куратора — методиста центра:
abon-accept-hours =
    Объём заказа в часах: три числа через пробел — <b>очные дистанционные самостоятельная-работа</b>.
    Школа просит: { $asked }
abon-btn-as-asked = Как просит школа ▶️
abon-accept-year = Учебный год соглашения:
abon-accept-check =
    Куратор: { $curator }
    Объём: { $hours }
    Период: { $year }
abon-btn-accept-go = ✅ Принять

# ---- the plan
abon-plan-head =
    🗓 <b>План школы</b> · { $school }
    { $year } · { $status }
abon-plan-hours =
    <b>Заказано:</b> { $ordered }
    <b>Запланировано:</b> { $planned }
    <b>Проведено:</b> { $delivered }
abon-plan-empty = В плане пока нет мероприятий.
abon-plan-item = • { $title } — { $when } · { $hours } ч{ $cancelled ->
    [1] {" "}· ❌ отменено
   *[other] {""}
}{ $held ->
    [1] {" "}· ✅ проведено, присутствовали: { $attended }
   *[other] {""}
}{ $moved ->
    [0] {""}
   *[other] {" "}· 🔁 переносов: { $moved }
}
abon-btn-add = ➕ Добавить мероприятие
abon-btn-create-event = ➕ Создать мероприятие школы
abon-btn-moves = 🔁 Переносы
abon-add-choose = Мероприятия школы в этом учебном году, которых ещё нет в плане:
abon-add-none = Подходящих мероприятий нет. Создайте мероприятие школы (организатор — школа) кнопкой ниже и вернитесь сюда.
abon-add-event =
    <b>{ $title }</b>
    { $when }
    Часы мероприятия: { $hours }
abon-btn-put = ✅ Добавить с этими часами
abon-btn-other-hours = ✏️ Указать другие часы
abon-add-for = <b>Для кого:</b> { $group }
abon-plan-item-for = {"   "}👥 для: { $group }
abon-subgroup-position = подгруппа: { $name }
abon-subgroup-subject = подгруппа: учителя предмета «{ $name }»
abon-error-subgroup = Такой подгруппы нет в запросе школы: выберите подгруппу из списка или весь коллектив.
abon-ask-item-hours =
    Сколько часов этого мероприятия идёт в абонемент? Три числа через пробел: очные дистанционные самостоятельная-работа.
    Свободно в заказе: { $left }
abon-done-added = «{ $title }» в плане.
abon-item-card =
    <b>{ $title }</b>
    Дата проведения: { $when }
    Дата по плану соглашения: { $planned }
    Часы: { $hours }
abon-btn-move = 🔁 Перенести
abon-btn-remove = 🗑 Убрать из плана
abon-remove-ask = Убрать «{ $title }» из плана? Само мероприятие останется в каталоге.
abon-btn-remove-yes = 🗑 Да, убрать
abon-done-removed = Мероприятие убрано из плана.
abon-ask-move =
    Перенос «{ $title }» (сейчас { $when }). Напишите новую дату, например <code>{ $earliest }</code> — с { $earliest } по { $latest }. Время занятий сохранится, записавшиеся получат уведомление; соглашение не меняется.
abon-done-moved = «{ $title }» перенесено. Перенос записан в историю плана.
abon-moves-head = 🔁 <b>Переносы</b> · { $school }
abon-move-line = • { $title }: { $old } → { $new } (перенесено { $at })
abon-move-agreement = {"  "}дата по соглашению: { $planned }

# ---- notices
abon-alert-submitted = 📚 { $resubmitted ->
    [1] Школа «{ $school }» исправила запрос на методический абонемент и просит согласовать его снова.
   *[other] Школа «{ $school }» просит согласовать запрос на методический абонемент.
}
abon-notice-returned = ↩️ Запрос школы «{ $school }» на методический абонемент возвращён ({ $reviewer }): { $comment }
abon-notice-accepted = ✅ Запрос школы «{ $school }» на методический абонемент принят центром. Куратор: { $curator }.
abon-notice-curator = 📚 Вы назначены куратором методического абонемента школы «{ $school }». Постройте план мероприятий школы.

# ---- the agreement's document
abon-doc-caption = 📄 Соглашение о методическом абонементе · { $school }
abon-doc-title = СОГЛАШЕНИЕ о реализации методического абонемента
abon-doc-number = № { $id } · { $status }
abon-doc-parties-head = 1. Стороны
abon-doc-parties = { $three ->
    [1] { $school } (Школа), { $municipality } (Муниципалитет) и { $centre } — региональный центр (Центр) заключили настоящее трёхстороннее соглашение.
   *[other] { $school } (Школа) и { $centre } — региональный центр (Центр) заключили настоящее двустороннее соглашение.
}
abon-doc-subject-head = 2. Предмет и срок
abon-doc-subject = Центр проводит обучение педагогического коллектива Школы на её площадке в форме методического абонемента в период с { $start } по { $end }. Перенос даты мероприятия не изменяет соглашение.
abon-doc-topics = Направления: { $groups }. Темы: { $topics }.
abon-doc-volume-head = 3. Объём заказа, часы
abon-doc-kind = Вид часов
abon-doc-hours = Часы
abon-doc-total = Всего
abon-doc-curator = Куратор от Центра: { $name }
abon-doc-plan-head = Приложение. План школы
abon-doc-plan-n = №
abon-doc-plan-event = Мероприятие
abon-doc-plan-date = Дата
abon-doc-plan-hours = Часы: очн. / дист. / сам.
abon-doc-plan-empty = План составляется куратором и согласуется со Школой.
abon-doc-sign-head = 4. Подписи сторон
abon-doc-party-school = От Школы
abon-doc-party-municipality = От Муниципалитета
abon-doc-party-centre = От Центра
abon-doc-sign-line = ____________________ / ____________________ /   «___» ____________ 20___ г.

# ---- errors
abon-error-no-access = Этот абонемент вам недоступен.
abon-error-not-school = Подать запрос может только координатор этой школы.
abon-error-not-curator = План абонемента строит его куратор.
abon-error-not-editable = Исправить можно только возвращённый запрос своей школы.
abon-error-not-found = Запрос не найден — возможно, он удалён.
abon-error-item-not-found = Такого мероприятия в плане нет.
abon-error-wrong-status = Сейчас это действие недоступно: запрос в статусе «{ $status ->
    [submitted] отправлен
    [returned] возвращён
    [agreed_municipality] согласован муниципалитетом
    [accepted] принят центром
    [agreed] соглашение подписано
    [running] реализуется
   *[other] завершён
}».
abon-error-open-exists = У школы «{ $school }» уже есть открытый запрос. Откройте его в разделе «Методический абонемент».
abon-error-incomplete = Запрос не заполнен до конца: { $step ->
    [reason] выберите причину
    [groups] отметьте хотя бы одну группу компетенций
    [hours] укажите часы
   *[other] отметьте месяцы
}.
abon-error-groups-none = Отметьте хотя бы одну группу компетенций.
abon-error-months-none = Отметьте хотя бы один месяц.
abon-error-hours-format = Не получилось прочитать часы. Напишите до трёх чисел через пробел, например <code>36 12 24</code>.
abon-error-hours-zero = Часов должно быть больше нуля.
abon-error-hours-max = Слишком много часов: не больше { $max } одного вида.
abon-error-topics-short = Темы слишком короткие — хотя бы { $min } знака.
abon-error-topics-long = Слишком длинно: { $length } знаков, можно до { $max }. Сократите и отправьте снова — ваше сообщение осталось в чате выше.
abon-error-note-empty = Напишите группу словами.
abon-error-note-long = Слишком длинно: { $length } знаков, можно до { $max }.
abon-error-comment-short = Комментарий слишком короткий — хотя бы { $min } знака.
abon-error-comment-long = Комментарий слишком длинный: { $length } знаков, можно до { $max }.
abon-error-need-text = Здесь нужен ответ текстом.
abon-error-form-gone = Эта форма уже закрыта. Откройте раздел «Методический абонемент» заново.
abon-error-curator = Куратором может быть только методист центра этого региона.
abon-error-no-curators = В регионе нет методистов центра в боте. Назначьте роль «региональный координатор» в разделе «Моя территория» → роли.
abon-error-year = Соглашение заключается на текущий или следующий учебный год.
abon-error-no-agreement = Соглашение появится, когда центр примет запрос.
abon-error-event-cancelled = Мероприятие «{ $title }» отменено.
abon-error-event-elsewhere = «{ $title }» проводится не в этой школе.
abon-error-event-outside = «{ $title }» не входит в учебный год соглашения.
abon-error-event-twice = «{ $title }» уже есть в плане.
abon-error-item-held = «{ $title }» уже проведено — его нельзя убрать из плана.
abon-error-over-volume = План превысит заказ: { $kind ->
    [in_person] очных
    [remote] дистанционных
   *[other] самостоятельной работы
} часов будет { $planned }, а заказано { $ordered } (свободно { $free }). Укажите меньше часов или измените объём по согласованию сторон.
abon-error-transfer-same = Это та же дата — выберите другую.
abon-error-transfer-started = «{ $title }» уже началось — перенести его нельзя.
