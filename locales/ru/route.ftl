# «Мой ИОМ»: индивидуальный образовательный маршрут (Положение об ИОМ, разделы IV–V).

## Раздел
route-home-no-diagnosis =
    <b>🗺 Мой ИОМ</b>

    Индивидуальный образовательный маршрут строится по результатам диагностики: одна строка плана — один выявленный дефицит.
    Сначала пройдите самодиагностику — после неё здесь появится черновик маршрута.
route-home-intro =
    <b>🗺 Мой ИОМ</b>

    По вашей самодиагностике от { $date } выявлено дефицитов: <b>{ $count }</b>. Бот построит черновик маршрута: по строке плана на каждый дефицит и подберёт мероприятия и курсы из каталога — выбирать будете вы.
    Затем маршрут согласует заместитель руководителя (координатор) вашей школы.
route-btn-build = 🛠 Построить черновик ИОМ
route-btn-diagnosis = 🧭 Пройти самодиагностику
route-built = ✅ Черновик построен: строк плана — { $count }. Откройте строку, чтобы выбрать мероприятия.

## Карточка маршрута
route-card-title = <b>🗺 Индивидуальный образовательный маршрут</b>
route-card-teacher = Педагог: <b>{ $name }</b>, { $school }
route-card-status = Статус: { $status }
route-card-period = Период реализации: { $start } — { $end }
route-card-progress = Выполнено: <b>{ $done } из { $total }</b> ({ $percent } %)
route-card-comment = ↩️ <b>Комментарий координатора:</b> { $comment }
route-card-conclusion = 🏁 <b>Заключение:</b> { $conclusion }
route-card-plan = <b>План восполнения дефицитов</b> (строк: { $count }):
route-card-row = { $n }. { $title } — { $done }/{ $total }
route-card-group-row = { $n }. 👥 { $title } — { $done }/{ $total } · групповой ИОМ, { $status }
route-card-groups = <b>👥 Групповые ИОМ</b> ({ $count }):
route-card-no-rows = В плане пока нет строк: дефициты не выявлены. Координатор школы может добавить дефицит.
route-card-overdue = <b>⏰ Просрочено ({ $count }):</b>
route-overdue-line = • { $title } — срок { $due }
route-hint-draft = Откройте строку плана, выберите мероприятия или добавьте своё в «Самообразование», затем отправьте маршрут на согласование.
route-hint-submitted = ⏳ Маршрут у координатора школы на согласовании.
route-hint-approved = ✅ Маршрут согласован — можно начинать выполнение.

route-status-draft = 📝 черновик
route-status-submitted = ⏳ на согласовании
route-status-returned = ↩️ возвращён на доработку
route-status-approved = ✅ согласован
route-status-in_progress = 🚀 выполняется
route-status-completed = 🏁 завершён

route-btn-add-row = ➕ Добавить дефицит
route-btn-analysis = ✍️ Самоанализ
route-btn-submit = 📨 Отправить на согласование
route-btn-start = 🚀 Начать выполнение
route-btn-approve = ✅ Согласовать
route-btn-return = ↩️ Вернуть
route-btn-conclude = 🏁 Заключение
route-btn-docx = 📄 Скачать ИОМ
route-btn-pdf = 📕 PDF
route-btn-new = 🛠 Новый ИОМ по последней диагностике
route-btn-queue = 🗺 ИОМ на согласовании
route-btn-open = 🗺 Открыть ИОМ

## Строка плана
route-row-title = <b>Дефицит { $n }: { $title }</b>
route-row-group = Группа компетенций: { $group }
route-row-percent = Результат диагностики: { $percent } %
route-row-period = Период реализации: { $start } — { $end }
route-col-courses = <b>🎓 Программы повышения квалификации</b>
route-col-consultations = <b>💬 Консультационные часы (тьютор, наставник, куратор ЦНППМ)</b>
route-col-municipal = <b>🏛 Методические мероприятия муниципального уровня</b>
route-col-school = <b>🏫 Внутришкольная система непрерывного профессионального развития</b>
route-col-self_education = <b>📚 Самообразование</b>
route-col-empty = —
route-colshort-courses = программы ПК
route-colshort-consultations = консультационные часы
route-colshort-municipal = муниципальные мероприятия
route-colshort-school = внутришкольная система
route-colshort-self_education = самообразование
route-activity-line = { $icon } { $title } — до { $due }
route-btn-offer = 🔎 Выбрать из каталога
route-btn-new-courses = ➕ Программа ПК
route-btn-new-consultations = ➕ Консультационные часы
route-btn-new-municipal = ➕ Муниципальное мероприятие
route-btn-new-school = ➕ Внутришкольное мероприятие
route-btn-new-self_education = ➕ Своё: самообразование
route-btn-edit-row = ✏️ Формулировка дефицита

route-group-subject = предметные
route-group-methodological = методические
route-group-psycho_pedagogical = психолого-педагогические
route-group-communicative = коммуникативные

## Каталог
route-offer-title = <b>Подходит к этому дефициту</b> — выберите, что включить в маршрут:
route-offer-item = • <b>{ $title }</b>
    { $form }, { $date } → { $column }
route-offer-empty = В каталоге сейчас нет подходящих предстоящих мероприятий по этой группе компетенций. Можно добавить своё в «Самообразование».
route-added = ✅ Добавлено в маршрут: «{ $title }».
route-removed = 🗑 Убрано из маршрута: «{ $title }».

## Своё мероприятие
route-ask-title =
    Раздел «{ $column }».
    Напишите название мероприятия (от 3 до 200 символов).
route-ask-form = «{ $title }» — выберите форму:
route-ask-due = «{ $title }» — напишите срок выполнения в формате дд.мм.гггг (не позже { $end }).
route-form-reading = Изучение литературы
route-form-webinar = Вебинар
route-form-online_course = Онлайн-курс
route-form-materials = Разработка материалов
route-form-peer_visits = Посещение уроков коллег
route-form-project = Проект
route-form-other = Другое

## Мероприятие маршрута
route-act-title = <b>{ $title }</b>
route-act-column = Раздел плана: { $column }
route-act-form = Форма: { $form }
route-act-due = Срок: { $due }
route-act-status = Статус: { $icon } { $status }
route-act-overdue = ⏰ Срок прошёл.
route-act-evidence = Подтверждение: { $evidence }
route-act-planned = запланировано
route-act-in_progress = в работе
route-act-done = выполнено
route-act-dropped = не выполняется
route-btn-st-in_progress = 🔵 В работе
route-btn-st-done = ✅ Выполнено
route-btn-st-dropped = ✖️ Не буду выполнять
route-btn-st-planned = ↩️ Вернуть в план
route-btn-evidence = 📎 Подтверждение
route-btn-file = 📄 Файл подтверждения
route-btn-event = 📅 Карточка мероприятия
route-btn-remove = 🗑 Убрать из маршрута
route-status-changed = Статус: { $status }.
route-ask-evidence = «{ $title }» — пришлите подтверждение: несколько слов, ссылку или файл (документ или фото).
route-ask-evidence-again = Пришлите подтверждение ещё раз: текст, ссылку или файл.
route-evidence-saved = 📎 Подтверждение сохранено.
route-evidence-attendance = отмечено посещение мероприятия
route-evidence-report = принят отчёт о прохождении курсов № { $id }
route-evidence-file = файл «{ $name }»

## Самоанализ и дефициты
route-ask-analysis =
    <b>Раздел 3 ИОМ — самоанализ результатов диагностики</b>, их соотнесение с образовательными результатами обучающихся.
    Сейчас: { $current }

    Напишите текст одним сообщением (от 10 до 3000 символов).
route-ask-analysis-again = Напишите самоанализ ещё раз одним сообщением.
route-analysis-none = ещё не написан.
route-analysis-saved = ✍️ Самоанализ сохранён.
route-ask-group = Выберите группу компетенций нового дефицита:
route-ask-deficit = Напишите формулировку дефицита (от 3 до 300 символов).
route-ask-deficit-edit =
    Сейчас: «{ $title }».
    Напишите новую формулировку дефицита (от 3 до 300 символов).
route-deficit-saved = ✅ Дефицит сохранён.

## Согласование
route-submitted = 📨 Маршрут отправлен на согласование. Координаторов школы уведомлено: { $count }.
route-submitted-nobody = 📨 Маршрут отправлен на согласование. В вашей школе пока нет координатора в боте — маршрут увидят, когда он появится.
route-started = 🚀 Выполнение маршрута начато. Отмечайте мероприятия по мере прохождения.
route-approved = ✅ Маршрут согласован.
route-returned = ↩️ Маршрут возвращён педагогу с комментарием.
route-completed = 🏁 Маршрут завершён, заключение сохранено.
route-cancelled = Действие отменено.
route-ask-comment = Напишите комментарий для педагога: что доработать в маршруте (от 3 до 1000 символов).
route-ask-conclusion =
    <b>Заключение о реализации ИОМ</b> (анализ выполнения плана). Выполнено мероприятий: { $done } из { $total }.
    Напишите заключение одним сообщением (от 10 до 3000 символов).
route-ask-conclusion-again = Напишите заключение ещё раз одним сообщением.
route-queue-title = <b>🗺 ИОМ на согласовании</b> — { $count }, сначала давние:
route-queue-item = { $n }. <b>{ $name }</b>, { $school }
    отправлен { $at }, версия { $revision }
route-queue-empty = <b>🗺 ИОМ на согласовании</b>

    Сейчас нет маршрутов, ожидающих согласования.

## Уведомления
route-alert-submitted = 🗺 <b>ИОМ на согласование</b>: { $name }, { $school } (строк плана: { $rows }, версия { $revision }).
route-alert-municipal = 🗺 <b>ИОМ педагога { $name }</b> ({ $school }) отправлен на согласование. Заполните разделы «Методические мероприятия муниципального уровня» и «Консультационные часы».
route-notice-approved = ✅ Ваш ИОМ согласован ({ $reviewer }). Можно начинать выполнение.
route-notice-returned = ↩️ Ваш ИОМ возвращён на доработку ({ $reviewer }): { $comment }
route-notice-completed = 🏁 Ваш ИОМ завершён. Заключение ({ $reviewer }): { $conclusion }
route-notice-overdue = ⏰ В вашем ИОМ прошёл срок: «{ $title }» (до { $due }). Отметьте выполнение или измените статус.
route-notice-added = ➕ В ваш ИОМ добавлено: «{ $title }» ({ $column ->
        [courses] программы ПК
        [consultations] консультационные часы
        [municipal] муниципальные мероприятия
        [school] внутришкольная система
       *[other] самообразование
    }).

## Документ
route-doc-preparing = Готовлю документ…
route-doc-caption = Индивидуальный образовательный маршрут: { $name }
route-pdf-unavailable = PDF сейчас недоступен: на сервере нет шрифта с кириллицей. Скачайте DOCX.
route-doc-title = ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ
route-doc-subtitle = педагогического работника на период с { $start } по { $end }
route-doc-status = Статус: { $status }
route-doc-s1 = 1. Основные сведения о педагогическом работнике
route-doc-s2 = 2. Информация о прохождении диагностики (сведения о выявленных профессиональных дефицитах)
route-doc-s3 = 3. Самоанализ результатов диагностики, их соотнесение с образовательными результатами обучающихся
route-doc-s4 = 4. План восполнения выявленных профессиональных дефицитов
route-doc-s5 = 5. Заключение о реализации ИОМ
route-doc-name = ФИО
route-doc-school = Образовательная организация
route-doc-municipality = Муниципалитет
route-doc-position = Должность
route-doc-subjects = Преподаваемые предметы
route-doc-experience = Педагогический стаж
route-doc-category = Квалификационная категория
route-doc-diag-date = Дата диагностики: { $date }
route-doc-diag-total = Общий результат: { $percent } %
route-doc-diag-group = Группа компетенций
route-doc-diag-result = Результат, %
route-doc-def-n = №
route-doc-def-title = Профессиональный дефицит
route-doc-def-group = Группа компетенций
route-doc-def-percent = Результат, %
route-doc-no-deficits = Дефициты не выявлены.
route-doc-no-analysis = Самоанализ не заполнен.
route-doc-no-conclusion = Заключение будет сформулировано по завершении срока реализации ИОМ.
route-doc-col-deficit = Профессиональный дефицит
route-doc-col-courses = Программы повышения квалификации
route-doc-col-consultations = Консультационные часы (тьютор, наставник, куратор ЦНППМ)
route-doc-col-municipal = Методические мероприятия муниципального уровня
route-doc-col-school = Внутришкольная система непрерывного профессионального развития
route-doc-col-self_education = Самообразование
route-doc-col-period = Период реализации
route-doc-until = до { $due }
route-doc-sign-teacher = Педагогический работник
route-doc-sign-deputy = Заместитель руководителя
route-doc-sign-line = ____________ / { $name } /
route-doc-agreed = Согласовано: { $name }, { $date }

## Ошибки
route-error-not-found = Маршрут или его часть не найдены — возможно, уже удалены.
route-error-not-yours = ⛔ Это не ваш маршрут и не маршрут педагога вашей организации.
route-error-column-not-yours = ⛔ Этот раздел заполняете не вы: { $column ->
        [courses] «Программы ПК» — координатор школы вместе с методистами
        [consultations] «Консультационные часы» — методисты муниципальной службы
        [municipal] «Методические мероприятия муниципального уровня» — методисты муниципальной службы
        [school] «Внутришкольная система» — координатор школы
        [self_education] «Самообразование» — педагог вместе с координатором школы
        [deficit] «Профессиональный дефицит» — координатор школы
       *[other] самоанализ — сам педагог
    }.
route-error-locked = Сейчас маршрут не редактируется: { $status ->
        [submitted] он на согласовании
        [approved] он согласован
        [in_progress] он выполняется
       *[other] он завершён
    }.
route-error-completed = Маршрут завершён — изменения больше не вносятся.
route-error-exists = У вас уже есть незавершённый маршрут.
route-error-no-school = В профиле не указана школа: маршрут согласует координатор школы. Укажите школу в профиле.
route-error-no-diagnosis = Сначала пройдите самодиагностику: маршрут строится по её результатам.
route-error-no-rows = В плане нет ни одной строки — отправлять пока нечего.
route-error-row-empty = В строке { $n } («{ $title }») нет ни одного мероприятия. Выберите мероприятие из каталога или добавьте своё.
route-error-row-full = В строке уже { $max } мероприятий — больше добавить нельзя.
route-error-rows-many = В плане уже { $max } строк.
route-error-event-gone = Мероприятие больше не найдено в каталоге.
route-error-event-not-offered = Это мероприятие нельзя выбрать для этой строки: оно не подходит, уже выбрано или недоступно.
route-error-title-empty = Напишите название текстом.
route-error-title-short = Слишком коротко: не меньше { $min } символов.
route-error-title-long = Слишком длинно: { $length } символов, можно не больше { $max }.
route-error-date-format = Не понял дату. Напишите в формате дд.мм.гггг, например 15.03.2027.
route-error-date-past = Эта дата уже прошла — укажите будущую.
route-error-date-after-period = Срок выходит за период маршрута — не позже { $end }.
route-error-form = Такой формы нет — выберите кнопкой.
route-error-group = Такой группы компетенций нет.
route-error-comment-empty = Напишите комментарий текстом.
route-error-comment-short = Комментарий слишком короткий: не меньше { $min } символов.
route-error-comment-long = Комментарий слишком длинный: { $length } символов, можно не больше { $max }.
route-error-conclusion-empty = Напишите заключение текстом.
route-error-conclusion-short = Заключение слишком короткое: не меньше { $min } символов.
route-error-conclusion-long = Заключение слишком длинное: { $length } символов, можно не больше { $max }.
route-error-evidence-empty = Пришлите текст, ссылку или файл.
route-error-evidence-short = Слишком коротко: не меньше { $min } символов.
route-error-evidence-long = Слишком длинно: { $length } символов, можно не больше { $max }.
route-error-own-route = ⛔ Свой маршрут согласует другой координатор школы.
route-error-school-only = ⛔ Согласует и завершает маршрут координатор школы педагога; вы можете заполнить свои разделы плана.
route-error-not-waiting = Маршрут уже не ждёт согласования — решение принято раньше.
route-error-not-approved = Мероприятия отмечаются после согласования маршрута.
route-error-not-running = Заключение пишется по согласованному маршруту, который выполняется.
route-error-remove-done = Выполненное мероприятие остаётся в маршруте как результат.
route-error-transition = Так изменить статус нельзя — откройте карточку заново.
route-error-text-only = Здесь нужен текст (или кнопка под сообщением). /cancel — отменить.

## the ready draft (issue 15)
route-built-ready = ✅ Черновик готов: строк плана — { $count }. К каждому дефициту подобрано мероприятие (❔). Примите предложения группой или откройте строку, чтобы заменить или убрать.
route-card-group = <b>Компетенции: { $group }</b> (строк: { $count })
route-card-draft-row = { $n }. { $title }
route-card-draft-item = { "   " }{ $icon } { $title }, до { $due }
route-card-draft-more = { "   " }…и ещё { $count }
route-card-draft-empty = { "   " }— пока ничего не выбрано
route-hint-proposed = ❔ — предложение, которое вы ещё не приняли. Примите группу одной кнопкой, затем отправьте маршрут на согласование.
route-btn-accept-group = ✅ Принять: { $group } ({ $count })
route-btn-accept-all = ✅ Принять все предложения ({ $count })
route-btn-accept-one = ✅ Принять
route-btn-swap = 🔄 Заменить другим из каталога
route-accepted = ✅ Принято предложений: { $count }.
route-swapped = 🔄 Заменено: теперь в маршруте «{ $title }».
route-act-proposed = ❔ Предложено автоматически — примите, замените или уберите.
route-error-row-proposed = В строке { $n } («{ $title }») только непринятые предложения. Примите их или выберите другое мероприятие.
route-error-conclude-early = Заключение пишут, когда период маршрута закончился ({ $end }) или все мероприятия выполнены либо сняты.

route-alert-mentor-added = ➕ В согласованный ИОМ педагога { $name } по предложению наставника ({ $mentor }) добавлено: «{ $title }» ({ $column ->
        [consultations] консультационные часы
       *[other] самообразование
    }).
route-error-mentor-no-route = У вас нет действующего ИОМ — принять предложение некуда. Составьте ИОМ в разделе «Мой ИОМ»: предложение подождёт.

## строки плана, период, версии, пересборка, консультационные часы (issue 15)
route-btn-merge = 🔗 Объединить
route-btn-remove-row = 🗑 Удалить
route-btn-remove-row-yes = 🗑 Да, удалить строку
route-ask-remove-row = Удалить строку { $n } «{ $title }» из плана? { $count ->
        [0] В ней ничего не запланировано.
        [one] Вместе с ней уйдёт { $count } мероприятие.
        [few] Вместе с ней уйдут { $count } мероприятия.
       *[many] Вместе с ней уйдут { $count } мероприятий.
    }
route-row-removed = 🗑 Строка удалена: { $title }.
route-ask-merge = С какой строкой той же группы компетенций объединить строку { $n } «{ $title }»? Мероприятия обеих строк сохранятся.
route-rows-merged = 🔗 Строки объединены, мероприятия сохранены.
route-row-moved = Строка перемещена.
route-error-row-done = В строке есть выполненное мероприятие — её нельзя удалить: выполненное остаётся в маршруте.
route-error-merge-target = Эту строку нельзя выбрать для объединения — откройте план заново.
route-error-merge-group = Объединять можно только строки одной группы компетенций.
route-error-row-edge = Строка уже крайняя в своей группе.
route-error-rows-not-yours = Удалять, объединять и переставлять строки может педагог (пока маршрут — черновик) и координатор школы (пока маршрут не согласован).
route-btn-period = 📅 Период реализации
route-period-screen = <b>📅 Период реализации</b>
    С { $start } по { $end }.
    Что изменить?
route-period-outside = ⚠️ Вне периода: { $count ->
        [one] { $count } мероприятие
        [few] { $count } мероприятия
       *[many] { $count } мероприятий
    }. Они сохранены и отмечены знаком ⚠️ — перенесите сроки или измените период.
route-btn-period-start = Начало
route-btn-period-end = Окончание
route-btn-period-year = Учебный год: { $start } — { $end }
route-ask-period-start = Выберите дату начала (сейчас { $date }).
route-ask-period-end = Выберите дату окончания (сейчас { $date }).
route-period-saved = ✅ Период сохранён: с { $start } по { $end }.
route-error-period-order = Начало периода должно быть раньше окончания.
route-error-period-past = Окончание периода уже прошло — выберите будущую дату.
route-error-period-long = Период не может быть длиннее { $years } лет.
route-outside-mark = ⚠️ вне периода
route-card-outside = ⚠️ Вне периода реализации: { $count ->
        [one] { $count } мероприятие
        [few] { $count } мероприятия
       *[many] { $count } мероприятий
    } (сохранены, отмечены в строках).
route-btn-versions = 🗂 Версии
route-versions-title = <b>🗂 Версии маршрута</b> ({ $count }). Откройте версию, чтобы посмотреть план, каким он был.
route-versions-empty = Версий пока нет: версия сохраняется при отправке на согласование, согласовании, возврате на доработку, завершении и пересборке.
route-version-line = № { $n } · { $action } · { $at } — { $who }
route-version-why = { $action ->
        [completed] Заключение
       *[other] Комментарий
    }: «{ $comment }»
route-version-button = № { $n } · { $action } · { $at }
route-version-submitted = отправлен
route-version-approved = согласован
route-version-rebuilt = до пересборки
route-version-created = создан
route-version-returned = возвращён
route-version-started = начат
route-version-completed = завершён
route-version-head = <b>Версия № { $n }</b> ({ $action }), { $at }
    Кто: { $who }
    Статус: { $status }
    Период: с { $start } по { $end }
route-btn-rebuild = 🔄 Пересобрать по новой диагностике
route-ask-rebuild = Пересобрать план по последней диагностике? Строки сохранившихся дефицитов останутся со всем выбранным, для новых дефицитов появятся предложения, строки исчезнувших дефицитов уйдут (если в них нет выполненного). Текущий план сохранится в версиях.
route-ask-rebuild-agreed = Пересобрать план по последней диагностике? Маршрут снова станет черновиком и его нужно будет согласовать заново; выполненное останется выполненным. Строки сохранившихся дефицитов останутся со всем выбранным, для новых появятся предложения, строки исчезнувших уйдут, если в них нет выполненного. Текущий план сохранится в версиях.
route-btn-rebuild-yes = 🔄 Да, пересобрать
route-rebuilt = 🔄 План пересобран: строк сохранено — { $kept }, новых — { $added }, удалено — { $removed }, оставлено из-за выполненного — { $stayed }.
route-error-rebuild-same = Новой диагностики нет: план уже построен по последней. Пройдите самодиагностику ещё раз, чтобы пересобрать план.
route-btn-consult = 🕑 Часы консультаций
route-ask-consult-hours = Сколько часов консультаций запланировать? Нажмите кнопку или напишите число, например 3 или 1,5.
route-ask-consult-role = Часов: { $hours }. Кто консультирует?
route-ask-consult-person = Часов: { $hours }, консультант — { $role }. Выберите человека из школы (🎓 — наставники, они первыми) или напишите часть фамилии, чтобы найти.
route-consult-found = Поиск «{ $query }»: { $count ->
        [0] никого не нашлось. Проверьте написание, сбросьте поиск или запишите ФИО вручную.
        [one] найден { $count } человек.
        [few] найдено { $count } человека.
       *[many] найдено { $count } человек.
    }
route-consult-nobody = Других педагогов школы в боте пока нет — введите ФИО консультанта вручную.
route-btn-consult-as-name = ✍️ Записать «{ $name }» как ФИО
route-btn-consult-name = ✍️ Ввести ФИО вручную
route-ask-consult-name = Напишите фамилию, имя и отчество консультанта (от 3 до 200 символов).
route-consultant-mentor = наставник
route-consultant-tutor = тьютор
route-consultant-methodist = методист
route-consult-line = { $icon } { $name } ({ $role }) — { $hours } ч
route-consult-added = 🕑 Добавлено: { $hours } ч консультаций, { $name }.
route-card-consult-hours = 🕑 Часы консультаций: запланировано { $planned } ч, проведено { $done } ч.
route-error-hours-format = Не понял число часов. Напишите число, например 2 или 1,5.
route-error-hours-zero = Часов должно быть больше нуля.
route-error-hours-many = Слишком много: не больше { $max } ч на одну запись.
route-error-hours-half = Часы указываются с шагом в полчаса, например 1,5.
route-error-consult-role = Такого консультанта нет — выберите кнопкой.
route-error-consultant-gone = Этого человека нельзя выбрать консультантом — выберите из списка или напишите имя.
route-rebuild-hint = 🔔 Есть диагностика новее вашего плана: кнопка «Пересобрать» обновит строки по ней, а выбранное и выполненное сохранится.
