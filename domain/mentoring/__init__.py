"""Mentoring (seed 003: every young teacher with a mentor; seed 002 §II.8: a form of the ИОМ).

A school coordinator (the municipal one for schools without one) pairs a mentee with a mentor
inside their scope — young specialists without a mentor are suggested first, mentors of the
same subject with the fewest mentees next — from a start date, with goals picked from the
mentee's latest deficits. Both sides see each other's name and school only. The mentor sees
the mentee's latest diagnosis and ИОМ read-only, keeps a log of meetings (date, topic, hours,
an optional file) whose hours go to both ledgers once, and ends the pair with a conclusion;
the mentee rates each meeting. The mentor proposes ИОМ activities and consultation hours
(``proposals``); the mentee accepts them into the ИОМ (once) or declines with a reason.
A silent pair reminds the mentor, then tells the coordinator.
``figures`` gives the territory indicators."""

from domain.mentoring.model import (  # noqa: F401
    CONCLUSION_MAX,
    GOALS_MAX,
    HOURS_MAX,
    HOURS_MIN,
    PROPOSAL_HOURS_MAX,
    PROPOSAL_HOURS_MIN,
    RATINGS,
    REASON_MAX,
    REMIND_WEEKS_DEFAULT,
    TOPIC_MAX,
    Figures,
    Goal,
    Meeting,
    Member,
    MentorCandidate,
    Pair,
    PairView,
    Proposal,
    ProposalKind,
    ProposalStatus,
    QuietPair,
    SchoolCounts,
    UnitFigures,
)
from domain.mentoring.pairing import (  # noqa: F401
    check_mentor,
    check_start,
    create_pair,
    find_mentors,
    goal_options,
    latest_deficits,
    may_pair_in,
    mentee_for_pairing,
    mentor_schools,
    pairing_schools,
    require_pairing_scope,
    suggest_mentees,
    suggest_mentors,
)
from domain.mentoring.pairs import (  # noqa: F401
    can_log,
    check_meeting_day,
    check_topic,
    end_pair,
    log_meeting,
    meeting_of,
    mentee_deficits,
    mentee_of,
    mentee_route,
    my_pairs,
    pairs_in_scope,
    parse_hours,
    rate_meeting,
    view,
)
from domain.mentoring.ports import MentoringRepository  # noqa: F401
from domain.mentoring.proposals import (  # noqa: F401
    accept_proposal,
    can_propose,
    check_decline,
    check_reason,
    decline_proposal,
    month_end,
    parse_proposal_hours,
    proposal_for_mentee,
    proposal_months,
    proposals_of,
    propose,
)
from domain.mentoring.watch import figures, record_quiet_reminders, total  # noqa: F401
