import pytest
from django.urls import reverse

from onsite.models import PolicySetting
from onsite.policy import POLICIES, policy_for


def test_without_settings_every_policy_is_the_spec_default(world):
    policy = policy_for(company=world.company, site=world.site_a)
    assert policy.change_notice_days == 30
    assert policy.rotation_months == 12
    assert policy.rotation_min_months == 6
    assert policy.qualification_reminder_days == 30
    assert policy.minimum_age == 16
    assert {key: policy[key] for key in POLICIES} == {k: p.default for k, p in POLICIES.items()}


def test_company_setting_overrides_default_and_site_setting_overrides_company(world):
    PolicySetting.objects.create(company=world.company, key="change_notice_days", value=45)
    assert policy_for(company=world.company).change_notice_days == 45
    PolicySetting.objects.create(site=world.site_a, key="change_notice_days", value=20)
    assert policy_for(company=world.company, site=world.site_a).change_notice_days == 20
    assert policy_for(company=world.company, site=world.site_b).change_notice_days == 45


def test_reading_all_policies_costs_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        policy = policy_for(company=world.company, site=world.site_a)
    with django_assert_num_queries(0):
        assert policy.minimum_age == 16


def test_unknown_policy_is_an_error_not_a_silent_default(world):
    with pytest.raises(AttributeError):
        _ = policy_for(company=world.company).no_such_policy


def test_hr_admin_edits_their_company_policy_in_the_back_office(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("admin:onsite_policysetting_add"),
        {"key": "rotation_months", "value": "18", "company": world.company.pk, "site": ""},
    )
    assert response.status_code == 302
    assert policy_for(company=world.company).rotation_months == 18
