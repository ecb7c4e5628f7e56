"""The ticket policy numbers of a company and a site as they stood at a past moment, read from the
history of their settings (PolicySetting keeps one): an imported ticket gets the due times it had
when it was raised, not those of a contract changed since."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q

from onsite.models import PolicySetting
from onsite.org.models import Company, Site
from onsite.policy import POLICIES


class PolicyAsOf:
    """Each setting's history in two queries; `at(moment)` is a Policy-like reading (`policy[key]`,
    `policy.key`) of the values then in force, the site's over the company's."""

    def __init__(self, *, company: Company, site: Site):
        scope = Q(company=company, site__isnull=True) | Q(site=site)
        self.records: dict[int, list[tuple]] = defaultdict(list)
        history = PolicySetting.history.filter(scope, key__startswith="ticket_").order_by(
            "history_date", "history_id"
        )
        for pk, key, value, site_id, kind, when in history.values_list(
            "id", "key", "value", "site_id", "history_type", "history_date"
        ):
            self.records[pk].append((when, kind, key, value, site_id))
        # A setting older than its history (none recorded) has always been as it is.
        self.timeless = [
            (key, value, site_id)
            for pk, key, value, site_id in PolicySetting.objects.filter(
                scope, key__startswith="ticket_"
            ).values_list("pk", "key", "value", "site_id")
            if pk not in self.records
        ]

    def at(self, moment: datetime.datetime) -> _Values:
        rows = list(self.timeless)
        for records in self.records.values():
            then = [record for record in records if record[0] <= moment]
            if then and then[-1][1] != "-":
                _when, _kind, key, value, site_id = then[-1]
                rows.append((key, value, site_id))
        # The company's first, the site's over them (as onsite.policy.Policy resolves).
        values = {key: value for key, value, _site in sorted(rows, key=lambda r: r[2] is not None)}
        return _Values(values)


class _Values:
    def __init__(self, values: dict):
        self._values = values

    def __getitem__(self, key: str):
        rule = POLICIES[key]
        return rule.read(self._values[key]) if key in self._values else rule.default

    def __getattr__(self, key: str):
        if key.startswith("_") or key not in POLICIES:
            raise AttributeError(key)
        return self[key]
