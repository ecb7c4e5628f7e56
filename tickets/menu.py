"""Service tickets in the menu (registered in TicketsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.navigation import NavItem, group_register, menu_register
from onsite.roles import Role

READERS = (Role.CLIENT_CONTACT, Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)
# The monthly service report: the company's side and the client's, not the people on site.
REPORT_READERS = (Role.CLIENT_CONTACT, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)
G = "service"
# Work reports and plans (SPEC §9): each page adds its entry below.
WORK = "work"


def register() -> None:
    # One drop-down for whoever has two or more of these; the tickets come first, as a client
    # contact on a phone opens them most.
    group_register(G, _("Client service"))
    group_register(WORK, _("Work reports"))
    menu_register(
        NavItem(_("Service tickets"), "tickets:list", READERS, "tickets", G, order=20),
        # The day's round: opened on a phone by the person on duty.
        NavItem(_("Daily inspections"), "tickets:inspections", READERS, "inspections", G, 21),
        NavItem(
            _("Monthly service report"),
            "tickets:report_choose",
            REPORT_READERS,
            "ticket_report",
            G,
            22,
        ),
        NavItem(
            _("Ticket desks"),
            "tickets:desk",
            (Role.SUPERVISOR, Role.HR_ADMIN),
            "ticket_desk",
            G,
            23,
        ),
        # Work reports (工作汇报): each person's own; a site's reports by week for its readers.
        NavItem(_("My reports"), "tickets:my_reports", (Role.STAFF,), "my_reports", WORK, 30),
        NavItem(
            _("Report review"),
            "tickets:workreport_sites",
            (Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER),
            "report_review",
            WORK,
            31,
        ),
        # The statistics of a site's weekly reports (周报统计): its supervisors, HR and managers.
        NavItem(
            _("Weekly report statistics"),
            "tickets:report_stats_choose",
            (Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER),
            "report_stats",
            WORK,
            33,
        ),
        # Work plans (工作计划): the people on site, their lead, HR and managers.
        NavItem(
            _("Work plans"),
            "tickets:plans",
            (Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER),
            "work_plans",
            WORK,
            32,
        ),
    )
