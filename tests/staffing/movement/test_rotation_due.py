import datetime

import pytest

from onsite.models import PolicySetting
from staffing.models import ChangeKind
from staffing.selectors.movement import rotation_due
from staffing.services.notices import change_notice_file
from tests import factories
from tests.dates import NEW_YEAR_2027, STAFFING_DAY
from tests.staffing.movement.conftest import start_offboarding


def due_names(world, today, **kwargs):
    rows = rotation_due(company_ids=[world.company.pk], today=today, **kwargs)
    return [row.assignment.staff.name for row in rows]


def test_people_twelve_months_at_one_site_are_due(world):
    assert due_names(world, NEW_YEAR_2027) == ["张三", "李四"]
    (first, _second) = rotation_due(company_ids=[world.company.pk], today=NEW_YEAR_2027)
    assert (first.months, first.due_on) == (12, NEW_YEAR_2027)


def test_nobody_is_due_a_day_earlier(world):
    assert due_names(world, NEW_YEAR_2027 - datetime.timedelta(days=1)) == []


def test_the_rotation_period_is_the_companys_policy(world):
    PolicySetting.objects.create(company=world.company, key="rotation_months", value=9)
    rows = rotation_due(company_ids=[world.company.pk], today=STAFFING_DAY)
    assert [(row.months, row.due_on) for row in rows] == [(10, datetime.date(2026, 10, 1))] * 2


def test_a_sites_policy_wins_over_the_companys(world):
    PolicySetting.objects.create(company=world.company, key="rotation_months", value=9)
    PolicySetting.objects.create(site=world.site_b, key="rotation_months", value=24)
    assert due_names(world, STAFFING_DAY) == ["张三"]


def test_nobody_is_due_within_the_minimum_months_whatever_the_period(world):
    PolicySetting.objects.create(company=world.company, key="rotation_months", value=3)
    assert due_names(world, datetime.date(2026, 6, 30)) == []
    assert due_names(world, datetime.date(2026, 7, 1)) == ["张三", "李四"]


def test_other_companies_people_are_not_listed(world):
    other = factories.AssignmentFactory(start=datetime.date(2020, 1, 1))
    assert other.staff.name not in due_names(world, NEW_YEAR_2027)
    assert [r.assignment for r in rotation_due(company_ids=[other.staff.company_id])] == [other]


def test_a_department_managers_list_holds_their_department(world):
    department = factories.DepartmentFactory(company=world.company)
    world.person_b.department = department
    world.person_b.save()
    assert due_names(world, NEW_YEAR_2027, department_ids=[department.pk]) == ["张三", "李四"]
    rows = rotation_due(company_ids=[], department_ids=[department.pk], today=NEW_YEAR_2027)
    assert [row.assignment.staff.name for row in rows] == ["李四"]


def test_backups_ended_placements_and_people_leaving_are_not_listed(world, placement_a):
    placement_b = world.person_b.assignments.get()
    placement_b.backup = True
    placement_b.save()
    start_offboarding(world, placement_a, leaving_on=datetime.date(2027, 1, 31))
    assert due_names(world, NEW_YEAR_2027) == []


def test_a_filed_rotation_notice_is_shown(world):
    change_notice_file(
        site=world.site_a,
        kind=ChangeKind.ROTATION,
        leaving=world.person_a,
        planned_on=datetime.date(2027, 1, 15),
        reason="定期轮岗",
        by=world.hr,
        today=datetime.date(2026, 12, 1),
    )
    rows = rotation_due(company_ids=[world.company.pk], today=NEW_YEAR_2027)
    assert [(r.assignment.staff.name, r.notice_filed) for r in rows] == [
        ("张三", True),
        ("李四", False),
    ]


@pytest.mark.parametrize("extra", [0, 8])
def test_the_list_costs_two_queries_whatever_the_number_of_people(
    world, extra, django_assert_num_queries
):
    contract = world.site_a.contracts.get()
    contract.headcount = 20
    contract.save()
    for _n in range(extra):
        factories.AssignmentFactory(
            staff=factories.StaffFactory(company=world.company),
            site=world.site_a,
            contract=contract,
            start=datetime.date(2025, 6, 1),
        )
    PolicySetting.objects.create(site=world.site_a, key="rotation_months", value=18)
    with django_assert_num_queries(2):
        rows = rotation_due(company_ids=[world.company.pk], today=NEW_YEAR_2027)
        names = [
            (r.assignment.staff.name, r.assignment.site.name, r.assignment.position.title)
            for r in rows
        ]
    assert len(names) == 1 + extra
