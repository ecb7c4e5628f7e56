"""The numbers of service tickets and inspections (SPEC §11), on the policy page under their own
area; registered from TicketsConfig.ready(). A site may set its own (its contract's SLA)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from onsite.policy import PolicyArea, PolicyChoice, PolicyKey, policy_area_add, policy_key_add
from onsite.policy import PolicyType as T

policy_area_add(PolicyArea("tickets", _("Service tickets"), order=50))

# Whole sentences, so that each translates as one (a label is read in the reader's language).
RESPONSE_LABELS = {
    "urgent": _("First response, urgent tickets"),
    "high": _("First response, high-priority tickets"),
    "normal": _("First response, normal tickets"),
    "low": _("First response, low-priority tickets"),
}
RESOLUTION_LABELS = {
    "urgent": _("Resolution, urgent tickets"),
    "high": _("Resolution, high-priority tickets"),
    "normal": _("Resolution, normal tickets"),
    "low": _("Resolution, low-priority tickets"),
}
# SPEC §11: first response within 24 hours [001: 24小时内响应], per priority; resolution urgent 4,
# high 24, normal 72, low 168 hours.
RESPONSE_HOURS = {"urgent": 24, "high": 24, "normal": 24, "low": 24}
RESOLUTION_HOURS = {"urgent": 4, "high": 24, "normal": 72, "low": 168}

WALL = "wall"
WORKING_HOURS = "working_hours"

policy_key_add(
    *(
        PolicyKey(
            f"ticket_response_hours_{priority}",
            T.INTEGER,
            hours,
            RESPONSE_LABELS[priority],
            _("A ticket of this priority is acknowledged within this many hours of being raised."),
            "tickets",
            unit=_("hours"),
            minimum=1,
            maximum=720,
            source="§11",
        )
        for priority, hours in RESPONSE_HOURS.items()
    ),
    *(
        PolicyKey(
            f"ticket_resolution_hours_{priority}",
            T.INTEGER,
            hours,
            RESOLUTION_LABELS[priority],
            _("A ticket of this priority is resolved within this many hours of being raised."),
            "tickets",
            unit=_("hours"),
            minimum=1,
            maximum=2160,
            source="§11",
        )
        for priority, hours in RESOLUTION_HOURS.items()
    ),
    PolicyKey(
        "ticket_sla_clock",
        T.CHOICE,
        WALL,
        _("SLA clock"),
        _(
            "Round the clock counts every hour; working hours count only the site's working "
            "hours on working days of the calendar (make-up workdays count, holidays do not)."
        ),
        "tickets",
        choices=(
            PolicyChoice(1, WALL, _("Round the clock")),
            PolicyChoice(2, WORKING_HOURS, _("The site's working hours")),
        ),
        source="§11",
    ),
    PolicyKey(
        "ticket_warning_hours",
        T.INTEGER,
        2,
        _("Warn before a breach"),
        _("The assignee is warned this many hours before a ticket's due time passes."),
        "tickets",
        unit=_("hours"),
        minimum=1,
        maximum=72,
        source="§11",
    ),
    PolicyKey(
        "ticket_autoclose_days",
        T.DAYS,
        3,
        _("Close resolved tickets after"),
        _("A resolved ticket the client neither confirms nor reopens closes by itself after this."),
        "tickets",
        minimum=1,
        maximum=60,
        source="§11",
    ),
)

# Work reports (SPEC §9): the weekly report is due Monday [13:00] of the following week on the
# site's clock; Monday [09:00] reminds whoever has not submitted, Monday [13:05] tells the
# supervisor who is missing or late. A site may ask for a daily log (due [20:00] the same day) and
# a monthly report (due day [3] of the next month, by the end of that day); both off by default.
policy_area_add(PolicyArea("reports", _("Work reports"), order=55))

policy_key_add(
    PolicyKey(
        "report_weekly_due_time",
        T.TIME,
        datetime.time(13, 0),
        _("Weekly report due on Monday at"),
        _("A week's report is due at this time on the Monday after the week, site time."),
        "reports",
        source="§9",
    ),
    PolicyKey(
        "report_remind_time",
        T.TIME,
        datetime.time(9, 0),
        _("Remind whoever has not submitted at"),
        _(
            "On the day a report falls due, each person who has not submitted it is reminded "
            "at this time, site time."
        ),
        "reports",
        source="§9",
    ),
    PolicyKey(
        "report_digest_time",
        T.TIME,
        datetime.time(13, 5),
        _("Tell the supervisor who is missing at"),
        _(
            "On Monday at this time, site time, each supervisor gets one message listing the "
            "people of each of their sites whose weekly report is missing or late."
        ),
        "reports",
        source="§9",
    ),
    PolicyKey(
        "report_daily_on",
        T.YES_NO,
        False,
        _("Ask for a daily log"),
        _("People on site also file a log for each working day."),
        "reports",
        source="§9",
    ),
    PolicyKey(
        "report_daily_remind_time",
        T.TIME,
        datetime.time(18, 0),
        _("Remind whoever has not filed the day's log at"),
        _(
            "Where a daily log is asked for, each person who has not filed the day's log is "
            "reminded at this time the same day, site time."
        ),
        "reports",
        source="§9",
    ),
    PolicyKey(
        "report_daily_due_time",
        T.TIME,
        datetime.time(20, 0),
        _("Daily log due at"),
        _("A day's log is due at this time the same day, site time."),
        "reports",
        source="§9",
    ),
    PolicyKey(
        "report_monthly_on",
        T.YES_NO,
        False,
        _("Ask for a monthly report"),
        _("People on site also file a report for each month."),
        "reports",
        source="§9",
    ),
    PolicyKey(
        "report_monthly_due_day",
        T.INTEGER,
        3,
        _("Monthly report due by day"),
        _("A month's report is due by the end of this day of the next month, site time."),
        "reports",
        unit=_("day of the month"),
        minimum=1,
        maximum=28,
        source="§9",
    ),
)
