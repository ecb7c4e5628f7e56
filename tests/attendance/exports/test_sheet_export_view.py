"""attendance:sheet_export and attendance:sheet_pdf: the site's month as XLSX at once or as a PDF
made in the background, for the people the user may see."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from attendance.exports.files import DEDUCTION_AMOUNT
from attendance.models import MonthClose, MonthStatus
from onsite.exports.models import ExportJob, ExportStatus
from onsite.roles import Role
from tests import factories
from tests.dates import OCTOBER
from tests.pdf import pdf_embedded_fonts, pdf_text


def url(site, fmt, month="2026-10"):
    return reverse("attendance:sheet_export", args=[site.pk, month, fmt])


@pytest.fixture
def pdf_of(django_capture_on_commit_callbacks):
    """The sheet's PDF as the person gets it: the PDF button, the job run (eagerly, once the
    request commits), then the download its page offers."""

    def get(client, site, month="2026-10") -> bytes:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("attendance:sheet_pdf", args=[site.pk, month]))
        assert response.status_code == 302
        job = ExportJob.objects.latest("pk")
        assert response["Location"] == reverse("exports:detail", args=[job.pk])
        assert job.status == ExportStatus.DONE, job.error
        download = client.get(reverse("exports:download", args=[job.pk]))
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        return b"".join(download.streaming_content)

    return get


def workbook_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def header_and_row(rows, staff_no):
    header = rows[2]
    (row,) = [r for r in rows[3:] if r[0] == staff_no]
    return header, dict(zip(header, row, strict=True))


@pytest.fixture
def supervisor_b(world):
    user = factories.UserFactory(username="supervisor_b")
    factories.RoleGrantFactory(user=user, role=Role.SUPERVISOR, site=world.site_b)
    return user


def test_the_xlsx_has_the_title_chinese_headers_and_the_persons_numbers(client, october):
    client.force_login(october.hr)
    response = client.get(url(october.site_a, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = workbook_rows(response)
    assert "甲机房" in rows[0][0] and "2026年10月" in rows[0][0]
    header, row = header_and_row(rows, october.person_a.staff_no)
    assert header[:2] == ("工号", "姓名")
    assert row["姓名"] == "张三"
    values = list(row.values())
    # Scheduled, present, late count and minutes, early count and minutes, absent, leave: numbers.
    assert values[2:10] == [5, 3.5, 2, 36, 1, 30, 1, 0.5]
    assert values[12] == 20  # fine: the third occurrence
    assert values[11] == "否" and values[14] == "否"


def test_the_xlsx_freezes_the_header_and_the_names(client, october):
    client.force_login(october.hr)
    sheet = load_workbook(io.BytesIO(client.get(url(october.site_a, "xlsx")).content)).active
    assert sheet.freeze_panes == "C4"
    assert sheet.cell(row=3, column=1).font.bold


def test_the_file_name_names_the_site_code_and_month(english, october):
    english.force_login(october.hr)
    response = english.get(url(october.site_a, "xlsx"))
    assert quote("-A-2026-10.xlsx") in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


def test_hr_sees_the_deduction_amount_and_a_supervisor_does_not(client, october):
    client.force_login(october.hr)
    rows = workbook_rows(client.get(url(october.site_a, "xlsx")))
    header, row = header_and_row(rows, october.person_a.staff_no)
    assert header[-2] == str(DEDUCTION_AMOUNT.label)
    assert row[header[-2]] == 500.0
    assert "6000" in row[header[-1]]  # the rule names the salary
    client.force_login(october.supervisor_a)
    rows = workbook_rows(client.get(url(october.site_a, "xlsx")))
    header, row = header_and_row(rows, october.person_a.staff_no)
    assert len(header) == 15 + 8 + 3 + 1  # no deduction amount
    assert 500.0 not in row.values()
    assert not any("6000" in str(value) for value in row.values())


def test_the_pdf_prints_the_title_the_person_and_the_rules(english, october, pdf_of):
    english.force_login(october.hr)
    text = pdf_text(pdf_of(english, october.site_a))
    assert "甲机房 — October 2026 attendance sheet" in text
    for expected in ("张三", october.person_a.staff_no, "Open", "500.00"):
        assert expected in text, expected
    # The fine's rule under the table.
    assert "3 late or early occurrences" in text


def test_the_pdf_embeds_a_cjk_font(client, october, pdf_of):
    client.force_login(october.supervisor_a)
    fonts = pdf_embedded_fonts(pdf_of(client, october.site_a))
    assert any("CJK" in name for name in fonts), fonts


def test_a_supervisors_pdf_leaves_the_salary_out(english, october, pdf_of):
    english.force_login(october.supervisor_a)
    text = pdf_text(pdf_of(english, october.site_a))
    assert "张三" in text
    assert "500.00" not in text and "6000" not in text


def test_the_pdf_is_no_longer_rendered_inside_the_request(client, october):
    client.force_login(october.hr)
    assert client.get(url(october.site_a, "pdf")).status_code == 404


def test_sending_the_pdf_form_twice_makes_one_job(client, october):
    client.force_login(october.hr)
    pdf = reverse("attendance:sheet_pdf", args=[october.site_a.pk, "2026-10"])
    first, second = client.post(pdf), client.post(pdf)
    (job,) = ExportJob.objects.all()
    assert first["Location"] == second["Location"] == reverse("exports:detail", args=[job.pk])
    assert (job.requested_by, job.params) == (
        october.hr,
        {"site": october.site_a.pk, "month": "2026-10"},
    )
    assert client.get(pdf).status_code == 405  # asking is a POST


def test_the_jobs_page_leads_back_to_the_sheet_while_it_is_in_scope(client, october):
    client.force_login(october.supervisor_a)
    response = client.post(reverse("attendance:sheet_pdf", args=[october.site_a.pk, "2026-10"]))
    sheet = reverse("attendance:sheet", args=[october.site_a.pk, "2026-10"])
    assert f'href="{sheet}"' in client.get(response["Location"]).content.decode()
    october.supervisor_a.role_grants.all().delete()
    october.supervisor_a = type(october.supervisor_a).objects.get(pk=october.supervisor_a.pk)
    client.force_login(october.supervisor_a)
    assert f'href="{sheet}"' not in client.get(response["Location"]).content.decode()


def test_a_closed_month_says_so(english, october, pdf_of):
    MonthClose.objects.create(site=october.site_a, month=OCTOBER, status=MonthStatus.CLOSED)
    english.force_login(october.hr)
    assert "Closed" in pdf_text(pdf_of(english, october.site_a))
    rows = workbook_rows(english.get(url(october.site_a, "xlsx")))
    assert "Closed" in rows[1][0]


def test_an_open_months_deductions_are_marked_provisional(english, october, pdf_of):
    english.force_login(october.hr)
    rows = workbook_rows(english.get(url(october.site_a, "xlsx")))
    assert "provisional until the month is closed" in rows[1][0]
    header, row = header_and_row(rows, october.person_a.staff_no)
    assert "6000 ÷ 18 scheduled days of the month" in row[header[-1]]
    assert "provisional" in pdf_text(pdf_of(english, october.site_a))
    MonthClose.objects.create(site=october.site_a, month=OCTOBER, status=MonthStatus.CLOSED)
    rows = workbook_rows(english.get(url(october.site_a, "xlsx")))
    assert "provisional" not in rows[1][0]


def test_a_supervisor_of_site_a_cannot_export_site_b(client, world, supervisor_b):
    client.force_login(world.supervisor_a)
    assert client.get(url(world.site_b, "xlsx")).status_code == 404
    assert (
        client.post(reverse("attendance:sheet_pdf", args=[world.site_b.pk, "2026-10"])).status_code
        == 404
    )
    client.force_login(supervisor_b)
    assert client.get(url(world.site_b, "xlsx")).status_code == 200
    assert client.get(url(world.site_a, "xlsx")).status_code == 404


def test_staff_and_finance_are_refused(client, world):
    for user in (world.staff_a, world.finance, world.client_a):
        client.force_login(user)
        assert client.get(url(world.site_a, "xlsx")).status_code == 403, user
        pdf = reverse("attendance:sheet_pdf", args=[world.site_a.pk, "2026-10"])
        assert client.post(pdf).status_code == 403, user
    assert not ExportJob.objects.exists()


def test_an_unknown_format_or_a_malformed_month_is_not_found(client, world):
    client.force_login(world.hr)
    assert client.get(url(world.site_a, "csv")).status_code == 404
    assert client.get(url(world.site_a, "docx")).status_code == 404
    assert client.get(url(world.site_a, "xlsx", month="2026-13")).status_code == 404
    # No URL is built for a month that is not YYYY-MM; typed by hand it is not found.
    path = url(world.site_a, "xlsx").replace("2026-10", "october")
    assert client.get(path).status_code == 404


def test_a_manager_gets_the_rows_without_amounts(client, october):
    client.force_login(october.manager)
    rows = workbook_rows(client.get(url(october.site_a, "xlsx")))
    header, row = header_and_row(rows, october.person_a.staff_no)
    assert row["姓名"] == "张三"
    assert len(header) == 27  # SPEC columns, leave kinds, overtime categories, rules
