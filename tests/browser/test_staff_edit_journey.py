"""HR edits a staff record in Chinese (the default) and saves it unchanged: every field, the dates
above all, comes back as it was. The date fields once showed empty in Chinese (the form wrote
1986/07/24, which the browser's date field cannot read) and saving cleared the employment start."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.forms.models import model_to_dict
from playwright.sync_api import expect

from onsite.org.models import Staff
from tests import factories
from tests.browser.conftest import login, screenshot, url

FIELDS = [
    "company",
    "staff_no",
    "name",
    "gender",
    "birth_date",
    "nationality",
    "id_number",
    "phone",
    "email",
    "education",
    "employment_start",
    "department",
    "position",
    "monthly_salary",
    "career_start",
    "status",
    "user",
]


def test_hr_saves_a_staff_record_in_chinese_and_every_field_stays_as_it_was(
    page, live_server, live_world
):
    person = live_world.person_a
    person.employment_start = datetime.date(2019, 7, 24)
    person.career_start = datetime.date(2012, 9, 1)
    person.phone = "13800138000"
    person.email = "zhangsan@example.com"
    person.education = "本科"
    person.monthly_salary = Decimal("12500.00")
    person.department = factories.DepartmentFactory(company=live_world.company, name="运维部")
    person.position = live_world.person_a.assignments.first().position
    person.save()
    before = model_to_dict(Staff.objects.get(pk=person.pk), fields=FIELDS)

    login(page, live_server, "hr")
    page.goto(url(live_server, "staffing:staff_edit", person.pk))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    # What the browser's date fields show is what they send back.
    expect(page.locator("#id_birth_date")).to_have_value("1990-03-07")
    expect(page.locator("#id_employment_start")).to_have_value("2019-07-24")
    screenshot(page, "staff-edit-zh")
    page.locator("form button.btn-primary").click()

    expect(page.locator(".alert-success")).to_contain_text("已保存")
    assert model_to_dict(Staff.objects.get(pk=person.pk), fields=FIELDS) == before
