"""Certificates of participation (seed 000 §VIII): an attendee downloads a PDF (full name,
event, dates, hours by kind, organiser, a unique number); the organiser issues them to every
attendee at once; anyone checks a number in the bot and sees only what the certificate shows."""

from domain.certificates.model import (  # noqa: F401
    ALPHABET,
    Certificate,
    CertificateDraft,
    new_number,
    parse_number,
)
from domain.certificates.ports import CertificateRepository  # noqa: F401
from domain.certificates.service import (  # noqa: F401
    download,
    issue,
    issue_all,
    mine,
    verify,
)
