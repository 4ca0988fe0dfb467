## The date picker (handlers/widgets/dates.py) and typed dates (domain/dates.py)
date-btn-today = Today
date-btn-tomorrow = Tomorrow
date-hint = Pick a day in the calendar or type a date: 31.12 or 31.12.2026.
date-error-format = That does not look like a date. Pick a day in the calendar or type, e.g., 31.12 or 31.12.2026.
date-error-invalid = There is no such date. Check the day and the month.
date-error-early = The date cannot be before { $earliest }.
date-error-late = The date cannot be after { $latest }.
