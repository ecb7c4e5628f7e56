"""The expense reminders (SPEC §10): on the 5th and the 9th from 09:00 on the site's clock each
person with unsubmitted lines of last month is reminded once a day; on the 11th each supervisor
hears who never submitted; finance hears of a flagged site's month once its claims are in."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

import pytest

from onsite.celery import BEAT_SCHEDULE
from onsite.models import Notification
from onsite.policy import policy_set
from onsite.reminders import reminder_kinds
from staffing.models import ClaimStatus
from staffing.services import expense_reminders as svc
from staffing.services.expense_reminders import ANOMALY, DEADLINE, UNSUBMITTED
from tests import factories
from tests.dates import MONDAY, OCTOBER, SHANGHAI, TUESDAY
from tests.factories.expenses import ClaimFactory, ExpenseLineFactory

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NOVEMBER = datetime.date(2026, 11, 1)


def at(day: int, hhmm: str, zone=SHANGHAI, month: datetime.date = NOVEMBER) -> datetime.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(month.replace(day=day), datetime.time(hour, minute), zone)


def unsubmitted(person, site, *days, status=ClaimStatus.DRAFT, **extra):
    """A claim of `person` (site `site`) with a line of meals on each of `days`."""
    values = {"return_reason": "请补充发票"} if status == ClaimStatus.RETURNED else {}
    claim = ClaimFactory(staff=person, site=site, status=status, **values, **extra)
    for day in days or (MONDAY,):
        ExpenseLineFactory(claim=claim, date=day, site=site)
    return claim


def sent(kind: str = DEADLINE) -> list[tuple[str, dict]]:
    return sorted(
        (n.recipient.username, n.params)
        for n in Notification.objects.filter(kind=kind).select_related("recipient")
    )


# --- the person's reminder ---------------------------------------------------------------------


def test_not_before_nine_then_once_however_often_it_runs(world):
    unsubmitted(world.person_a, world.site_a, MONDAY, TUESDAY)
    assert svc.deadline_remind(now=at(5, "08:59")) == 0
    assert svc.deadline_remind(now=at(5, "09:00")) == 1
    assert svc.deadline_remind(now=at(5, "09:05")) == 0
    assert svc.deadline_remind(now=at(5, "23:59")) == 0
    assert sent() == [
        ("staff_a", {"month": "2026-10", "deadline": "2026-11-10", "count": 2}),
    ]


def test_a_run_after_downtime_the_same_day_still_sends_but_not_the_next_day(world):
    unsubmitted(world.person_a, world.site_a)
    assert svc.deadline_remind(now=at(6, "00:00")) == 0
    assert svc.deadline_remind(now=at(5, "23:59")) == 1


def test_the_second_day_reminds_again_and_other_days_never(world):
    unsubmitted(world.person_a, world.site_a)
    for day in (1, 4, 6, 8, 10, 11, 20):
        assert svc.deadline_remind(now=at(day, "10:00")) == 0
    assert svc.deadline_remind(now=at(5, "09:00")) == 1
    assert svc.deadline_remind(now=at(9, "09:00")) == 1
    assert svc.deadline_remind(now=at(9, "15:00")) == 0
    assert len(sent()) == 2


def test_it_is_the_sites_clock_that_says_nine(world):
    world.site_b.time_zone = "Europe/Berlin"
    world.site_b.save()
    unsubmitted(world.person_a, world.site_a)
    unsubmitted(world.person_b, world.site_b)
    # 09:00 in Shanghai is 02:00 in Berlin: only 张三.
    assert svc.deadline_remind(now=at(5, "09:00")) == 1
    assert svc.deadline_remind(now=at(5, "08:59", BERLIN)) == 0
    assert svc.deadline_remind(now=at(5, "09:00", BERLIN)) == 1
    assert [user for user, _params in sent()] == ["staff_a", "staff_b"]
    # The 5th in Berlin is over at 07:00 of the 6th in Shanghai: 李四's day is still his.
    assert svc.deadline_remind(now=at(5, "23:59", BERLIN)) == 0


def test_only_unsubmitted_lines_of_last_month_or_earlier_count(world):
    unsubmitted(world.person_a, world.site_a, MONDAY, datetime.date(2026, 9, 30))
    # A line of this month is not due yet; a submitted claim is in.
    unsubmitted(world.person_b, world.site_b, datetime.date(2026, 11, 2))
    unsubmitted(world.person_b, world.site_b, status=ClaimStatus.SUBMITTED)
    svc.deadline_remind(now=at(5, "09:00"))
    assert sent() == [("staff_a", {"month": "2026-10", "deadline": "2026-11-10", "count": 2})]


def test_a_returned_claim_is_unsubmitted(world):
    unsubmitted(world.person_b, world.site_b, status=ClaimStatus.RETURNED)
    assert svc.deadline_remind(now=at(9, "09:00")) == 1
    assert sent()[0][0] == "staff_b"


def test_a_company_moves_the_reminder_day_the_time_and_the_deadline(world):
    unsubmitted(world.person_a, world.site_a)
    policy_set(key="expense_reminder_first_day", value=6, company=world.company, by=world.hr)
    policy_set(
        key="expense_reminder_time", value=datetime.time(14, 0), company=world.company, by=world.hr
    )
    policy_set(key="expense_deadline_day", value=15, company=world.company, by=world.hr)
    assert svc.deadline_remind(now=at(5, "15:00")) == 0
    assert svc.deadline_remind(now=at(6, "13:59")) == 0
    assert svc.deadline_remind(now=at(6, "14:00")) == 1
    assert sent()[0][1]["deadline"] == "2026-11-15"


def test_an_inactive_login_is_not_reminded(world):
    unsubmitted(world.person_a, world.site_a)
    world.staff_a.is_active = False
    world.staff_a.save()
    assert svc.deadline_remind(now=at(5, "09:00")) == 0


def test_each_claim_is_per_person_month_and_day(world):
    unsubmitted(world.person_a, world.site_a)
    svc.deadline_remind(now=at(5, "09:00"))
    svc.deadline_remind(now=at(9, "09:00"))
    from onsite.models import ReminderClaim

    assert sorted(ReminderClaim.objects.filter(kind=DEADLINE).values_list("key", "period")) == [
        (str(world.person_a.pk), "2026-10/05"),
        (str(world.person_a.pk), "2026-10/09"),
    ]


# The reads (site clocks, lines, policy, users, claims taken) and one chunk's writes (savepoint,
# the claims' insert, their read back, one inbox write of the muted read and insert).
RUN_QUERIES = 11
AGAIN_QUERIES = 5  # a second run finds everything claimed and writes nothing


def test_the_run_is_a_fixed_number_of_queries(world, django_assert_num_queries):
    def people(first, last):
        for n in range(first, last):
            person = factories.colleague_of(world, name=f"同事{n}")
            unsubmitted(person, world.site_a)

    people(0, 3)
    with django_assert_num_queries(RUN_QUERIES):
        assert svc.deadline_remind(now=at(5, "09:00")) == 3
    people(3, 60)
    with django_assert_num_queries(RUN_QUERIES):
        assert svc.deadline_remind(now=at(9, "09:00")) == 60
    with django_assert_num_queries(AGAIN_QUERIES):
        assert svc.deadline_remind(now=at(9, "09:10")) == 0


# --- the supervisor's list ---------------------------------------------------------------------


def test_the_eleventh_lists_who_never_submitted_once(world):
    colleague = factories.colleague_of(world)
    unsubmitted(world.person_a, world.site_a)
    unsubmitted(colleague, world.site_a, TUESDAY)
    # Returned means submitted once; a line of September is not last month's.
    unsubmitted(world.person_b, world.site_b, status=ClaimStatus.RETURNED)
    assert svc.unsubmitted_list(now=at(10, "23:59")) == 0
    assert svc.unsubmitted_list(now=at(11, "08:59")) == 0
    assert svc.unsubmitted_list(now=at(11, "09:00")) == 1
    assert svc.unsubmitted_list(now=at(11, "09:05")) == 0
    assert svc.unsubmitted_list(now=at(12, "09:05")) == 0
    names = "、".join(p.name for p in sorted((world.person_a, colleague), key=lambda p: p.staff_no))
    assert sent(UNSUBMITTED) == [
        (
            "supervisor_a",
            {"month": "2026-10", "site": "甲机房", "site_id": world.site_a.pk, "names": names},
        )
    ]


def test_the_list_goes_per_site_to_each_supervisor(world, supervisor_b):
    unsubmitted(world.person_a, world.site_a)
    unsubmitted(world.person_b, world.site_b)
    assert svc.unsubmitted_list(now=at(11, "10:00")) == 2
    assert [(user, params["names"]) for user, params in sent(UNSUBMITTED)] == [
        ("supervisor_a", "张三"),
        ("supervisor_b", "李四"),
    ]


# --- finance's anomaly notice ------------------------------------------------------------------


def spent(world, site, month: datetime.date, amount: str) -> None:
    claim = unsubmitted(
        world.person_a, site, status=ClaimStatus.PAID, paid_on=month.replace(day=20)
    )
    claim.lines.update(date=month.replace(day=15), amount=Decimal(amount), category="transport")


def test_finance_hears_of_a_flagged_site_once_its_claims_are_in(world):
    for month in (datetime.date(2026, 7, 1), datetime.date(2026, 8, 1), datetime.date(2026, 9, 1)):
        spent(world, world.site_a, month, "100.00")
    spent(world, world.site_a, OCTOBER, "300.01")  # above 2 × 100
    spent(world, world.site_b, OCTOBER, "999.00")  # no months before: never flagged
    assert svc.anomaly_notify(now=at(10, "23:59")) == 0
    assert svc.anomaly_notify(now=at(11, "00:00")) == 1
    assert svc.anomaly_notify(now=at(20, "09:00")) == 0
    assert sent(ANOMALY) == [
        (
            "finance",
            {
                "site": "甲机房",
                "site_id": world.site_a.pk,
                "month": "2026-10",
                "total": "300.01",
                "average": "100.00",
            },
        )
    ]


def test_a_month_at_the_factor_is_not_flagged(world):
    for month in (datetime.date(2026, 7, 1), datetime.date(2026, 8, 1), datetime.date(2026, 9, 1)):
        spent(world, world.site_a, month, "100.00")
    spent(world, world.site_a, OCTOBER, "200.00")
    assert svc.anomaly_notify(now=at(11, "09:00")) == 0


# --- how it runs -------------------------------------------------------------------------------


def test_beat_runs_it_every_five_minutes_and_the_jobs_are_registered(world):
    entry = BEAT_SCHEDULE["expenses-remind"]
    assert entry["task"] == "staffing.tasks.expenses_remind_task"
    assert str(entry["schedule"]._orig_minute) == "*/5"
    kinds = {kind.kind: kind.job for kind in reminder_kinds()}
    assert kinds[DEADLINE] is svc.deadline_remind
    assert kinds[UNSUBMITTED] is svc.unsubmitted_list
    assert kinds[ANOMALY] is svc.anomaly_notify


def test_the_task_runs_the_three_jobs(world):
    from staffing.tasks import expenses_remind_task

    unsubmitted(world.person_a, world.site_a)
    result = expenses_remind_task.delay(now=at(5, "09:00").isoformat()).get()
    assert result == {DEADLINE: 1, UNSUBMITTED: 0, ANOMALY: 0}
