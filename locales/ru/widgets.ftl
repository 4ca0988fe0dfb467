## The date picker (handlers/widgets/dates.py) and typed dates (domain/dates.py)
date-btn-today = Сегодня
date-btn-tomorrow = Завтра
date-hint = Выберите день в календаре или введите дату: 31.12 или 31.12.2026.
date-error-format = Не похоже на дату. Выберите день в календаре или введите, например, 31.12 или 31.12.2026.
date-error-invalid = Такой даты нет в календаре. Проверьте день и месяц.
date-error-early = Дата не может быть раньше { $earliest }.
date-error-late = Дата не может быть позже { $latest }.
