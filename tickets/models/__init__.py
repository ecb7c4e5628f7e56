"""The models of site work: service tickets and inspections (SPEC §11), work reports and plans
(SPEC §9), one module per area, re-exported here so that `tickets.models` names them all. Each is
tied to the organisation (onsite.org), has `TextChoices` for its status, named constraints and a
`visible_to(user)` queryset that scopes it to the reader; statuses change only through services
that lock, re-check and record the history."""

from tickets.models.inspections import *  # noqa: F403
from tickets.models.plans import *  # noqa: F403
from tickets.models.reports import *  # noqa: F403
from tickets.models.tickets import *  # noqa: F403
