"""The staffing numbers of the policy page (SPEC §3, §4), registered from StaffingConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.policy import PolicyArea, PolicyKey, policy_area_add, policy_key_add
from onsite.policy import PolicyType as T

policy_area_add(PolicyArea("staffing", _("Staff and placements"), order=10))

policy_key_add(
    PolicyKey(
        "minimum_age",
        T.INTEGER,
        16,
        _("Minimum age"),
        _("Nobody younger than this on the first day of a placement can be placed."),
        "staffing",
        unit=_("years"),
        minimum=16,
        maximum=70,
        source="§3",
    ),
    PolicyKey(
        "maximum_age",
        T.INTEGER,
        0,
        _("Maximum age"),
        _(
            "Nobody older than this on the first day of a placement can be placed; 0 means no limit."
        ),
        "staffing",
        unit=_("years"),
        maximum=100,
        source="§3",
    ),
    PolicyKey(
        "qualification_reminder_days",
        T.DAYS,
        30,
        _("Qualification expiry reminder"),
        _("HR is reminded this many days before a staff member's qualification expires."),
        "staffing",
        minimum=1,
        maximum=365,
        source="§3",
    ),
    PolicyKey(
        "change_notice_days",
        T.DAYS,
        30,
        _("Notice of a personnel change"),
        _(
            "A change of the people at a site is announced at least this many days ahead; "
            "a shorter notice needs a manager's override."
        ),
        "staffing",
        maximum=365,
        source="§4",
    ),
    PolicyKey(
        "rotation_months",
        T.INTEGER,
        12,
        _("Rotation due after"),
        _("Someone who has worked this long at one site is listed as due to rotate."),
        "staffing",
        unit=_("months"),
        minimum=1,
        maximum=120,
        source="§4",
    ),
    PolicyKey(
        "rotation_min_months",
        T.INTEGER,
        6,
        _("No rotation within"),
        _(
            "Nobody is rotated away within this many months of starting at a site, "
            "unless a manager overrides it."
        ),
        "staffing",
        unit=_("months"),
        maximum=120,
        source="§4",
    ),
)
