"""Staffing in the back office (the organisation is in onsite/org/admin.py). Change notices,
resignations and offboarding have their own pages and workflows: HR edits them there and only
reads them here."""

from django.contrib import admin

from onsite.admin import ScopedAdmin
from staffing.models import ChangeNotice, Offboarding, Resignation


@admin.register(ChangeNotice)
class ChangeNoticeAdmin(ScopedAdmin):
    edited_in_the_app = True
    list_display = ["__str__", "company", "planned_on"]


@admin.register(Resignation)
class ResignationAdmin(ScopedAdmin):
    edited_in_the_app = True
    company_field = "staff__company"
    list_display = ["staff", "leaving_on", "status"]


@admin.register(Offboarding)
class OffboardingAdmin(ScopedAdmin):
    edited_in_the_app = True
    company_field = "assignment__staff__company"
    list_display = ["assignment", "reason", "leaving_on", "status"]
