"""The half-yearly deep inspection report: written by someone placed at the site, its plan owned
by people placed there, submitted, and reviewed by the site's supervisor, never by its author;
a returned report says why and goes back to its author."""

from __future__ import annotations

import pytest

from onsite.transitions import Refused
from tests.dates import FRIDAY
from tickets.models import DeepInspectionStatus
from tickets.services import inspections as services

pytestmark = pytest.mark.django_db
D = DeepInspectionStatus


def draft(world, by=None):
    return services.deep_create(
        site=world.site_a, by=by or world.staff_a, half="2026h2", findings="  UPS 电池老化  "
    )


def planned(world, by=None):
    report = draft(world, by)
    services.action_add(
        report=report,
        by=by or world.staff_a,
        action="更换 UPS 电池",
        owner=world.person_a,
        due_on=FRIDAY,
    )
    return report


def test_someone_placed_at_the_site_writes_a_draft(world):
    report = draft(world)
    assert (report.half, report.findings, report.status) == ("2026H2", "UPS 电池老化", D.DRAFT)
    assert report.author == world.staff_a


@pytest.mark.parametrize("who", ["supervisor_a", "hr", "client_a", "staff_b", "manager"])
def test_others_do_not_write_it(world, who):
    with pytest.raises(Refused, match="只有派驻该现场的人员"):
        draft(world, by=world.users[who])


@pytest.mark.parametrize("half", ["2026H3", "26H1", "2026-1", ""])
def test_the_half_year_is_named_as_2026h1(world, half):
    with pytest.raises(Refused, match="2026H1"):
        services.deep_create(site=world.site_a, by=world.staff_a, half=half, findings="x")


def test_one_report_a_half_year_and_findings_written(world):
    draft(world)
    with pytest.raises(Refused, match="已有2026H2的深度巡检报告"):
        draft(world)
    with pytest.raises(Refused, match="请填写巡检发现"):
        services.deep_create(site=world.site_a, by=world.staff_a, half="2026H1", findings=" ")


def test_the_plan_is_owned_by_someone_placed_at_the_site(world):
    report = draft(world)
    with pytest.raises(Refused, match=r"李四.*甲机房"):
        services.action_add(
            report=report, by=world.staff_a, action="巡检", owner=world.person_b, due_on=FRIDAY
        )
    with pytest.raises(Refused, match="请填写改进内容"):
        services.action_add(
            report=report, by=world.staff_a, action=" ", owner=world.person_a, due_on=FRIDAY
        )


def test_a_report_without_a_plan_is_not_submitted(world):
    report = draft(world)
    with pytest.raises(Refused, match="至少添加一项改进措施"):
        services.deep_submit(report=report, by=world.staff_a)


def test_submitted_then_accepted_by_the_supervisor(world):
    report = services.deep_submit(report=planned(world), by=world.staff_a)
    assert report.status == D.SUBMITTED and report.submitted_at
    with pytest.raises(Refused, match="不能再修改"):
        services.deep_update(report=report, by=world.staff_a, findings="改")
    report = services.deep_review(report=report, by=world.supervisor_a, accept=True)
    assert (report.status, report.reviewed_by) == (D.REVIEWED, world.supervisor_a)
    assert [h.status for h in report.history.order_by("history_date")] == [
        D.DRAFT,
        D.SUBMITTED,
        D.REVIEWED,
    ]
    with pytest.raises(Refused, match="只有已提交的报告可以审核"):
        services.deep_review(report=report, by=world.supervisor_a, accept=True)


def test_returned_with_a_note_goes_back_to_its_author(world):
    report = services.deep_submit(report=planned(world), by=world.staff_a)
    with pytest.raises(Refused, match="请说明退回原因"):
        services.deep_review(report=report, by=world.supervisor_a, accept=False, note=" ")
    report = services.deep_review(
        report=report, by=world.supervisor_a, accept=False, note="补充机房温度数据"
    )
    assert (report.status, report.review_note) == (D.RETURNED, "补充机房温度数据")
    report = services.deep_update(
        report=report, by=world.staff_a, findings="UPS 电池老化；温度偏高"
    )
    assert services.deep_submit(report=report, by=world.staff_a).status == D.SUBMITTED


@pytest.mark.parametrize("who", ["hr", "staff_a", "client_a", "manager"])
def test_only_the_supervisor_reviews(world, who):
    report = services.deep_submit(report=planned(world), by=world.staff_a)
    with pytest.raises(Refused, match="只有现场主管可以审核"):
        services.deep_review(report=report, by=world.users[who], accept=True)


def test_the_author_never_reviews_their_own_report(two_roles):
    world = two_roles
    report = services.deep_submit(
        report=planned(world, by=world.supervisor_staff), by=world.supervisor_staff
    )
    with pytest.raises(Refused, match="撰写人以外的人审核"):
        services.deep_review(report=report, by=world.supervisor_staff, accept=True)
    assert services.deep_review(report=report, by=world.supervisor_a, accept=True).status == (
        D.REVIEWED
    )


def test_only_the_author_changes_the_draft(world, colleague):
    # 王五 is placed at site A too, and may write a report of his own, but not change this one.
    colleague = colleague.user
    report = planned(world)
    with pytest.raises(Refused, match="只有报告撰写人可以修改"):
        services.deep_update(report=report, by=colleague, findings="改")
    action = report.actions.get()
    with pytest.raises(Refused, match="只有报告撰写人可以修改"):
        services.action_remove(action=action, by=colleague)
    services.action_remove(action=action, by=world.staff_a)
    assert not report.actions.exists()


def test_the_supervisor_is_told_of_a_submission_and_the_author_of_the_review(world):
    from onsite.models import Notification

    report = services.deep_submit(report=planned(world), by=world.staff_a)
    told = Notification.objects.get(kind=services.SUBMITTED)
    assert (told.recipient, told.params["half"], told.params["report"]) == (
        world.supervisor_a,
        "2026H2",
        report.pk,
    )
    services.deep_review(report=report, by=world.supervisor_a, accept=False, note="补充温度记录")
    told = Notification.objects.get(kind=services.REVIEWED)
    assert (told.recipient, told.params["accepted"], told.params["note"]) == (
        world.staff_a,
        False,
        "补充温度记录",
    )
