"""A person's attendance over an assessment period (SPEC §12 shows it beside the scores):
present, late (times and minutes), absent and leave days, registered with the core's facts
(onsite/facts.py) in AttendanceConfig.ready().

The days are summed by the rules of the monthly sheet (attendance.selectors.sheet.month_rows):
the same judged days (Day), the same sums, a late day counted with its minutes, a half day 0.5 on
each side. The sheet is a site's month; here the days are the person's at every site, clipped to
the period's own dates, so a period of whole months gives the sum of the person's sheet rows of
those months. One query whatever the length of the period."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from attendance.models import Day
from attendance.selectors.sheet import number
from onsite.facts import Fact

GROUP = "attendance"
ZERO = Decimal("0")


def days_text(value: Decimal) -> str:
    """`20 天`, `2.5 天`: days as the sheet writes them."""
    return ngettext("%(n)s day", "%(n)s days", 1 if value == 1 else 2) % {"n": number(value)}


def times_text(count: int) -> str:
    return ngettext("%(n)s time", "%(n)s times", count) % {"n": count}


def minutes_text(minutes: int) -> str:
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


def attendance_facts(*, staff, first: datetime.date, last: datetime.date) -> list[Fact]:
    sums = Day.objects.filter(staff=staff, date__range=(first, last)).aggregate(
        present=Sum("present"),
        absent=Sum("absent"),
        leave=Sum("leave"),
        late_count=Count("pk", filter=Q(is_late=True)),
        late_minutes=Sum("late_minutes", filter=Q(is_late=True)),
    )
    # The person's calendar of the period's first month, with the sheet's summary below it; HR,
    # the person's supervisors and managers open it (Staff.objects.visible_to).
    url = reverse("attendance:person_month", args=[staff.pk, first.replace(day=1)])
    late_count, late_minutes = sums["late_count"] or 0, sums["late_minutes"] or 0
    late = times_text(late_count)
    if late_count:
        late = _("%(times)s (%(minutes)s)") % {
            "times": late,
            "minutes": minutes_text(late_minutes),
        }
    return [
        Fact(GROUP, _("Present"), days_text(sums["present"] or ZERO), url, 10),
        Fact(GROUP, _("Late"), late, url, 11),
        Fact(GROUP, _("Absent"), days_text(sums["absent"] or ZERO), url, 12),
        Fact(GROUP, _("Leave"), days_text(sums["leave"] or ZERO), url, 13),
    ]
