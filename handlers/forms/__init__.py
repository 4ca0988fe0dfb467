"""What the features' form conversations share (issue 10): the step counter (``counter``).
The date picker is in ``handlers/widgets/dates.py``. See CONTRIBUTING.md «Forms»."""
