import datetime
import threading

import pytest
from django.db import connection

from onsite.models import Notification, PolicySetting
from onsite.org.models import Assignment, StaffStatus
from onsite.transitions import Refused
from staffing.models import Condition
from staffing.selectors.assignments import contracts_understaffed, sites_without_backup
from staffing.services.assignments import assignment_create, peak_headcount
from staffing.services.records import record_add
from tests import factories
from tests.dates import DECEMBER, STAFFING_DAY


@pytest.fixture
def newcomer(world):
    person = factories.StaffFactory(
        company=world.company,
        name="王五",
        status=StaffStatus.QUALIFIED,
        position=world.person_a.assignments.get().position,
    )
    factories.passed_checks(person)
    return person


@pytest.fixture
def contract(world):
    return world.site_a.contracts.get()


def place(world, person, contract, *, site=None, start=DECEMBER, **kwargs):
    return assignment_create(
        staff=person,
        site=site or world.site_a,
        contract=contract,
        start=start,
        by=world.hr,
        today=STAFFING_DAY,
        **kwargs,
    )


def test_a_qualified_person_is_placed_and_the_change_is_recorded(world, newcomer, contract):
    assignment = place(world, newcomer, contract)
    assert assignment.history.latest().history_user == world.hr
    newcomer.refresh_from_db()
    assert newcomer.status == StaffStatus.QUALIFIED  # the placement starts next month


def test_a_placement_starting_today_puts_the_person_on_site(world, newcomer, contract):
    place(world, newcomer, contract, start=STAFFING_DAY)
    newcomer.refresh_from_db()
    assert newcomer.status == StaffStatus.ON_SITE


def test_the_refusal_lists_every_check_not_passed(world, newcomer, contract):
    newcomer.checks.filter(condition__in=[Condition.HEALTH, Condition.NOT_DISHONEST]).update(
        status="pending"
    )
    with pytest.raises(Refused) as refusal:
        place(world, newcomer, contract)
    (message,) = refusal.value.messages
    assert "身体健康，能胜任岗位（健康证）" in message
    assert "非失信联合惩戒对象" in message
    assert not Assignment.objects.filter(staff=newcomer).exists()


def test_a_health_certificate_expiring_before_the_start_refuses(world, newcomer, contract):
    newcomer.checks.filter(condition=Condition.HEALTH).update(
        expires_on=datetime.date(2026, 11, 30)
    )
    with pytest.raises(Refused, match="健康证"):
        place(world, newcomer, contract)


def test_a_candidate_cannot_be_placed(world, newcomer, contract):
    newcomer.status = StaffStatus.CANDIDATE
    newcomer.save()
    with pytest.raises(Refused, match="只有通过资格审查的人员才能派驻"):
        place(world, newcomer, contract)


def test_the_quota_refusal_names_contract_quota_and_count(world, newcomer, contract):
    contract.headcount = 2  # 张三 and 李四 are placed already
    contract.save()
    with pytest.raises(Refused) as refusal:
        place(world, newcomer, contract)
    assert (
        str(refusal.value)
        == f"服务合同 {contract.code} 的人数定额为 2 人；2026-12-01 已派驻 2 人。"
    )


def test_the_quota_counts_the_busiest_day_of_the_period(world, newcomer, contract):
    contract.headcount = 3
    contract.save()
    later, third = (
        factories.StaffFactory(
            company=world.company, position=newcomer.position, status="qualified"
        )
        for _ in range(2)
    )
    factories.passed_checks(later)
    factories.passed_checks(third)
    # 张三 and 李四 all along; the newcomer December to February; `later` from March.
    place(world, later, contract, start=datetime.date(2027, 3, 1))
    place(world, newcomer, contract, start=DECEMBER, end=datetime.date(2027, 2, 28))
    assert peak_headcount(contract=contract, start=DECEMBER, end=contract.end) == (3, DECEMBER)
    with pytest.raises(Refused, match="人数定额为 3 人"):
        place(world, third, contract, start=datetime.date(2027, 2, 1))


def test_age_below_the_policy_minimum_on_the_start_date_is_refused(world, newcomer, contract):
    newcomer.birth_date = datetime.date(2010, 12, 2)  # 15 on 2026-12-01, 16 a day later
    newcomer.save()
    with pytest.raises(Refused, match="2026-12-01 时为 15 岁"):
        place(world, newcomer, contract)
    place(world, newcomer, contract, start=datetime.date(2026, 12, 2))


def test_a_company_may_set_an_age_range(world, newcomer, contract):
    PolicySetting.objects.create(company=world.company, key="minimum_age", value=18)
    PolicySetting.objects.create(company=world.company, key="maximum_age", value=45)
    newcomer.birth_date = datetime.date(1970, 1, 1)
    newcomer.save()
    with pytest.raises(Refused, match="允许 18 至 45 岁"):
        place(world, newcomer, contract)


def test_a_site_ban_ends_the_placement_and_blocks_new_ones(world, contract):
    person = world.person_a
    factories.passed_checks(person)
    record_add(
        staff=person,
        kind="site_ban",
        date=STAFFING_DAY,
        reason="违反机房安全规定",
        decided_by="客户单位",
        site=world.site_a,
        by=world.hr,
    )
    assert person.assignments.get().end == STAFFING_DAY
    assert Notification.objects.filter(
        kind="staffing.site_ban", recipient=world.supervisor_a
    ).exists()
    with pytest.raises(Refused, match="禁止在甲机房驻场"):
        place(world, person, contract, start=DECEMBER)


def test_a_person_cannot_be_at_two_sites_at_once(world, contract):
    factories.passed_checks(world.person_b)
    with pytest.raises(Refused, match="已派驻在乙中心"):
        place(world, world.person_b, contract)


def test_a_site_outside_the_contract_is_refused(world, newcomer):
    other = factories.ContractFactory(company=world.company, sites=[world.site_b])
    with pytest.raises(Refused, match="未覆盖甲机房"):
        place(world, newcomer, other)


def test_understaffed_contracts_and_sites_without_backup(world, contract):
    contract.headcount = 5
    contract.save()
    (short,) = contracts_understaffed(company_ids=[world.company.pk], today=STAFFING_DAY)
    assert short.placed == 2
    assert {
        site.code
        for site in sites_without_backup(
            site_ids=[world.site_a.pk, world.site_b.pk], today=STAFFING_DAY
        )
    } == {"A", "B"}


@pytest.mark.django_db(transaction=True)
def test_two_hr_admins_placing_the_last_person_at_once_place_one():
    world_contract = factories.ContractFactory(headcount=1)
    site = factories.SiteFactory(client=world_contract.client)
    world_contract.sites.set([site])
    position = factories.PositionFactory(company=world_contract.company)
    people = [
        factories.StaffFactory(
            company=world_contract.company, position=position, status="qualified"
        )
        for _ in range(2)
    ]
    for person in people:
        factories.passed_checks(person)
    hr = factories.UserFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def place_one(person):
        barrier.wait()
        try:
            assignment_create(
                staff=person,
                site=site,
                contract=world_contract,
                start=DECEMBER,
                by=hr,
                today=STAFFING_DAY,
            )
            outcomes.append("placed")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=place_one, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["placed", "refused"]
    assert Assignment.objects.filter(contract=world_contract).count() == 1
