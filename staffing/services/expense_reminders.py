"""The deadline reminders of expenses (SPEC §10): on days [5] and [9] at [09:00] site time, each
person with unsubmitted lines of last month is reminded once per month and day; on day [11] each
supervisor gets the people of their sites whose lines of last month were never submitted; and
finance hears of a site's month flagged as an expense anomaly.

All three run every 5 minutes from beat and decide themselves what is due on each site's clock:

- a person's reminder is due on the reminder day from the reminder time to the end of that day
  (a run after downtime the same day still sends it); "unsubmitted" is a line in a draft or a
  returned claim dated before the current month; the person's clock is the site of that claim
  (where they were placed when they started it), the server's without one;
- the supervisor's list is due from the list day's reminder time to the end of that month and
  names the people whose lines of last month sit in a claim never submitted (a draft); a line
  is listed at the site where the person was placed on its date;
- the anomaly is told once the month's claims are in: from the day after the claim deadline of
  the next month (day [10]), since the statistics count submitted claims only and, right at the
  month's end, most of its expenses are not submitted yet. The flag itself is
  staffing.selectors.expense_stats's.

Each message is claimed once per subject and period in `ReminderClaim` (onsite/reminders.py):
the claims of a chunk are written in one insert that skips those taken already, and only the
rows this run wrote are sent, so two beats, an overlapping run or a retry send nothing twice, and
a run's queries do not grow with the number of people."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from onsite.models import ReminderClaim, RoleGrant
from onsite.org.models import Company, Site
from onsite.periods import Month
from onsite.policy import PolicyTable
from onsite.recipients import finance
from onsite.roles import Role
from onsite.services import notification_create
from staffing.models import ClaimStatus, ExpenseLine

DEADLINE = "expenses.deadline"
UNSUBMITTED = "expenses.unsubmitted"
ANOMALY = "expenses.anomaly"

POLICY = (
    "expense_deadline_day",
    "expense_reminder_first_day",
    "expense_reminder_second_day",
    "expense_reminder_time",
    "expense_unsubmitted_list_day",
)
# Claims whose lines the person still has to submit.
OPEN = (ClaimStatus.DRAFT, ClaimStatus.RETURNED)
# Claims written per transaction: 10,000 reminders are 20 commits.
CHUNK = 500


def _zone(name: str | None) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)


def _earliest_month_start(now: datetime.datetime, zones: Iterable[str | None]) -> datetime.date:
    """The latest first-of-month over the clocks of `zones`: lines dated before it are the only
    ones any clock can count as last month's or earlier."""
    return max(
        (now.astimezone(_zone(z)).date().replace(day=1) for z in {*zones, None}),
        default=now.date().replace(day=1),
    )


def _claim_once(
    *,
    kind: str,
    items: list,
    key: Callable[[object], str],
    period: Callable[[object], str],
    send: Callable[[list], None],
) -> int:
    """Claim each item in `ReminderClaim` and `send(won)` those this run claimed, CHUNK at a
    time, each chunk in one transaction with its sends (a failure rolls its claims back for the
    next run). A concurrent run's insert of the same claim waits for this commit and is skipped;
    the rows this run wrote carry its own claim time, which tells them apart."""
    if not items:
        return 0
    labels = {period(item) for item in items}
    done = set(
        ReminderClaim.objects.filter(kind=kind, period__in=labels).values_list("key", "period")
    )
    todo = [item for item in items if (key(item), period(item)) not in done]
    sent = 0
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start : start + CHUNK]
        with transaction.atomic():
            marker = timezone.now()
            ReminderClaim.objects.bulk_create(
                [
                    ReminderClaim(kind=kind, key=key(item), period=period(item), claimed_at=marker)
                    for item in chunk
                ],
                ignore_conflicts=True,
            )
            mine = set(
                ReminderClaim.objects.filter(
                    kind=kind, period__in={period(item) for item in chunk}, claimed_at=marker
                ).values_list("key", "period")
            )
            won = [item for item in chunk if (key(item), period(item)) in mine]
            if won:
                send(won)
            sent += len(won)
    return sent


def _send_grouped(kind: str, won: list, users: dict) -> None:
    """One inbox write per set of equal params (the same month, deadline and count are one
    insert for everyone they concern)."""
    groups: dict[tuple, list] = defaultdict(list)
    for item in won:
        groups[tuple(sorted(item.params.items()))].append(users[item.user_id])
    for params, recipients in groups.items():
        notification_create(recipients=recipients, kind=kind, params=dict(params))


# The person's reminder ----------------------------------------------------------------------------


@dataclass
class Due:
    user_id: int
    key: str
    period: str
    params: dict


def deadline_reminders_due(now: datetime.datetime, policy: PolicyTable | None = None) -> list[Due]:
    """The deadline reminders due at `now`, one per person with unsubmitted lines of last month
    or earlier whose site's clock shows a reminder day at or after the reminder time."""
    policy = policy or PolicyTable(POLICY)
    zones = set(Site.objects.values_list("time_zone", flat=True).distinct())
    rows = (
        ExpenseLine.objects.filter(
            claim__status__in=OPEN,
            claim__staff__user__is_active=True,
            date__lt=_earliest_month_start(now, zones),
        )
        .values_list(
            "claim__staff_id",
            "claim__staff__user_id",
            "claim__staff__company_id",
            "claim__site_id",
            "claim__site__time_zone",
            "date",
        )
        .order_by("claim__staff_id", "-claim_id")
    )
    per_person: dict[int, dict] = {}
    for staff_id, user_id, company_id, site_id, zone, day in rows:
        # The clock of their latest open claim's site.
        person = per_person.setdefault(
            staff_id,
            {"user": user_id, "company": company_id, "site": site_id, "zone": zone, "dates": []},
        )
        person["dates"].append(day)
    found = []
    for staff_id, person in per_person.items():

        def value(key: str, person=person):
            return policy.value(key, company_id=person["company"], site_id=person["site"])

        local = now.astimezone(_zone(person["zone"]))
        days = {value("expense_reminder_first_day"), value("expense_reminder_second_day")}
        if local.day not in days or local.time() < value("expense_reminder_time"):
            continue
        this_month = local.date().replace(day=1)
        count = sum(1 for day in person["dates"] if day < this_month)
        if not count:
            continue
        month = Month.containing(this_month).shift(-1).label
        found.append(
            Due(
                user_id=person["user"],
                key=str(staff_id),
                period=f"{month}/{local.day:02d}",
                params={
                    "month": month,
                    "deadline": this_month.replace(day=value("expense_deadline_day")).isoformat(),
                    "count": count,
                },
            )
        )
    return found


def deadline_remind(
    *, now: datetime.datetime | None = None, today: datetime.date | None = None
) -> int:
    """Remind each person with unsubmitted lines of last month, once per month and reminder
    day; returns how many were reminded. `today` is what the core's reminder run passes: the
    sites' clocks are read from `now`."""
    now = now or timezone.now()
    due = deadline_reminders_due(now)
    users = get_user_model().objects.filter(is_active=True).in_bulk({d.user_id for d in due})
    return _claim_once(
        kind=DEADLINE,
        items=[d for d in due if d.user_id in users],
        key=lambda d: d.key,
        period=lambda d: d.period,
        send=lambda won: _send_grouped(DEADLINE, won, users),
    )


# The supervisor's list ----------------------------------------------------------------------------


def unsubmitted_lists_due(now: datetime.datetime, policy: PolicyTable | None = None) -> list[Due]:
    """Per supervisor and site whose list day has come on the site's clock: the people whose
    lines of last month sit in a claim never submitted."""
    policy = policy or PolicyTable(POLICY)
    zones = set(Site.objects.values_list("time_zone", flat=True).distinct())
    rows = ExpenseLine.objects.filter(
        claim__status=ClaimStatus.DRAFT,
        site__isnull=False,
        date__lt=_earliest_month_start(now, zones),
        date__gte=Month.containing(now.date()).shift(-2).first,
    ).values_list(
        "site_id",
        "site__time_zone",
        "claim__staff__company_id",
        "claim__staff__staff_no",
        "claim__staff__name",
        "date",
    )
    per_site: dict[int, dict] = {}
    for site_id, zone, company_id, staff_no, name, day in rows:
        local = now.astimezone(_zone(zone))
        last_month = Month.containing(local.date()).shift(-1)
        if not last_month.first <= day <= last_month.last:
            continue

        def value(key: str, company_id=company_id, site_id=site_id):
            return policy.value(key, company_id=company_id, site_id=site_id)

        list_day = value("expense_unsubmitted_list_day")
        if local.day < list_day or (
            local.day == list_day and local.time() < value("expense_reminder_time")
        ):
            continue
        entry = per_site.setdefault(site_id, {"month": last_month.label, "people": {}})
        entry["people"][staff_no] = name
    if not per_site:
        return []
    sites = Site.objects.in_bulk(list(per_site))
    found = []
    for user_id, site_id in (
        RoleGrant.objects.filter(
            role=Role.SUPERVISOR, site_id__in=list(per_site), user__is_active=True
        )
        .values_list("user_id", "site_id")
        .order_by("user_id", "site_id")
        .distinct()
    ):
        entry = per_site[site_id]
        names = [entry["people"][no] for no in sorted(entry["people"])]
        found.append(
            Due(
                user_id=user_id,
                key=f"{user_id}:{site_id}",
                period=entry["month"],
                params={
                    "month": entry["month"],
                    "site": sites[site_id].name,
                    "site_id": site_id,
                    "names": "、".join(names),
                },
            )
        )
    return found


def unsubmitted_list(
    *, now: datetime.datetime | None = None, today: datetime.date | None = None
) -> int:
    """Send each supervisor, once per site and month, who never submitted last month's lines."""
    now = now or timezone.now()
    due = unsubmitted_lists_due(now)
    users = get_user_model().objects.filter(is_active=True).in_bulk({d.user_id for d in due})
    return _claim_once(
        kind=UNSUBMITTED,
        items=[d for d in due if d.user_id in users],
        key=lambda d: d.key,
        period=lambda d: d.period,
        send=lambda won: _send_grouped(UNSUBMITTED, won, users),
    )


# Finance's anomaly notice -------------------------------------------------------------------------


def anomalies_due(now: datetime.datetime) -> list[Due]:
    """The flagged sites of last month (on the server's clock) of each company whose claim
    deadline of that month has passed; one entry per site and finance user."""
    from staffing.selectors.expense_stats import counted_lines, month_table

    today = timezone.localtime(now).date()
    month = Month.containing(today).shift(-1)
    policy = PolicyTable(("expense_deadline_day",))
    company_ids = set(
        ExpenseLine.objects.filter(date__range=(month.first, month.last))
        .values_list("company_id", flat=True)
        .distinct()
    )
    found = []
    for company in Company.objects.filter(pk__in=company_ids).order_by("pk"):
        if today.day <= policy.value("expense_deadline_day", company_id=company.pk):
            continue
        if not counted_lines(company.pk).filter(date__range=(month.first, month.last)).exists():
            continue
        flagged = month_table(company=company, month=month).flagged
        if not flagged:
            continue
        for user in finance(company.pk):
            for row in flagged:
                found.append(
                    Due(
                        user_id=user.pk,
                        key=f"{user.pk}:{row.site.pk}",
                        period=month.label,
                        params={
                            "site": row.site.name,
                            "site_id": row.site.pk,
                            "month": month.label,
                            "total": str(row.total),
                            "average": str(row.previous_average),
                        },
                    )
                )
    return found


def anomaly_notify(
    *, now: datetime.datetime | None = None, today: datetime.date | None = None
) -> int:
    """Tell finance of each site whose last month was flagged, once per site and month (each
    finance user of the company once)."""
    now = now or timezone.now()
    due = anomalies_due(now)
    users = get_user_model().objects.filter(is_active=True).in_bulk({d.user_id for d in due})
    return _claim_once(
        kind=ANOMALY,
        items=[d for d in due if d.user_id in users],
        key=lambda d: d.key,
        period=lambda d: d.period,
        send=lambda won: _send_grouped(ANOMALY, won, users),
    )


def expenses_remind(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The three jobs, as beat runs them every 5 minutes."""
    now = now or timezone.now()
    return {
        DEADLINE: deadline_remind(now=now),
        UNSUBMITTED: unsubmitted_list(now=now),
        ANOMALY: anomaly_notify(now=now),
    }
