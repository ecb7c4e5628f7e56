"""Forms of the staffing pages, one module per area: they check input; the services decide. Entering and leaving a
site: staffing.forms.movement."""

from staffing.forms.people import AssignmentForm, CheckForm, RecordForm, StaffForm, StatusForm
from staffing.forms.sites import SiteForm

__all__ = ["AssignmentForm", "CheckForm", "RecordForm", "SiteForm", "StaffForm", "StatusForm"]
