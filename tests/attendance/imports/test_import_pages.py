"""The import pages with punch and leave files: upload → preview (nothing stored) → confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attendance.models import Leave, Punch, PunchSource
from tests.files import attlog_line
from tests.staffing.imports.test_exports import sheet_rows


def upload(client, name: str, data: bytes, *, kind="punches"):
    return client.post(
        reverse("staffing:import_upload"), {"kind": kind, "file": SimpleUploadedFile(name, data)}
    )


def token_of(response) -> str:
    return response.url.strip("/").split("/")[-1]


def test_the_upload_page_offers_punches_and_leave_with_their_templates(client, world):
    client.force_login(world.hr)
    text = client.get(reverse("staffing:import_upload")).content.decode()
    assert 'value="punches"' in text and 'value="leave"' in text
    assert reverse("staffing:import_template", args=["punches"]) in text
    assert "打卡时间" in text and "请假类型" in text


def test_a_punch_file_is_previewed_then_imported_on_confirmation(client, world):
    client.force_login(world.hr)
    no = world.person_a.staff_no
    response = upload(client, "punches.csv", f"工号,打卡时间\n{no},2026-10-12 08:29\n".encode())
    assert response.status_code == 302
    preview = client.get(response.url).content.decode()
    assert 'data-testid="count-new">1<' in preview
    assert not Punch.objects.exists()
    result = client.post(reverse("staffing:import_confirm", args=[token_of(response)]))
    assert Punch.objects.get().created_by == world.hr
    assert 'data-testid="count-new">1<' in client.get(result.url).content.decode()


def test_a_device_log_is_uploaded_previewed_and_imported(client, world):
    client.force_login(world.hr)
    line = attlog_line(world.person_a.staff_no, "2026-10-12 08:29:31")
    response = upload(client, "1_attlog.dat", (line + "\r\n").encode())
    assert response.status_code == 302
    assert 'data-testid="count-new">1<' in client.get(response.url).content.decode()
    client.post(reverse("staffing:import_confirm", args=[token_of(response)]))
    assert Punch.objects.values_list("source", "device").get() == (PunchSource.DEVICE, "1")


def test_a_bad_punch_row_is_shown_with_its_row_and_column(client, world):
    client.force_login(world.hr)
    response = upload(client, "punches.csv", "工号,打卡时间\nX999,2026-10-12 08:29\n".encode())
    text = client.get(response.url).content.decode()
    assert "<td>2</td>" in text and "工号" in text and "X999" in text
    assert 'data-testid="count-invalid">1<' in text


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("notes.txt", "工号,打卡时间\nE1,2026-10-12 08:29\n".encode(), "punches"),  # not a log
        ("1_attlog.dat", b"MZ\x90\x00\x03\x00\x00\x00", "punches"),  # a renamed program
        ("1_attlog.dat", b"1\t2026-10-12 08:29:31\t1\t0\r\n", "staff"),  # logs are punches only
    ],
)
def test_a_text_file_that_is_not_a_device_log_for_punches_is_refused_at_upload(
    client, world, name, data, kind
):
    client.force_login(world.hr)
    response = upload(client, name, data, kind=kind)
    assert response.status_code == 200
    assert 'data-testid="file-error"' in response.content.decode()


def test_a_leave_file_is_previewed_then_imported(client, world):
    client.force_login(world.hr)
    text = (
        "工号,请假类型,开始日期,结束日期,开始半天,结束半天,状态\n"
        f"{world.person_a.staff_no},病假,2026-10-12,2026-10-12,,,已批准\n"
    )
    response = upload(client, "leave.csv", text.encode(), kind="leave")
    assert 'data-testid="count-new">1<' in client.get(response.url).content.decode()
    client.post(reverse("staffing:import_confirm", args=[token_of(response)]))
    assert Leave.objects.get().kind == "sick"


@pytest.mark.parametrize(
    ("kind", "headers"),
    [
        ("punches", ["工号", "打卡时间", "设备"]),
        ("leave", ["工号", "请假类型", "开始日期", "结束日期", "开始半天", "结束半天", "状态"]),
    ],
)
def test_the_template_has_the_chinese_headers_and_an_example(client, world, kind, headers):
    client.force_login(world.hr)
    rows = sheet_rows(client.get(reverse("staffing:import_template", args=[kind])))
    assert rows[0] == headers
    assert len(rows) == 2 and all(rows[1][:4])


def test_a_filled_in_punch_template_reads_back(client, world):
    from staffing.imports.services import import_file

    client.force_login(world.hr)
    response = client.get(reverse("staffing:import_template", args=["punches"]))
    file = SimpleUploadedFile("punches.xlsx", response.content)
    report = import_file(kind="punches", file=file, user=world.hr, dry_run=True, skip_invalid=False)
    # The example's staff number is no one's; everything else in it reads.
    assert [(e.row, e.column) for e in report.errors] == [(2, "工号")]
