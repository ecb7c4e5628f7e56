from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from onsite.access import access_for


class OnsiteAdminSite(admin.AdminSite):
    """The back office is for HR admins (over their own companies) and superusers."""

    site_header = _("Onsite administration")
    site_title = _("Onsite")
    index_title = _("Records")

    def has_permission(self, request) -> bool:
        return request.user.is_active and access_for(request.user).is_hr
