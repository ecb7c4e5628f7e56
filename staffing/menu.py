"""Staffing's entries in the menu (registered in StaffingConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.navigation import NavItem, group_register, menu_register
from onsite.roles import Role

DECIDE = (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)
EXPENSES = "expenses"


def register() -> None:
    group_register("people", _("People"))
    menu_register(
        NavItem(_("Staff"), "staffing:staff_list", DECIDE, "staff", group="people", order=20),
        NavItem(
            _("Sites"),
            "staffing:site_list",
            (
                Role.HR_ADMIN,
                Role.SUPERVISOR,
                Role.STAFF,
                Role.MANAGER,
                Role.FINANCE,
                Role.CLIENT_CONTACT,
            ),
            "sites",
            order=30,
        ),
        NavItem(_("My record"), "staffing:my_record", (Role.STAFF,), "my_record", order=40),
        NavItem(
            _("Change notices"),
            "staffing:change_notice_list",
            DECIDE,
            "change_notices",
            group="people",
            order=50,
        ),
        NavItem(
            _("Resignations"),
            "staffing:resignation_list",
            (*DECIDE, Role.STAFF),
            "resignations",
            group="people",
            order=60,
        ),
        NavItem(
            _("Rotation due"),
            "staffing:rotation_due",
            (Role.HR_ADMIN, Role.MANAGER),
            "rotation",
            group="people",
            order=70,
        ),
        NavItem(
            _("Import data"),
            "staffing:import_upload",
            (Role.HR_ADMIN,),
            "imports",
            group="people",
            order=190,
        ),
    )
    # Expenses (SPEC §10): each page adds its entry here.
    group_register(EXPENSES, _("Expenses"))
    menu_register(
        NavItem(
            _("Expense statistics"),
            "staffing:expense_stats",
            (Role.FINANCE, Role.HR_ADMIN, Role.MANAGER),
            "expense_stats",
            group=EXPENSES,
            order=190,
        ),
    )
    menu_register(
        NavItem(
            _("My expenses"),
            "staffing:claims_mine",
            (Role.STAFF,),
            "claims_mine",
            group=EXPENSES,
            order=110,
        ),
        NavItem(
            _("Business trips"),
            "staffing:trips",
            (Role.STAFF, Role.MANAGER),
            "trips",
            group=EXPENSES,
            order=120,
        ),
    )
    menu_register(
        NavItem(
            _("Claims for review"),
            "staffing:finance_claims",
            (Role.FINANCE,),
            "finance_claims",
            group=EXPENSES,
            order=120,
        ),
        NavItem(
            _("Claims to sign"),
            "staffing:claims_to_sign",
            (Role.SUPERVISOR, Role.MANAGER),
            "claims_to_sign",
            group=EXPENSES,
            order=130,
        ),
    )
