"""Policy numbers (SPEC: every number is a policy default). A value is read from the site's
setting, else the company's, else the default here. Later features add their keys here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PolicyKey:
    key: str
    default: int
    label: str
    unit: str
    source: str


POLICIES: dict[str, PolicyKey] = {
    p.key: p
    for p in (
        PolicyKey("minimum_age", 16, _("Minimum age on the assignment start"), _("years"), "§3"),
        PolicyKey(
            "maximum_age", 0, _("Maximum age on the assignment start (0: none)"), _("years"), "§3"
        ),
        PolicyKey(
            "qualification_reminder_days",
            30,
            _("Remind HR before a qualification expires"),
            _("days"),
            "§3",
        ),
        PolicyKey("change_notice_days", 30, _("Notice of a personnel change"), _("days"), "§4"),
        PolicyKey(
            "late_grace_minutes",
            15,
            _("Late or early by more than this counts"),
            _("minutes"),
            "§6",
        ),
        PolicyKey(
            "rotation_months", 12, _("Rotate after this long at one site"), _("months"), "§4"
        ),
        PolicyKey("rotation_min_months", 6, _("No rotation within the first"), _("months"), "§4"),
        PolicyKey(
            "absent_threshold_minutes",
            60,
            _("Late or early by more than this makes the day absent"),
            _("minutes"),
            "§6",
        ),
        PolicyKey(
            "explanation_absent_days",
            3,
            _("An absence explanation is required above this many absent days a month"),
            _("days"),
            "§6",
        ),
        PolicyKey(
            "explanation_late_minutes",
            180,
            _("An absence explanation is required above this many late minutes a month"),
            _("minutes"),
            "§6",
        ),
        PolicyKey(
            "fine_free_occurrences",
            2,
            _("Late or early occurrences a month without a fine"),
            _("times"),
            "§6",
        ),
        PolicyKey(
            "fine_per_occurrence",
            20,
            _("Fine for each late or early occurrence beyond those"),
            _("CNY"),
            "§6",
        ),
        PolicyKey(
            "leave_notice_short_days",
            1,
            _("Leave of fewer days than the long-leave threshold is asked this many days ahead"),
            _("days"),
            "§7",
        ),
        PolicyKey(
            "leave_notice_long_days",
            2,
            _("Long leave is asked this many days ahead"),
            _("days"),
            "§7",
        ),
        PolicyKey(
            "leave_long_days", 3, _("Leave of this many days or more is long"), _("days"), "§7"
        ),
        PolicyKey(
            "leave_emergency_after_days",
            3,
            _("Emergency leave may be filed this many working days after returning"),
            _("working days"),
            "§7",
        ),
        PolicyKey(
            "leave_second_stage_days",
            3,
            _("Leave longer than this also needs the manager's approval"),
            _("days"),
            "§7",
        ),
        PolicyKey(
            "annual_leave_min_years", 1, _("Years of service before annual leave"), _("years"), "§7"
        ),
        PolicyKey(
            "annual_leave_days", 5, _("Annual leave from the first threshold"), _("days"), "§7"
        ),
        PolicyKey(
            "annual_leave_mid_years",
            10,
            _("Years of service for more annual leave"),
            _("years"),
            "§7",
        ),
        PolicyKey(
            "annual_leave_mid_days",
            10,
            _("Annual leave from the second threshold"),
            _("days"),
            "§7",
        ),
        PolicyKey(
            "annual_leave_long_years",
            20,
            _("Years of service for the most annual leave"),
            _("years"),
            "§7",
        ),
        PolicyKey(
            "annual_leave_long_days",
            15,
            _("Annual leave from the third threshold"),
            _("days"),
            "§7",
        ),
        PolicyKey(
            "overtime_day_cap_hours",
            3,
            _("Overtime a day above which a manager must override (Labour Law art. 41)"),
            _("hours"),
            "§8",
        ),
        PolicyKey(
            "overtime_month_cap_hours",
            36,
            _("Overtime a month above which a manager must override (Labour Law art. 41)"),
            _("hours"),
            "§8",
        ),
        PolicyKey(
            "overtime_rate_workday",
            150,
            _("Overtime pay on a workday (Labour Law art. 44)"),
            _("percent of the wage"),
            "§8",
        ),
        PolicyKey(
            "overtime_rate_rest_day",
            200,
            _("Overtime pay on a rest day (Labour Law art. 44)"),
            _("percent of the wage"),
            "§8",
        ),
        PolicyKey(
            "overtime_rate_holiday_rest",
            200,
            _("Overtime pay on a rest day of a holiday block (make-up rest day)"),
            _("percent of the wage"),
            "§8",
        ),
        PolicyKey(
            "overtime_rate_holiday",
            300,
            _("Overtime pay on a statutory holiday (Labour Law art. 44)"),
            _("percent of the wage"),
            "§8",
        ),
        PolicyKey(
            "overtime_hours_per_day_off",
            8,
            _("Rest-day overtime hours that earn one day of compensatory leave"),
            _("hours"),
            "§8",
        ),
        PolicyKey(
            "dismissal_absent_days",
            3,
            _("Absent days a month that withhold the wage and flag a dismissal review"),
            _("days"),
            "§6",
        ),
    )
}


class Policy:
    """The effective values for one company and, optionally, one site: one query."""

    def __init__(self, *, company=None, site=None):
        from onsite.models import PolicySetting

        scope = Q(pk__in=[])
        if company is not None:
            scope |= Q(company=company)
        if site is not None:
            scope |= Q(site=site)
        self._values: dict[str, Decimal] = {}
        # Site settings are applied last so that they win over the company's.
        rows = PolicySetting.objects.filter(scope).values_list("key", "value", "site_id")
        for key, value, _site_id in sorted(rows, key=lambda row: row[2] is not None):
            self._values[key] = value

    def __getitem__(self, key: str) -> int:
        value = self._values.get(key, POLICIES[key].default)
        return int(value)

    def __getattr__(self, key: str) -> int:
        if key not in POLICIES:
            raise AttributeError(key)
        return self[key]


class PolicyTable:
    """The values of some keys for every company and site, from one query: for pages that
    judge many people of many sites at once. Resolved as Policy resolves one scope."""

    def __init__(self, keys: Iterable[str]):
        from onsite.models import PolicySetting

        self._company: dict[tuple[int, str], int] = {}
        self._site: dict[tuple[int, str], int] = {}
        rows = PolicySetting.objects.filter(key__in=list(keys)).values_list(
            "key", "value", "company_id", "site_id"
        )
        for key, value, company_id, site_id in rows:
            if site_id is not None:
                self._site[(site_id, key)] = int(value)
            else:
                self._company[(company_id, key)] = int(value)

    def value(self, key: str, *, company_id: int | None = None, site_id: int | None = None) -> int:
        if (site_id, key) in self._site:
            return self._site[(site_id, key)]
        return self._company.get((company_id, key), POLICIES[key].default)

    def every_value(self, key: str) -> list[int]:
        """The default and every value some company or site set."""
        return [
            POLICIES[key].default,
            *(v for (_owner, k), v in (*self._company.items(), *self._site.items()) if k == key),
        ]


def policy_for(*, company=None, site=None) -> Policy:
    return Policy(company=company, site=site)
