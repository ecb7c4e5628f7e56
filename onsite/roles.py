from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The six roles of SPEC §1. A user may hold several, each tied to a company or a site."""

    HR_ADMIN = "hr_admin", _("HR admin")
    SUPERVISOR = "supervisor", _("Site supervisor")
    STAFF = "staff", _("Staff")
    MANAGER = "manager", _("Manager")
    FINANCE = "finance", _("Finance")
    CLIENT_CONTACT = "client_contact", _("Client contact")


# Roles granted over a whole company; the others are granted per site. Staff is not granted:
# a user holds it by being linked to a staff record, which names its company.
COMPANY_ROLES = (Role.HR_ADMIN, Role.MANAGER, Role.FINANCE)
SITE_ROLES = (Role.SUPERVISOR, Role.CLIENT_CONTACT)
GRANTABLE_ROLES = COMPANY_ROLES + SITE_ROLES
