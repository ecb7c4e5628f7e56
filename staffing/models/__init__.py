"""Staffing's models: qualification checks (SPEC §3), entering and leaving a site (§4) and the
register of rewards and penalties (§5), expenses and business trips (§10). The organisation they build on (companies, sites,
people, placements) is the core's: onsite.org.models."""

from staffing.models.expenses import *  # noqa: F403
from staffing.models.movement import *  # noqa: F403
from staffing.models.qualification import *  # noqa: F403
from staffing.models.records import *  # noqa: F403
