"""The composition of the domain: which feature reacts to which fact (domain/reactions.py).

The only domain module that names several features at once; no feature imports it.
"""

from __future__ import annotations

from domain import activity, campaigns, feedback, hours, route, territory
from domain.reactions import Reactions


def reactions() -> Reactions:
    """Every reaction of every feature, registered once."""
    registry = Reactions()
    hours.subscribe(registry)  # an accepted course report → the hours ledger
    route.subscribe(registry)  # attendance, an accepted report → the ИОМ activity is done
    feedback.subscribe(registry)  # attendance → the attendee gets the feedback form
    campaigns.subscribe(registry)  # a completed self-diagnosis → done for its campaigns
    activity.subscribe(registry)  # attendance of a «Конкурс» → the competition record
    territory.subscribe(registry)  # a course form submitted → its municipal coordinators
    return registry


REACTIONS = reactions()
