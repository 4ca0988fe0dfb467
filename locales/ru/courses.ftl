# «Курсы и отчёты»: техническое задание (приложение 1) и отчёт о прохождении курсов (приложение 2).

## Раздел
crs-home =
    <b>🎓 Курсы и отчёты</b>

    • <b>Техническое задание</b> — заполняется перед курсами повышения квалификации: что вы хотите получить или усовершенствовать.
    • <b>Отчёт о прохождении курсов</b> — после курсов: сроки, часы, результаты контроля, удостоверение.
    Обе формы согласует координатор вашей школы; черновик сохраняется на каждом шаге.
crs-home-hours = Зачтено по принятым отчётам: <b>{ $hours } ч.</b>
crs-home-list = <b>Ваши формы:</b>
crs-home-item = { $n }. { $title } — { $status }
crs-home-empty = У вас пока нет заполненных форм.
crs-btn-new-assignment = 📝 Техническое задание
crs-btn-new-report = 📄 Отчёт о курсах
crs-kind-assignment = Техническое задание
crs-kind-report = Отчёт о прохождении курсов
crs-title-assignment = <b>📝 Техническое задание на курсы повышения квалификации</b>
crs-title-report = <b>📄 Отчёт о прохождении курсов повышения квалификации</b>
crs-short-assignment = ТЗ «{ $program }»
crs-short-report = Отчёт «{ $program }»
crs-no-program = без названия

## Статусы
crs-status-assignment-draft = 📝 черновик
crs-status-assignment-submitted = ⏳ на согласовании
crs-status-assignment-returned = ↩️ возвращено на доработку
crs-status-assignment-accepted = ✅ согласовано
crs-status-report-draft = 📝 черновик
crs-status-report-submitted = ⏳ на проверке
crs-status-report-returned = ↩️ возвращён на доработку
crs-status-report-accepted = ✅ принят

## Карточка
crs-card-status = Статус: { $status }{ $revision ->
        [0] {""}
        [1] {""}
       *[other] {" "}(версия { $revision })
    }
crs-card-submitted = Отправлено: { $at }
crs-card-comment = 💬 Комментарий координатора: <i>{ $comment }</i>
crs-card-school = Школа: { $school }
crs-card-line = { $label }: <b>{ $value }</b>
crs-card-block = { $label }:{ $value }
crs-hours = { $n } ч.
crs-percent = { $value } %
crs-not-taken = не проходил(а)
crs-internships-none = не было
crs-internship-line = { $n }) { $place } — { $hours } ч.; { $activity }
crs-yes = да
crs-no = нет
crs-file = { $kind } { $size }
crs-file-pdf = PDF
crs-file-jpeg = изображение JPEG
crs-file-png = изображение PNG
crs-file-photo = фото
crs-size-kb = ({ $n } КБ)
crs-size-mb = ({ $n } МБ)
crs-file-caption = 📎 Удостоверение № { $number } — { $name }

## Поля
crs-f-full_name = ФИО
crs-f-workplace = Место работы
crs-f-position = Должность
crs-f-education = Образование
crs-f-diploma_number = Диплом №
crs-f-diploma_date = Дата выдачи диплома
crs-f-specialty = Специальность по диплому
crs-f-position_years = Стаж в должности
crs-f-age = Возраст
crs-f-program = Программа ДПО
crs-f-groups = Компетенции к развитию
crs-f-difficulty = Затруднения: { $group }
crs-f-start_date = Начало курсов
crs-f-end_date = Окончание курсов
crs-f-hours = Объём
crs-f-input_percent = Входной контроль
crs-f-repeat_percent = Повторный контроль
crs-f-internships = Стажировка
crs-f-attestation = Итоговая аттестация
crs-f-attestation_other = Другая форма аттестации
crs-f-competences = Усовершенствованные компетенции
crs-f-certificate_number = Удостоверение №
crs-f-certificate_file = Скан удостоверения
crs-f-recommendation = Рекомендация к диссеминации опыта

## Значения
crs-group-subject = предметные
crs-group-methodological = методические
crs-group-psycho_pedagogical = психолого-педагогические
crs-group-communicative = коммуникативные
crs-education-higher = высшее
crs-education-vocational = среднее специальное
crs-choice-education-higher = Высшее
crs-choice-education-vocational = Среднее специальное
crs-choice-recommendation-yes = Да, рекомендация получена
crs-choice-recommendation-no = Нет
crs-attestation-credit = зачёт
crs-attestation-lesson_plan = план-конспект
crs-attestation-open_lesson = открытое занятие
crs-attestation-master_class = мастер-класс
crs-attestation-other = другое

## Шаги
crs-step-header = <b>{ $form }</b> · <i>шаг { $n } из { $total }</i>
crs-intro-assignment = Заполним техническое задание на курсы. ФИО, место работы и должность взяты из профиля — их можно изменить на последнем шаге. Всё сохраняется сразу: прервать можно в любой момент (/cancel), продолжить — из раздела «Курсы и отчёты».
crs-intro-report = Заполним отчёт о прохождении курсов. Всё сохраняется сразу: прервать можно в любой момент (/cancel), продолжить — из раздела «Курсы и отчёты».
crs-resume = Продолжим черновик с того места, где вы остановились.
crs-correct-intro = Исправьте то, о чём просит координатор, и отправьте форму снова.
crs-ask-full_name = Ваши <b>фамилия, имя и отчество</b>.
crs-ask-workplace = <b>Место работы</b> — полное название организации.
crs-ask-position = Ваша <b>должность</b>.
crs-ask-education = Ваше <b>образование</b>?
crs-ask-diploma_number = <b>Номер диплома</b> об образовании (как в документе, например: 104818 0123456).
crs-ask-diploma_date = <b>Дата выдачи диплома</b> — выберите в календаре или напишите ДД.ММ.ГГГГ, например: 30.06.2010.
crs-ask-specialty = <b>Специальность по диплому</b>.
crs-ask-position_years = <b>Стаж работы в должности</b> — полных лет, числом.
crs-ask-age = Ваш <b>возраст</b> — полных лет, числом.
crs-ask-program-assignment = <b>Наименование программы ДПО</b>, на которую вы направляетесь.
crs-ask-program-report = По какой <b>программе</b> вы прошли курсы? Напишите её название.
crs-ask-groups = Отметьте <b>компетенции</b>, которые требуется получить или усовершенствовать (можно несколько), и нажмите «Готово».
crs-ask-difficulty = Сформулируйте <b>основные направления профессиональных затруднений</b> — компетенции: <b>{ $group }</b>.
crs-ask-start_date = <b>Дата начала</b> курсов — выберите в календаре или напишите: 31.12 или 31.12.2026.
crs-ask-end_date = <b>Дата окончания</b> курсов — выберите в календаре или напишите: 31.12 или 31.12.2026.
crs-ask-hours = <b>Объём программы в часах</b> — числом, например: 72.
crs-ask-input_percent = Результат <b>входного диагностического контроля</b>, % выполнения заданий — числом от 0 до 100.
crs-ask-repeat_percent = Результат <b>повторного диагностического контроля</b>, % — или нажмите «Не проходил(а)».
crs-ask-internships = <b>Стажировка</b> на базе региональных инновационных или стажировочных площадок: добавьте каждую (место, часы, вид деятельности) или отметьте, что её не было.
crs-ask-intern_place = <b>Место стажировки</b> — организация или площадка.
crs-ask-intern_hours = <b>Объём стажировки в часах</b> — числом.
crs-hint-hours-left = Осталось в пределах объёма курсов: { $left } ч.
crs-ask-intern_activity = <b>Вид деятельности</b> на стажировке (например: посещение и анализ уроков).
crs-ask-attestation = Как вы проходили <b>итоговую аттестацию</b>? Отметьте формы и нажмите «Готово».
crs-ask-attestation_other = Напишите, в какой <b>другой форме</b> проходила итоговая аттестация.
crs-ask-competences = Какие <b>компетенции</b>, на ваш взгляд, повысились в ходе курсов? Отметьте и нажмите «Готово».
crs-ask-certificate_number = <b>Номер удостоверения</b> о повышении квалификации.
crs-ask-certificate_file = Пришлите <b>удостоверение</b>: фото или файл PDF, JPEG, PNG до { $max } МБ.
crs-ask-recommendation = Получили ли вы <b>рекомендацию о диссеминации педагогического опыта</b>? Её дают при входном контроле от { $min } % и фрагменте открытого занятия на итоговой аттестации.
crs-btn-internship-add = ➕ Добавить стажировку
crs-btn-internship-none = Стажировки не было
crs-btn-internship-del = 🗑 { $n }
crs-btn-link = 📝 По ТЗ: { $program }
crs-btn-not-taken = Не проходил(а)
crs-btn-catalogue = 📚 { $title }
crs-hint-pick = Или выберите кнопкой ниже.
crs-from-catalogue = (курс из каталога)

## Сводка и отправка
crs-confirm-intro = Проверьте форму. Любое поле можно изменить кнопкой ниже.
crs-btn-submit = 📨 Отправить координатору
crs-btn-resubmit = 📨 Отправить повторно
crs-btn-later = ⏸ Закончить позже
crs-paused = Черновик сохранён. Продолжить можно в разделе «Курсы и отчёты».
crs-paused-returned = Исправления сохранены, но форма ещё не отправлена. Отправить её можно в разделе «Курсы и отчёты».
crs-sent-assignment = ✅ Техническое задание отправлено координатору школы на согласование. Когда он примет решение, бот пришлёт уведомление.
crs-sent-report = ✅ Отчёт отправлен координатору школы на проверку. Когда он примет решение, бот пришлёт уведомление.
crs-sent-no-coordinator = ℹ️ В вашей школе пока не назначен координатор — форма дождётся его в очереди.
crs-btn-continue = ✏️ Продолжить заполнение
crs-btn-correct = ✏️ Исправить и отправить
crs-btn-delete = 🗑 Удалить черновик
crs-btn-delete-yes = 🗑 Да, удалить
crs-btn-delete-no = Нет, оставить
crs-delete-confirm = Удалить черновик? Введённые ответы пропадут.
crs-deleted = Черновик удалён.
crs-btn-report-from = 📄 Отчёт по этому ТЗ
crs-btn-file = 📎 Удостоверение
crs-btn-history = 🕓 История
crs-btn-to-list = ◀️ К списку

## История
crs-history-title = <b>История: { $title }</b>
crs-history-submitted = { $at } — отправлено (версия { $revision })
crs-history-returned = { $at } — возвращено: «{ $comment }» ({ $who })
crs-history-accepted = { $at } — принято ({ $who })
crs-history-empty = Форма ещё не отправлялась.

## Координатор
crs-btn-queue = 📥 Курсы: на согласовании
crs-queue-title = <b>📥 Ждут решения</b> ({ $count }), сначала самые давние:
crs-queue-item = { $n }. { $at } · <b>{ $name }</b> ({ $school })
    { $title }{ $revision ->
        [1] {""}
       *[other] {" "}· версия { $revision }
    }
crs-queue-empty = 📥 Ничего не ждёт решения — все формы рассмотрены.
crs-btn-open = 📂 Открыть
crs-btn-accept-assignment = ✅ Согласовать
crs-btn-accept-report = ✅ Принять отчёт
crs-btn-return = ↩️ Вернуть с комментарием
crs-btn-accept-yes = ✅ Да, подтверждаю
crs-accept-confirm-assignment = Согласовать техническое задание «{ $title }» — { $name }?
crs-accept-confirm-report = Принять отчёт «{ $title }» — { $name }? В зачёт пойдут { $hours } ч.
crs-accepted-assignment = ✅ Техническое задание согласовано, педагог получит уведомление.
crs-accepted-report = ✅ Отчёт принят, часы зачтены, педагог получит уведомление.
crs-ask-comment = Напишите одним сообщением, что нужно исправить: { $title } — { $name }. Педагог увидит комментарий в уведомлении.
crs-return-cancelled = Возврат отменён, форма по-прежнему ждёт решения.
crs-returned-assignment = ↩️ Техническое задание возвращено на доработку.
crs-returned-report = ↩️ Отчёт возвращён на доработку.
crs-review-read-only = 👁 Решение по этой форме принимает координатор школы; вам она доступна для просмотра.

## Уведомления (через очередь рассылки)
crs-alert-assignment = 📥 <b>Техническое задание на согласование</b>{ $revision ->
        [1] {""}
       *[other] {" "}(исправленное, версия { $revision })
    }
    { $name }, { $school }
    Программа: { $program }
crs-alert-report = 📥 <b>Отчёт о прохождении курсов на проверку</b>{ $revision ->
        [1] {""}
       *[other] {" "}(исправленный, версия { $revision })
    }
    { $name }, { $school }
    Программа: { $program }, { $hours } ч.
crs-notice-assignment-accepted = ✅ Ваше техническое задание «{ $program }» согласовано ({ $reviewer }).
crs-notice-assignment-returned =
    ↩️ Техническое задание «{ $program }» возвращено на доработку ({ $reviewer }).
    💬 { $comment }
    Исправьте и отправьте снова: «Курсы и отчёты».
crs-notice-report-accepted = ✅ Ваш отчёт о курсах «{ $program }» принят ({ $reviewer }). Зачтено { $hours } ч.
crs-notice-report-returned =
    ↩️ Отчёт о курсах «{ $program }» возвращён на доработку ({ $reviewer }).
    💬 { $comment }
    Исправьте и отправьте снова: «Курсы и отчёты».

## Ошибки
crs-error-text-empty = Напишите ответ текстом.
crs-error-text-long = Слишком длинно: { $length } символов, можно не больше { $max }.
crs-error-text-letters = В ответе должны быть слова, а не только цифры и знаки.
crs-error-number-empty = Напишите номер документа.
crs-error-number-chars = В номере допустимы буквы, цифры, пробелы и знаки № - / .
crs-error-number-digits = В номере документа должны быть цифры.
crs-error-date-format = Выберите день в календаре или напишите дату: ДД.ММ.ГГГГ, например 15.03.2025.
crs-error-date-invalid = Такой даты нет в календаре — проверьте день и месяц.
crs-error-date-future = Дата не может быть позже сегодняшней ({ $today }).
crs-error-date-early = Дата слишком ранняя — не раньше { $earliest }.
crs-error-end-before-start = Окончание не может быть раньше начала курсов ({ $start }).
crs-error-start-first = Сначала укажите дату начала курсов.
crs-error-position-years = Стаж в должности — целое число лет от { $min } до { $max }.
crs-error-age = Возраст — целое число от { $min } до { $max }.
crs-error-hours = Объём — целое число часов от { $min } до { $max }.
crs-error-hours-below-internships = Объём курсов не может быть меньше часов стажировки ({ $total } ч.).
crs-error-percent-number = Напишите процент числом от 0 до 100, например: 87 или 87,5.
crs-error-percent-range = Процент должен быть от 0 до 100.
crs-error-internship-total = Стажировки не могут быть дольше курсов ({ $total } ч.): осталось { $left } ч.
crs-error-internships-many = Можно указать не больше { $max } стажировок.
crs-error-internships-present = Стажировки уже добавлены — удалите их или нажмите «Готово».
crs-error-internship-restart = Начните добавление стажировки заново.
crs-error-groups-empty = Отметьте хотя бы одну группу компетенций.
crs-error-attestation-empty = Отметьте хотя бы одну форму итоговой аттестации.
crs-error-competences-empty = Отметьте хотя бы одну компетенцию.
crs-error-competences-offered = Компетенции выбираются из отмеченных в техническом задании — проверьте их.
crs-error-recommendation = Рекомендацию дают только при входном контроле от { $min } % и открытом занятии на итоговой аттестации — проверьте ответы.
crs-error-file-type = Подходят только PDF, JPEG или PNG — пришлите удостоверение в одном из этих форматов или фотографией.
crs-error-file-large = Файл слишком большой: не больше { $max } МБ.
crs-error-file-empty = Файл пустой — пришлите другой.
crs-error-file-expected = Здесь нужно прислать удостоверение — фото или файл PDF.
crs-error-file-not-here = Файл здесь не нужен — ответьте на вопрос ниже.
crs-error-unexpected = Ответьте на вопрос ниже текстом или кнопкой.
crs-error-choice = Такого варианта нет — выберите кнопкой.
crs-error-course-unavailable = Этот курс недоступен для выбора — выберите из предложенных или напишите название.
crs-error-link-not-approved = Привязать отчёт можно только к согласованному техническому заданию.
crs-error-link-used = По этому техническому заданию уже принят отчёт — выберите другое или напишите название программы.
crs-error-incomplete = Форма заполнена не до конца — осталось ответить на вопрос.
crs-error-not-found = Форма не найдена — возможно, черновик удалён.
crs-error-no-file = К этой форме не приложен файл удостоверения.
crs-error-not-editable = Эту форму сейчас нельзя изменить: она уже отправлена или принята.
crs-error-not-draft = Удалить можно только черновик.
crs-error-not-waiting = Эта форма уже не ждёт решения — её рассмотрели.
crs-error-not-accepted = Отчёт ещё не принят.
crs-error-no-school = Формы курсов согласует координатор школы — укажите вашу школу в профиле (/profile).
crs-error-own-form = ⛔ Свою форму согласовывать нельзя — её рассмотрит другой координатор.
crs-error-review-school-only = ⛔ Решение принимает координатор школы педагога; вам форма доступна для просмотра.
crs-error-comment-short = Комментарий слишком короткий — напишите, что исправить (от { $min } символов).
crs-error-comment-text = Напишите комментарий текстом.
