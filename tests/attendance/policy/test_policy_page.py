import html

import pytest
from django.urls import reverse

from attendance.services.policy import policy_set
from onsite.models import PolicySetting
from onsite.policy import POLICIES
from onsite.roles import Role
from tests import factories

URL = reverse("attendance:policy")


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def row_of(text: str, key: str) -> str:
    start = text.index(f'data-key="{key}"')
    return text[start : text.index("list-group-item", start)]


def test_hr_sees_every_policy_with_its_default_and_spec_rule(client, world):
    policy_set(key="late_grace_minutes", value=10, company=world.company, by=world.hr)
    policy_set(key="late_grace_minutes", value=20, site=world.site_b, by=world.hr)
    client.force_login(world.hr)
    text = text_of(client.get(URL))
    for key, rule in POLICIES.items():
        assert f'data-key="{key}"' in text
        assert f"Feeds the rule of SPEC {rule.source} · default {rule.default}" in text
    grace = row_of(text, "late_grace_minutes")
    assert 'value="10"' in grace
    assert "乙中心</a> 20" in grace
    assert "SPEC §6" in row_of(text, "fine_per_occurrence")


def test_hr_sets_and_clears_the_company_value(client, world):
    client.force_login(world.hr)
    response = client.post(URL, {"key": "fine_per_occurrence", "value": "30", "scope": "company"})
    assert response.status_code == 302
    assert PolicySetting.objects.get(company=world.company, key="fine_per_occurrence").value == 30
    assert "set to 30" in text_of(client.get(response.url))
    client.post(
        URL, {"key": "fine_per_occurrence", "value": "30", "scope": "company", "clear": "1"}
    )
    assert not PolicySetting.objects.filter(key="fine_per_occurrence").exists()


def test_hr_sets_a_site_override(client, world):
    client.force_login(world.hr)
    page = f"{URL}?site={world.site_a.pk}"
    text = text_of(client.get(page))
    assert 'id="s-late_grace_minutes"' in text
    response = client.post(page, {"key": "late_grace_minutes", "value": "5", "scope": "site"})
    assert response.url == page
    assert PolicySetting.objects.get(site=world.site_a, key="late_grace_minutes").value == 5
    assert not PolicySetting.objects.filter(company__isnull=False).exists()
    assert "In effect at this site: 5" in text_of(client.get(page))


@pytest.mark.parametrize("value", ["-5", "2.5", "abc", ""])
def test_a_value_that_is_not_a_whole_number_from_zero_is_refused(client, world, value):
    client.force_login(world.hr)
    response = client.post(URL, {"key": "late_grace_minutes", "value": value, "scope": "company"})
    assert response.status_code == 200
    assert not PolicySetting.objects.exists()
    grace = row_of(text_of(response), "late_grace_minutes")
    assert "is-invalid" in grace
    assert "Enter a" in grace


@pytest.fixture
def other_site(world):
    site = factories.SiteFactory(code="X", name="他司机房")
    factories.ContractFactory(sites=[site])
    return site


def test_a_site_outside_the_hr_admins_companies_is_not_found(client, world, other_site):
    client.force_login(world.hr)
    page = f"{URL}?site={other_site.pk}"
    assert client.get(page).status_code == 404
    response = client.post(page, {"key": "late_grace_minutes", "value": "1", "scope": "site"})
    assert response.status_code == 404
    assert not PolicySetting.objects.exists()


def test_a_company_the_admin_does_not_administer_is_not_found(client, world, other_site):
    client.force_login(world.hr)
    other = other_site.contracts.get().company
    assert client.get(URL, {"company": other.pk}).status_code == 404


def test_an_admin_of_two_companies_picks_one(client, world, other_site):
    other = other_site.contracts.get().company
    factories.RoleGrantFactory(user=world.hr, role=Role.HR_ADMIN, company=other)
    client.force_login(world.hr)
    text = text_of(client.get(URL, {"company": other.pk}))
    assert 'id="company"' in text
    assert "他司机房" in text and "甲机房" not in text
    client.post(
        f"{URL}?company={other.pk}",
        {"key": "late_grace_minutes", "value": "7", "scope": "company"},
    )
    assert PolicySetting.objects.get().company == other


def test_a_supervisor_may_not_open_it(client, world):
    client.force_login(world.supervisor_a)
    assert client.get(URL).status_code == 403
