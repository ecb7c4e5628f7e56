import datetime

import pytest
from django.utils import translation

from onsite.models import Notification, PolicySetting
from onsite.roles import Role
from onsite.transitions import Refused
from staffing.models import ChangeKind, ChangeNotice
from staffing.services.notices import change_notice_file
from tests import factories
from tests.dates import STAFFING_DAY


@pytest.fixture
def newcomer(world):
    return factories.StaffFactory(company=world.company, name="王五", status="qualified")


def file(world, *, days, by=None, kind=ChangeKind.REPLACEMENT, **kwargs):
    options = {
        "site": world.site_a,
        "kind": kind,
        "leaving": world.person_a,
        "planned_on": STAFFING_DAY + datetime.timedelta(days=days),
        "reason": "合同岗位调整",
        "by": by or world.hr,
        "today": STAFFING_DAY,
        **kwargs,
    }
    with translation.override("en"):
        return change_notice_file(**options)


def test_a_notice_thirty_days_ahead_is_filed_and_keeps_its_numbers(world, newcomer):
    notice = file(world, days=30, incoming=newcomer)
    assert (notice.notice_days, notice.required_days) == (30, 30)
    assert notice.company == world.company
    assert not notice.overridden


def test_a_shorter_notice_is_refused_naming_the_policy_and_the_actual_days(world, newcomer):
    with pytest.raises(Refused) as refusal:
        file(world, days=12, incoming=newcomer)
    assert refusal.value.messages[0] == (
        "A change of personnel needs 30 days' notice; this one gives 12."
    )
    assert refusal.value.messages[1] == (
        "Only a manager of 恒信技术服务 can override this, with a reason."
    )
    assert not ChangeNotice.objects.exists()


def test_the_notice_period_is_the_companys_policy(world, newcomer):
    PolicySetting.objects.create(company=world.company, key="change_notice_days", value=10)
    notice = file(world, days=12, incoming=newcomer)
    assert notice.required_days == 10


def test_another_companys_policy_does_not_apply(world):
    other = factories.CompanyFactory()
    PolicySetting.objects.create(company=other, key="change_notice_days", value=10)
    with pytest.raises(Refused, match="needs 30 days' notice; this one gives 12"):
        file(world, days=12)


def test_a_longer_company_policy_refuses_thirty_days(world):
    PolicySetting.objects.create(company=world.company, key="change_notice_days", value=45)
    with pytest.raises(Refused, match="needs 45 days' notice; this one gives 30"):
        file(world, days=30)


def test_a_manager_overrides_a_short_notice_and_the_override_is_recorded(world, newcomer):
    notice = file(
        world, days=5, incoming=newcomer, by=world.manager, override_reason="客户紧急要求"
    )
    notice.refresh_from_db()
    assert notice.overridden_by == world.manager
    assert notice.override_reason == "客户紧急要求"
    assert (notice.notice_days, notice.required_days) == (5, 30)


def test_a_manager_without_a_reason_is_asked_for_one(world):
    with pytest.raises(Refused) as refusal:
        file(world, days=5, by=world.manager, override_reason="  ")
    assert refusal.value.messages[-1] == "Give a reason for the override to file it anyway."


def test_hr_cannot_override_even_with_a_reason(world):
    with pytest.raises(Refused, match="Only a manager"):
        file(world, days=5, override_reason="急需")


def test_a_department_manager_cannot_override(world):
    department = factories.DepartmentFactory(company=world.company)
    user = factories.UserFactory()
    factories.RoleGrantFactory(
        user=user, role=Role.MANAGER, company=world.company, department=department
    )
    with pytest.raises(Refused, match="Only a manager"):
        file(world, days=5, by=user, override_reason="急需")


def test_an_override_on_a_long_enough_notice_is_not_recorded(world):
    notice = file(world, days=40, by=world.manager, override_reason="不需要")
    assert not notice.overridden and notice.override_reason == ""


def test_a_rotation_within_the_minimum_months_is_refused(world, placement_a):
    placement_a.start = datetime.date(2026, 8, 1)
    placement_a.save()
    with pytest.raises(Refused) as refusal:
        file(world, kind=ChangeKind.ROTATION, days=30)
    assert refusal.value.messages == [
        "张三 will have been at 甲机房 for 4 months on 2026-12-22; a rotation needs at least 6.",
        "Only a manager of 恒信技术服务 can override this, with a reason.",
    ]


def test_a_manager_may_allow_an_early_rotation_and_it_is_flagged(world, placement_a):
    placement_a.start = STAFFING_DAY - datetime.timedelta(days=60)
    placement_a.save()
    notice = file(
        world, kind=ChangeKind.ROTATION, days=30, by=world.manager, override_reason="项目调整"
    )
    assert notice.early_rotation and notice.overridden


def test_a_rotation_after_the_minimum_months_needs_no_override(world):
    notice = file(world, kind=ChangeKind.ROTATION, days=31)  # 2026-12-23: 11 months in
    assert not notice.early_rotation


def test_the_minimum_months_are_the_companys_policy(world):
    PolicySetting.objects.create(company=world.company, key="rotation_min_months", value=12)
    with pytest.raises(Refused, match="a rotation needs at least 12"):
        file(world, kind=ChangeKind.ROTATION, days=31)


def test_the_sites_supervisors_and_hr_are_told(world, newcomer):
    file(world, days=30, incoming=newcomer)
    told = set(
        Notification.objects.filter(kind="movement.change_notice").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"hr", "supervisor_a"}


def test_the_leaving_person_must_be_placed_at_the_site(world):
    with pytest.raises(Refused, match="张三 is not placed at 乙中心"):
        file(world, days=30, site=world.site_b)


def test_a_date_in_the_past_is_refused(world):
    with pytest.raises(Refused, match="The planned date has passed"):
        file(world, days=-1)


def test_an_addition_names_who_comes_and_nobody_who_leaves(world, newcomer):
    notice = file(world, kind=ChangeKind.ADDITION, days=30, leaving=None, incoming=newcomer)
    assert notice.leaving is None
    with pytest.raises(Refused, match="nobody leaves"):
        file(world, kind=ChangeKind.ADDITION, days=30, incoming=newcomer)


def test_a_site_outside_the_companys_contracts_is_refused(world, newcomer):
    elsewhere = factories.SiteFactory(name="丙大厦")
    with pytest.raises(Refused, match="has no contract covering 丙大厦"):
        file(
            world,
            kind=ChangeKind.ADDITION,
            days=30,
            leaving=None,
            incoming=newcomer,
            site=elsewhere,
        )
