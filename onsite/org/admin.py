"""The organisation in the back office. Staff and placements have their own pages and workflows:
HR edits them there and only reads them here."""

from django.contrib import admin

from onsite.admin import ScopedAdmin
from onsite.org.models import (
    Assignment,
    Client,
    Company,
    Contract,
    Department,
    Position,
    Site,
    Staff,
)


@admin.register(Company)
class CompanyAdmin(ScopedAdmin):
    company_field = "pk"
    search_fields = ["name"]

    def has_add_permission(self, request) -> bool:
        # The installation's administrator sets up a company; its HR may rename it.
        return request.user.is_superuser


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ["name", "company"]


@admin.register(Client)
class ClientAdmin(ScopedAdmin):
    # Clients are shared between companies: an HR admin sees those its contracts name.
    company_field = "contracts__company"
    search_fields = ["name"]


@admin.register(Site)
class SiteAdmin(ScopedAdmin):
    company_field = "contracts__company"
    list_display = ["code", "name", "client", "schedule"]
    search_fields = ["code", "name"]


@admin.register(Contract)
class ContractAdmin(ScopedAdmin):
    list_display = ["code", "company", "client", "start", "end", "headcount"]


@admin.register(Position)
class PositionAdmin(ScopedAdmin):
    list_display = ["title", "company"]


@admin.register(Staff)
class StaffAdmin(ScopedAdmin):
    edited_in_the_app = True
    list_display = ["staff_no", "name", "company", "status"]
    list_filter = ["status"]
    search_fields = ["staff_no", "name"]


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdmin):
    edited_in_the_app = True
    company_field = "staff__company"
    list_display = ["staff", "site", "contract", "start", "end", "backup"]
