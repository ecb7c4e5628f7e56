"""The attendance, leave and overtime numbers of the policy page (SPEC §6–§8), registered from
AttendanceConfig.ready(); a change to a rule of the day judges the open months again."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onsite.periods import Month
from onsite.policy import (
    PolicyArea,
    PolicyKey,
    policy_area_add,
    policy_changed,
    policy_key_add,
)
from onsite.policy import PolicyType as T

# Keys the daily classification reads: a change judges the open months again.
DAY_RULE_KEYS = frozenset({"late_grace_minutes", "absent_threshold_minutes"})

policy_area_add(PolicyArea("attendance", _("Attendance"), order=20))
policy_area_add(
    PolicyArea("leave", _("Leave"), order=30, links=((_("Leave types"), "attendance:leave_types"),))
)
policy_area_add(PolicyArea("overtime", _("Overtime"), order=40))

HOURS, YEARS, PERCENT = _("hours"), _("years of service"), _("percent of the wage")

policy_key_add(
    PolicyKey(
        "late_grace_minutes",
        T.MINUTES,
        15,
        _("Grace for late or early"),
        _("Arriving late or leaving early by more than this counts as late or early."),
        "attendance",
        maximum=240,
        source="§6",
    ),
    PolicyKey(
        "absent_threshold_minutes",
        T.MINUTES,
        60,
        _("Late or early that makes the day absent"),
        _("Arriving late or leaving early by more than this makes the whole day absent."),
        "attendance",
        maximum=1440,
        source="§6",
    ),
    PolicyKey(
        "explanation_absent_days",
        T.DAYS,
        3,
        _("Absent days before an explanation"),
        _("Someone absent more days than this in a month must explain the absences."),
        "attendance",
        maximum=31,
        source="§6",
    ),
    PolicyKey(
        "explanation_late_minutes",
        T.MINUTES,
        180,
        _("Late minutes before an explanation"),
        _("Someone late more minutes than this in a month must explain the lateness."),
        "attendance",
        maximum=44640,
        source="§6",
    ),
    PolicyKey(
        "fine_free_occurrences",
        T.INTEGER,
        2,
        _("Late or early without a fine"),
        _("This many late or early arrivals and departures a month are not fined."),
        "attendance",
        unit=_("times"),
        maximum=100,
        source="§6",
    ),
    PolicyKey(
        "fine_per_occurrence",
        T.DECIMAL,
        20,
        _("Fine per late or early"),
        _("Each late arrival or early departure beyond those is fined this amount."),
        "attendance",
        unit=_("CNY"),
        maximum=10000,
        source="§6",
    ),
    PolicyKey(
        "dismissal_absent_days",
        T.DAYS,
        3,
        _("Absent days for a dismissal review"),
        _(
            "This many absent days in a month withhold the month's wage and flag the person "
            "for a dismissal review."
        ),
        "attendance",
        minimum=1,
        maximum=31,
        source="§6",
    ),
    PolicyKey(
        "leave_long_days",
        T.DAYS,
        3,
        _("Long leave from"),
        _("Leave of this many days or more counts as long leave."),
        "leave",
        minimum=1,
        maximum=365,
        source="§7",
    ),
    PolicyKey(
        "leave_notice_short_days",
        T.DAYS,
        1,
        _("Notice for short leave"),
        _("Leave shorter than a long leave is asked for at least this many days ahead."),
        "leave",
        maximum=60,
        source="§7",
    ),
    PolicyKey(
        "leave_notice_long_days",
        T.DAYS,
        2,
        _("Notice for long leave"),
        _("Long leave is asked for at least this many days ahead."),
        "leave",
        maximum=90,
        source="§7",
    ),
    PolicyKey(
        "leave_emergency_after_days",
        T.INTEGER,
        3,
        _("Emergency leave asked afterwards"),
        _("Emergency leave may be asked for up to this many working days after returning."),
        "leave",
        unit=_("working days"),
        maximum=30,
        source="§7",
    ),
    PolicyKey(
        "leave_second_stage_days",
        T.DAYS,
        3,
        _("Leave that also needs the manager"),
        _("Leave longer than this is approved by the manager after the supervisor."),
        "leave",
        maximum=365,
        source="§7",
    ),
    PolicyKey(
        "annual_leave_min_years",
        T.INTEGER,
        1,
        _("Service before annual leave"),
        _("Staff get annual leave once they have worked this many years."),
        "leave",
        unit=YEARS,
        maximum=50,
        source="§7",
    ),
    PolicyKey(
        "annual_leave_days",
        T.DAYS,
        5,
        _("Annual leave"),
        _("Days of annual leave a year from the service above."),
        "leave",
        maximum=365,
        source="§7",
    ),
    PolicyKey(
        "annual_leave_mid_years",
        T.INTEGER,
        10,
        _("Service for more annual leave"),
        _("From this many years of service, staff get the longer annual leave below."),
        "leave",
        unit=YEARS,
        maximum=50,
        source="§7",
    ),
    PolicyKey(
        "annual_leave_mid_days",
        T.DAYS,
        10,
        _("Longer annual leave"),
        _("Days of annual leave a year from the service above."),
        "leave",
        maximum=365,
        source="§7",
    ),
    PolicyKey(
        "annual_leave_long_years",
        T.INTEGER,
        20,
        _("Service for the most annual leave"),
        _("From this many years of service, staff get the longest annual leave below."),
        "leave",
        unit=YEARS,
        maximum=50,
        source="§7",
    ),
    PolicyKey(
        "annual_leave_long_days",
        T.DAYS,
        15,
        _("Longest annual leave"),
        _("Days of annual leave a year from the service above."),
        "leave",
        maximum=365,
        source="§7",
    ),
    PolicyKey(
        "overtime_day_cap_hours",
        T.INTEGER,
        3,
        _("Overtime a day"),
        _("More overtime than this in a day needs a manager's override (Labour Law art. 41)."),
        "overtime",
        unit=HOURS,
        maximum=24,
        source="§8",
    ),
    PolicyKey(
        "overtime_month_cap_hours",
        T.INTEGER,
        36,
        _("Overtime a month"),
        _("More overtime than this in a month needs a manager's override (Labour Law art. 41)."),
        "overtime",
        unit=HOURS,
        maximum=744,
        source="§8",
    ),
    PolicyKey(
        "overtime_rate_workday",
        T.INTEGER,
        150,
        _("Overtime pay on a workday"),
        _("Overtime on a workday is paid at this share of the wage (Labour Law art. 44)."),
        "overtime",
        unit=PERCENT,
        minimum=100,
        maximum=1000,
        source="§8",
    ),
    PolicyKey(
        "overtime_rate_rest_day",
        T.INTEGER,
        200,
        _("Overtime pay on a rest day"),
        _("Overtime on a rest day is paid at this share of the wage (Labour Law art. 44)."),
        "overtime",
        unit=PERCENT,
        minimum=100,
        maximum=1000,
        source="§8",
    ),
    PolicyKey(
        "overtime_rate_holiday_rest",
        T.INTEGER,
        200,
        _("Overtime pay on a rest day of a holiday"),
        _("Overtime on a rest day inside a holiday block is paid at this share of the wage."),
        "overtime",
        unit=PERCENT,
        minimum=100,
        maximum=1000,
        source="§8",
    ),
    PolicyKey(
        "overtime_rate_holiday",
        T.INTEGER,
        300,
        _("Overtime pay on a statutory holiday"),
        _(
            "Overtime on a statutory holiday is paid at this share of the wage (Labour Law art. 44)."
        ),
        "overtime",
        unit=PERCENT,
        minimum=100,
        maximum=1000,
        source="§8",
    ),
    PolicyKey(
        "overtime_hours_per_day_off",
        T.INTEGER,
        8,
        _("Overtime for a day off in lieu"),
        _("This many hours of rest-day overtime earn one day of compensatory leave."),
        "overtime",
        unit=HOURS,
        minimum=1,
        maximum=24,
        source="§8",
    ),
)


def days_judge_again(sender, *, key: str, company, site, **kwargs) -> None:
    """A rule of the day changed: judge this month and last month again at the sites it
    applies to (the months still open in practice)."""
    if key not in DAY_RULE_KEYS:
        return
    from attendance.tasks import queue_recompute
    from onsite.org.models import Site

    if site is not None:
        sites = [site.pk]
    else:
        sites = list(
            Site.objects.filter(contracts__company=company).distinct().values_list("pk", flat=True)
        )
    if sites:
        today = timezone.localdate()
        queue_recompute(start=Month.containing(today).previous.first, end=today, site_ids=sites)


policy_changed.connect(days_judge_again, dispatch_uid="attendance_policy_days_judge_again")
