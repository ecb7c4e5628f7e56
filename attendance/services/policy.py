"""Setting the policy numbers (SPEC §6 and the keys of onsite/policy.py) of a company or of one
site. A cleared value falls back to the company's, then to SPEC's default."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.tasks import queue_recompute
from onsite.models import PolicySetting
from onsite.periods import Month
from onsite.policy import POLICIES
from onsite.transitions import Refused
from staffing.models import Company, Site

# The largest value PolicySetting.value holds (10 digits, 2 of them decimals).
MAXIMUM = 99_999_999
# Keys the daily classification reads: a change judges the open months again.
DAY_RULE_KEYS = frozenset({"late_grace_minutes", "absent_threshold_minutes"})


def policy_set(
    *,
    key: str,
    value: int | None,
    company: Company | None = None,
    site: Site | None = None,
    by,
) -> PolicySetting | None:
    """Set `key` for `company` or for `site` (exactly one); None clears it. Returns the row, or
    None once cleared. A change to a rule of the day judges this month and last month again."""
    if (company is None) == (site is None):
        raise ValueError("policy_set takes a company or a site")
    if key not in POLICIES:
        raise Refused(_("Unknown policy."))
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAXIMUM
    ):
        raise Refused(
            _("%(label)s must be a whole number from 0 to %(maximum)s.")
            % {"label": POLICIES[key].label, "maximum": MAXIMUM}
        )
    with transaction.atomic():
        row = (
            PolicySetting.objects.select_for_update()
            .filter(key=key, company=company, site=site)
            .first()
        )
        before = int(row.value) if row is not None else None
        if before == value:
            return row
        if value is None:
            row._history_user = by
            row.delete()
            row = None
        else:
            row = row or PolicySetting(key=key, company=company, site=site)
            row.value = value
            row._history_user = by
            row.save()
        if key in DAY_RULE_KEYS:
            sites = (
                [site.pk]
                if site is not None
                else list(
                    Site.objects.filter(contracts__company=company)
                    .distinct()
                    .values_list("pk", flat=True)
                )
            )
            if sites:
                today = timezone.localdate()
                # The months still open in practice: this one and the one before.
                last_month = Month.containing(today).previous.first
                queue_recompute(start=last_month, end=today, site_ids=sites)
    return row
