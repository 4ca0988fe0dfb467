# «Методический абонемент», second slice: the centre's bank notices, the changed volume,
# completion and the school's report, certificates, the territory's figures

# ---- notices
abon-alert-bank = 🏦 В банк запросов центра поступил запрос на методический абонемент: школа «{ $school }» ({ $three ->
    [1] согласован муниципалитетом
   *[other] двустороннее соглашение
}). Назначьте куратора и объём.
abon-alert-bank-info = 🏦 В банк запросов центра поступил запрос на методический абонемент школы «{ $school }». Центр назначит куратора.
abon-notice-mun-agreed = ✅ Муниципалитет согласовал запрос школы «{ $school }» на методический абонемент и передал его в центр.
abon-notice-signed = 🖊 Соглашение о методическом абонементе школы «{ $school }» подписано всеми сторонами.
abon-btn-notice-acc = ✅ Принять: куратор и объём
abon-btn-notice-chg = 📜 Изменения объёма и тем
abon-notice-change = { $kind ->
    [topics] 🧭 Предложено изменить темы (компетенции) методического абонемента школы «{ $school }» ({ $who }); объём тот же. Причина: { $reason }
   *[volume] 📐 Предложено изменить объём методического абонемента школы «{ $school }» ({ $who }): { $in_person } / { $remote } / { $self_study }. Причина: { $reason }
}
abon-notice-change-decided = { $kind ->
    [topics] { $accepted ->
        [1] ✅ Изменение тем абонемента школы «{ $school }» принято ({ $who }).
       *[other] ✖️ Изменение тем абонемента школы «{ $school }» отклонено ({ $who }).
    }
   *[volume] { $accepted ->
        [1] ✅ Изменение объёма абонемента школы «{ $school }» принято: { $in_person } / { $remote } / { $self_study }.
       *[other] ✖️ Изменение объёма абонемента школы «{ $school }» отклонено ({ $who }).
    }
}
abon-notice-completed = 🏁 Методический абонемент школы «{ $school }» завершён. Отчёт школы — в карточке абонемента.

# ---- the changed volume
abon-btn-change = 📐 Изменить объём
abon-btn-changes = 📜 Изменения объёма и тем
abon-btn-change-accept = ✅ Принять изменение
abon-btn-change-decline = ✖️ Отклонить
abon-change-head = 📜 <b>Изменения соглашения: объём и темы</b> · { $school }
abon-change-current = <b>Действующий объём:</b> { $hours }
abon-change-planned = <b>В плане:</b> { $hours }
abon-ask-change-hours = Напишите новый объём тремя числами: очные, дистанционные, самостоятельная работа — например: <code>40 10 20</code>. Объём не может быть меньше запланированного.
abon-ask-change-reason = Напишите причину изменения (до { $max } символов) — её увидит другая сторона.
abon-change-pending = { $kind ->
    [topics] ⏳ <b>Ждёт решения — темы:</b> { $old } → { $new } (объём тот же) — предложил(а) { $who } { $when }. Причина: { $reason }
   *[volume] ⏳ <b>Ждёт решения:</b> { $hours } — предложил(а) { $who } { $when }. Причина: { $reason }
}
abon-change-line = { $kind ->
    [topics] { $when } · темы: { $old } → { $new } · { $status } · { $who }: { $reason }
   *[volume] { $when } · { $old } → { $new } · { $status } · { $who }: { $reason }
}
abon-change-status = { $status ->
    [pending] ждёт решения
    [accepted] принято
   *[declined] отклонено
}
abon-changes-empty = Изменений объёма и тем не было.
abon-done-change-proposed = Предложение отправлено другой стороне.
abon-done-change-accepted = { $kind ->
    [topics] Темы изменены.
   *[volume] Объём изменён.
}
abon-done-change-declined = Предложение отклонено.
abon-error-change-status = Изменить объём или темы можно после подписания соглашения и до завершения абонемента.
abon-error-change-pending = Уже есть предложение, которое ждёт решения другой стороны.
abon-error-change-same = Это тот же объём, что действует сейчас.
abon-error-change-below-plan = Новый объём меньше запланированного: { $kind ->
    [in_person] очных
    [remote] дистанционных
   *[other] самостоятельной работы
} часов в плане { $planned }, а предложено { $proposed }. Сначала уберите мероприятия из плана.
abon-error-change-gone = Это предложение уже решено или отозвано.
abon-error-change-own = Решение принимает другая сторона соглашения.
abon-action-volume_proposed = предложено изменить объём
abon-action-volume_changed = объём изменён
abon-action-volume_declined = изменение объёма отклонено
abon-btn-change-topics = 🧭 Изменить темы
abon-change-topics = <b>Темы (компетенции):</b> { $groups }
abon-ask-change-topics = Отметьте группы компетенций, над которыми школа будет работать дальше (объём часов не меняется), и нажмите «Готово».
abon-error-topics-same = Отмечены те же темы, что действуют сейчас: измените выбор.
abon-error-topics-empty = Отметьте хотя бы одну группу компетенций.
abon-error-topics-buttons = Отметьте группы кнопками под сообщением и нажмите «Готово».
abon-action-topics_proposed = предложено изменить темы
abon-action-topics_changed = темы изменены
abon-action-topics_declined = изменение тем отклонено

# ---- completion, the report, certificates
cert-doc-form-abonement = Форма: методический абонемент (обучение педагогического коллектива на рабочем месте)
abon-error-complete-early = Завершить абонемент можно, когда проведены все мероприятия плана или после окончания учебного года ({ $end }).
abon-error-no-report = Отчёт появится, когда соглашение будет подписано.
abon-done-certificates = Удостоверений выдано: { $count }.
abon-btn-report = 📊 Итоги и отчёт
abon-btn-report-docx = 📄 Отчёт DOCX
abon-btn-report-xlsx = 📊 Отчёт XLSX
abon-shift-none = 🩺 Диагностику педагогов школы ещё не проходили — сравнить «до» и «после» не с чем.
abon-shift-head = 🩺 <b>Диагностика коллектива: доля педагогов с дефицитами</b> (до — { $before } чел., после — { $after } чел.)
abon-shift-line = • { $group }: до { $before } %, после { $after } %
abon-shift-line-before = • { $group }: до { $before } %
abon-rep-caption = 📊 Отчёт о методическом абонементе · { $school }
abon-rep-title = ОТЧЁТ о реализации методического абонемента
abon-rep-subtitle = { $school } · { $centre } · { $start } — { $end } · { $status }
abon-rep-totals = Объём часов (очные / дистанционные / самостоятельная работа): заказано { $ordered }; запланировано { $planned }; проведено { $held }.
abon-rep-measured = Прошли диагностику в начале: { $before } чел.; повторно: { $after } чел.
abon-rep-plan-head = 1. Мероприятия плана
abon-rep-n = №
abon-rep-event = Мероприятие
abon-rep-event-for = { $title } ({ $group })
abon-rep-date = Дата по плану
abon-rep-planned = Запланировано
abon-rep-held = Проведено
abon-rep-attended = Посетили
abon-rep-listeners-head = 2. Слушатели и их часы
abon-rep-name = ФИО
abon-rep-events = Мероприятий
abon-rep-total = Всего часов
abon-rep-diagnosis-head = 4. Диагностика коллектива: доля педагогов с дефицитами
abon-rep-group = Группа компетенций
abon-rep-before = До
abon-rep-after = После
abon-rep-none = Нет данных.
abon-rep-sheet-plan = План
abon-rep-sheet-listeners = Слушатели
abon-rep-sheet-diagnosis = Диагностика
abon-rep-screen-head = 📊 <b>Итоги абонемента</b> · { $school } · { $status }
abon-rep-screen-events = Мероприятий проведено: { $held } из { $total }; отметок о посещении: { $attended }.
abon-rep-screen-listeners = <b>Слушатели ({ $count }), достигли порога: { $met }:</b>
abon-rep-screen-listener = • ✅ { $name } — { $hours }
abon-rep-screen-listener-below = • { $name } — { $hours } (ниже порога: удостоверение не выдаётся)
abon-rep-screen-no-listeners = Слушателей пока нет: посещения отмечаются на мероприятиях плана.

# ---- the territory's figures
abon-btn-figures = 📚 Абонементы по муниципалитетам
abon-fig-head = 📚 <b>Методические абонементы по муниципалитетам</b>
abon-fig-line = <b>{ $municipality }</b> — абонементов: { $total } ({ $statuses })
    Школ в программе: { $schools }
    Часы по соглашениям: { $agreed }
    Проведено: { $held }
    Педагогов охвачено: { $covered }
abon-fig-empty = В муниципалитетах вашей территории ({ $units }) абонементов пока нет.
cert-doc-abon-title = УДОСТОВЕРЕНИЕ
cert-doc-abon-subtitle = слушателя методического абонемента
cert-doc-abon-took-part = прошёл(ла) обучение на рабочем месте в составе педагогического коллектива школы

# ---- the certificate threshold (issue 18, third slice)
abon-threshold-card = 🎓 Удостоверение: не меньше { $percent } % часов плана.
abon-threshold-line = 🎓 Порог удостоверения: { $percent } % часов плана — { $hours } ч.
abon-threshold-ask = { $line }

    Удостоверение получают слушатели, посетившие не меньше выбранной доли часов мероприятий плана (отменённые не считаются). Порог можно менять, пока абонемент не завершён. Выберите долю:
abon-btn-threshold = 🎓 Порог удостоверения: { $percent } %
abon-done-threshold = Порог удостоверения: { $percent } % часов плана.
abon-error-threshold = Выберите порог кнопкой: { $choices } %.
abon-error-threshold-closed = Абонемент завершён: порог, по которому выданы удостоверения, уже не меняется.
abon-action-threshold = изменён порог удостоверения
abon-rep-met = Порог удостоверения
abon-rep-yes = достигнут
abon-rep-below = не достигнут: { $hours } ч из { $need } ч — удостоверение не выдаётся
abon-rep-threshold = Удостоверение выдаётся слушателям, посетившим не меньше { $percent } % часов плана ({ $hours } ч).
abon-rep-feedback-head = 3. Обратная связь слушателей: средняя оценка пользы (1–5)
abon-rep-average = Средняя оценка
abon-rep-answered = Оценили
abon-rep-asked = Опрошено
abon-rep-overall = Все мероприятия плана
abon-rep-sheet-feedback = Обратная связь
abon-rep-screen-feedback = <b>Обратная связь:</b> средняя оценка { $average } из 5 (оценили { $answered } из { $asked })
abon-rep-screen-feedback-event = • { $title } — { $average } (оценок: { $answered })
abon-rep-screen-no-feedback = Обратной связи по мероприятиям плана пока нет.

# ---- the staff's diagnosis at the start and the repeat near the end (000 §VIII)
abon-btn-diag-start = 🩺 Входная диагностика
abon-btn-diag-final = 🩺 Итоговая диагностика
abon-btn-diag-progress = 📈 { $stage ->
    [start] Ход входной
   *[other] Ход итоговой
}
abon-btn-diag-go = 🚀 Запустить
abon-btn-diag-other-date = 📅 Другой срок
abon-diag-title = { $stage ->
    [start] Входная диагностика коллектива
   *[other] Итоговая диагностика коллектива
} · { $school }
abon-diag-ask = 🩺 <b>{ $stage ->
    [start] Входная диагностика
   *[other] Итоговая диагностика
}</b> · { $school }

    Самодиагностика компетенций для всего педагогического коллектива школы: приглашение в боте получат педагогов — { $invited }, напоминания — через 3 дня и за день до срока. Целевые группы запроса её не сужают: результат абонемента — изменение всего коллектива.{ $stage ->
    [start] {""}
   *[other] {" "}Сравнение — по педагогам, прошедшим обе диагностики.
}

    До какого дня проходить? Выберите срок кнопкой или день в календаре, или напишите дату: 31.12 или 31.12.2026 (с { $earliest } по { $latest }).
abon-diag-quick = { $days ->
    [7] Неделя
    [14] Две недели
   *[other] Месяц
} · до { $until }
abon-diag-confirm = 🩺 <b>{ $stage ->
    [start] Входная диагностика
   *[other] Итоговая диагностика
}</b> · { $school }

    Срок: с сегодняшнего дня до { $until } включительно.
    Приглашение получат педагогов: { $invited }.

    Запустить?
abon-done-diag = { $stage ->
    [start] Входная диагностика запущена
   *[other] Итоговая диагностика запущена
}: приглашения получили педагогов — { $total }, срок — до { $until }.
abon-diag-campaign = 🩺 { $stage ->
    [start] Входная диагностика
   *[other] Итоговая диагностика
}: { $start } — { $end }, прошли { $done } из { $total } ({ $running ->
    [1] идёт
   *[other] завершена
})
abon-diag-result-head = <b>Результат абонемента: доля педагогов с дефицитами</b> (прошли обе диагностики: { $people }; дефицитов стало меньше у { $shrank })
abon-diag-result-line = • { $group }: { $before } % → { $after } % ({ $delta })
abon-diag-result-nobody = Обе диагностики запущены, но пока ни один педагог не прошёл обе — сравнивать не с чем.
abon-diag-result-live = Итоговая диагностика ещё идёт: цифры меняются по мере прохождения.
abon-diag-fallback = { $started ->
    [1] Итоговая диагностика коллектива ещё не проводилась.
   *[other] Входная и итоговая диагностика коллектива не запускались.
} Ниже — по диагностикам, которые педагоги школы проходили сами до начала периода и в течение него.
abon-error-diag-status-start = Входную диагностику можно запустить, когда соглашение подписано: абонемент согласован или идёт.
abon-error-diag-status-final = Итоговую диагностику можно запустить, когда абонемент идёт или завершён.
abon-error-diag-launched = { $stage ->
    [start] Входная диагностика уже запущена
   *[other] Итоговая диагностика уже запущена
} (срок — до { $until }). Её ход — по кнопке в карточке абонемента.
abon-error-diag-start-first = Сначала нужна входная диагностика: итоговая сравнивается с ней.
abon-error-diag-start-running = Итоговую диагностику можно запустить, когда закончится входная (до { $until }): их сроки не должны пересекаться.
abon-error-diag-final-early = Итоговую диагностику можно запустить с { $opens } — в последние месяцы учебного года — или раньше, когда пройдут все мероприятия плана.
abon-error-diag-deadline = Выберите срок с { $earliest } по { $latest }.
abon-error-diag-need-date = Нужна дата: выберите срок кнопкой или напишите её, например 31.12.
abon-error-diag-nobody = Приглашать некого: в школе нет педагогов, которые получат приглашение в боте (никто не зарегистрирован или все его заблокировали). Пригласите коллектив в бот и запустите диагностику снова.
abon-action-diagnosis_start = запущена входная диагностика коллектива
abon-action-diagnosis_final = запущена итоговая диагностика коллектива
abon-notice-diagnosis = 🩺 Центр запустил { $stage ->
    [start] входную диагностику
   *[other] итоговую диагностику
} коллектива школы «{ $school }»: приглашения получили педагогов — { $total }, срок — до { $until }. Ход и результат — в карточке абонемента.
abon-rep-diag-campaigns = Входная диагностика: { $start } — { $end }, прошли { $done } из { $total }. Итоговая: { $final_start } — { $final_end }, прошли { $final_done } из { $final_total }. Прошли обе: { $people }; дефицитов стало меньше у { $shrank }.
abon-rep-change = Изменение, п. п.
