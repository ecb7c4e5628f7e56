"""An HR admin's day (issue: staffing): upload a roster with a bad row, read the error, fix the
file, import it, place a new person and take them through onboarding; then the supervisor of
site A sees only site A's people."""

from __future__ import annotations

from playwright.sync_api import expect

from onsite.org.models import Assignment, Staff
from tests.browser.conftest import PHONE, login, screenshot, url

HEADER = "工号,姓名,性别,出生日期,身份证号,手机号,外包公司,岗位,月薪,已审查\n"
GOOD = "H100,周敏,女,1949-12-31,11010519491231002X,13800138000,恒信技术服务,运维工程师,6500,是\n"
# The check digit of this ID number should be 3.
BAD = "H101,吴刚,男,1990-03-07,110101199003071239,13900139000,恒信技术服务,运维工程师,6800,是\n"
# 31010419900307123X is a valid number for the same birth date.
FIXED = BAD.replace("110101199003071239", "31010419900307123X")


def upload(page, live_server, path):
    page.goto(url(live_server, "staffing:import_upload"))
    page.select_option("#id_kind", "staff")
    page.set_input_files("#id_file", str(path))
    page.locator("[data-testid=upload-form] button").click()


def test_hr_imports_a_roster_places_and_onboards_a_person(
    new_page, live_server, live_world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = new_page(PHONE)
    login(page, live_server, "hr")

    roster = tmp_path / "花名册.csv"
    roster.write_text(HEADER + GOOD + BAD, encoding="utf-8-sig")
    upload(page, live_server, roster)
    errors = page.locator("[data-testid=errors] tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("3")
    expect(errors.first).to_contain_text("身份证号")
    expect(errors.first).to_contain_text("校验码")
    screenshot(page, "journey-roster-error")
    assert not Staff.objects.filter(staff_no__in=["H100", "H101"]).exists()

    roster.write_text(HEADER + GOOD + FIXED, encoding="utf-8-sig")
    upload(page, live_server, roster)
    expect(page.locator("[data-testid=errors]")).to_have_count(0)
    page.locator("[data-testid=confirm]").click()
    expect(page.locator("[data-testid=outcome]")).to_contain_text("新增 2 条")
    newcomer = Staff.objects.get(staff_no="H100")
    assert newcomer.status == "qualified"

    page.goto(url(live_server, "staffing:assignment_new", newcomer.pk))
    page.select_option("#id_site", str(live_world.site_a.pk))
    page.select_option("#id_contract", index=1)
    page.fill("#id_start", "2026-12-01")
    page.locator("[data-testid=assignment-form] button.btn-primary").click()
    expect(page.locator(".alert-success")).to_contain_text("周敏自 2026-12-01 起派驻到甲机房")
    placement = Assignment.objects.get(staff=newcomer)

    page.goto(url(live_server, "staffing:onboarding_detail", placement.pk))
    while page.locator("[data-done=no] form button").count():
        page.locator("[data-done=no] form button").first.click()
        page.wait_for_load_state()
    expect(page.locator("[data-testid=progress]")).to_have_text("全部完成")
    screenshot(page, "journey-onboarding-complete")

    supervisor = new_page(PHONE)
    login(supervisor, live_server, "supervisor_a")
    supervisor.goto(url(live_server, "staffing:staff_list"))
    table = supervisor.locator("[data-testid=staff-table]")
    expect(table).to_contain_text("张三")
    expect(table).to_contain_text("周敏")
    expect(table).not_to_contain_text("李四")
    expect(table).not_to_contain_text("吴刚")
    screenshot(supervisor, "journey-supervisor-list")
