"""The staffing numbers of the policy page (SPEC §3, §4), registered from StaffingConfig.ready()."""

from __future__ import annotations

import datetime

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

# Expenses (SPEC §10). A company sets its own caps; the defaults only show the shape. A cap of 0
# means no cap (transport).
policy_area_add(PolicyArea("expenses", _("Expenses"), order=60))

policy_key_add(
    PolicyKey(
        "expense_cap_transport",
        T.DECIMAL,
        "0",
        _("Transport cap per day"),
        _("Transport lines of one person and day above this need a justification; 0 means no cap."),
        "expenses",
        unit=_("CNY"),
        source="§10",
    ),
    PolicyKey(
        "expense_cap_lodging",
        T.DECIMAL,
        "400",
        _("Lodging cap per night"),
        _("Lodging of one person and night above this needs a justification; 0 means no cap."),
        "expenses",
        unit=_("CNY"),
        source="§10",
    ),
    PolicyKey(
        "expense_cap_meals",
        T.DECIMAL,
        "100",
        _("Meals cap per day"),
        _("Meals of one person and day above this need a justification; 0 means no cap."),
        "expenses",
        unit=_("CNY"),
        source="§10",
    ),
    PolicyKey(
        "expense_cap_communication",
        T.DECIMAL,
        "200",
        _("Communication cap per month"),
        _(
            "Communication of one person and calendar month above this needs a justification; "
            "0 means no cap."
        ),
        "expenses",
        unit=_("CNY"),
        source="§10",
    ),
    PolicyKey(
        "expense_cap_subsidy",
        T.DECIMAL,
        "100",
        _("Subsidy cap per day"),
        _("Subsidies of one person and day above this need a justification; 0 means no cap."),
        "expenses",
        unit=_("CNY"),
        source="§10",
    ),
    PolicyKey(
        "expense_deadline_day",
        T.INTEGER,
        10,
        _("Claim deadline: day of the next month"),
        _(
            "Expenses of a month are claimed by the end of this day of the next month, site time; "
            "a claim submitted later is late and needs a manager's approval."
        ),
        "expenses",
        unit=_("th"),
        minimum=1,
        maximum=28,
        source="§10",
    ),
    PolicyKey(
        "expense_reminder_first_day",
        T.INTEGER,
        5,
        _("First deadline reminder on day"),
        _("Staff with unsubmitted lines of last month are reminded on this day of the month."),
        "expenses",
        unit=_("th"),
        minimum=1,
        maximum=28,
        source="§10",
    ),
    PolicyKey(
        "expense_reminder_second_day",
        T.INTEGER,
        9,
        _("Second deadline reminder on day"),
        _("…and again on this day, once per person and month each time."),
        "expenses",
        unit=_("th"),
        minimum=1,
        maximum=28,
        source="§10",
    ),
    PolicyKey(
        "expense_reminder_time",
        T.TIME,
        datetime.time(9, 0),
        _("Deadline reminders at"),
        _("The deadline reminders go out at this time, site time."),
        "expenses",
        source="§10",
    ),
    PolicyKey(
        "expense_unsubmitted_list_day",
        T.INTEGER,
        11,
        _("List of unsubmitted expenses to the supervisor on day"),
        _(
            "On this day each supervisor gets the people of their sites whose lines of last "
            "month were never submitted."
        ),
        "expenses",
        unit=_("th"),
        minimum=1,
        maximum=28,
        source="§10",
    ),
    PolicyKey(
        "expense_anomaly_factor",
        T.DECIMAL,
        "2",
        _("Expense anomaly above"),
        _(
            "A site's month is flagged (费用异常) when its expenses exceed this many times the "
            "average of its previous months."
        ),
        "expenses",
        unit=_("times"),
        minimum=1,
        maximum=100,
        source="§10",
    ),
    PolicyKey(
        "expense_anomaly_months",
        T.INTEGER,
        3,
        _("Average over previous months"),
        _("How many calendar months before a month make the average it is compared with."),
        "expenses",
        unit=_("months"),
        minimum=1,
        maximum=12,
        source="§10",
    ),
)
