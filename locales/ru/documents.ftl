# The ИОМ on paper (handlers/route/docx.py): lines added for the school's form (issue 15)
route-doc-statuses = Статусы (наставник, методист)
route-doc-education = Образование
route-doc-diag-kind = Вид диагностики: { $kind ->
    [external] внешняя диагностика
   *[self] самодиагностика
} (инструмент «{ $instrument }», версия { $version })
route-doc-hours = { $hours } ч
route-doc-date-line = «___» ____________ 20___ г.
