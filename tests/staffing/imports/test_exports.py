import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from onsite.importkinds import import_kinds
from tests import factories


def sheet_rows(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


# Every registered kind, the apps' above staffing too (their rows come with the kind).
@pytest.mark.parametrize("kind", [kind.key for kind in import_kinds()])
def test_each_template_has_chinese_headers_and_an_example_row(client, world, kind):
    client.force_login(world.hr)
    rows = sheet_rows(client.get(reverse("staffing:import_template", args=[kind])))
    assert len(rows) == 2
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in header) for header in rows[0])
    assert any(rows[1])


def test_the_staff_template_example_names_the_hr_admins_company(client, world):
    client.force_login(world.hr)
    rows = sheet_rows(client.get(reverse("staffing:import_template", args=["staff"])))
    assert rows[0][:4] == ["工号", "姓名", "性别", "出生日期"]
    assert "恒信技术服务" in rows[1]


def test_a_filled_in_template_imports(client, world, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from staffing.imports.services import import_file

    client.force_login(world.hr)
    response = client.get(reverse("staffing:import_template", args=["staff"]))
    upload = SimpleUploadedFile("template.xlsx", response.content)
    report = import_file(kind="staff", file=upload, user=world.hr, dry_run=True, skip_invalid=False)
    assert (report.new, report.errors) == (1, [])


def test_an_unknown_template_kind_is_404(client, world):
    client.force_login(world.hr)
    assert client.get(reverse("staffing:import_template", args=["overtime"])).status_code == 404


def roster(client, user, **params) -> dict[str, dict]:
    client.force_login(user)
    rows = sheet_rows(client.get(reverse("staffing:roster_export"), params))
    header = rows[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def test_roster_masks_id_numbers_for_a_supervisor_and_shows_only_their_site(client, world):
    people = roster(client, world.supervisor_a, full_ids="1")
    assert list(people) == [world.person_a.staff_no]
    assert people[world.person_a.staff_no]["身份证号"] == "110***********1233"
    assert people[world.person_a.staff_no]["月薪"] in ("", None)


def test_roster_masks_id_numbers_for_hr_unless_asked(client, world):
    people = roster(client, world.hr)
    assert people[world.person_a.staff_no]["身份证号"] == "110***********1233"
    assert people[world.person_a.staff_no]["今日驻场地点"] == "甲机房"
    assert len(people) == 2


def test_roster_gives_hr_full_id_numbers_of_their_own_companies_staff_only(client, world):
    factories.RoleGrantFactory(user=world.hr, role="supervisor", site=world.site_a)
    stranger = factories.StaffFactory(
        staff_no="X-1", id_number="110101199003075672", birth_date=world.person_a.birth_date
    )
    factories.AssignmentFactory(staff=stranger, site=world.site_a)
    people = roster(client, world.hr, full_ids="1")
    assert people[world.person_a.staff_no]["身份证号"] == "110101199003071233"
    assert people["X-1"]["身份证号"] == "110***********5672"


def test_a_manager_exports_the_roster_masked(client, world):
    people = roster(client, world.manager, full_ids="1")
    assert people[world.person_a.staff_no]["身份证号"] == "110***********1233"


def test_roster_export_queries_do_not_grow_with_the_staff(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    url = reverse("staffing:roster_export")
    client.get(url)
    with django_assert_num_queries(5) as first:
        client.get(url)
    factories.StaffFactory.create_batch(20, company=world.company)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)
