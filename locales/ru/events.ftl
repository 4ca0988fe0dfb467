# «Маршрут»: мероприятия и курсы (issue 4). Разметка: HTML.

## Формы, уровни, группы компетенций
ev-form-seminar = Семинар-практикум
ev-form-training = Тренинг
ev-form-master_class = Мастер-класс
ev-form-coach_session = Коуч-сессия
ev-form-open_lesson = Открытый урок
ev-form-round_table = Круглый стол
ev-form-demo_visit = Демонстрационный выезд
ev-form-landing = Педагогический десант
ev-form-consultation = Консультация
ev-form-internship = Стажировка
ev-form-conference = Конференция
ev-form-methodical_day = Методический день
ev-form-competition = Конкурс
ev-form-course = Курс ДПП ПК
# другие написания, которые понимает импорт (через |)
ev-form-seminar-aliases = семинар|семинар практикум|seminar
ev-form-training-aliases = тренинг|training
ev-form-master_class-aliases = мастер класс|мастерский класс|master class|master-class
ev-form-coach_session-aliases = коуч сессия|коучинг|coaching session
ev-form-open_lesson-aliases = открытое занятие|open lesson
ev-form-round_table-aliases = круглый стол|round table
ev-form-demo_visit-aliases = выезд|demonstration visit
ev-form-landing-aliases = десант|педагогический десант|pedagogical landing
ev-form-consultation-aliases = консультирование|consultation
ev-form-internship-aliases = стажировочная площадка|internship
ev-form-conference-aliases = научно-практическая конференция|conference
ev-form-methodical_day-aliases = методдень|methodical day
ev-form-competition-aliases = конкурс профессионального мастерства|competition
ev-form-course-aliases = курс|курсы|курсы пк|дпп пк|курс пк|course|dpp course
ev-level-school = Школьный
ev-level-municipal = Муниципальный
ev-level-regional = Региональный
ev-level-school-aliases = школьный уровень|школа|school
ev-level-municipal-aliases = муниципальный уровень|муниципалитет|municipal
ev-level-regional-aliases = региональный уровень|регион|regional
ev-group-subject = Предметные
ev-group-methodological = Методические
ev-group-psycho_pedagogical = Психолого-педагогические
ev-group-communicative = Коммуникативные
ev-group-subject-aliases = предметная|предметные компетенции|subject
ev-group-methodological-aliases = методическая|методические компетенции|methodological
ev-group-psycho_pedagogical-aliases = психолого-педагогическая|психолого-педагогические компетенции|psycho-pedagogical
ev-group-communicative-aliases = коммуникативная|коммуникативные компетенции|communicative
ev-orgkind-region = регион
ev-orgkind-municipality = муниципалитет
ev-orgkind-school = школа
ev-status-confirmed = записан(а)
ev-status-offered = предложено место
ev-status-waitlisted = лист ожидания
ev-status-cancelled = отменил(а) запись
ev-status-expired = не подтвердил(а) место

## Каталог
ev-list-title = <b>📅 Мероприятия</b>
ev-list-filters = Форма: { $form } · Уровень: { $level } · Месяц: { $month }
ev-list-deficits = ⭐ — сначала мероприятия по вашим дефицитам из самодиагностики ({ $groups }).
ev-list-empty = Подходящих предстоящих мероприятий пока нет. Попробуйте сбросить фильтры или загляните позже.
ev-list-count = Найдено: { $count }.
ev-list-seats = мест: { $left }
ev-list-seats-unlimited = мест достаточно
ev-list-waiting = мест нет, ожидают: { $waiting }
ev-mark-confirmed = ✅ вы записаны
ev-mark-offered = 🎟 место для вас
ev-mark-waitlisted = ⏳ вы в листе ожидания
ev-filter-any = все
ev-filter-form = Форма
ev-filter-level = Уровень
ev-filter-month = Месяц
ev-filter-reset = 🔄 Сбросить фильтры
ev-filter-ask-form = Выберите форму мероприятия:
ev-filter-ask-level = Выберите уровень:
ev-filter-ask-month = Выберите месяц:
ev-btn-my = 🗂 Мои записи
ev-btn-hours = ⏱ Мои часы
ev-btn-catalogue = 📅 Все мероприятия

## Карточка
ev-card-kind = { $form } · { $level } уровень
ev-card-organiser = Организатор: { $org }
ev-card-when = Когда:
    { $sessions }
ev-card-place = Где: { $place }
ev-card-link = Ссылка: { $link }
ev-card-hours = Часы: { $hours }
ev-hours-line = очные { $in_person }, дистанционные { $remote }, самостоятельная работа { $self_study } (всего { $total })
ev-card-groups = Компетенции: { $groups }
ev-card-deadline = Запись до: { $deadline }
ev-seats-left = Свободно мест: <b>{ $left }</b> из { $capacity }
ev-seats-full = Мест нет (всего { $capacity }); в листе ожидания: { $waiting }
ev-seats-unlimited = Число мест не ограничено; записались: { $taken }
ev-card-cancelled = 🚫 <b>Мероприятие отменено организатором.</b>
ev-card-mine = Ваш статус: { $status }
ev-card-closed = ⛔ Запись закрыта: { $reason }
ev-my-confirmed = ✅ вы записаны
ev-my-offered = 🎟 освободилось место — подтвердите до { $until }
ev-my-waitlisted = ⏳ вы в листе ожидания, ваша очередь: { $position }
ev-my-cancelled = запись отменена
ev-my-expired = место не подтверждено вовремя
ev-my-attended = ✅ участие отмечено, часы начислены
ev-my-event-cancelled = 🚫 мероприятие отменено
ev-btn-register = ✅ Записаться
ev-btn-waitlist = ⏳ Встать в лист ожидания
ev-btn-cancel-reg = ✖️ Отменить запись
ev-btn-confirm-seat = ✅ Подтвердить место
ev-btn-decline-seat = Отказаться от места
ev-btn-ics = 📆 Добавить в календарь (.ics)
ev-btn-checkin = 📍 Отметиться по коду
ev-btn-manage = ⚙️ Управление мероприятием
ev-btn-open = 📄 Открыть мероприятие
ev-done-registered = Вы записаны.
ev-done-waitlisted = Мест нет — вы в листе ожидания, ваша очередь: { $position }. Если место освободится, бот сразу напишет.
ev-done-cancelled = Запись отменена.
ev-done-confirmed = Место подтверждено — вы записаны.
ev-ics-caption = Файл для календаря: «{ $title }». Откройте его на телефоне, чтобы добавить мероприятие в календарь.
ev-checkin-ask = Введите код, который показывает организатор на мероприятии (6 цифр).
ev-checkin-done = Участие отмечено! Начислено часов: { $hours }.

## Мои записи и часы
ev-my-title-up = <b>🗂 Мои записи — предстоящие</b>
ev-my-title-past = <b>🗂 Мои записи — прошедшие и отменённые</b>
ev-my-none = Здесь пока пусто.
ev-tab-up = Предстоящие
ev-tab-past = Прошедшие
ev-tab-hours = Часы
ev-hours-title = <b>⏱ Мои часы</b> (зачётно-накопительная система)
ev-hours-none = Часов пока нет: они начисляются, когда организатор отмечает ваше участие или вы отмечаетесь по коду.
ev-hours-year = <b>{ $year }</b>: всего { $total } ч (мероприятий: { $events })
    очные — { $in_person }, дистанционные — { $remote }, самостоятельная работа — { $self_study }

## Уведомления
ev-notice-reminder =
    🔔 <b>Напоминание</b>: «{ $title }»
    Когда: { $when }
    Где: { $place }
    Ссылка: { $link }
ev-notice-offer =
    🎟 <b>Освободилось место</b> на «{ $title }» ({ $when }).
    Подтвердите участие до { $until } — иначе место перейдёт следующему в листе ожидания.
ev-notice-offer-expired = Место на «{ $title }» не было подтверждено вовремя и передано следующему в листе ожидания. Записаться снова можно из карточки мероприятия.
ev-notice-rescheduled =
    🗓 <b>Перенос</b>: «{ $title }»
    Было: { $old }
    Стало: { $new }
    Ваша запись сохранена. Если новое время не подходит — отмените запись одной кнопкой.
ev-notice-place =
    📍 <b>Изменилось место</b> мероприятия «{ $title }».
    Где: { $place }
    Ссылка: { $link }
ev-notice-cancelled = 🚫 Мероприятие «{ $title }» ({ $when }) <b>отменено</b> организатором. Ваша запись аннулирована.

## Организатор
ev-btn-organiser = 📅 Мероприятия: создать, импорт, посещаемость
ev-org-title =
    <b>📅 Мероприятия — организатор</b>

    Создавайте мероприятия и курсы, загружайте план из файла, переносите, отмечайте посещаемость и выгружайте списки — для организаций в пределах вашей зоны ответственности.
ev-org-create = ➕ Создать мероприятие
ev-org-mine = 📋 Мои мероприятия
ev-org-import = 📥 Импорт из файла
ev-org-template = 📄 Шаблон для импорта
ev-org-mine-title = <b>📋 Мероприятия вашей зоны ответственности</b> (предстоящие и за последние 60 дней)
ev-org-mine-none = Мероприятий пока нет.
ev-org-mine-line = { $n }. { $mark }{ $when } · <b>{ $title }</b> — записаны { $taken } из { $capacity }, ожидают { $waiting }
ev-adm-counts = 👥 Записаны: { $confirmed } · ждут подтверждения: { $offered } · лист ожидания: { $waiting } · отмечены: { $attended }
ev-adm-edit = ✏️ Изменить
ev-adm-reschedule = 🗓 Перенести
ev-adm-attendance = 👥 Посещаемость
ev-adm-code = 🔢 Код для отметки
ev-adm-export = 📊 Список (XLSX)
ev-adm-history = 🕘 История
ev-adm-as-teacher = 👁 Как видит педагог
ev-adm-cancel = 🚫 Отменить мероприятие
ev-adm-to-list = 📋 К списку
ev-adm-cancel-confirm = Отменить «{ $title }»? Все записавшиеся и ожидающие ({ $people }) получат уведомление. Это действие необратимо.
ev-adm-cancel-yes = 🚫 Да, отменить мероприятие
ev-adm-cancel-no = Нет, вернуться
ev-adm-cancelled = Мероприятие отменено; уведомлений отправлено: { $people }.
ev-adm-code-text =
    🔢 Код для отметки на «{ $title }»:

    <b>{ $code }</b>

    Покажите его участникам: они открывают мероприятие в «Мои записи» и нажимают «Отметиться по коду». Код действует с { $opens } до { $closes }; часы начисляются автоматически.
ev-export-caption = Список участников «{ $title }»: { $count }.
ev-edit-choose = Что изменить в «{ $title }»?
ev-edit-cancelled = Изменение отменено, мероприятие не изменилось.
ev-create-cancelled = Создание мероприятия отменено.
ev-saved = Сохранено: { $fields }.
ev-nothing-changed = Ничего не изменилось.
ev-created = Мероприятие опубликовано — педагоги вашей аудитории уже видят его в разделе «Мероприятия».
ev-field-title = Название
ev-field-form = Форма
ev-field-groups = Компетенции
ev-field-sessions = Даты
ev-field-place = Место и ссылка
ev-field-hours = Часы
ev-field-capacity = Число мест
ev-field-deadline = Срок записи
ev-field-audience = Аудитория
ev-field-description = Описание
ev-field-reminders = Напоминания
ev-chg-title = название
ev-chg-form = форма
ev-chg-groups = компетенции
ev-chg-description = описание
ev-chg-sessions = даты
ev-chg-place = место
ev-chg-online_url = ссылка
ev-chg-hours = часы
ev-chg-capacity = число мест
ev-chg-deadline = срок записи
ev-chg-audience = аудитория
ev-chg-reminders = напоминания
ev-chg-status = статус
ev-hist-title = <b>🕘 История «{ $title }»</b>
ev-hist-created = { $when } — создано
ev-hist-cancelled = { $when } — отменено
ev-hist-rescheduled = { $when } — перенос: { $old } → { $new }
ev-hist-edited = { $when } — { $field }: «{ $old }» → «{ $new }»
ev-att-title = <b>👥 Посещаемость: «{ $title }»</b>
    Отмечено: { $attended } из { $confirmed }. Нажмите на участника, чтобы отметить или снять отметку.
ev-att-none = Записавшихся пока нет.
ev-att-marked = Отмечен(а), часы начислены.
ev-att-unmarked = Отметка снята, часы списаны.
ev-xl-n = №
ev-xl-name = ФИО
ev-xl-school = Организация
ev-xl-municipality = Муниципалитет
ev-xl-status = Статус
ev-xl-position = Очередь
ev-xl-registered = Дата записи
ev-xl-attended = Отметка о посещении

## Диалог создания и изменения
ev-form-intro = Создадим мероприятие: около дюжины коротких шагов. «Назад» возвращает на шаг, /cancel прерывает.
ev-ask-title = Введите <b>название</b> мероприятия (например: «Формирующее оценивание на уроках математики»).
ev-ask-form = Выберите <b>форму</b> мероприятия:
ev-ask-level = Выберите <b>уровень</b> мероприятия:
ev-ask-organiser = Выберите <b>организатора</b> ({ $kind }). Можно напечатать часть названия для поиска.
ev-ask-groups = Отметьте <b>группы компетенций</b>, на которые направлено мероприятие, и нажмите «Готово».
ev-ask-sessions =
    Напишите <b>даты и время</b> — по одной строке на каждый день:
    <code>25.12.2026 10:00-13:00</code>
    <code>26.12.2026 10:00-13:00</code>
ev-ask-place = Укажите <b>место проведения</b> (адрес, кабинет) или нажмите «Только онлайн».
ev-ask-link = Пришлите <b>ссылку</b> на онлайн-трансляцию или материалы (https://…) или нажмите «Без ссылки».
ev-ask-hours =
    Сколько <b>часов</b> засчитывается? Три числа через пробел: очные, дистанционные, самостоятельная работа.
    Например: <code>6 2 0</code> (можно с половинами: <code>1,5 0 0</code>).
ev-ask-capacity = Сколько <b>мест</b>? Напишите число или нажмите «Без ограничения».
ev-ask-deadline = До какого момента идёт <b>запись</b>? Выберите день в календаре (запись до 23:59 этого дня) или напишите, например: <code>20.12.2026 18:00</code>. Или нажмите «До начала».
ev-ask-audience = Кто <b>увидит</b> мероприятие? По умолчанию — вся организация «{ $org }». Можно выбрать отдельные организации.
ev-audience-selected = Сейчас выбрано: { $orgs }
ev-audience-whole = Вся организация: { $org }
ev-audience-search = Напечатайте часть названия, чтобы найти организацию.
ev-ask-description = Добавьте <b>описание</b>: тема, для кого, что взять с собой. Или нажмите «Пропустить».
ev-ask-reminders = За сколько до начала каждого дня напоминать участникам? Например: <code>24ч 1ч</code>, <code>30 мин</code>; <code>0</code> — без напоминаний.
ev-reminders-none = без напоминаний
ev-reminder-hours = за { $n } ч
ev-reminder-minutes = за { $n } мин
ev-ask-confirm = Проверьте мероприятие перед публикацией:
ev-btn-publish = ✅ Опубликовать
ev-btn-online-only = Только онлайн
ev-btn-no-link = Без ссылки
ev-btn-unlimited = Без ограничения
ev-btn-until-start = До начала
ev-btn-skip = Пропустить ▶️
ev-unlimited = без ограничения
ev-until-start = до начала
ev-summary =
    <b>{ $title }</b>
    Форма: { $form } · Уровень: { $level }
    Организатор: { $organiser }
    Компетенции: { $groups }
    Даты:
    { $sessions }
    Место: { $place }
    Ссылка: { $link }
    Часы: { $hours }
    Мест: { $capacity } · Запись: { $deadline }
    Аудитория: { $audience }
    Описание: { $description }
ev-reschedule-confirm =
    🗓 <b>Перенос «{ $title }»</b>
    Было:
    { $old }
    Станет:
    { $new }

    Уведомление с новыми датами и кнопкой отмены записи получат: { $people }.
ev-btn-reschedule-go = ✅ Перенести и уведомить

## Импорт и шаблон
ev-import-ask =
    📥 Пришлите файл <b>XLSX</b> или <b>CSV</b> с мероприятиями — по одному в строке, не больше { $max } строк. Столбцы — как в шаблоне (кнопка ниже).
    Строки с ошибками будут названы с номером и полем; остальные загрузятся.
ev-import-need-file = Пришлите файл документом (XLSX или CSV) или нажмите «Отмена».
ev-import-bad-type = Нужен файл .xlsx или .csv.
ev-import-too-big = Файл слишком большой: не больше { $mb } МБ.
ev-import-unreadable = Не удалось прочитать файл: нет строки заголовков со столбцом «Название». Возьмите шаблон и попробуйте ещё раз.
ev-import-done = 📥 Загружено мероприятий: <b>{ $created }</b> из { $rows }. Строк с ошибками: { $errors }.
ev-import-unknown-columns = Неизвестные столбцы пропущены: { $columns }
ev-import-error-field = • Строка { $line }, поле «{ $field }»: { $error }
ev-import-error-row = • Строка { $line }: { $error }
ev-import-more = …и ещё ошибок: { $count }.
ev-import-again = 📥 Загрузить ещё файл
ev-template-caption = Шаблон для импорта мероприятий. Обязательные столбцы отмечены *; на листах-справочниках — формы, уровни, группы компетенций и организации с их id.
ev-col-title = Название
ev-col-form = Форма
ev-col-level = Уровень
ev-col-organiser = Организатор
ev-col-groups = Компетенции
ev-col-sessions = Даты и время
ev-col-place = Место
ev-col-online_url = Ссылка
ev-col-hours_in_person = Часы очные
ev-col-hours_remote = Часы дистанционные
ev-col-hours_self_study = Часы самостоятельной работы
ev-col-capacity = Мест
ev-col-deadline = Запись до
ev-col-audience = Аудитория
ev-col-description = Описание
ev-tpl-example-title = Формирующее оценивание на уроках: приёмы и инструменты
ev-tpl-example-place = МАОУ СОШ № 5, актовый зал
ev-tpl-example-description = Семинар-практикум для учителей основной школы. Возьмите с собой план урока.
ev-tpl-notes =
    Как заполнять шаблон импорта мероприятий
    Одна строка — одно мероприятие. Обязательны: Название, Форма, Уровень, Организатор, Даты и время.
    Форма, Уровень, Компетенции — значения с листов-справочников (регистр не важен); несколько компетенций — через «;».
    Организатор — id или точное название организации с листа «Организации»: школа для школьного уровня, муниципалитет для муниципального, регион для регионального.
    Даты и время — «25.12.2026 10:00-13:00»; несколько дней — через «;» или с новой строки в ячейке.
    Часы — числа (можно 1,5); хотя бы один вид часов больше нуля. Место или Ссылка — хотя бы одно.
    Мест — пусто, если без ограничения. Запись до — «20.12.2026 18:00» или пусто (до начала).
    Аудитория — пусто (вся организация-организатор) или id/названия организаций внутри неё через «;».
    Форма, Уровень и Организатор выбираются из выпадающего списка ячейки. Серая строка «ПРИМЕР» — образец: её можно оставить, она не загружается.
ev-tpl-sheet-forms = Формы
ev-tpl-sheet-levels = Уровни
ev-tpl-sheet-groups = Компетенции
ev-tpl-sheet-orgs = Организации
ev-tpl-org-kind = Тип
ev-tpl-org-name = Название

## Ошибки
ev-error-not-found = Мероприятие не найдено или недоступно вам.
ev-error-not-in-subgroup = Это мероприятие проводится для подгруппы педагогов школы, в которую вы не входите (по должности или предметам в профиле). Если профиль устарел, обновите его в разделе «Профиль».
ev-error-cancelled = Мероприятие отменено.
ev-error-started = Мероприятие уже началось — запись закрыта.
ev-error-deadline = Срок записи истёк.
ev-error-past = Мероприятие уже прошло.
ev-error-already-registered = Вы уже записаны (или в листе ожидания).
ev-error-no-registration = Записи на это мероприятие не найдено.
ev-error-not-registered = Вы не записаны на это мероприятие.
ev-error-ics-not-confirmed = Файл для календаря доступен, когда место за вами подтверждено.
ev-error-no-offer = Предложения места нет — возможно, оно уже истекло.
ev-error-offer-expired = Время на подтверждение истекло, место передано следующему.
ev-error-checkin-not-registered = Отметиться может только записавшийся участник.
ev-error-checkin-window = Отметка по коду доступна с часа до начала и до конца дня мероприятия.
ev-error-checkin-locked = Слишком много неверных попыток. Попросите организатора отметить вас вручную.
ev-error-checkin-code = Неверный код. Осталось попыток: { $left }.
ev-error-capacity-below = Нельзя сделать мест меньше, чем уже занято ({ $taken }).
ev-error-attendance-status = Отметить посещение можно только у записанного участника.
ev-error-attendance-early = Отмечать посещаемость можно с часа до начала мероприятия.
ev-error-attendance-self = Себе посещение не отмечают: часы организатору начисляет другой координатор.
ev-error-checkin-organiser = Вы ведёте это мероприятие, поэтому отметиться кодом нельзя: ваше посещение отметит другой координатор.
ev-error-incomplete = Заполнены не все обязательные поля мероприятия.
ev-error-organiser-kind = Организатор должен соответствовать уровню: школа — школьный, муниципалитет — муниципальный, регион — региональный.
ev-error-no-organiser = В вашей зоне ответственности нет организаций этого уровня — выберите другой уровень.
ev-error-place-or-link = Укажите место проведения или ссылку — хотя бы одно.
ev-error-deadline-after-start = Срок записи не может быть позже начала мероприятия.
ev-error-deadline-past = Срок записи уже прошёл — укажите будущую дату.
ev-error-session-past = Дата №{ $line } уже прошла — укажите будущую.
ev-error-session-far = Дата №{ $line } слишком далеко: не больше двух лет вперёд.
ev-error-session-format = Не понял дату №{ $line }: «{ $text }». Пишите так: 25.12.2026 10:00-13:00
ev-error-session-date = Такой даты нет (№{ $line }: «{ $text }»).
ev-error-session-order = В дате №{ $line } окончание раньше начала.
ev-error-session-long = Занятие №{ $line } длиннее { $max } ч — разбейте его на дни, по строке на каждый.
ev-error-sessions-empty = Напишите хотя бы одну дату.
ev-error-sessions-many = Не больше { $max } дат.
ev-error-sessions-overlap = Даты пересекаются — проверьте время.
ev-error-datetime-format = Напишите дату так: 20.12.2026 18:00 (или просто 20.12.2026).
ev-error-title-empty = Напишите название текстом.
ev-error-title-short = Название слишком короткое (от { $min } символов).
ev-error-title-long = Название слишком длинное (не больше { $max } символов).
ev-error-hours-format = Напишите часы числами через пробел: очные, дистанционные, самостоятельная работа. Например: 6 2 0
ev-error-hours-value = Нужно число часов, например: 6 или 1,5.
ev-error-hours-range = Часы — от 0 до { $max }.
ev-error-hours-step = Часы указываются целыми или с половиной: 1, 1,5, 2…
ev-error-hours-zero = Хотя бы один вид часов должен быть больше нуля.
ev-error-capacity-format = Число мест — целое число, например: 30.
ev-error-capacity-range = Число мест — от 1 до { $max }.
ev-error-place-empty = Напишите место текстом.
ev-error-place-long = Слишком длинно: не больше { $max } символов.
ev-error-url = Ссылка должна начинаться с https:// (или http://) и не содержать пробелов.
ev-error-description-long = Описание слишком длинное: не больше { $max } символов.
ev-error-reminders-format = Не понял. Пример: 24ч 1ч, или 30 мин, или 0 — без напоминаний.
ev-error-reminders-range = Напоминание — от 5 минут до 7 дней до начала.
ev-error-reminders-many = Не больше { $max } напоминаний.
ev-error-group = Неизвестная группа компетенций: «{ $value }».
ev-error-groups-empty = Отметьте хотя бы одну группу компетенций.
ev-error-org-unknown = Организация «{ $value }» не найдена (нужен id или точное название).
ev-error-org-ambiguous = Название «{ $value }» подходит нескольким организациям — укажите id.
ev-error-audience-outside = «{ $org }» не входит в организацию-организатора.
ev-error-subgroup-audience = «{ $title }» открыто не только этой школе — провести его только для подгруппы нельзя: другие школы его потеряют. Создайте мероприятие школы для подгруппы или выберите весь коллектив.
ev-error-audience-many = Не больше { $max } организаций в аудитории.
ev-error-import-many = В файле слишком много строк: не больше { $max }.
ev-error-choice = Неизвестное значение «{ $value }» — см. лист-справочник шаблона.
ev-error-need-text = Здесь нужен ответ текстом.
ev-error-required = Обязательное поле не заполнено.
ev-tpl-example-mark = ПРИМЕР (эта строка не загружается):
ev-import-example-skipped = ℹ️ Строка-пример из шаблона пропущена (строка { $lines }): она начинается с «ПРИМЕР».
