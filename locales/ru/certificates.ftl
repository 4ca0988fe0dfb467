# Certificates of participation (handlers/certificates, domain/certificates)
cert-btn-mine = 📄 Сертификат участника
cert-btn-download = 📄 Скачать сертификат
cert-btn-issue-all = Сертификаты всем
cert-btn-verify-again = Проверить другой номер
cert-notice-issued = 📄 Вам выдан сертификат участника мероприятия «{ $title }», номер { $number }.
cert-caption = Сертификат участника: { $title }, № { $number }
cert-issued-all = Сертификаты выданы: новых { $issued }, всего участников { $attendees }. Каждый новый получатель уведомлён.
cert-error-not-attended = Сертификат выдаётся тем, чьё участие отмечено организатором.
cert-error-not-found = Сертификат не найден.
cert-error-garbled = Номер не похож на номер сертификата. Он выглядит так: 2026-K7QX-3MPA (год и восемь букв и цифр).
cert-verify-ask = Введите номер сертификата, например 2026-K7QX-3MPA. /cancel — отмена.
cert-verify-cancelled = Проверка отменена.
cert-verify-unknown = ❌ Сертификат с номером { $number } не найден. Проверьте, правильно ли введён номер.
cert-verify-valid =
    ✅ <b>Сертификат { $number } действителен.</b>
    Участник: { $name }
    Мероприятие: «{ $title }»
    { $dates }
    { $hours }
    Организатор: { $organiser }
    Дата выдачи: { $issued }
cert-doc-title = СЕРТИФИКАТ
cert-doc-subtitle = участника
cert-doc-confirms = Настоящим подтверждается, что
cert-doc-took-part = принял(а) участие в мероприятии
cert-doc-form = Форма: { $form }
cert-date = Дата проведения: { $date }
cert-dates = Сроки проведения: с { $start } по { $end }
cert-hours = Объём: { $total } ч, в том числе { $kinds }
cert-hours-total = Объём: { $total } ч
cert-hours-in_person = очные — { $hours }
cert-hours-remote = дистанционные — { $hours }
cert-hours-self_study = самостоятельная работа — { $hours }
cert-doc-organiser = Организатор: { $organiser }
cert-doc-number = Регистрационный номер: { $number }
cert-doc-issued = Дата выдачи: { $date }
cert-doc-verify = Проверить подлинность: команда /verify { $number } в боте «Маршрут»
cmd-verify = Проверить сертификат по номеру
