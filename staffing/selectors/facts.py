"""A person's rewards and penalties (奖惩, SPEC §5) dated in an assessment period, which SPEC §12
shows beside the scores; registered with the core's facts (onsite/facts.py) in
StaffingConfig.ready(). Rewards are commendations, bonuses and certificates, the rest penalties;
the money is the bonuses' and the fines' amounts. One query."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onsite.facts import Fact
from onsite.money import cny
from staffing.models import RecordKind, RewardPenalty

GROUP = "rewards"
REWARDS = (RecordKind.COMMENDATION, RecordKind.BONUS, RecordKind.CERTIFICATE)


def _value(count: int, amount: Decimal | None, money_text: str) -> str:
    times = ngettext("%(n)s time", "%(n)s times", count) % {"n": count}
    if not amount:
        return times
    return money_text % {"times": times, "amount": cny(amount)}


def reward_facts(*, staff, first: datetime.date, last: datetime.date) -> list[Fact]:
    rewarded = Q(kind__in=REWARDS)
    sums = RewardPenalty.objects.filter(staff=staff, date__range=(first, last)).aggregate(
        rewards=Count("pk", filter=rewarded),
        penalties=Count("pk", filter=~rewarded),
        bonus=Sum("amount", filter=Q(kind=RecordKind.BONUS)),
        fines=Sum("amount", filter=Q(kind=RecordKind.FINE)),
    )
    # The register is on the person's page, which HR, their supervisors and managers open.
    url = reverse("staffing:staff_detail", args=[staff.pk])
    return [
        Fact(
            GROUP,
            _("Rewards"),
            _value(sums["rewards"], sums["bonus"], _("%(times)s, bonus %(amount)s")),
            url,
            40,
        ),
        Fact(
            GROUP,
            _("Penalties"),
            _value(sums["penalties"], sums["fines"], _("%(times)s, fines %(amount)s")),
            url,
            41,
        ),
    ]
