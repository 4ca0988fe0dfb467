# «Моя территория» и «Мои педагоги»: показатели координатора по своей территории.

terr-btn-home = 📊 Моя территория
terr-btn-people = 👩‍🏫 Мои педагоги
terr-btn-teachers = 👩‍🏫 Педагоги
terr-btn-charts = 📈 Графики
terr-btn-xlsx = 📥 Выгрузить в Excel
terr-btn-up = ⬆️ { $name }
terr-btn-unit = { $name } — { $teachers } пед., диагн. { $share } %
terr-btn-back-dash = ◀️ К показателям
terr-btn-back-list = ◀️ К списку
terr-btn-search = 🔎 Найти по ФИО
terr-btn-nudge = 🔔 Напомнить
terr-btn-route = 🗺 Открыть ИОМ
terr-btn-conclusion = 🏁 ИОМ: срок истёк — заключение
terr-btn-form = 📄 На проверке: { $kind }

terr-choose-scope = <b>📊 Моя территория</b>

    Выберите территорию:
terr-no-scope = У вас пока нет территории: роль координатора выдаётся для школы, муниципалитета или региона.

terr-kind-school = школа
terr-kind-municipality = муниципалитет
terr-kind-region = регион

terr-pair = { $label } { $value }
terr-group-subject = предметные
terr-group-methodological = методические
terr-group-psycho_pedagogical = психолого-педагогические
terr-group-communicative = коммуникативные
terr-route-none = нет ИОМ
terr-route-draft = черновик
terr-route-submitted = на согласовании
terr-route-returned = возвращён
terr-route-approved = согласован
terr-route-in_progress = выполняется
terr-route-completed = завершён
terr-route-overdue = с просрочкой
terr-hours-in_person = очные
terr-hours-remote = дистанционные
terr-hours-self_study = самостоятельная работа
terr-form-draft = черновик
terr-form-submitted = на проверке
terr-form-returned = возвращена
terr-form-accepted = принята
terr-attended = участвовал(а)
terr-history-created = создан
terr-history-submitted = отправлен на согласование
terr-history-returned = возвращён на доработку
terr-history-approved = согласован
terr-history-started = начато выполнение
terr-history-completed = завершён с заключением
terr-history-rebuilt = пересобран по новой диагностике

terr-dash-title = <b>📊 { $org }</b> ({ $kind })
terr-dash-empty = В боте пока нет педагогов этой территории.
terr-dash-summary = Педагогов в боте: <b>{ $teachers }</b>. Диагностику прошли <b>{ $share } %</b> педагогов{ $has_group ->
        [yes] ; чаще всего дефицит — <b>{ $group } компетенции</b>.
       *[no] .
    }
terr-dash-diag =
    <b>🧭 Самодиагностика</b>: прошли { $diagnosed }, за 12 месяцев — { $n12 } ({ $share12 } %).
    Средний результат: { $groups }.
    Педагогов с дефицитом по группам: { $deficits }.
terr-dash-top = Чаще всего выявляемые дефициты:
terr-dash-top-line = { $n }. { $title } — { $count }
terr-dash-repeat = Повторная диагностика: { $repeated }, результат вырос у { $improved }, в среднем { $change } п. п.; 95–100 % — у { $success } ({ $share } %).
terr-dash-routes =
    <b>🗺 ИОМ</b>: { $routes }; с просроченными мероприятиями — { $overdue }.
    Мероприятия ИОМ выполнены: { $done } из { $planned }.
terr-dash-hours = <b>⏱ Часы за { $year }</b>: { $hours } (всего { $total }).
terr-dash-forms = <b>🎓 Курсы</b>: на проверке { $submitted }, принято { $accepted }, возвращено { $returned }.
terr-dash-categories = <b>🏅 Категории и статусы</b>: первая { $first } ({ $first_share } %), высшая { $highest } ({ $highest_share } %); методисты { $methodists }, наставники { $mentors }, молодые специалисты { $young }.
terr-dash-events = <b>📅 Мероприятия</b>: записей { $registrations }, посетили { $attended } (посещаемость { $rate } %), неявок { $no_shows }.
terr-dash-people = <b>👥 Должности</b>: { $positions }.
    <b>Предметы</b>: { $subjects }.
terr-dash-units-region = <b>Муниципалитеты</b> ({ $count }) — откройте, чтобы посмотреть подробнее:
terr-dash-units-municipality = <b>Школы</b> ({ $count }) — откройте, чтобы посмотреть подробнее:

terr-chart-groups = Доля педагогов с дефицитом, по группам компетенций
terr-chart-groups-caption = 📈 Дефициты по группам: { $org } в сравнении с уровнем выше.
terr-chart-routes = ИОМ педагогов
terr-chart-routes-caption = 📈 Статусы ИОМ: { $org }.
terr-chart-units = Доля прошедших диагностику
terr-chart-units-caption = 📈 Сравнение организаций: { $org }.
terr-charts-done = Графики выше. Вернуться к показателям:

terr-list-title = <b>👩‍🏫 Педагоги: { $org }</b>
    Фильтр: { $filter }. Найдено: <b>{ $count }</b>.
terr-list-query = Поиск: «{ $query }»
terr-list-empty = Никого не нашлось. Измените фильтр или поиск.
terr-list-item = { $n }. { $mark } { $name } · { $route }
terr-filter-all = Все
terr-filter-nodiag = Без диагностики
terr-filter-noroute = ИОМ не начат
terr-filter-waiting = ИОМ ждёт решения
terr-filter-returned = ИОМ возвращён
terr-filter-overdue = ИОМ просрочен
terr-filter-nohours = Нет часов в этом году
terr-filter-noreport = Нет отчёта после курсов
terr-ask-search = 🔎 Напишите часть фамилии, имени или отчества (или Telegram ID):
terr-error-query-empty = Напишите хотя бы одну букву фамилии или имени.
terr-error-query-long = Слишком длинный запрос: не больше { $limit } символов. Напишите часть фамилии.
terr-error-no-org = Такой организации нет. Откройте «Моя территория» заново.
terr-error-no-teacher = Педагог не найден (возможно, удалил свои данные). Вернитесь к списку.
terr-error-nudged = Сегодня этому педагогу уже напомнили. Следующее напоминание можно отправить завтра.
terr-error-nudge-self = Себе напоминать не нужно 🙂

terr-card-title = <b>👩‍🏫 Карточка педагога</b>
terr-card-diag = <b>🧭 Диагностика</b> от { $date }: итог { $total }; { $groups }.
terr-card-no-diag = <b>🧭 Диагностика</b>: ещё не пройдена.
terr-card-route = <b>🗺 ИОМ</b>: { $status }, { $start } — { $end }; мероприятий выполнено { $done } из { $planned }.
terr-card-history = • { $date }: { $action }
terr-card-no-route = <b>🗺 ИОМ</b>: ещё не начат.
terr-card-hours = <b>⏱ Часы за год</b>: { $hours }.
terr-card-events = <b>📅 Записи на мероприятия</b>: { $count }
terr-card-event = • { $title } ({ $date }) — { $status }
terr-card-forms = <b>🎓 Курсы</b>:
terr-card-form = • { $kind } — { $status } ({ $date })
terr-card-nudged = 🔔 Сегодня уже напомнили.
terr-nudge-sent = 🔔 Напоминание отправлено.
terr-notice-nudge =
    🔔 Координатор напоминает о профессиональном развитии.

    Загляните в бот, когда будет удобно: пройдите самодиагностику, если ещё не проходили, и проверьте свой ИОМ — мероприятия, сроки, отметки о выполнении. Спасибо!

terr-xlsx-wait = Готовим файл…
terr-xlsx-caption = 📥 { $org }: педагогов — { $teachers }.
terr-sheet-teachers = Педагоги
terr-sheet-diagnosis = Диагностика по группам
terr-sheet-indicators = Дефициты по индикаторам
terr-sheet-routes = ИОМ
terr-sheet-hours = Часы
terr-sheet-forms = Курсы и отчёты
terr-sheet-events = Мероприятия
terr-sheet-record_diagnosed = Учёт прошедших диагностику
terr-sheet-record_routes = Учёт построенных ИОМ
terr-col-n = №
terr-col-name = ФИО
terr-col-municipality = Муниципалитет
terr-col-school = Организация
terr-col-position = Должность
terr-col-subjects = Предметы
terr-col-category = Категория
terr-col-diagnosed_at = Дата диагностики
terr-col-total = Итог, %
terr-col-previous_total = Предыдущий итог, %
terr-col-route = ИОМ
terr-col-hours = Часы за год
terr-col-group-subject = Предметные, %
terr-col-group-methodological = Методические, %
terr-col-group-psycho_pedagogical = Психолого-педагогические, %
terr-col-group-communicative = Коммуникативные, %
terr-col-group = Группа компетенций
terr-col-indicator = Код индикатора
terr-col-title = Дефицит
terr-col-count = Педагогов
terr-col-period_start = Начало
terr-col-period_end = Окончание
terr-col-submitted_at = Отправлено
terr-col-decided_at = Решение
terr-col-activities_done = Выполнено мероприятий
terr-col-activities_planned = Запланировано мероприятий
terr-col-hours-in_person = Очные, ч
terr-col-hours-remote = Дистанционные, ч
terr-col-hours-self_study = Самостоятельные, ч
terr-col-form_kind = Документ
terr-col-form_status = Статус
terr-col-event = Мероприятие
terr-col-starts_at = Дата
terr-col-reg_status = Запись
terr-col-attended_at = Участие отмечено
terr-col-deficit_groups = Группы с дефицитами

terr-btn-digest = 🔔 Сводка координатора
terr-digest-title = <b>🔔 Сводка координатора</b>

    Раз в день или раз в неделю бот присылает сводку по вашей территории: что ждёт решения, просроченные мероприятия ИОМ, маршруты, которые долго не согласуют, и педагоги без диагностики.
    Сейчас: <b>{ $mode }</b>.
terr-digest-off = не присылать
terr-digest-daily = каждый день
terr-digest-weekly = раз в неделю
terr-digest-saved = ✅ Сохранено.
terr-digest =
    <b>🔔 Сводка: { $org }</b>

    • ждут вашего решения (ИОМ, техзадания, отчёты): <b>{ $waiting }</b>;
    • ИОМ с просроченными мероприятиями: <b>{ $overdue }</b>;
    • ИОМ на согласовании дольше { $days } дн.: <b>{ $stalled }</b>;
    • педагоги без диагностики: <b>{ $nodiag }</b>.
terr-list-btn-all = 👩‍🏫 Все педагоги
terr-list-btn-nodiag = 🧭 Без диагностики
terr-list-btn-noroute = 🗺 ИОМ не начат
terr-list-btn-waiting = ⏳ Ждут решения
terr-list-btn-returned = ↩️ ИОМ возвращён
terr-list-btn-overdue = ⏰ Просрочены
terr-list-btn-nohours = ⏱ Нет часов
terr-list-btn-noreport = 🎓 Нет отчёта
terr-escalation =
    ⚠️ { $kind ->
        [route] ИОМ
        [assignment] Техническое задание
        [report] Отчёт о курсах
       *[other] Документ
    } педагога { $name } ({ $school }) { $reason ->
        [late] ждёт решения уже { $days } дн.
       *[orphan] ждёт решения, а координатора школы в боте нет.
    }
    Рассмотрите, пожалуйста, или напомните школе.
terr-alert-form =
    📄 Поступил { $kind ->
        [assignment] техническое задание
        [report] отчёт о прохождении курсов
       *[other] документ
    }: { $name } ({ $school }). Его рассматривает координатор школы.

terr-btn-admin-only = ⚙️ Я администратор: без профиля педагога
terr-admin-only-done = ✅ Готово: профиль педагога не нужен. Школу, должность и предметы можно добавить позже в «Профиле».

terr-btn-roles = 👥 Роли
terr-btn-find-person = 🔎 Найти человека и выдать роль
terr-btn-grant = ➕ { $role } · { $org }
terr-btn-revoke = ➖ Отозвать: { $role } · { $org }
terr-roles-title = <b>👥 Роли: { $org }</b> (всего { $count })
terr-roles-none = Координаторов и наставников здесь пока нет.
terr-roles-line = • { $name } — { $role } ({ $org })
terr-person-role = • { $role } — { $org }
terr-roles-more = …и ещё { $count }.
terr-ask-person = 🔎 Напишите часть ФИО или Telegram ID человека (он должен хотя бы раз открыть бота и дать согласие):
terr-people-found = Найдено: { $count }. Выберите человека:
terr-people-none = Никого не нашлось. Напишите другую часть ФИО или Telegram ID.
terr-person-title = <b>{ $name }</b> (Telegram ID { $id })
    Роли:
terr-person-no-roles = • ролей нет
terr-role-granted = ✅ Роль выдана.
terr-role-revoked = ✅ Роль отозвана.
terr-role-unchanged = Ничего не изменилось: так уже было.

# Mentoring and professional activity on the dashboard and in the export (issues 12, 16)
terr-dash-network = <b>🤝 Наставничество</b> (с { $since }): молодых специалистов с наставником { $mentored } из { $young } ({ $share } %, цель — 100 %); пар { $pairs }, встреч { $meetings }, часов { $hours }.
    <b>🏆 Профессиональная активность</b>: в конкурсах { $competitions } ({ $competition_share } %, цель — не менее 25 %), экспертов { $experts }, практик в банке { $practices }.
terr-sheet-network = Наставничество и активность
terr-col-unit = Подразделение
terr-col-young = Молодых специалистов
terr-col-young_mentored = С наставником
terr-col-young_mentored_share = С наставником, %
terr-col-pairs = Пар
terr-col-meetings = Встреч
terr-col-meeting_hours = Часов встреч
terr-col-teachers = Педагогов
terr-col-in_competitions = В конкурсах
terr-col-competition_share = В конкурсах, %
terr-col-experts = Экспертов
terr-col-practices = Практик в банке

terr-btn-chart = 📈 График диагностики
terr-btn-back-card = ◀️ К карточке педагога
terr-teacher-chart = 📈 Диагностика: { $name }, { $date }.
terr-teacher-chart-compare = 📈 Диагностика: { $name }, { $date } (синий) и { $prev } (серый пунктир).
terr-teacher-chart-done = График выше. Вернуться к карточке:
terr-chart-failed = Не получилось нарисовать график. Попробуйте ещё раз чуть позже; цифры диагностики — в карточке.
terr-error-no-diag = У педагога ещё нет пройденной диагностики: графика пока нет. Вернитесь к карточке.

# the organisations file, uploaded by an admin in the chat (handlers/territory/orgs.py)
terr-btn-orgs-upload = 🏫 Загрузить организации
terr-orgs-btn-template = 📄 Скачать шаблон
terr-orgs-ask =
    <b>🏫 Загрузка организаций</b>

    Пришлите файл CSV или XLSX: в каждой строке регион, муниципалитет и школа (школу можно не указывать — тогда добавится только муниципалитет). Первая строка с заголовками пропускается; не больше { $rows } строк и { $mb } МБ.

    Сначала покажу, что изменится, — ничего не запишется, пока вы не нажмёте «Применить». Организация узнаётся по названию (без учёта регистра и пробелов): существующие не переименовываются и не удаляются.
terr-orgs-col-region = Регион
terr-orgs-col-municipality = Муниципалитет
terr-orgs-col-school = Школа
terr-orgs-example-region = Тюменская область
terr-orgs-example-municipality = г. Тюмень
terr-orgs-example-school = МАОУ СОШ № 5 г. Тюмени
terr-orgs-sheet = Организации
terr-orgs-template-caption = 📄 Шаблон: заполните строки под заголовком и пришлите файл сюда.
terr-orgs-counts = регионов { $regions }, муниципалитетов { $municipalities }, школ { $schools }
terr-orgs-preview = <b>📋 Проверка файла { $name }</b>: строк с данными — { $rows }.
terr-orgs-new = ➕ Будет добавлено ({ $total }): { $counts }.
terr-orgs-unchanged = ✔️ Уже есть, без изменений: { $count }.
terr-orgs-problems = ⚠️ Строк с ошибками: { $count } — они будут пропущены:
terr-orgs-problem = • строка { $line }: { $error }
terr-orgs-more = …и ещё { $count }.
terr-orgs-nothing-yet = Пока ничего не записано. Нажмите «Применить» — или исправьте файл и пришлите его снова.
terr-orgs-nothing-new = Добавлять нечего. Исправьте файл и пришлите его снова — или вернитесь в меню.
terr-orgs-btn-apply = ✅ Применить (+{ $count })
terr-orgs-btn-apply-skip = ✅ Применить без ошибочных строк (+{ $count })
terr-orgs-need-file = Нужен файл CSV или XLSX — пришлите его документом (скрепка → Файл). Шаблон — по кнопке ниже.
terr-orgs-bad-type = Файл «{ $name }» — не CSV и не XLSX. Сохраните таблицу как .xlsx или .csv и пришлите снова.
terr-orgs-too-big = Файл больше { $mb } МБ. Разделите его на части и пришлите по очереди.
terr-orgs-empty = В файле нет строк с организациями. Заполните строки под заголовком (как в шаблоне) и пришлите снова.
terr-orgs-stale = Нечего применять: предпросмотр устарел или уже применён. Пришлите файл заново.
terr-orgs-done = ✅ Файл { $name } загружен: добавлено { $counts }; уже были — { $existing }; пропущено строк с ошибками — { $skipped }.
terr-orgs-btn-again = 🏫 Загрузить ещё файл
terr-orgs-btn-admin = ⚙️ Администрирование
terr-orgs-cancelled = Загрузка отменена, ничего не записано.
org-import-error-long = название длиннее { $max } символов
org-import-error-required = не указан регион или муниципалитет
