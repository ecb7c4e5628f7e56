"""Report reminders (SPEC §9, §13): each person whose report is not submitted is reminded once
its site's remind time of the due day has come, and each supervisor gets one message per period
listing the missing and late people of their sites once the digest time has come. Both run
every few minutes from beat; each site is judged on its own clock.

When each is due, for a report of a site (its time zone, its policy):

- weekly: the person from Monday after the week at `report_remind_time` [09:00]; the digest
  from Monday at `report_digest_time` [13:05], never before the due time;
- daily log: the person the same day at `report_daily_remind_time` [18:00]; the digest the next
  morning at `report_remind_time`;
- monthly: the person on the due day at `report_remind_time`; the digest the next morning at
  `report_remind_time` (the report is due by the end of the due day).

A person is reminded while their report is open or overdue, so a run after downtime still sends
what is due, until the period turns missing (for a week: the end of the following Sunday); the
digest stays due until then too, and at least a day. Each
message is claimed through `onsite.reminders.reminders_send`, per person (or supervisor), kind
and period ("2026-W42"): two beat processes, an overlapping run or a retry send nothing twice.
The site's group chats (onsite.channels) hear the same, once per site and period.

A supervisor of sites on different clocks gets their digest once the last of their sites has
reached its digest time, so one message covers them all. The people of a site are listed by
their staff names. Reads are a fixed number of queries: one `duties()` call per kind and period
that is due somewhere, for every site at once."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from onsite.channels import group_post
from onsite.models import ReminderClaim, RoleGrant
from onsite.notifications import render
from onsite.org.models import Site
from onsite.policy import PolicyTable
from onsite.reminders import reminders_send
from onsite.roles import Role
from onsite.services import notification_create
from tickets.models import ReportKind
from tickets.selectors.duties import (
    POLICY_KEYS,
    SWITCHES,
    Duty,
    DutyStatus,
    Period,
    duties,
    period_of,
)

REMINDER = "tickets.report_reminder"
DIGEST = "tickets.report_digest"
# The claims of the group-chat posts, one per site and period each.
GROUP_REMINDER = "tickets.report_reminder_group"
GROUP_DIGEST = "tickets.report_digest_group"
POLICY = (
    *POLICY_KEYS,
    "report_remind_time",
    "report_digest_time",
    "report_daily_remind_time",
)
ONE_DAY = datetime.timedelta(days=1)
# A digest stays due at least this long, so a run after a day of downtime still sends it (a
# day's log has its digest the next morning and turns missing at midnight).
DIGEST_GRACE = ONE_DAY
# Who is reminded: required and not submitted, while it can still be submitted in time for
# the statistics; who a digest lists as missing, and as late.
CHASED = (DutyStatus.OPEN, DutyStatus.OVERDUE)
MISSING = (DutyStatus.OVERDUE, DutyStatus.MISSING)
# Messages sent per transaction: 10,000 reminders are 20 commits. A concurrent run's claim of
# the same message waits for the chunk's commit, then finds it claimed.
CHUNK = 500


@dataclass
class Timed:
    """A duty with the times its reminder and its digest fall due, on its site's clock."""

    duty: Duty
    remind_from: datetime.datetime
    digest_from: datetime.datetime
    digest_until: datetime.datetime


def _timed(duty: Duty, policy: PolicyTable) -> Timed:
    def value(key: str):
        return policy.value(key, company_id=duty.staff.company_id, site_id=duty.site.pk)

    zone, due, period = duty.due_at.tzinfo, duty.due_at, duty.period
    remind_time = value("report_remind_time")
    if duty.kind == ReportKind.DAILY:
        remind = datetime.datetime.combine(period.first, value("report_daily_remind_time"), zone)
        digest = datetime.datetime.combine(period.first + ONE_DAY, remind_time, zone)
    elif duty.kind == ReportKind.WEEKLY:
        remind = datetime.datetime.combine(due.date(), remind_time, zone)
        digest = datetime.datetime.combine(due.date(), value("report_digest_time"), zone)
    else:
        # Due by the end of the due day, that is at the midnight after it.
        day = (due - ONE_DAY).date()
        remind = datetime.datetime.combine(day, remind_time, zone)
        digest = datetime.datetime.combine(day + ONE_DAY, remind_time, zone)
    return Timed(
        duty=duty,
        remind_from=remind,
        digest_from=max(digest, due),
        digest_until=max(duty.missing_after, max(digest, due) + DIGEST_GRACE),
    )


def _candidates(now: datetime.datetime, policy: PolicyTable) -> list[tuple[str, Period]]:
    """The (kind, period) pairs whose reminder or digest may be due at `now` on some site's
    clock: for a week or a month the one before (due in the current one), for a day the day
    itself (its reminder), the day before and the one before that (their digests)."""
    kinds = [ReportKind.WEEKLY]
    kinds += [kind for kind, key in SWITCHES.items() if any(policy.every_value(key))]
    found: dict[tuple[str, str], Period] = {}
    for zone in set(Site.objects.values_list("time_zone", flat=True).distinct()):
        today = now.astimezone(zoneinfo.ZoneInfo(zone)).date()
        for kind in kinds:
            current = period_of(kind, today)
            back = (0, 1, 2) if kind == ReportKind.DAILY else (1,)
            for n in back:
                period = current.shift(-n)
                found[(kind, period.label)] = period
    return [(kind, period) for (kind, _label), period in sorted(found.items())]


def due_duties(now: datetime.datetime) -> list[Timed]:
    """Every required duty of every site in the periods that may be due at `now`."""
    policy = PolicyTable(POLICY)
    found = []
    for kind, period in _candidates(now, policy):
        for duty in duties(kind=kind, period=period, now=now, policy=policy):
            if duty.required:
                found.append(_timed(duty, policy))
    return found


def _users(ids) -> dict:
    ids = [pk for pk in ids if pk is not None]
    return get_user_model().objects.filter(is_active=True).in_bulk(ids)


def _group_text(kind: str, params: dict) -> tuple[str, str]:
    """The notification's words for a group chat: in the default language, a group has no
    language of its own."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render(kind, params)
    return (text.title + ("\n" + text.body if text.body else "")), text.url


def _reminder_post(params: dict) -> str:
    """The list of who has not submitted, for a site's group chat (default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("%(kind)s %(period)s at %(site)s, not submitted yet: %(names)s") % {
            **params,
            "kind": ReportKind(params["kind"]).label,
            "names": gettext(", ").join(params["names"]),
        }


def _send_once(*, kind: str, items: list, key, period, send, flush=None) -> int:
    """`reminders_send`, less what an earlier run claimed (one read: a second run writes
    nothing), in transactions of CHUNK messages: one commit per chunk, not per message.
    `flush()`, in the same transaction, writes what the chunk's sends gathered. A message
    that fails rolls its chunk back, claims and all, for the next run to send."""
    labels = {period(item) for item in items}
    done = set(
        ReminderClaim.objects.filter(kind=kind, period__in=labels).values_list("key", "period")
    )
    todo = [item for item in items if (key(item), period(item)) not in done]
    sent = 0
    for start in range(0, len(todo), CHUNK):
        with transaction.atomic():
            sent += reminders_send(
                kind=kind, items=todo[start : start + CHUNK], key=key, period=period, send=send
            )
            if flush is not None:
                flush()
    return sent


def _names(timed: list[Timed]) -> list[str]:
    return [t.duty.staff.name for t in sorted(timed, key=lambda t: t.duty.staff.staff_no)]


# The person's reminder ----------------------------------------------------------------------------


def reports_remind(
    *, now: datetime.datetime | None = None, today: datetime.date | None = None
) -> int:
    """Remind each person whose report is due and not submitted; returns how many were
    reminded. `today` is what the core's reminder run passes: the sites' clocks are read
    from `now`."""
    now = now or timezone.now()
    chased = [t for t in due_duties(now) if t.duty.status in CHASED and t.remind_from <= now]
    users = _users({t.duty.staff.user_id for t in chased})

    # The claimed reminders of a chunk, gathered per site to be written in one insert each.
    pending: dict[tuple[str, str, int], list] = defaultdict(list)

    def send(timed: Timed) -> None:
        duty = timed.duty
        pending[(duty.kind, duty.period.label, duty.site.pk)].append(timed)

    def flush() -> None:
        for group in pending.values():
            duty = group[0].duty
            notification_create(
                recipients=[users[t.duty.staff.user_id] for t in group],
                kind=REMINDER,
                params={
                    "kind": duty.kind,
                    "period": duty.period.label,
                    "site": duty.site.name,
                    "site_id": duty.site.pk,
                },
            )
        pending.clear()

    sent = _send_once(
        kind=REMINDER,
        items=[t for t in chased if t.duty.staff.user_id in users],
        key=lambda t: f"{t.duty.kind}:{t.duty.staff.pk}",
        period=lambda t: t.duty.period.label,
        send=send,
        flush=flush,
    )
    # The site's group chats: one list per site and period of whoever had not submitted when
    # its reminders went out (people without a login too).
    by_site: dict[tuple[str, str, int], list[Timed]] = defaultdict(list)
    for t in chased:
        by_site[(t.duty.kind, t.duty.period.label, t.duty.site.pk)].append(t)

    def post(group: list[Timed]) -> None:
        duty = group[0].duty
        params = {
            "kind": duty.kind,
            "period": duty.period.label,
            "site": duty.site.name,
            "names": _names(group),
        }
        group_post(
            site=duty.site, text=_reminder_post(params), url=reverse("tickets:workreport_sites")
        )

    _send_once(
        kind=GROUP_REMINDER,
        items=list(by_site.values()),
        key=lambda group: f"{group[0].duty.kind}:{group[0].duty.site.pk}",
        period=lambda group: group[0].duty.period.label,
        send=post,
    )
    return sent


# The supervisor's digest --------------------------------------------------------------------------


@dataclass
class SiteList:
    """Where a site's people stand for one kind and period, for the digest."""

    site: Site
    ready: datetime.datetime  # when the last of its people's digest time comes
    until: datetime.datetime
    missing: list[Timed] = field(default_factory=list)
    late: list[Timed] = field(default_factory=list)

    def due(self, now: datetime.datetime) -> bool:
        return self.ready <= now < self.until

    @property
    def listed(self) -> bool:
        return bool(self.missing or self.late)

    def params(self) -> dict:
        return {
            "site": self.site.name,
            "site_id": self.site.pk,
            "missing": _names(self.missing),
            "late": _names(self.late),
        }


@dataclass
class Digest:
    user: object
    kind: str
    period: str
    sites: list[SiteList]


def _site_lists(timed: list[Timed]) -> dict[tuple[str, str], dict[int, SiteList]]:
    """Per kind and period, per site: its people missing and late."""
    lists: dict[tuple[str, str], dict[int, SiteList]] = defaultdict(dict)
    for t in timed:
        duty = t.duty
        entry = lists[(duty.kind, duty.period.label)].get(duty.site.pk)
        if entry is None:
            entry = SiteList(site=duty.site, ready=t.digest_from, until=t.digest_until)
            lists[(duty.kind, duty.period.label)][duty.site.pk] = entry
        entry.ready = max(entry.ready, t.digest_from)
        entry.until = max(entry.until, t.digest_until)
        if duty.status in MISSING:
            entry.missing.append(t)
        elif duty.status == DutyStatus.LATE:
            entry.late.append(t)
    return lists


def digests_due(now: datetime.datetime) -> tuple[list[Digest], list[tuple[str, str, SiteList]]]:
    """The supervisors' digests due at `now`, and the sites' lists due for their group chats."""
    lists = _site_lists(due_duties(now))
    site_ids = {pk for by_site in lists.values() for pk in by_site}
    grants = defaultdict(set)
    for user_id, site_id in RoleGrant.objects.filter(
        role=Role.SUPERVISOR, site_id__in=site_ids, user__is_active=True
    ).values_list("user_id", "site_id"):
        grants[user_id].add(site_id)
    users = _users(grants)
    digests, posts = [], []
    for (kind, label), by_site in sorted(lists.items()):
        posts += [
            (kind, label, entry) for entry in by_site.values() if entry.listed and entry.due(now)
        ]
        for user_id, supervised in sorted(grants.items()):
            mine = [by_site[pk] for pk in sorted(supervised) if pk in by_site]
            # Once the last of their sites has reached its digest time, so one message says all.
            if not mine or any(entry.ready > now for entry in mine):
                continue
            if not any(entry.due(now) for entry in mine):
                continue
            listed = sorted((e for e in mine if e.listed), key=lambda e: e.site.code)
            if listed and user_id in users:
                digests.append(Digest(user=users[user_id], kind=kind, period=label, sites=listed))
    return digests, posts


def reports_digest(
    *, now: datetime.datetime | None = None, today: datetime.date | None = None
) -> int:
    """Send each supervisor the digest of each period due; returns how many went out."""
    now = now or timezone.now()
    digests, posts = digests_due(now)

    def send(digest: Digest) -> None:
        notification_create(
            recipients=[digest.user],
            kind=DIGEST,
            params={
                "kind": digest.kind,
                "period": digest.period,
                "lists": [entry.params() for entry in digest.sites],
            },
        )

    sent = _send_once(
        kind=DIGEST,
        items=digests,
        key=lambda digest: f"{digest.kind}:{digest.user.pk}",
        period=lambda digest: digest.period,
        send=send,
    )

    def post(item: tuple[str, str, SiteList]) -> None:
        kind, label, entry = item
        params = {"kind": kind, "period": label, "lists": [entry.params()]}
        text, url = _group_text(DIGEST, params)
        group_post(site=entry.site, text=text, url=url)

    _send_once(
        kind=GROUP_DIGEST,
        items=posts,
        key=lambda item: f"{item[0]}:{item[2].site.pk}",
        period=lambda item: item[1],
        send=post,
    )
    return sent
