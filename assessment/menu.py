"""Assessment in the menu (SPEC §12; registered in AssessmentConfig.ready()): one drop-down
(考核) for whoever has two or more of its entries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.navigation import NavItem, group_register, menu_register
from onsite.roles import Role

G = "assessment"


def register() -> None:
    group_register(G, _("Assessment"))
    menu_register(
        # The person's own results, read and acknowledged on a phone.
        NavItem(_("My assessments"), "assessment:mine", (Role.STAFF,), "assessment_mine", G, 200),
        # The scorers: supervisors score their sites' people, managers teamwork.
        NavItem(
            pgettext_lazy("menu", "Scoring"),
            "assessment:scoring",
            (Role.SUPERVISOR, Role.MANAGER),
            "assessment_scoring",
            G,
            201,
        ),
        NavItem(
            _("Assessment results"),
            "assessment:results_choose",
            (Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER),
            "assessment_results",
            G,
            202,
        ),
        # HR runs the cycles and sets the criteria; managers read them.
        NavItem(
            _("Assessment cycles"),
            "assessment:cycles",
            (Role.HR_ADMIN, Role.MANAGER),
            "assessment_cycles",
            G,
            203,
        ),
    )
