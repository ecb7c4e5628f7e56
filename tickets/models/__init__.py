"""The models of service tickets and inspections (SPEC §11), one module per area, re-exported
here so that `tickets.models` names them all. Each is tied to the organisation (onsite.org), has
`TextChoices` for its status, named constraints and a `visible_to(user)` queryset that scopes it
to the reader; statuses change only through the workflows (tickets.workflows)."""

from tickets.models.inspections import *  # noqa: F403
from tickets.models.tickets import *  # noqa: F403
