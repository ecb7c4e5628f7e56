"""The weekly report's services (SPEC §9) at their edges: opened as a draft for the site the person
owes it to, refused to someone not placed or for a kind the site does not ask for; submitted at
13:00 on time and at 13:01 late on the site's clock; returned only with a comment and submitted
again keeping its first submission; read, reviewed and returned by the site's supervisor, never
by its author; two supervisors at once decide once."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation

from onsite.models import Notification
from onsite.periods import Day, Week
from onsite.policy import policy_set
from onsite.roles import Role
from onsite.transitions import Refused
from tests import factories
from tests.dates import MONDAY, TUESDAY, at
from tickets.models import Report, ReportComment, ReportKind, ReportStatus
from tickets.selectors.duties import DutyStatus, duty_of
from tickets.services import reports as services

WEEK = Week.containing(MONDAY)  # 2026-W42
NEXT_MONDAY = MONDAY + datetime.timedelta(days=7)
DUE = at(NEXT_MONDAY, "13:00")
WRITING = at(MONDAY + datetime.timedelta(days=4), "17:00")  # the Friday of the week
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16

pytestmark = pytest.mark.usefixtures("english_messages")


def draft(world, *, person=None, by=None, kind=ReportKind.WEEKLY, period=WEEK, now=WRITING):
    return services.report_open(
        staff=person or world.person_a, kind=kind, period=period, by=by or world.staff_a, now=now
    )


def written(world, *, by=None, **options) -> Report:
    report = draft(world, by=by, **options)
    return services.report_save(
        report=report,
        by=by or world.staff_a,
        work_done="巡检机房，处理打印机故障。",
        problems="UPS 电池老化。",
        next_plan="更换 UPS 电池。",
    )


def submitted(world, now=DUE, **options) -> Report:
    return services.report_submit(report=written(world, **options), by=world.staff_a, now=now)


def kinds_told(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# Opening ------------------------------------------------------------------------------------------


def test_opening_makes_a_draft_for_the_site_due_monday_at_13(world):
    report = draft(world)
    assert (report.site, report.kind, report.period) == (world.site_a, "weekly", "2026-W42")
    assert (report.starts_on, report.ends_on) == (WEEK.first, WEEK.last)
    assert report.due_at == DUE
    assert report.status == ReportStatus.DRAFT
    # Opened again: the same report.
    assert draft(world).pk == report.pk
    assert Report.objects.count() == 1


def test_someone_not_placed_has_no_report_to_write(world):
    user = factories.UserFactory(username="newcomer")
    person = factories.StaffFactory(company=world.company, user=user, name="孙七")
    with pytest.raises(Refused, match="not placed"):
        draft(world, person=person, by=user)
    assert not Report.objects.exists()


def test_a_daily_log_is_refused_until_the_site_asks_for_one(world):
    day = Day.containing(TUESDAY)
    with pytest.raises(Refused, match="does not ask for a Daily log"):
        draft(world, kind=ReportKind.DAILY, period=day, now=at(TUESDAY, "18:00"))
    policy_set(key="report_daily_on", value=True, site=world.site_a, by=world.hr)
    report = draft(world, kind=ReportKind.DAILY, period=day, now=at(TUESDAY, "18:00"))
    assert report.due_at == at(TUESDAY, "20:00")


def test_a_week_not_begun_is_not_written(world):
    with pytest.raises(Refused, match="not begun"):
        draft(world, period=WEEK.next)


def test_nobody_opens_someone_elses_report(world):
    with pytest.raises(Refused, match="person it is about"):
        draft(world, by=world.staff_b)


# Writing and attaching ---------------------------------------------------------------------------


def test_the_draft_is_kept_and_only_its_author_changes_it(world):
    report = written(world)
    report.refresh_from_db()
    assert report.work_done == "巡检机房，处理打印机故障。"
    with pytest.raises(Refused, match="author"):
        services.report_save(report=report, by=world.supervisor_a, work_done="改写")


def test_an_attachment_is_checked_like_a_tickets(world):
    report = draft(world)
    picture = SimpleUploadedFile("机房.png", PNG, content_type="image/png")
    attachment = services.report_attachment_add(report=report, by=world.staff_a, upload=picture)
    assert attachment.name == "机房.png" and attachment.size == len(PNG)
    renamed = SimpleUploadedFile("病毒.png", b"MZ\x90\x00" * 8, content_type="image/png")
    with pytest.raises(Refused, match=r"病毒\.png"):
        services.report_attachment_add(report=report, by=world.staff_a, upload=renamed)
    services.report_attachment_remove(attachment=attachment, by=world.staff_a)
    assert not report.attachments.exists()


# Submitting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"), [("13:00", DutyStatus.ON_TIME), ("13:01", DutyStatus.LATE)]
)
def test_submitted_by_13_00_on_the_sites_clock_is_on_time_after_it_late(world, when, expected):
    report = submitted(world, now=at(NEXT_MONDAY, when))
    assert report.status == ReportStatus.SUBMITTED
    assert report.first_submitted_at == report.submitted_at == at(NEXT_MONDAY, when)
    later = at(NEXT_MONDAY + datetime.timedelta(days=30), "09:00")
    duty = duty_of(staff=world.person_a, kind=ReportKind.WEEKLY, period=WEEK, now=later)
    assert duty.status == expected
    assert kinds_told(world.supervisor_a) == ["tickets.report_submitted"]
    assert Notification.objects.get(recipient=world.supervisor_a).params["late"] is (
        expected == DutyStatus.LATE
    )


def test_a_site_in_another_time_zone_is_late_by_its_own_clock(world):
    world.site_a.time_zone = "Asia/Urumqi"  # two hours behind Beijing
    world.site_a.save()
    report = submitted(world, now=at(NEXT_MONDAY, "14:59"))
    assert report.due_at == at(NEXT_MONDAY, "15:00")
    assert report.first_submitted_at <= report.due_at


def test_a_report_without_the_work_done_is_not_submitted(world):
    report = draft(world)
    with pytest.raises(Refused, match="work was done"):
        services.report_submit(report=report, by=world.staff_a, now=DUE)
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_a_submitted_report_is_not_changed_or_submitted_twice(world):
    report = submitted(world)
    with pytest.raises(Refused, match="not changed any more"):
        services.report_save(report=report, by=world.staff_a, work_done="改写")
    with pytest.raises(Refused, match="not changed any more"):
        services.report_submit(report=report, by=world.staff_a, now=DUE)


# Reading, returning, reviewing -------------------------------------------------------------------


def test_the_first_opening_by_the_supervisor_marks_it_read(world):
    report = written(world)
    assert not services.report_mark_read(report=report, by=world.supervisor_a)  # a draft
    report = services.report_submit(report=report, by=world.staff_a, now=DUE)
    assert not services.report_mark_read(report=report, by=world.staff_a)  # its author
    assert not services.report_mark_read(report=report, by=world.hr)  # not the supervisor
    assert services.report_mark_read(
        report=report, by=world.supervisor_a, now=at(NEXT_MONDAY, "15:00")
    )
    assert not services.report_mark_read(
        report=Report.objects.get(), by=world.supervisor_a, now=at(NEXT_MONDAY, "16:00")
    )
    report.refresh_from_db()
    assert (report.read_at, report.read_by, report.status) == (
        at(NEXT_MONDAY, "15:00"),
        world.supervisor_a,
        ReportStatus.SUBMITTED,
    )


def test_a_report_is_returned_only_with_a_comment(world):
    report = submitted(world)
    with pytest.raises(Refused, match="what more"):
        services.report_return(report=report, by=world.supervisor_a, note="  ")
    returned = services.report_return(
        report=report,
        by=world.supervisor_a,
        note="请补充工单处理情况。",
        now=at(NEXT_MONDAY, "15:00"),
    )
    assert returned.status == ReportStatus.RETURNED
    comment = ReportComment.objects.get()
    assert (comment.body, comment.returned, comment.author) == (
        "请补充工单处理情况。",
        True,
        world.supervisor_a,
    )
    assert kinds_told(world.staff_a) == ["tickets.report_returned"]
    assert Report.objects.get().read_at == at(NEXT_MONDAY, "15:00")


def test_submitted_again_it_keeps_its_first_submission(world):
    report = submitted(world, now=at(NEXT_MONDAY, "12:00"))
    services.report_return(report=report, by=world.supervisor_a, note="请补充。")
    report = Report.objects.get()
    services.report_save(report=report, by=world.staff_a, work_done="巡检机房。补充：更换硒鼓。")
    again = services.report_submit(report=report, by=world.staff_a, now=at(NEXT_MONDAY, "16:00"))
    assert again.status == ReportStatus.SUBMITTED
    assert again.first_submitted_at == at(NEXT_MONDAY, "12:00")
    assert again.submitted_at == at(NEXT_MONDAY, "16:00")
    # Read again from scratch: the supervisor has not opened the new version yet.
    assert again.read_at is None
    later = at(NEXT_MONDAY + datetime.timedelta(days=30), "09:00")
    duty = duty_of(staff=world.person_a, kind=ReportKind.WEEKLY, period=WEEK, now=later)
    assert duty.status == DutyStatus.ON_TIME


def test_the_supervisor_marks_it_reviewed(world):
    report = submitted(world)
    reviewed = services.report_review(
        report=report, by=world.supervisor_a, note="很好。", now=at(NEXT_MONDAY, "15:00")
    )
    assert (reviewed.status, reviewed.reviewed_by, reviewed.reviewed_at) == (
        ReportStatus.REVIEWED,
        world.supervisor_a,
        at(NEXT_MONDAY, "15:00"),
    )
    assert ReportComment.objects.get().body == "很好。"
    assert kinds_told(world.staff_a) == ["tickets.report_reviewed"]
    history = [h.status for h in Report.history.order_by("history_date", "history_id")]
    assert history[0] == ReportStatus.DRAFT and history[-2:] == ["submitted", "reviewed"]
    with pytest.raises(Refused, match="meanwhile"):
        services.report_return(report=reviewed, by=world.supervisor_a, note="再改")


def test_a_draft_is_neither_reviewed_nor_returned(world):
    report = written(world)
    with pytest.raises(Refused, match="Only a submitted report"):
        services.report_review(report=report, by=world.supervisor_a)


def test_nobody_reviews_or_returns_their_own_report(two_roles):
    world = two_roles
    me = world.supervisor_staff
    report = written(world, person=world.supervisor_person, by=me)
    report = services.report_submit(report=report, by=me, now=DUE)
    with pytest.raises(Refused, match="someone other than its author"):
        services.report_review(report=report, by=me)
    with pytest.raises(Refused, match="someone other than its author"):
        services.report_return(report=report, by=me, note="自己退回")
    # The other supervisor of the site does.
    assert services.report_review(report=report, by=world.supervisor_a).status == "reviewed"


def test_only_the_sites_supervisor_reviews(world, supervisor_b):
    report = submitted(world)
    for outsider in (world.hr, world.manager, supervisor_b, world.staff_b):
        with pytest.raises(Refused, match="Only the site's supervisor"):
            services.report_review(report=report, by=outsider)


def test_comments_go_to_the_other_side(world):
    report = submitted(world)
    services.report_comment(report=report, by=world.supervisor_a, body="周三的故障处理了吗？")
    services.report_comment(report=report, by=world.staff_a, body="已处理。")
    assert kinds_told(world.staff_a) == ["tickets.report_comment"]
    assert sorted(kinds_told(world.supervisor_a)) == [
        "tickets.report_comment",
        "tickets.report_submitted",
    ]
    with pytest.raises(Refused, match="comment"):
        services.report_comment(report=report, by=world.client_a, body="你好")
    with pytest.raises(Refused, match="Write the comment"):
        services.report_comment(report=report, by=world.staff_a, body=" ")


# Two supervisors at once -------------------------------------------------------------------------


@pytest.mark.postgres(reason="the row lock makes the second supervisor wait for the first")
@pytest.mark.django_db(transaction=True)
def test_two_supervisors_reviewing_at_once_review_it_once(world):
    other = factories.UserFactory(username="supervisor_a2", first_name="建国", last_name="周")
    factories.RoleGrantFactory(user=other, role=Role.SUPERVISOR, site=world.site_a)
    report = submitted(world)
    start = threading.Barrier(2)
    done, refused, errors = [], [], []

    def work(user, action) -> None:
        # A thread starts in the default language: read the refusal in English as the others.
        translation.activate("en")
        try:
            start.wait(timeout=10)
            if action == "review":
                done.append(services.report_review(report=Report.objects.get(), by=user).status)
            else:
                done.append(
                    services.report_return(report=Report.objects.get(), by=user, note="补充").status
                )
        except Refused as refusal:
            refused.append(str(refusal))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(world.supervisor_a, "review")),
        threading.Thread(target=work, args=(other, "return")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(done) == 1 and len(refused) == 1
    assert "meanwhile" in refused[0]
    assert Report.objects.get(pk=report.pk).status == done[0]
    assert len(kinds_told(world.staff_a)) == 1
