"""A site's ticket desk: who takes the tickets nobody assigned (SPEC §11: "or it goes to the
site's default assignee"), set by the site's supervisor or HR of a company serving it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.org.models import Assignment, Site, Staff
from onsite.transitions import Refused
from tickets import permissions as rules
from tickets.models import SiteDesk


def desk_set_default(*, site: Site, staff: Staff | None, by) -> SiteDesk:
    """Someone placed at the site today, or nobody (new tickets then wait for the supervisor)."""
    if not rules.may_edit_checklist(by, site):
        raise Refused(_("Only the site's supervisor or HR sets who takes its tickets."))
    if staff is not None and not (
        Assignment.objects.active_on(timezone.localdate()).filter(staff=staff, site=site).exists()
    ):
        raise Refused(
            _("%(name)s is not placed at %(site)s.") % {"name": staff.name, "site": site.name}
        )
    with transaction.atomic():
        desk, _created = SiteDesk.objects.select_for_update().get_or_create(site=site)
        desk.default_assignee = staff
        desk.save(update_fields=["default_assignee"])
    return desk
