"""Report reminders (SPEC §9): each person whose week's report is not submitted is reminded on
Monday at 09:00 of their site's clock, once; each supervisor gets one list of the missing and late
people of their sites on Monday at 13:05, once; a run after downtime catches up without sending
twice; a site in another time zone has its own 09:00; the daily log and the monthly report only
where a policy asks for them. The clock is frozen: every run is given its `now`."""

import datetime

import pytest

from attendance.models import LeaveStatus
from onsite.celery import BEAT_SCHEDULE
from onsite.models import Notification, ReminderClaim
from onsite.notifications import render
from onsite.periods import Day, Month, Week
from onsite.policy import policy_set
from onsite.reminders import reminder_kinds
from onsite.roles import Role
from tests import factories
from tests.dates import FRIDAY, MONDAY, OCTOBER, ONE_DAY, at
from tickets import tasks
from tickets.models import Report, ReportKind, ReportStatus
from tickets.services import report_reminders as svc
from tickets.services.report_reminders import DIGEST, REMINDER, reports_digest, reports_remind

pytestmark = pytest.mark.django_db

WEEK = Week.containing(MONDAY)  # 2026-W42, due Monday 19 October 13:00
DUE_MONDAY = MONDAY + 7 * ONE_DAY
TUESDAY_AFTER = DUE_MONDAY + ONE_DAY


def submit(person, site, when, period=WEEK, kind=ReportKind.WEEKLY):
    return Report.objects.create(
        staff=person,
        site=site,
        kind=kind,
        period=period.label,
        starts_on=period.first,
        ends_on=period.last,
        due_at=when,
        status=ReportStatus.SUBMITTED,
        work_done="巡检",
        first_submitted_at=when,
        submitted_at=when,
    )


def reminded(kind=ReportKind.WEEKLY, period=WEEK.label):
    """Who was reminded of the period (the weeks before W42 are left aside)."""
    found = Notification.objects.filter(kind=REMINDER, params__kind=kind)
    if kind == ReportKind.WEEKLY:
        found = found.filter(params__period=period)
    return sorted(found.values_list("recipient__username", "params__period", "params__site"))


def digests(kind=ReportKind.WEEKLY):
    return sorted(
        (n.recipient.username, n.params["period"], n.params["lists"])
        for n in Notification.objects.filter(kind=DIGEST, params__kind=kind)
    )


@pytest.fixture
def posts(monkeypatch):
    """What the sites' group chats were sent: (site, text)."""
    sent = []

    def post(*, text, url="", site=None, company=None):
        sent.append((site.name, text))
        return 1

    monkeypatch.setattr(svc, "group_post", post)
    return sent


# The person's reminder, Monday 09:00 ------------------------------------------------------------


def test_monday_at_nine_each_person_not_submitted_is_reminded_once(world, posts):
    assert reports_remind(now=at(DUE_MONDAY, "08:59")) == 0
    assert reports_remind(now=at(DUE_MONDAY, "09:00")) == 2
    assert reminded() == [("staff_a", "2026-W42", "甲机房"), ("staff_b", "2026-W42", "乙中心")]
    # The next runs, every five minutes, and a retried task: nothing again.
    assert reports_remind(now=at(DUE_MONDAY, "09:05")) == 0
    assert (
        tasks.reports_remind_task.apply(kwargs={"now": at(DUE_MONDAY, "09:10").isoformat()}).get()
        == 0
    )
    assert len(reminded()) == 2
    # Each site's group chat heard who has not submitted, once.
    assert sorted(posts) == [
        ("乙中心", "周报 2026-W42（乙中心）尚未提交：李四"),
        ("甲机房", "周报 2026-W42（甲机房）尚未提交：张三"),
    ]


def test_the_reminder_opens_the_report_to_write(world):
    reports_remind(now=at(DUE_MONDAY, "09:00"))
    notification = Notification.objects.get(kind=REMINDER, recipient=world.staff_a)
    text = render(REMINDER, notification.params)
    assert "2026-W42" in text.title and "甲机房" in text.title


def test_who_submitted_or_is_exempt_is_not_reminded(world, posts):
    submit(world.person_a, world.site_a, at(FRIDAY, "17:00"))
    # A week of approved leave exempts 李四.
    factories.LeaveFactory(
        staff=world.person_b,
        site=world.site_b,
        start=MONDAY,
        end=FRIDAY,
        status=LeaveStatus.APPROVED,
    )
    factories.colleague_of(world)
    assert reports_remind(now=at(DUE_MONDAY, "09:00")) == 1
    assert reminded() == [("colleague-王五", "2026-W42", "甲机房")]
    assert posts == [("甲机房", "周报 2026-W42（甲机房）尚未提交：王五")]


def test_a_draft_is_not_a_submission(world):
    report = submit(world.person_a, world.site_a, at(FRIDAY, "17:00"))
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.DRAFT, first_submitted_at=None, submitted_at=None
    )
    reports_remind(now=at(DUE_MONDAY, "09:00"))
    assert [r[0] for r in reminded()] == ["staff_a", "staff_b"]


def test_a_run_that_failed_half_way_leaves_nothing_half_sent_and_the_next_sends_each_once(
    world, monkeypatch
):
    real = svc.notification_create
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs["recipients"][0].username)
        if len(calls) == 2:
            raise ConnectionError("the database went away")
        return real(**kwargs)

    monkeypatch.setattr(svc, "notification_create", flaky)
    with pytest.raises(ConnectionError):
        reports_remind(now=at(DUE_MONDAY, "09:00"))
    # The messages of a run are committed in chunks: the failed chunk's are rolled back whole.
    assert reminded() == []
    assert not ReminderClaim.objects.filter(kind=REMINDER).exists()
    assert reports_remind(now=at(DUE_MONDAY, "09:05")) == 2
    assert [r[0] for r in reminded()] == ["staff_a", "staff_b"]
    assert reports_remind(now=at(DUE_MONDAY, "09:10")) == 0


def test_no_reminder_once_the_report_is_missing(world):
    # From the Monday after the following Sunday the week is missing: no reminder of it any
    # more (the two are reminded of the week after).
    assert reports_remind(now=at(DUE_MONDAY + 7 * ONE_DAY, "09:00")) == 2
    assert reminded() == []
    assert reminded(period="2026-W43") != []


# The supervisor's digest, Monday 13:05 ----------------------------------------------------------


def test_the_digest_goes_at_thirteen_past_five_listing_missing_and_late(world, posts):
    colleague = factories.colleague_of(world)
    submit(world.person_a, world.site_a, at(DUE_MONDAY, "13:01"))  # late
    submit(world.person_b, world.site_b, at(DUE_MONDAY, "12:00"))  # on time
    for now in ("09:00", "12:59", "13:01", "13:04"):
        assert reports_digest(now=at(DUE_MONDAY, now)) == 0
    assert reports_digest(now=at(DUE_MONDAY, "13:05")) == 1
    assert digests() == [
        (
            "supervisor_a",
            "2026-W42",
            [{"site": "甲机房", "site_id": world.site_a.pk, "missing": ["王五"], "late": ["张三"]}],
        )
    ]
    # Submitting after the digest changes nothing that was sent; later runs send nothing.
    submit(colleague, world.site_a, at(DUE_MONDAY, "14:00"))
    assert reports_digest(now=at(DUE_MONDAY, "13:10")) == 0
    assert reports_digest(now=at(TUESDAY_AFTER, "13:10")) == 0
    assert posts == [
        ("甲机房", "周报 2026-W42：甲机房 的缺交和迟交人员\n甲机房：缺交 王五；迟交 张三")
    ]
    notification = Notification.objects.get(kind=DIGEST)
    text = render(DIGEST, notification.params)
    assert text.body == "甲机房：缺交 王五；迟交 张三"


def test_nothing_is_sent_when_nobody_is_missing_or_late(world, posts):
    submit(world.person_a, world.site_a, at(DUE_MONDAY, "12:00"))
    submit(world.person_b, world.site_b, at(DUE_MONDAY, "13:00"))
    assert reports_digest(now=at(DUE_MONDAY, "13:05")) == 0
    assert digests() == [] and posts == []


def test_a_supervisor_of_two_sites_gets_one_message_for_both(world):
    both = factories.UserFactory(username="supervisor_ab")
    for site in (world.site_a, world.site_b):
        factories.RoleGrantFactory(user=both, role=Role.SUPERVISOR, site=site)
    assert reports_digest(now=at(DUE_MONDAY, "13:05")) == 2
    lists = {user: lists for user, _period, lists in digests()}
    assert [entry["site"] for entry in lists["supervisor_ab"]] == ["甲机房", "乙中心"]
    assert [entry["site"] for entry in lists["supervisor_a"]] == ["甲机房"]
    assert lists["supervisor_ab"][1] == {
        "site": "乙中心",
        "site_id": world.site_b.pk,
        "missing": ["李四"],
        "late": [],
    }


def test_a_supervisor_of_sites_on_two_clocks_gets_one_message_once_both_are_due(world):
    world.site_b.time_zone = "Europe/Berlin"  # six hours behind Beijing in October
    world.site_b.save()
    both = factories.UserFactory(username="supervisor_ab")
    for site in (world.site_a, world.site_b):
        factories.RoleGrantFactory(user=both, role=Role.SUPERVISOR, site=site)
    assert reports_digest(now=at(DUE_MONDAY, "13:05")) == 1  # supervisor_a, of site A alone
    assert reports_digest(now=at(DUE_MONDAY, "19:04")) == 0
    assert reports_digest(now=at(DUE_MONDAY, "19:05")) == 1  # 13:05 in Berlin
    lists = {user: lists for user, _period, lists in digests()}
    assert [entry["site"] for entry in lists["supervisor_ab"]] == ["甲机房", "乙中心"]


# Downtime, and another clock ---------------------------------------------------------------------


def test_a_run_on_tuesday_after_mondays_downtime_catches_up_once(world, posts):
    now = at(TUESDAY_AFTER, "10:00")
    assert reports_remind(now=now) == 2
    assert reports_digest(now=now) == 1
    assert reports_remind(now=now) == 0
    assert reports_digest(now=now) == 0
    assert len(reminded()) == 2 and len(digests()) == 1
    assert len(posts) == 4  # each site's list of who has not submitted, then the digest's A


def test_a_digest_not_sent_all_week_goes_until_the_week_turns_missing(world):
    sunday = DUE_MONDAY + 6 * ONE_DAY
    assert reports_digest(now=at(sunday, "23:55")) == 1
    ((_user, period, lists),) = digests()
    assert (period, lists[0]["missing"]) == ("2026-W42", ["张三"])
    # Had it not gone by then, it would not: the Monday after is the next week's digest day.
    Notification.objects.all().delete()
    ReminderClaim.objects.all().delete()
    assert reports_digest(now=at(sunday + ONE_DAY, "13:04")) == 0


@pytest.mark.parametrize(
    ("zone", "before", "at_nine"),
    [("Asia/Urumqi", "10:59", "11:00"), ("Europe/Berlin", "14:59", "15:00")],
)
def test_a_site_in_another_time_zone_is_reminded_at_its_own_nine(world, zone, before, at_nine):
    world.site_b.time_zone = zone
    world.site_b.save()
    assert reports_remind(now=at(DUE_MONDAY, "09:00")) == 1
    assert [r[0] for r in reminded()] == ["staff_a"]
    assert reports_remind(now=at(DUE_MONDAY, before)) == 0
    assert reports_remind(now=at(DUE_MONDAY, at_nine)) == 1
    assert [r[0] for r in reminded()] == ["staff_a", "staff_b"]


def test_the_remind_and_digest_times_are_policies(world):
    policy_set(
        key="report_remind_time", value=datetime.time(10, 30), site=world.site_a, by=world.hr
    )
    assert reports_remind(now=at(DUE_MONDAY, "09:00")) == 1  # site B only
    assert reports_remind(now=at(DUE_MONDAY, "10:30")) == 1
    policy_set(key="report_digest_time", value=datetime.time(15, 0), site=world.site_a, by=world.hr)
    assert reports_digest(now=at(DUE_MONDAY, "13:05")) == 0
    assert reports_digest(now=at(DUE_MONDAY, "15:00")) == 1


# The daily log and the monthly report -------------------------------------------------------------


def test_the_daily_log_is_reminded_only_where_the_policy_asks_for_it(world, posts):
    # The week before's reminders and digest, out of the way (the world owes every week).
    reports_remind(now=at(MONDAY, "17:00"))
    reports_digest(now=at(MONDAY, "17:00"))
    assert reports_remind(now=at(MONDAY, "18:00")) == 0
    policy_set(key="report_daily_on", value=True, site=world.site_a, by=world.hr)
    assert reports_remind(now=at(MONDAY, "17:59")) == 0
    assert reports_remind(now=at(MONDAY, "18:00")) == 1
    assert reminded(ReportKind.DAILY) == [("staff_a", "2026-10-12", "甲机房")]
    assert reports_remind(now=at(MONDAY, "19:00")) == 0
    # The next morning at 09:00 the supervisor hears who did not file Monday's log.
    assert reports_digest(now=at(MONDAY + ONE_DAY, "08:59")) == 0
    assert reports_digest(now=at(MONDAY + ONE_DAY, "09:00")) == 1
    assert digests(ReportKind.DAILY) == [
        (
            "supervisor_a",
            "2026-10-12",
            [{"site": "甲机房", "site_id": world.site_a.pk, "missing": ["张三"], "late": []}],
        )
    ]
    # A day filed in time is not chased.
    submit(
        world.person_a, world.site_a, at(MONDAY + ONE_DAY, "17:00"), Day(MONDAY + ONE_DAY), "daily"
    )
    assert reports_remind(now=at(MONDAY + ONE_DAY, "18:00")) == 0


def test_the_monthly_report_is_reminded_on_its_due_day_only_where_asked_for(world):
    november_3 = datetime.date(2026, 11, 3)
    # The week's reminders and digest (due on Monday 2 November), out of the way.
    reports_remind(now=at(november_3, "08:00"))
    reports_digest(now=at(november_3, "08:00"))
    assert reports_remind(now=at(november_3, "09:00")) == 0
    policy_set(key="report_monthly_on", value=True, company=world.company, by=world.hr)
    assert reports_remind(now=at(november_3, "08:59")) == 0
    assert reports_remind(now=at(november_3, "09:00")) == 2
    assert reminded(ReportKind.MONTHLY) == [
        ("staff_a", "2026-10", "甲机房"),
        ("staff_b", "2026-10", "乙中心"),
    ]
    # Due by the end of the 3rd: the digest the next morning.
    assert reports_digest(now=at(november_3, "23:59")) == 0
    assert reports_digest(now=at(november_3 + ONE_DAY, "09:00")) == 1
    ((_user, period, _lists),) = digests(ReportKind.MONTHLY)
    assert period == Month.containing(OCTOBER).label


# The wiring ---------------------------------------------------------------------------------------


def test_the_reminders_are_registered_and_scheduled_every_five_minutes(world):
    assert {REMINDER, DIGEST} <= {kind.kind for kind in reminder_kinds()}
    for name, task in (
        ("reports-remind", "tickets.tasks.reports_remind_task"),
        ("reports-digest", "tickets.tasks.reports_digest_task"),
    ):
        assert BEAT_SCHEDULE[name]["task"] == task
        assert str(BEAT_SCHEDULE[name]["schedule"]._orig_minute) == "*/5"


def test_each_claim_is_per_person_kind_and_period(world):
    reports_remind(now=at(DUE_MONDAY, "09:00"))
    claims = sorted(ReminderClaim.objects.filter(kind=REMINDER).values_list("key", "period"))
    assert claims == [
        (f"weekly:{world.person_a.pk}", "2026-W42"),
        (f"weekly:{world.person_b.pk}", "2026-W42"),
    ]


def test_the_reads_are_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for n in range(5):
        factories.colleague_of(world, name=f"同事{n}")
    with django_assert_max_num_queries(20) as captured:
        svc.digests_due(at(DUE_MONDAY, "13:05"))
    few = len(captured)
    for n in range(5, 25):
        factories.colleague_of(world, name=f"同事{n}")
    with django_assert_max_num_queries(few):
        svc.digests_due(at(DUE_MONDAY, "13:05"))
