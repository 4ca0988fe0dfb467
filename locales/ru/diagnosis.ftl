# Самодиагностика. Тексты утверждений, шкалы и уровней — в файле инструмента
# (domain/data/instrument_default.yaml), здесь — всё остальное.

## Вступление и раздел
diag-title = <b>🧭 Самодиагностика</b>
diag-intro-head = { $count } утверждений о вашей работе по четырём группам компетенций: { $groups }. Займёт около { $minutes } мин.
diag-intro-scale = Варианты ответа:
diag-scale-line = <b>{ $label }</b> — { $hint }
diag-scale-line-plain = <b>{ $label }</b>
diag-intro-how = Можно вернуться к предыдущему утверждению и изменить ответ, сделать паузу и продолжить позже — каждый ответ сохраняется сразу. По итогам вы получите профиль сильных сторон и дефицитов, из которого строится ваш ИОМ.
diag-intro-privacy = 🔒 Ваши ответы видите только вы и координаторы вашей школы, муниципалитета и региона.
diag-home-in-progress = Вы остановились на утверждении { $n } из { $total } (ответов сохранено: { $answered }). Начато { $date }.
diag-home-last = Последняя самодиагностика — { $date }, в среднем <b>{ $total } %</b>:
diag-home-group = { $mark } { $group } — { $percent } %
diag-home-retake-at = Пройти повторно можно с { $date }.
diag-home-retake-unlocked = 🔓 Администратор открыл вам досрочную повторную самодиагностику.
diag-too-early = Повторно пройти самодиагностику можно с { $date } (не чаще раза в { $days } дн.). Если нужно раньше — обратитесь к администратору.

## Кнопки
diag-btn-start = ▶️ Начать
diag-btn-continue = ▶️ Продолжить ({ $n } / { $total })
diag-btn-retake = 🔁 Пройти ещё раз
diag-btn-result = 📊 Мой результат
diag-btn-history = 🗂 История
diag-btn-analysis = ✍️ Самоанализ
diag-btn-admin = ⚙️ Инструмент диагностики
diag-btn-next = Дальше ▶️
diag-btn-pause = ⏸ Пауза
diag-btn-submit = ✅ Завершить и показать результат
diag-btn-section = 🧭 К самодиагностике
diag-btn-route = 🗺 Мой ИОМ
diag-btn-write = ✏️ Написать
diag-btn-edit = ✏️ Изменить
diag-btn-open = 🧭 Открыть самодиагностику
diag-btn-download = ⬇️ Скачать текущий файл
diag-btn-upload = ⬆️ Загрузить новый
diag-btn-reset = 🔓 Досрочная пересдача
diag-btn-reset-confirm = ✅ Разрешить пересдачу
diag-btn-attempt = 📄 { $date } — { $total } %

## Утверждения
diag-q-header = <b>Самодиагностика</b> · { $n } / { $total }
diag-q-where = <i>{ $group } · { $indicator }</i>
diag-q-current = Ваш ответ: «{ $label }». Можно выбрать другой или нажать «Дальше».
diag-finish =
    <b>Самодиагностика</b> · ✅ все { $total } утверждений пройдены.

    Отправить ответы и посмотреть результат? Чтобы что-то изменить, вернитесь кнопкой «Назад».
diag-submitted = ✅ Ответы отправлены.
diag-paused = ⏸ Пауза. Ответы сохранены ({ $answered } из { $total }). Продолжить можно в любой момент: «Главное меню» → «Самодиагностика».
diag-use-buttons = Ответ выберите кнопкой под утверждением.
diag-stale = Эта кнопка из прежнего сообщения. Вот текущее утверждение:

## Результат
diag-result-title = <b>📊 Результат самодиагностики</b> · { $date }
diag-result-instrument = <i>«{ $title }», версия { $version }</i>
diag-result-group = { $mark } <b>{ $group }</b> — { $percent } % · { $level }
diag-result-deficit = { "   " }▫️ { $indicator } — { $percent } %
diag-result-more = { "   " }…и ещё { $count }
diag-result-no-deficits = { "   " }дефицитов нет
diag-result-legend = Под каждой группой — её дефициты (индикаторы ниже { $threshold } %), начиная с самых острых.
diag-result-compare = Изменения — по сравнению с { $date }.
diag-change-up = ▲ +{ $delta }
diag-change-down = ▼ −{ $delta }
diag-change-same = = без изменений
diag-summary-title = <b>Коротко</b>
diag-summary-none = Дефицитов не выявлено: по всем группам вы выше порога. Сильнее всего — { $strong }. Подумайте о том, чтобы делиться опытом: открытый урок, мастер-класс, наставничество.
diag-summary-strong = { $count ->
        [one] Ваша сильная сторона
       *[other] Ваши сильные стороны
    } — { $strong }.
diag-group-quoted = «{ $name }»
diag-summary-focus = Над чем работать в первую очередь: { $focus }. { $count ->
        [one] Выявлен { $count } дефицит
        [few] Выявлено { $count } дефицита
       *[many] Выявлено { $count } дефицитов
    }.
diag-next =
    <b>Что дальше</b>
    • По этим дефицитам строится ваш ИОМ — раздел «Мой ИОМ».
    • Мероприятия и курсы под ваши дефициты — в разделе «Мероприятия».
    • Напишите самоанализ: как результаты связаны с результатами ваших учеников.
diag-chart-caption = Профиль компетенций · { $date }
diag-chart-caption-compare = Профиль компетенций: { $date } (синий) и { $prev } (серый пунктир)
diag-chart-threshold = Порог дефицита { $threshold } %

## История
diag-history-title = <b>🗂 История самодиагностики</b>
diag-history-item = { $date } — <b>{ $total } %</b> ({ $groups }) · версия { $version }
diag-history-empty = Вы ещё не проходили самодиагностику.

## Самоанализ
diag-analysis-title = <b>✍️ Самоанализ результатов диагностики</b>
diag-analysis-about = Раздел 3 ИОМ: как результаты самодиагностики от { $date } соотносятся с результатами ваших учеников (ВПР, ОГЭ, ЕГЭ, олимпиады, текущая успеваемость): что подтверждается, что удивило, на что обратить внимание.
diag-analysis-current = Ваш самоанализ (изменён { $date }):
diag-analysis-none = Самоанализ ещё не написан.
diag-analysis-ask = Напишите самоанализ одним сообщением (не больше { $max } символов). Отмена — /cancel.
diag-analysis-saved = ✅ Самоанализ сохранён.
diag-analysis-need-result = Самоанализ пишется по результату самодиагностики — сначала пройдите её.

## Администрирование инструмента
diag-admin-title = <b>⚙️ Диагностический инструмент</b>
diag-admin-active =
    Действует: <b>«{ $title }»</b>, версия <b>{ $version }</b> (с { $date }).
    Групп: { $groups }, индикаторов: { $indicators }, утверждений: { $statements }. Порог дефицита — { $threshold } %, повтор — не чаще раза в { $days } дн.
diag-admin-versions = Загруженные версии: { $list }
diag-admin-how = Чтобы заменить инструмент, скачайте текущий файл, измените его (обязательно поменяйте <code>version</code>) и загрузите. Прежние результаты сохраняют свою версию. Из командной строки: <code>python -m bot import-instrument ФАЙЛ</code>.
diag-admin-upload-ask = Пришлите файл инструмента документом: .yaml, .yml или .json, до { $kb } КБ. Отмена — /cancel.
diag-admin-upload-need-file = Нужен файл, отправленный документом (.yaml, .yml или .json).
diag-admin-upload-ok = ✅ Инструмент «{ $title }» версии { $version } загружен и действует для новых прохождений. Групп: { $groups }, индикаторов: { $indicators }, утверждений: { $statements }.
diag-admin-upload-same = ✅ Версия { $version } с таким содержанием уже была загружена — теперь она снова действует.
diag-admin-upload-errors = ❌ Файл не принят. { $count ->
        [one] Найдена { $count } проблема
        [few] Найдено { $count } проблемы
       *[many] Найдено { $count } проблем
    } (номера элементов списков — с 1):
diag-admin-upload-more = …и ещё { $count }.
diag-admin-download-caption = Действующий инструмент, версия { $version }. Это шаблон для новой версии.
diag-admin-reset-ask = Досрочная пересдача. Напишите ФИО педагога (или его часть) либо Telegram ID.
diag-admin-reset-found = Выберите педагога:
diag-admin-reset-none = Среди прошедших самодиагностику никого не нашлось. Попробуйте иначе или /cancel.
diag-admin-reset-candidate = { $name } · { $date }
diag-admin-reset-confirm = Разрешить педагогу { $name } пройти самодиагностику повторно, не дожидаясь интервала? Последнее прохождение — { $date }.
diag-admin-reset-done = ✅ Готово: { $name } может пройти самодиагностику повторно. Педагог получит уведомление.
diag-problem-line = строка { $line }
diag-problem = • { $where }: { $text }
diag-problem-file = • { $text }

## Проблемы в файле инструмента
diag-ierr-missing = нет обязательного поля «{ $name }»
diag-ierr-extra = лишнее поле «{ $name }» — проверьте написание
diag-ierr-empty = пустое значение
diag-ierr-too-long = слишком длинно: не больше { $max } символов
diag-ierr-type-text = нужен текст
diag-ierr-pattern = недопустимое значение: коды — латиница в нижнем регистре, цифры и «_», начиная с буквы; версия — буквы, цифры, точка, дефис
diag-ierr-type-int = нужно целое число
diag-ierr-type-number = нужно число
diag-ierr-range = значение должно быть { $bound }
diag-ierr-list-short = нужно не меньше { $min } элементов
diag-ierr-list-long = можно не больше { $max } элементов
diag-ierr-type-list = нужен список (элементы начинаются с «- »)
diag-ierr-type-map = нужен набор полей «ключ: значение»
diag-ierr-enum = недопустимое значение; возможны: { $expected }
diag-ierr-other = { $msg }
diag-ierr-not-mapping = файл должен начинаться с полей верхнего уровня: format, code, version, title, scale, levels, deficit_below, groups
diag-ierr-groups = групп должно быть ровно четыре, с кодами: { $expected }
diag-ierr-scale-order = значения шкалы (value) должны идти по возрастанию, без повторов
diag-ierr-duplicate = «{ $value }» повторяется — коды и подписи должны быть уникальны
diag-ierr-levels-first = первый уровень должен начинаться с 0
diag-ierr-levels-order = уровни должны идти по возрастанию min_percent
diag-ierr-too-many = слишком много утверждений: не больше { $max }
diag-ierr-file-type = «{ $name }»: нужен файл .yaml, .yml или .json
diag-ierr-file-size = файл больше { $max } КБ
diag-ierr-encoding = файл не в кодировке UTF-8
diag-ierr-syntax = ошибка синтаксиса: { $problem }
diag-ierr-version-taken = версия «{ $version }» уже загружена с другим содержанием — укажите новую версию

## Ошибки
diag-error-stale = Эта кнопка уже неактуальна.
diag-error-incomplete = Ответы даны не на все утверждения (осталось { $missing }) — отправить пока нельзя.
diag-error-value = Такого варианта ответа нет.
diag-error-too-early = Пройти самодиагностику повторно пока нельзя.
diag-error-analysis-empty = Напишите самоанализ текстом.
diag-error-analysis-short = Слишком коротко — хотя бы { $min } символов.
diag-error-analysis-long = Слишком длинно: { $length } символов, можно не больше { $max }.
diag-error-search-empty = Напишите ФИО (или его часть) либо Telegram ID.
diag-error-nothing-to-reset = У этого педагога нет завершённой самодиагностики.

## Уведомления
diag-notice-retake-unlocked = 🔓 Вам открыта повторная самодиагностика — можно пройти её, не дожидаясь окончания интервала.
