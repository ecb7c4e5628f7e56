"""Forms of the staffing pages, one module per area: they check input; the services decide.
The forms of entering and leaving live with that area, in staffing.movement.forms."""

from staffing.forms.people import AssignmentForm, CheckForm, RecordForm, StaffForm, StatusForm
from staffing.forms.sites import SiteForm

__all__ = ["AssignmentForm", "CheckForm", "RecordForm", "SiteForm", "StaffForm", "StatusForm"]
