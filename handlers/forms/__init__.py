"""What the features' form conversations share (issue 10): the form engine (``engine``: a form
as a list of steps; back, cancel, keep, skip, the search with paging, a restart mid-form) and
the step counter (``counter``). The date picker is in ``handlers/widgets/dates.py``. See
CONTRIBUTING.md «The form engine»."""
