"""The decisions register across bodies, with ratifications and referral chains.

`tables` holds the read model (its tables and the handlers that fill them); `register`
and `referrals` read it.
"""

from projections.decisions.referrals import (
    origins,
    referred_bodies,
    referred_matters,
    taken_up_by,
)
from projections.decisions.register import decision, ratifications, register
from projections.decisions.tables import decisions

__all__ = [
    "decision",
    "decisions",
    "origins",
    "ratifications",
    "referred_bodies",
    "referred_matters",
    "register",
    "taken_up_by",
]
