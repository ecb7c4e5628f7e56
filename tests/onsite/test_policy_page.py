"""The policy page: grouped by area in plain Chinese, one form per area, back to what a number
inherits, only for the HR admin of the company (and superusers), bad input refused per field."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from onsite.models import PolicySetting
from onsite.policy import AREAS, POLICIES, policy_for, policy_set
from onsite.roles import Role
from tests import factories
from tests.onsite.test_policy_types import typed  # noqa: F401 (a key of each type)

URL = reverse("policy")


def visible(response) -> str:
    """The words a reader sees in the page's main part."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def section(response, area: str) -> str:
    page = html.unescape(response.content.decode())
    start = page.index(f'id="area-{area}"')
    return page[start : page.index("</section>", start)]


def area_data(area: str, values: dict | None = None, policy=None) -> dict:
    """The area's form as the page fills it (the values in effect), with `values` typed over."""
    values = values or {}
    data = {"area": area}
    for key, rule in POLICIES.items():
        if rule.area != area:
            continue
        value = values[key] if key in values else (policy[key] if policy else rule.default)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, datetime.time):
            value = value.strftime("%H:%M")
        data[key] = str(value)
    return data


def test_the_page_groups_every_number_by_area_in_plain_words(client, world):
    client.force_login(world.hr)
    response = client.get(URL)
    text = visible(response)
    headings = [str(AREAS[a].label) for a in ("staffing", "attendance", "leave", "overtime")]
    assert headings == ["人员与派驻", "考勤", "请假", "加班"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    attendance = section(response, "attendance")
    assert "迟到早退宽限" in attendance
    assert "晚到或早走超过这么多分钟，才算迟到或早退。" in attendance
    assert "分钟" in attendance and "默认" in attendance
    assert "每次迟到早退罚款" in attendance and "元" in attendance
    # One form and one save button per area, not one per number.
    assert attendance.count("<form") == 1
    assert attendance.count("保存考勤设置") == 1


def test_the_page_never_shows_a_code_key_or_a_spec_reference(client, world):
    policy_set(key="late_grace_minutes", value=10, company=world.company, by=world.hr)
    client.force_login(world.hr)
    for page in (URL, f"{URL}?site={world.site_a.pk}"):
        text = visible(client.get(page))
        assert "SPEC" not in text and "§" not in text
        for key in POLICIES:
            assert key not in text


def test_each_number_says_whether_the_default_the_company_or_the_site_set_it(client, world):
    policy_set(key="late_grace_minutes", value=10, company=world.company, by=world.hr)
    policy_set(key="absent_threshold_minutes", value=90, site=world.site_a, by=world.hr)
    client.force_login(world.hr)
    company_page = section(client.get(URL), "attendance")
    assert re.search(r'data-level="company">公司设定.*?默认 15 分钟', company_page, re.S)
    assert "单独设定的工地：" in company_page and "甲机房</a> 90" in company_page
    site_page = section(client.get(URL, {"site": world.site_a.pk}), "attendance")
    levels = re.findall(r'data-level="(\w+)"', site_page)
    keys = [k for k, rule in POLICIES.items() if rule.area == "attendance"]
    assert levels[keys.index("late_grace_minutes")] == "company"
    assert levels[keys.index("absent_threshold_minutes")] == "site"
    assert levels[keys.index("fine_per_occurrence")] == "default"
    assert 'value="10"' in site_page and 'value="90"' in site_page


def test_saving_an_area_sets_only_the_numbers_that_changed(client, world):
    client.force_login(world.hr)
    data = area_data(
        "attendance", {"late_grace_minutes": 10, "fine_per_occurrence": Decimal("37.50")}
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response.url == f"{URL}#area-attendance"
    rows = PolicySetting.objects.order_by("key")
    assert [(r.key, r.value, r.company, r.site) for r in rows] == [
        ("fine_per_occurrence", Decimal("37.50"), world.company, None),
        ("late_grace_minutes", Decimal("10.00"), world.company, None),
    ]
    policy = policy_for(company=world.company, site=world.site_a)
    assert policy.fine_per_occurrence == Decimal("37.50")
    assert rows[0].history.get().history_user == world.hr
    text = visible(client.get(URL))
    assert "已保存：迟到早退宽限、每次迟到早退罚款。" in text
    assert 'value="37.50"' in section(client.get(URL), "attendance")


def test_saving_an_unchanged_area_pins_nothing(client, world):
    client.force_login(world.hr)
    client.post(URL, area_data("leave"))
    assert not PolicySetting.objects.exists()
    assert "没有改动。" in visible(client.get(URL))


def test_a_site_sets_its_own_number(client, world):
    policy_set(key="overtime_day_cap_hours", value=4, company=world.company, by=world.hr)
    client.force_login(world.hr)
    page = f"{URL}?company={world.company.pk}&site={world.site_b.pk}"
    policy = policy_for(company=world.company, site=world.site_b)
    response = client.post(page, area_data("overtime", {"overtime_month_cap_hours": 30}, policy))
    assert response.url == f"{page}#area-overtime"
    assert PolicySetting.objects.get(site=world.site_b).key == "overtime_month_cap_hours"
    assert policy_for(company=world.company, site=world.site_b).overtime_month_cap_hours == 30
    assert policy_for(company=world.company, site=world.site_a).overtime_month_cap_hours == 36
    # The company's own value is still the company's, not copied onto the site.
    assert not PolicySetting.objects.filter(site=world.site_b, key="overtime_day_cap_hours")


def test_a_number_goes_back_to_the_default_for_the_company(client, world):
    policy_set(key="late_grace_minutes", value=10, company=world.company, by=world.hr)
    policy_set(key="fine_free_occurrences", value=0, company=world.company, by=world.hr)
    client.force_login(world.hr)
    assert "恢复默认（15）" in section(client.get(URL), "attendance")
    response = client.post(URL, {"reset": "late_grace_minutes"})
    assert response.url == f"{URL}#area-attendance"
    assert policy_for(company=world.company).late_grace_minutes == 15
    assert policy_for(company=world.company).fine_free_occurrences == 0
    assert "迟到早退宽限已恢复为 15。" in visible(client.get(URL))
    deleted = PolicySetting.history.get(history_type="-")
    assert deleted.history_user == world.hr


def test_a_site_number_goes_back_to_the_companys(client, world):
    policy_set(key="late_grace_minutes", value=10, company=world.company, by=world.hr)
    policy_set(key="late_grace_minutes", value=5, site=world.site_a, by=world.hr)
    client.force_login(world.hr)
    page = f"{URL}?site={world.site_a.pk}"
    assert "改用公司的值（10）" in section(client.get(page), "attendance")
    client.post(page, {"reset": "late_grace_minutes"})
    assert policy_for(company=world.company, site=world.site_a).late_grace_minutes == 10
    assert PolicySetting.objects.get().company == world.company


@pytest.mark.parametrize(
    "key,value,message",
    [
        ("late_grace_minutes", "241", "请输入 0 至 240 之间的整数。"),
        ("late_grace_minutes", "-1", "请输入 0 至 240 之间的整数。"),
        ("late_grace_minutes", "2.5", "请输入 0 至 240 之间的整数。"),
        ("late_grace_minutes", "", "请输入 0 至 240 之间的整数。"),
        ("fine_per_occurrence", "1.005", "请输入 0.00 至 10000.00 之间的金额，最多两位小数。"),
        ("fine_per_occurrence", "abc", "请输入 0.00 至 10000.00 之间的金额，最多两位小数。"),
        ("fine_per_occurrence", "1e9", "请输入 0.00 至 10000.00 之间的金额，最多两位小数。"),
    ],
)
def test_bad_input_is_refused_per_field_and_changes_nothing(client, world, key, value, message):
    client.force_login(world.hr)
    data = area_data("attendance", {"dismissal_absent_days": 5})
    data[key] = value
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not PolicySetting.objects.exists()
    assert "未保存：请改正标红的数字。" in visible(response)
    attendance = section(response, "attendance")
    assert attendance.count(message) == 1
    field = re.search(rf'<input[^>]*name="{key}"[^>]*>', attendance).group(0)
    assert "is-invalid" in field
    # What was typed stays in the box to be corrected.
    assert f'value="{value}"' in field or value == ""


def test_the_hr_admin_of_another_company_is_not_found(client, world):
    other = factories.CompanyFactory(name="远达外包")
    outsider_hr = factories.UserFactory()
    factories.RoleGrantFactory(user=outsider_hr, role=Role.HR_ADMIN, company=other)
    client.force_login(outsider_hr)
    assert client.get(URL).status_code == 200
    assert client.get(URL, {"company": world.company.pk}).status_code == 404
    assert client.get(URL, {"company": other.pk, "site": world.site_a.pk}).status_code == 404
    page = f"{URL}?company={world.company.pk}"
    assert client.post(page, area_data("attendance", {"late_grace_minutes": 1})).status_code == 404
    assert client.post(page, {"reset": "late_grace_minutes"}).status_code == 404
    assert not PolicySetting.objects.exists()


@pytest.mark.parametrize("role", ["supervisor_a", "manager", "finance", "staff_a", "outsider"])
def test_anyone_but_the_hr_admin_is_not_found(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 404
    assert client.post(URL, area_data("attendance", {"late_grace_minutes": 1})).status_code == 404
    assert not PolicySetting.objects.exists()


def test_a_site_without_a_contract_of_the_company_is_not_found(client, world):
    elsewhere = factories.SiteFactory(name="他司机房")
    factories.ContractFactory(sites=[elsewhere])
    client.force_login(world.hr)
    assert client.get(URL, {"site": elsewhere.pk}).status_code == 404
    assert client.get(URL, {"site": "abc"}).status_code == 404


def test_a_superuser_sets_any_companys_numbers(client, world):
    root = factories.UserFactory(is_superuser=True)
    client.force_login(root)
    page = f"{URL}?company={world.company.pk}"
    client.post(page, area_data("staffing", {"minimum_age": 18}))
    assert policy_for(company=world.company).minimum_age == 18


def test_an_admin_of_two_companies_chooses_one(client, world):
    other = factories.CompanyFactory(name="远达外包")
    factories.RoleGrantFactory(user=world.hr, role=Role.HR_ADMIN, company=other)
    client.force_login(world.hr)
    text = visible(client.get(URL, {"company": other.pk}))
    assert "远达外包" in text and "甲机房" not in text
    client.post(f"{URL}?company={other.pk}", area_data("staffing", {"rotation_months": 9}))
    assert PolicySetting.objects.get().company == other


def test_an_unknown_area_or_number_is_not_found(client, world):
    client.force_login(world.hr)
    assert client.post(URL, {"area": "coffee"}).status_code == 404
    assert client.post(URL, {"reset": "coffee_breaks"}).status_code == 404


def test_the_old_address_leads_to_the_page(client, world):
    client.force_login(world.hr)
    response = client.get(reverse("attendance:policy"), {"site": world.site_a.pk})
    assert response.status_code == 301
    assert response.url == f"{URL}?site={world.site_a.pk}"


def test_the_leave_group_links_to_the_leave_types(client, world):
    client.force_login(world.hr)
    leave = section(client.get(URL), "leave")
    assert f'href="{reverse("attendance:leave_types")}?company={world.company.pk}"' in leave


def test_every_type_is_entered_on_the_page(client, world, typed):  # noqa: F811 (the fixture)
    client.force_login(world.hr)
    response = client.get(URL)
    form = section(response, "typed_test")
    assert 'type="time"' in form and 'value="09:00"' in form
    assert 'type="radio"' in form and "Weekly" in form
    data = {
        "area": "typed_test",
        "t_count": "4",
        "t_cap": "12.30",
        "t_grace": "15",
        "t_days": "2",
        "t_start": "08:30",
        "t_remind": "yes",
        "t_period": "monthly",
    }
    assert client.post(URL, data).status_code == 302
    policy = policy_for(company=world.company)
    assert [policy.t_count, policy.t_cap, policy.t_start, policy.t_remind, policy.t_period] == [
        4,
        Decimal("12.30"),
        datetime.time(8, 30),
        True,
        "monthly",
    ]
    # Unchanged numbers stay unset.
    assert PolicySetting.objects.count() == 5
    response = client.post(URL, {**data, "t_start": "05:00", "t_remind": "maybe"})
    assert response.status_code == 200
    form = section(response, "typed_test")
    assert "请输入 06:00 至 23:59 之间的时间，例如 08:30。" in form
    assert "请选择是或否。" in form
    assert policy_for(company=world.company).t_start == datetime.time(8, 30)
