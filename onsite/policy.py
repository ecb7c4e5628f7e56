"""Policy numbers (SPEC: every number is a policy default). A value is read from the site's
setting, else the company's, else the default here. Later features add their keys here."""

from __future__ import annotations

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


def policy_for(*, company=None, site=None) -> Policy:
    return Policy(company=company, site=site)
