# Мониторинговые кампании и опросы (handlers/campaigns, domain/campaigns, domain/surveys)

menu-campaigns = 📋 Опросы и мониторинг
camp-btn-section = 📋 Опросы и мониторинг
camp-home-title = 📋 <b>Опросы и мониторинг</b>
camp-home-none = Сейчас открытых для вас кампаний нет.
camp-btn-new = ➕ Новая кампания
camp-btn-list = 📊 Кампании
camp-btn-upload = 📤 Загрузить опрос
camp-kind = { $kind ->
    [survey] опрос
   *[other] самодиагностика
}
camp-card =
    📋 <b>{ $title }</b>
    Что: { $kind ->
        [survey] опрос
       *[other] самодиагностика профессиональных компетенций
    }
    Сроки: { $start } — { $end }
    { $anonymous ->
        [1] Результаты анонимные: ваше имя в отчётах не показывается.
       *[other] Результаты видят координаторы вашей территории.
    }
    { $state ->
        [done] ✅ Вы уже прошли — спасибо!
        [open] ⏳ Ещё не пройдено.
       *[other] Кампания закрыта.
    }
camp-btn-take = ▶️ Пройти
camp-btn-optout = 🔕 Не напоминать
camp-opted-out = Напоминаний об этой кампании больше не будет.
camp-q-head = 📋 { $title } · вопрос { $n } из { $total }
camp-q-hint-multi = Отметьте подходящие варианты и нажмите «Готово».
camp-q-hint-number = Напишите число от { $min } до { $max }.
camp-q-hint-text = Напишите ответ сообщением.
camp-btn-skip = ⏭ Пропустить
camp-btn-pause = ⏸ Продолжить позже
camp-survey-done = ✅ Опрос «{ $title }» пройден. Спасибо за ответы!
camp-error-stale = Эта кнопка устарела — вот текущий вопрос.
camp-error-answer-required = На этот вопрос нужно ответить.
camp-error-answer-option = Такого варианта нет.
camp-error-answer-options = Отметьте хотя бы один вариант.
camp-error-answer-number = Нужно число, например 12.
camp-error-answer-range = Число должно быть от { $min } до { $max }.
camp-error-answer-empty = Ответ пустой — напишите хотя бы несколько слов.
camp-error-answer-long = Слишком длинный ответ: не больше 1000 символов.
camp-error-not-found = Кампания не найдена или недоступна вам.
camp-error-closed = Кампания уже закрыта (или ещё не началась).
camp-error-past = Дата начала уже прошла — выберите сегодня или позже.
camp-error-days = Кампания длится не больше { $max } дней.
camp-error-no-survey = Опрос не найден.
camp-error-draft = Настройка кампании потерялась — начните заново.
camp-error-already-done = Этот педагог уже прошёл.
camp-error-pair = Сравнить можно две разные кампании самодиагностики.

## настройка
camp-kind-diagnosis = 🧭 Самодиагностика компетенций
camp-new-what = ➕ <b>Новая кампания</b>
    Шаг 1 из 5. Что проводим?
camp-new-who = Шаг 2 из 5. Кого приглашаем? Вся территория или одна её часть.
camp-new-when = Шаг 3 из 5. Когда начинаем?
camp-start-0 = Сегодня, { $date }
camp-start-1 = Завтра, { $date }
camp-start-7 = Через неделю, { $date }
camp-new-length = Шаг 4 из 5. Сколько дней длится кампания?
camp-days = { $days } дн.
camp-new-anon = Шаг 5 из 5. Результаты анонимные? (Анонимные итоги показываются только по группам от 5 человек.)
camp-anon-yes = 🙈 Анонимно
camp-anon-no = 👤 С именами
camp-new-summary =
    <b>Проверьте кампанию</b>
    Что: { $kind ->
        [survey] опрос
       *[other] самодиагностика
    }
    Кому: { $org }
    Сроки: { $start } — { $end }
    { $anonymous ->
        [1] Анонимно
       *[other] С именами
    }
    Напоминания (тихие часы соблюдаются):
camp-stage-start = приглашение в день начала
camp-stage-day3 = через 3 дня
camp-stage-before-end = за день до конца
camp-btn-launch = 🚀 Запустить
camp-title-diagnosis = Самодиагностика с { $start }
camp-launched = ✅ Кампания #{ $id } «{ $title }» запущена. Приглашено: { $total }.
camp-scheduled = 🗓 Кампания #{ $id } «{ $title }» запланирована: приглашения уйдут в день начала.
camp-btn-progress = 📊 Ход кампании

## координаторы
camp-list-title = 📊 <b>Кампании</b>
camp-list-none = Кампаний пока нет.
camp-view =
    📊 <b>#{ $id } { $title }</b> ({ $kind ->
        [survey] опрос
       *[other] самодиагностика
    }{ $anonymous ->
        [1] , анонимно
       *[other] {""}
    })
    { $start } — { $end } · { $status ->
        [open] идёт
        [closed] завершена
        [cancelled] отменена
       *[other] запланирована
    }
    <b>{ $org }</b>: прошли { $done } из { $total } — { $share }
    { $bar }
camp-view-unit = • { $name }: { $done } из { $total } — { $share }
camp-btn-late = ⏳ Кто не прошёл
camp-btn-results = 📈 Результаты
camp-btn-xlsx = 📥 XLSX
camp-btn-pair = 🔁 Входная и повторная
camp-btn-refresh = 🔄 Обновить
camp-late = ⏳ <b>{ $title }</b> · { $org }
    Не прошли: { $total }
camp-btn-nudge = 🔔 Напомнить: { $name }
camp-nudged = Напоминание отправлено.
camp-nudged-already = Сегодня напоминание уже отправлено.
camp-res-unit = <b>{ $name }</b> — ответили: { $n }
camp-res-hidden = итоги скрыты: меньше { $min } ответов (анонимный опрос)
camp-res-mean = среднее
camp-res-more = …и ещё { $n }
camp-res-diag = 📈 <b>{ $title }</b> · { $org }
    Прошли самодиагностику в сроки кампании: { $n }
camp-res-diag-unit = • { $name }: { $n } чел., средний результат { $total } %
camp-x-completion = Охват
camp-x-unit = Подразделение
camp-x-total = Приглашено
camp-x-done = Прошли
camp-x-hidden = скрыто (меньше 5 ответов)
camp-x-answers = Ответы
camp-x-question = Вопрос
camp-x-answer = Ответ
camp-x-count = Число
camp-x-texts = Свободные ответы
camp-x-diag = Результаты
camp-x-name = ФИО
camp-x-wait = Готовлю таблицу…
camp-x-caption = 📥 { $title }
camp-pair = 🔁 С какой кампанией сравнить? (входная — более ранняя)
camp-pair-none = Других кампаний самодиагностики нет — сравнивать не с чем.
camp-cmp =
    🔁 <b>Входная и повторная диагностика</b> · { $org }
    Прошли обе: { $people }
    Дефицитов стало меньше у { $shrank } ({ $share })
camp-cmp-group = { $group }: { $before } % → { $after } % ({ $delta })
camp-group-subject = Предметные
camp-group-methodological = Методические
camp-group-psycho_pedagogical = Психолого-педагогические
camp-group-communicative = Коммуникативные
camp-cmp-units = <b>По подразделениям</b> (средний результат, было → стало):
camp-cmp-top = <b>Достигли 95–100 %</b>: { $n }
camp-cmp-remaining = <b>Самые частые оставшиеся дефициты</b>:
camp-cmp-chart = Средний результат по группам компетенций
camp-cmp-before = Входная
camp-cmp-after = Повторная
camp-x-groups = Группы
camp-x-group = Группа компетенций
camp-x-people = Человек
camp-x-units = Подразделения
camp-x-top = 95–100 %
camp-x-remaining = Дефициты
camp-x-indicator = Показатель

## загрузка опроса
camp-upload-ask = 📤 Пришлите файл опроса (YAML или JSON, до 128 КБ). Образец — domain/data/surveys/motives.yaml.
camp-upload-big = Файл больше 128 КБ — так много опрос не весит, проверьте файл.
camp-upload-invalid = ❌ Опрос не загружен, ошибок: { $n }
camp-upload-where = строка { $line }, поле { $field }
camp-upload-ok = ✅ Опрос «{ $title }» загружен, версия { $version }, вопросов: { $n }.
srv-err-not-mapping = файл должен описывать опрос: поля code, title, questions
srv-err-extra = лишнее поле «{ $name }»
srv-err-missing = нет обязательного поля «{ $name }»
srv-err-type-text = поле «{ $name }» должно быть текстом
srv-err-empty = пустое значение
srv-err-too-long = слишком длинно: не больше { $max } символов
srv-err-code = код «{ $value }»: только латинские буквы a–z, цифры и _
srv-err-questions = нужен непустой список вопросов questions
srv-err-too-many = слишком много вопросов: не больше { $max }
srv-err-type-map = здесь должен быть набор полей
srv-err-duplicate = код «{ $value }» повторяется
srv-err-kind = тип вопроса: один из { $expected }
srv-err-type-bool = нужно true или false
srv-err-options = нужно не меньше двух вариантов ответа
srv-err-options-many = слишком много вариантов: не больше { $max }
srv-err-options-kind = варианты бывают только у single и multi
srv-err-type-int = нужно целое число
srv-err-range = max должен быть больше min
srv-err-scale-wide = шкала не шире 11 делений
srv-err-skip-kind = переход «если …, то к» бывает только у вопроса single
srv-err-skip-shape = skip_if: нужны поля answer и to
srv-err-skip-answer = нет варианта «{ $value }»
srv-err-skip-target = переход к «{ $value }»: нужен код вопроса ниже этого или end

## уведомления
camp-notice-invite =
    📋 <b>{ $title }</b>
    Приглашаем пройти { $kind ->
        [survey] опрос
       *[other] самодиагностику профессиональных компетенций
    } до { $until }.
camp-notice-remind =
    🔔 Напоминание: <b>{ $title }</b>
    { $kind ->
        [survey] Опрос
       *[other] Самодиагностика
    } открыт до { $until }.

## аудитория, права, досрочное завершение
camp-filters-title = 🎯 <b>Кому</b> (фильтры как у рассылок)
camp-filters-none = Все, кто дал согласие, в выбранной части территории.
camp-btn-filters = 🎯 Фильтры аудитории
camp-reach =
    👥 Получат приглашение: <b>{ $invited }</b>
    Подходят под фильтры: { $matched } · заблокировали бота: { $blocked }
camp-reach-nobody = ⚠️ Под эти фильтры никто не подходит — измените фильтры или выберите другую часть территории.
camp-error-nobody = Приглашать некого: под фильтры никто не подходит. Настройка сохранена — измените фильтры.
camp-error-read-only = Эту кампанию ведёт региональный уровень: вы видите её ход по своей территории, но менять её не можете.
camp-error-finished = Кампания уже завершена или отменена.
camp-view-read-only = 👁 Кампания регионального уровня: вы видите её ход по своей территории и можете напомнить своим педагогам, но завершить её не можете.
camp-btn-finish = ⏹ Завершить досрочно
camp-btn-call-off = ✖️ Отменить кампанию
camp-btn-finish-yes = ✅ Да
camp-finish-ask = { $status ->
        [open] Завершить кампанию «{ $title }» досрочно? Пройти её будет уже нельзя, неотправленные приглашения и напоминания отменятся.
       *[other] Отменить кампанию «{ $title }»? Приглашения не уйдут.
    }
camp-finished = { $status ->
        [closed] ⏹ Кампания завершена: неотправленные напоминания отменены.
       *[other] ✖️ Кампания отменена.
    }
