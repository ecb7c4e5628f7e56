import datetime

import pytest
from django.utils import timezone

from attendance import tasks
from attendance.models import Day, Punch, PunchSource
from attendance.selectors.calendar import WorkCalendar
from attendance.services.days import days_recompute
from onsite.models import PolicySetting
from onsite.policy import policy_for, policy_set
from onsite.transitions import Refused
from tests import factories


def test_a_company_value_is_used_at_its_sites(world):
    policy_set(key="late_grace_minutes", value=10, company=world.company, by=world.hr)
    assert policy_for(company=world.company, site=world.site_a).late_grace_minutes == 10
    row = PolicySetting.objects.get(company=world.company, key="late_grace_minutes")
    assert row.history.first().history_user == world.hr


def test_a_site_override_wins_over_the_company(world):
    policy_set(key="fine_per_occurrence", value=30, company=world.company, by=world.hr)
    policy_set(key="fine_per_occurrence", value=50, site=world.site_a, by=world.hr)
    assert policy_for(company=world.company, site=world.site_a).fine_per_occurrence == 50
    assert policy_for(company=world.company, site=world.site_b).fine_per_occurrence == 30


def test_clearing_falls_back_to_the_company_then_the_default(world):
    policy_set(key="dismissal_absent_days", value=5, company=world.company, by=world.hr)
    policy_set(key="dismissal_absent_days", value=4, site=world.site_a, by=world.hr)
    assert (
        policy_set(key="dismissal_absent_days", value=None, site=world.site_a, by=world.hr) is None
    )
    assert policy_for(company=world.company, site=world.site_a).dismissal_absent_days == 5
    policy_set(key="dismissal_absent_days", value=None, company=world.company, by=world.hr)
    assert policy_for(company=world.company, site=world.site_a).dismissal_absent_days == 3
    deleted = PolicySetting.history.filter(history_type="-").order_by("history_date")
    assert [h.history_user for h in deleted] == [world.hr, world.hr]


def test_setting_the_same_value_again_writes_no_history(world):
    policy_set(key="explanation_late_minutes", value=120, company=world.company, by=world.hr)
    policy_set(key="explanation_late_minutes", value=120, company=world.company, by=world.hr)
    assert PolicySetting.history.filter(key="explanation_late_minutes").count() == 1


@pytest.mark.parametrize("value", [-1, 1.5, "15", True, 100_000_000])
def test_only_whole_numbers_from_zero_are_accepted(world, value):
    with pytest.raises(Refused, match="whole number"):
        policy_set(key="late_grace_minutes", value=value, company=world.company, by=world.hr)
    assert not PolicySetting.objects.exists()


def test_zero_is_a_value(world):
    policy_set(key="fine_free_occurrences", value=0, company=world.company, by=world.hr)
    assert policy_for(company=world.company).fine_free_occurrences == 0


def test_an_unknown_key_is_refused(world):
    with pytest.raises(Refused):
        policy_set(key="coffee_breaks", value=3, company=world.company, by=world.hr)


def test_a_company_or_a_site_not_both(world):
    with pytest.raises(ValueError):
        policy_set(
            key="late_grace_minutes", value=3, company=world.company, site=world.site_a, by=world.hr
        )


def last_working_day_before_today(site) -> datetime.date:
    day = timezone.localdate() - datetime.timedelta(days=1)
    calendar = WorkCalendar(start=day - datetime.timedelta(days=20), end=day, site_ids=[site.pk])
    while not calendar.is_working(day, site.pk):
        day -= datetime.timedelta(days=1)
    return day


def test_a_grace_change_judges_the_open_months_again(world, django_capture_on_commit_callbacks):
    day = last_working_day_before_today(world.site_a)
    zone = timezone.get_current_timezone()
    for at in (datetime.time(8, 50), datetime.time(17, 40)):
        Punch.objects.create(
            staff=world.person_a,
            site=world.site_a,
            at=datetime.datetime.combine(day, at, zone),
            source=PunchSource.MANUAL,
        )
    policy_set(key="late_grace_minutes", value=30, site=world.site_a, by=world.hr)
    days_recompute(start=day, end=day, staff_ids=[world.person_a.pk])
    assert not Day.objects.get(staff=world.person_a, date=day).is_late
    with django_capture_on_commit_callbacks(execute=True):
        policy_set(key="late_grace_minutes", value=15, site=world.site_a, by=world.hr)
    assert Day.objects.get(staff=world.person_a, date=day).is_late


def test_a_company_change_judges_this_and_last_month_at_the_companys_sites(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    other = factories.SiteFactory()
    factories.ContractFactory(sites=[other])
    calls = []
    monkeypatch.setattr(tasks.days_recompute_task, "delay", lambda *args: calls.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        policy_set(key="absent_threshold_minutes", value=90, company=world.company, by=world.hr)
    ((start, end, _staff_ids, site_ids),) = calls
    assert sorted(site_ids) == sorted([world.site_a.pk, world.site_b.pk])
    today = timezone.localdate()
    assert end == today.isoformat()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    assert start == last_month.isoformat()


def test_other_keys_judge_nothing_again(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        policy_set(key="fine_per_occurrence", value=25, company=world.company, by=world.hr)
    assert callbacks == []
