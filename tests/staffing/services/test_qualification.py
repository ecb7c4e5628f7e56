import datetime

import pytest

from onsite.models import Notification, PolicySetting
from onsite.org.models import StaffStatus
from onsite.transitions import TransitionError
from staffing.models import CheckStatus, Condition, QualificationCheck
from staffing.services import qualification
from tests import factories
from tests.dates import STAFFING_DAY


def pass_all(person, by, *, health_until=datetime.date(2027, 6, 30)):
    qualification.checks_ensure(staff=person)
    for check in person.checks.all():
        qualification.check_record(
            check=check,
            status=CheckStatus.PASSED,
            by=by,
            expires_on=health_until if check.condition == Condition.HEALTH else None,
            today=STAFFING_DAY,
        )


@pytest.fixture
def candidate(world):
    return factories.StaffFactory(company=world.company, status=StaffStatus.CANDIDATE)


def test_every_person_gets_one_pending_check_per_condition(candidate):
    qualification.checks_ensure(staff=candidate)
    qualification.checks_ensure(staff=candidate)
    assert sorted(candidate.checks.values_list("condition", flat=True)) == sorted(Condition.values)
    assert set(candidate.checks.values_list("status", flat=True)) == {CheckStatus.PENDING}


def test_missing_checks_are_named(candidate):
    qualification.checks_ensure(staff=candidate)
    missing = qualification.checks_missing(staff=candidate, on=STAFFING_DAY)
    assert "无犯罪记录及治安处罚" in missing
    assert len(missing) == 6


def test_passing_the_last_check_qualifies_a_candidate(world, candidate):
    pass_all(candidate, world.hr)
    candidate.refresh_from_db()
    assert candidate.status == StaffStatus.QUALIFIED
    assert qualification.checks_missing(staff=candidate, on=STAFFING_DAY) == []


def test_a_health_certificate_needs_an_expiry_date_in_the_future(world, candidate):
    qualification.checks_ensure(staff=candidate)
    health = candidate.checks.get(condition=Condition.HEALTH)
    with pytest.raises(TransitionError, match="健康证明须填写有效期"):
        qualification.check_record(check=health, status="passed", by=world.hr, today=STAFFING_DAY)
    with pytest.raises(TransitionError, match="有效期已过"):
        qualification.check_record(
            check=health, status="passed", by=world.hr, expires_on=STAFFING_DAY, today=STAFFING_DAY
        )


def test_a_check_expiring_after_the_start_counts_as_missing_on_the_start(world, candidate):
    pass_all(candidate, world.hr, health_until=datetime.date(2026, 12, 31))
    assert qualification.checks_missing(staff=candidate, on=datetime.date(2027, 1, 1)) == [
        "身体健康，能胜任岗位（健康证）"
    ]


def test_expiry_marks_the_check_and_tells_supervisor_and_hr_to_replace(world):
    person = world.person_a
    pass_all(person, world.hr, health_until=datetime.date(2026, 12, 1))
    assert qualification.checks_expire(today=datetime.date(2026, 12, 2)) == 1
    assert qualification.checks_expire(today=datetime.date(2026, 12, 2)) == 0
    health = person.checks.get(condition=Condition.HEALTH)
    assert health.status == CheckStatus.EXPIRED
    told = Notification.objects.filter(kind="qualification.replacement_needed")
    assert {n.recipient for n in told} == {world.hr, world.supervisor_a}
    assert "张三" in told.first().title


def test_a_failed_check_sends_a_qualified_person_back_to_candidate(world, candidate):
    pass_all(candidate, world.hr)
    check = candidate.checks.get(condition=Condition.NOT_DISHONEST)
    qualification.check_record(check=check, status="failed", by=world.hr, today=STAFFING_DAY)
    candidate.refresh_from_db()
    assert candidate.status == StaffStatus.CANDIDATE


def test_hr_is_reminded_once_thirty_days_before_expiry(world):
    pass_all(world.person_a, world.hr, health_until=datetime.date(2026, 12, 31))
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 11, 30)) == 0
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 1)) == 1
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 2)) == 0
    (reminder,) = Notification.objects.filter(kind="qualification.expiring")
    assert reminder.recipient == world.hr
    assert "2026-12-31" in reminder.title


def test_the_reminder_period_is_the_company_policy(world):
    PolicySetting.objects.create(company=world.company, key="qualification_reminder_days", value=60)
    pass_all(world.person_a, world.hr, health_until=datetime.date(2026, 12, 31))
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 11, 1)) == 1


def test_renewing_a_certificate_allows_a_new_reminder(world):
    pass_all(world.person_a, world.hr, health_until=datetime.date(2026, 12, 31))
    qualification.checks_remind_expiring(today=datetime.date(2026, 12, 10))
    health = QualificationCheck.objects.get(staff=world.person_a, condition=Condition.HEALTH)
    qualification.check_record(
        check=health,
        status="passed",
        by=world.hr,
        expires_on=datetime.date(2027, 12, 31),
        today=datetime.date(2026, 12, 10),
    )
    assert qualification.checks_remind_expiring(today=datetime.date(2027, 12, 5)) == 1


def test_a_refused_verdict_changes_nothing(world, candidate):
    qualification.checks_ensure(staff=candidate)
    check = candidate.checks.get(condition=Condition.AGE)
    with pytest.raises(TransitionError):
        qualification.check_record(check=check, status="expired", by=world.hr, today=STAFFING_DAY)
    check.refresh_from_db()
    assert check.status == CheckStatus.PENDING
    assert check.verified_by is None


def test_running_the_reminder_twice_on_one_day_reminds_hr_once(world):
    pass_all(world.person_a, world.hr, health_until=datetime.date(2026, 12, 31))
    assert qualification.qualification_daily(today=datetime.date(2026, 12, 1))["reminded"] == 1
    assert qualification.qualification_daily(today=datetime.date(2026, 12, 1))["reminded"] == 0
    assert Notification.objects.filter(kind="qualification.expiring").count() == 1


def test_a_run_after_downtime_reminds_of_what_came_due_meanwhile_once(world):
    pass_all(world.person_a, world.hr, health_until=datetime.date(2026, 12, 31))
    # No run between 1 and 9 December (server down): the first run afterwards catches up.
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 10)) == 1
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 11)) == 0
    assert Notification.objects.filter(kind="qualification.expiring").count() == 1
