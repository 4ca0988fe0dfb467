# Рассылки и анонсы (handlers/broadcasts, domain/broadcasts)

bc-btn-section = 📣 Рассылки
bc-btn-prefs = 🔔 Рассылки и анонсы
bc-btn-announce = 📣 Анонсировать
bc-name-fallback = коллега
bc-btn-register = ✍️ Записаться
bc-btn-optout = 🔕 Не присылать такие сообщения
bc-section-diagnosis = Самодиагностика
bc-section-route = Мой ИОМ
bc-section-events = Мероприятия
bc-section-courses = Курсы и отчёты

## живой прогресс и итог
bc-progress =
    📣 <b>Рассылка #{ $id }</b> идёт
    { $bar } { $percent }%
    В очереди: { $queued } · отправлено: { $sent } · заблокировали бота: { $blocked } · не доставлено: { $failed }
    Осталось примерно: { $minutes } мин { $seconds } с
bc-progress-paused =
    🌙 <b>Рассылка #{ $id }</b> на паузе (тихие часы), продолжится утром
    { $bar } { $percent }%
    В очереди: { $queued } · отправлено: { $sent } · заблокировали бота: { $blocked } · не доставлено: { $failed }
bc-report-done =
    ✅ <b>Рассылка #{ $id } завершена</b>
    Получателей: { $total }
    Отправлено: { $sent } · заблокировали бота: { $blocked } · не доставлено: { $failed }
bc-report-cancelled =
    ⛔ <b>Рассылка #{ $id } отменена</b>
    Отправлено до отмены: { $sent } · заблокировали бота: { $blocked } · не отправлено: { $failed }

## аудитория
bc-aud-line = • { $name }: { $values }
bc-aud-everyone = • все педагоги в вашей зоне ответственности
bc-aud-all-people = • включая тех, кто не дал согласие на обработку данных
bc-dim-orgs = 🏛 Организации
bc-dim-roles = 👤 Роль
bc-dim-positions = 💼 Должность
bc-dim-subjects = 📚 Предмет
bc-dim-categories = 🎖 Категория
bc-dim-statuses = ⭐ Статус
bc-dim-deficits = 🧭 Дефициты
bc-dim-routes = 🗺 ИОМ
bc-dim-event = 📅 Мероприятие
bc-dim-consent-on = ✅ Только давшие согласие
bc-dim-consent-off = ⚠️ Все, кто запускал бота
bc-deficits-never = не проходили диагностику
bc-routes-none = нет ИОМ
bc-routes-draft = черновик
bc-routes-submitted = на согласовании
bc-routes-approved = согласован
bc-routes-overdue = просрочены мероприятия
bc-rel-registered = записаны на
bc-rel-waitlisted = в листе ожидания на
bc-rel-attended = посетили
bc-rel-not_attended = записались, но не пришли на
bc-count =
    👥 Получат: <b>{ $recipients }</b>
    Подходят под фильтры: { $matched } · отказались от таких рассылок: { $opted } · заблокировали бота: { $blocked }
bc-aud-title = 👥 <b>Кому отправить</b>
bc-aud-pick = Отметьте значения: { $dim }. Подойдёт любое из отмеченных.
bc-aud-orgs = Отметьте организации: рассылка уйдёт педагогам этих организаций (и всех входящих в них).
bc-aud-relation = Кому из участников мероприятия?
bc-aud-events = Выберите мероприятие.
bc-aud-no-events = В вашей зоне нет мероприятий за последние 60 дней и предстоящих.
bc-btn-reset = 🧹 Сбросить фильтры
bc-btn-show-schools = 🏫 Показать школы
bc-btn-show-municipalities = 🏛 Показать муниципалитеты
bc-btn-no-event = ✖️ Без фильтра по мероприятию

## карточка
bc-card-title = 📣 <b>Рассылка #{ $id }</b> · { $status } · { $kind }
bc-card-text = <b>Текст:</b> { $text }
bc-card-media-photo = 🖼 С фотографией
bc-card-media-document = 📎 С файлом
bc-card-buttons = <b>Кнопки:</b> { $buttons }
bc-card-audience = <b>Аудитория:</b>
bc-card-scheduled = 🕒 Запланирована на { $at }
bc-card-stats = Получателей: { $total } · отправлено: { $sent } · заблокировали бота: { $blocked } · не доставлено: { $failed } · в очереди: { $queued }
bc-card-paused = 🌙 Тихие часы: продолжится { $at }
bc-status-draft = черновик
bc-status-scheduled = запланирована
bc-status-running = идёт
bc-status-paused = на паузе
bc-status-done = завершена
bc-status-cancelled = отменена
bc-kind-region = новости региона
bc-kind-municipality = новости муниципалитета
bc-kind-school = новости школы
bc-kind-events = мероприятия по моим дефицитам
bc-btn-preview = 👁 Предпросмотр
bc-btn-edit-text = ✏️ Текст
bc-btn-media = 📎 Фото или файл
bc-btn-buttons = 🔘 Кнопки
bc-btn-audience = 👥 Аудитория
bc-btn-send = 🚀 Отправить
bc-btn-schedule = 🕒 Запланировать
bc-btn-delete = 🗑 Удалить черновик
bc-btn-unschedule = ✏️ Вернуть в черновики
bc-btn-cancel = ⛔ Отменить рассылку
bc-btn-refresh = 🔄 Обновить
bc-btn-duplicate = 📄 Дублировать как черновик
bc-btn-to-list = 📣 К рассылкам
bc-btn-open = 📣 Открыть рассылку

## список
bc-list-title = 📣 <b>Рассылки</b>
bc-list-drafts = Черновики: { $count }
bc-list-scheduled = Запланированы: { $count }
bc-list-running = Идут: { $count }
bc-list-done = Отправлены: { $count }
bc-list-empty = Рассылок пока нет. Нажмите «Новая рассылка».
bc-btn-new = ✍️ Новая рассылка

## составление
bc-ask-text =
    ✍️ Пришлите текст сообщения (до { $limit } символов). Форматирование — жирный, курсив, ссылки — сохранится.
    Можно сразу прислать фото или файл с подписью.
    Чтобы обратиться по имени, вставьте <code>{"{"}имя{"}"}</code>.
bc-error-not-text = Пришлите текст, фото или файл — или нажмите «Отмена».
bc-ask-again = Исправьте и пришлите ещё раз.
bc-saved = Черновик сохранён.
bc-ask-media = 📎 Пришлите фото или файл. Текст станет подписью — не длиннее { $limit } символов.
bc-btn-media-remove = ✖️ Убрать вложение
bc-error-not-media = Нужна фотография или файл — или нажмите «Отмена».
bc-compose-cancelled = Отменено. Черновики сохранены.
bc-preview-above = 👁 Так сообщение увидят получатели:
bc-send-confirm = 🚀 Отправить рассылку сейчас?
bc-send-nobody = Под эти фильтры никто не подходит — измените аудиторию.
bc-btn-send-confirm = 🚀 Да, отправить ({ $count })
bc-started = Рассылка запущена
bc-started-hint = Прогресс обновляется в сообщении выше.
bc-ask-day = 🕒 Выберите день отправки.
bc-ask-time = 🕒 { $day }: выберите время.
bc-scheduled = Рассылка запланирована на { $at }.
bc-wd-0 = пн
bc-wd-1 = вт
bc-wd-2 = ср
bc-wd-3 = чт
bc-wd-4 = пт
bc-wd-5 = сб
bc-wd-6 = вс
bc-btn-cancel-yes = ⛔ Да, отменить
bc-btn-del-yes = 🗑 Да, удалить
bc-cancel-confirm = Отменить рассылку #{ $id } «{ $text }»? Уже отправленные сообщения останутся у получателей.
bc-del-confirm = Удалить черновик #{ $id } «{ $text }»?
bc-unscheduled = Рассылка снова черновик.
bc-cancelled = Рассылка отменена.
bc-duplicated = Создан черновик — копия рассылки #{ $source }.
bc-deleted = Черновик удалён.
bc-open-section = Кнопка «{ $section }»
bc-register-on = ✍️ Записаться: { $title }
bc-buttons-title = 🔘 Кнопки под сообщением (не больше { $limit }). Кнопка «Не присылать такие сообщения» добавляется всегда.

## получатели
bc-optout-done = Больше не пришлём: { $kind }. Включить снова можно в Профиле → «Рассылки и анонсы».
bc-prefs-title =
    🔔 <b>Рассылки и анонсы</b>
    Нажмите, чтобы включить 🔔 или выключить 🔕. Напоминания о ваших записях и решения по вашему ИОМ приходят всегда.

## анонсы мероприятий
bc-ann-ask = 📣 Анонсировать «{ $title }» — кому?
bc-ann-all = 👥 Всей аудитории мероприятия
bc-ann-match = 🧭 Только с дефицитами по теме
bc-ann-text =
    📅 <b>{ $title }</b>
    { $when }
    { $place }

    Записывайтесь!
bc-ann-draft = Черновик анонса готов: проверьте и отправьте.

## ошибки
bc-error-not-found = Рассылка не найдена.
bc-error-too-many-orgs = Можно выбрать не больше { $limit } организаций.
bc-error-empty = Сообщение пустое: пришлите текст, фото или файл.
bc-error-too-long = Слишком длинно: { $size } символов, можно { $limit }.
bc-error-too-many-buttons = Кнопок может быть не больше { $limit }.
bc-error-media = Не удалось прочитать вложение — пришлите его ещё раз.
bc-error-not-draft = Эту рассылку уже не изменить: сделайте копию кнопкой «Дублировать».
bc-error-past = Это время уже прошло — выберите другое.
bc-error-too-far = Запланировать можно не дальше чем на { $days } дней.
bc-error-not-scheduled = Рассылка не запланирована.
bc-error-not-cancellable = Эту рассылку уже не отменить.
bc-error-no-audience = Аудитория мероприятия вне вашей зоны ответственности.
bc-error-event-no-groups = У мероприятия не указаны группы компетенций.

# a broadcast's file that could not be brought to the recipient's messenger (handlers/broadcasts/render.py)
bc-media-undelivered = 📎 К сообщению был приложен файл, но доставить его сюда не удалось. Если он нужен, попросите его у отправителя.
