# Профессиональная активность (сеть «открытого профессионализма», 003): конкурсы, экспертная работа, банк практик.

menu-activity = 🏆 Профактивность

## Раздел
act-home-title = <b>🏆 Профессиональная активность</b>
act-home-records = Ваши записи: { $count } (⏳ на проверке, ✅ подтверждено, ↩️ возвращено).
act-home-none = Записей пока нет. Добавьте участие в конкурсе, экспертную работу, выступление, открытый урок или публикацию — координатор школы подтвердит запись.
act-btn-new-competition = ➕ Конкурс
act-btn-new-expert = ➕ Экспертная работа
act-btn-new-practice = ➕ Выступление, открытый урок, публикация
act-btn-bank = 📚 Банк практик: как это делают коллеги
act-btn-queue = 📥 На проверке в моей зоне
act-cancelled = Отменено, ничего не записано.
act-stale = Этот шаг уже пройден.

## Новая запись
act-ask-title-competition = <b>Название конкурса</b> (и номинация, если есть):
act-ask-title-expert = <b>Где вы работали экспертом?</b> Например: «Жюри муниципального этапа ВсОШ по математике».
act-ask-title-practice = <b>Тема выступления, открытого урока или публикации:</b>
act-ask-title-again = Напишите название ещё раз (от 3 до 200 знаков).
act-ask-level = <b>Уровень конкурса:</b>
act-ask-outcome = <b>Результат:</b>
act-ask-role = <b>Вид экспертной работы:</b>
act-ask-practice = <b>Что это было?</b>
act-ask-group = <b>Какая группа компетенций?</b>
act-ask-abstract = <b>Коротко о сути</b> (до 1000 знаков): что делали и что получилось — это увидят коллеги в банке практик.
act-ask-day = <b>Дата</b> — нажмите «Сегодня» или введите ДД.ММ.ГГГГ.
act-btn-today = Сегодня
act-ask-evidence = { $kind ->
    [competition] Пришлите диплом или сертификат файлом или фото, ссылку — или нажмите «Без файла».
   *[other] Пришлите файл (презентацию, конспект, приказ) или ссылку — или нажмите «Без файла».
}
act-btn-skip = Без файла ▶️
act-submitted = ✅ Запись отправлена координатору на проверку.
act-deleted = 🗑 Запись удалена.
act-level-school = Школьный
act-level-municipal = Муниципальный
act-level-regional = Региональный
act-level-federal = Всероссийский
act-outcome-participant = Участник
act-outcome-prize_winner = Призёр
act-outcome-winner = Победитель
act-role-jury = Жюри конкурса или олимпиады
act-role-attestation = Аттестационная комиссия
act-role-exam = Предметная комиссия ГИА
act-practice-talk = Выступление
act-practice-open_lesson = Открытый урок
act-practice-publication = Публикация
act-group-subject = Предметные
act-group-methodological = Методические
act-group-psycho_pedagogical = Психолого-педагогические
act-group-communicative = Коммуникативные

## Карточка
act-card-title = <b>{ $kind ->
    [competition] 🏆 Конкурс
    [expert] 🧑‍⚖️ Экспертная работа
   *[other] 🎤 Практика
}: { $title }</b>
    Дата: { $date } · { $status ->
    [accepted] ✅ подтверждено
    [returned] ↩️ возвращено
   *[other] ⏳ на проверке
}
act-card-author = Педагог: { $name }, { $school }
act-card-level = Уровень: { $level }
act-card-outcome = Результат: { $outcome }
act-card-role = Вид: { $role }
act-card-practice = { $practice } · компетенции: { $group }
act-card-abstract = Суть: { $abstract }
act-card-link = Ссылка: { $link }
act-card-comment = ↩️ <b>Комментарий координатора:</b> { $comment }
act-btn-file = 📎 Файл
act-btn-again = 📤 Отправить снова
act-btn-delete = 🗑 Удалить
act-btn-accept = ✅ Подтвердить
act-btn-return = ↩️ Вернуть с комментарием

## Проверка
act-queue-title = <b>📥 На проверке:</b> { $count }
act-queue-empty = Записей на проверке в вашей зоне нет.
act-ask-comment = Напишите, что исправить или дополнить (от 5 знаков):
act-accepted = ✅ Запись подтверждена, педагог получит уведомление.
act-returned = ↩️ Запись возвращена с комментарием.

## Банк практик
act-bank-pick = <b>📚 Банк практик.</b> Подтверждённые выступления, открытые уроки и публикации коллег. Выберите группу компетенций:
act-bank-title = <b>📚 { $group }</b>: практик { $count }{ $mine ->
    [0] {""}
   *[other] {" "}(ваш предмет)
}
act-bank-item = <b>{ $title }</b> — { $practice }
    { $author }, { $school }
    { $abstract }
    🔗 { $link }
act-bank-empty = Пока пусто — станьте первым: добавьте свою практику.
act-btn-for-deficits = 🎯 Как это делают коллеги — по моим дефицитам
act-btn-my-subject = 🎯 Только мой предмет
act-btn-all-subjects = 🌐 Все предметы

## Ошибки
act-error-title-short = Название слишком короткое.
act-error-title-long = Название длиннее { $max } знаков ({ $length }). Сократите его.
act-error-abstract-short = Опишите суть хотя бы одним предложением (от 10 знаков).
act-error-abstract-long = Описание длиннее { $max } знаков ({ $length }). Сократите его.
act-error-link = Это не похоже на ссылку. Пришлите адрес, начинающийся с https://, файл — или нажмите «Без файла».
act-error-date-format = Не удалось прочитать дату. Введите её в формате ДД.ММ.ГГГГ, например 25.12.2026.
act-error-date-future = Дата не может быть в будущем — записываются уже состоявшиеся события.
act-error-date-early = Слишком давно: записи принимаются начиная с { $earliest }.
act-error-incomplete = Не все сведения заполнены — начните запись заново.
act-error-not-found = Запись не найдена.
act-error-not-yours = Эта запись вне вашей зоны ответственности.
act-error-comment-short = Напишите комментарий для педагога (от 5 знаков).
act-error-comment-long = Комментарий длиннее { $max } знаков ({ $length }). Сократите его.
act-error-decided = Запись уже проверена.
act-error-accepted-stays = Подтверждённая запись остаётся в портфолио и не удаляется.
act-error-group = Такой группы компетенций нет.

## Уведомления
act-alert-submitted = 📥 { $name } ({ $school }) отправил(а) на проверку { $kind ->
    [competition] участие в конкурсе
    [expert] экспертную работу
   *[other] практику
}: «{ $title }».
act-notice-accepted = ✅ Координатор { $reviewer } подтвердил(а) вашу запись «{ $title }».
act-notice-returned = ↩️ Координатор { $reviewer } вернул(а) запись «{ $title }»: { $comment }

## Конкурсы из каталога мероприятий
act-card-from-event = 🎫 Запись создана по отметке о посещении конкурса из каталога мероприятий: участие подтверждено организатором. Стали призёром или победителем? Добавьте результат и диплом — запись уйдёт на проверку.
act-btn-result = 🏅 Добавить результат и диплом
act-ask-result = <b>{ $title }</b>
    Какой у вас результат?
act-ask-diploma = Пришлите диплом файлом или фото — или нажмите «Без диплома».
act-btn-no-diploma = Без диплома
act-error-diploma = Нужен файл или фото диплома. Если диплома нет, нажмите «Без диплома».
act-error-not-from-event = Результат добавляется только к записи о конкурсе из каталога мероприятий.
act-error-result-waiting = Результат уже на проверке у координатора — дождитесь решения.
