"""Spreadsheets are read with limits (onsite.spreadsheets): a tiny workbook that declares or
unpacks to an enormous sheet, or a file of too many rows or columns, is refused with a clear
message before any row is imported; and an upload is read once, not on each preview refresh."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onsite.org.models import Staff
from staffing.imports import services
from staffing.imports.parsing import UnreadableFile, read_device_log
from tests.files import csv_file, errors_of, run, xlsx_file

HEADER = ["工号", "姓名", "性别", "出生日期", "身份证号", "外包公司"]
GOOD = ["H001", "王芳", "女", "1992-04-18", "310104199204180010", "恒信技术服务"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, cells: list[str]) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    inner = "".join(cell(f"{letters[i]}{number}", text) for i, text in enumerate(cells))
    return f'<row r="{number}">{inner}</row>'


def workbook_with_sheet(sheet_xml: str, *, name: str = "bomb.xlsx") -> SimpleUploadedFile:
    """A real workbook whose first sheet is replaced by `sheet_xml` (a few hundred bytes)."""
    base = xlsx_file([["x"]]).read()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            target.writestr(member.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return SimpleUploadedFile(name, out.getvalue())


def sheet(rows: str, *, dimension: str | None = None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{declared}<sheetData>{rows}</sheetData></worksheet>'


def claiming_huge_size(upload: SimpleUploadedFile) -> SimpleUploadedFile:
    """The same workbook, its sheet's entry in the zip directory declaring 4 GB unpacked."""
    data = bytearray(upload.read())
    at = data.find(b"PK\x01\x02")  # each entry of the central directory
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        name = bytes(data[at + 46 : at + 46 + name_length])
        if name == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)
        at = data.find(b"PK\x01\x02", at + 4)
    return SimpleUploadedFile(upload.name, bytes(data))


def only_error(report) -> str:
    (error,) = report.errors
    assert error.row is None
    return error.message


def test_a_tiny_workbook_declaring_sixteen_thousand_columns_is_refused_unread(world):
    upload = workbook_with_sheet(sheet(row(1, HEADER) + row(2, GOOD), dimension="A1:XFD15000"))
    assert upload.size < 10_000
    report = run("staff", upload, user=world.hr)
    assert "该工作表声明了 15000 行、16384 列" in only_error(report)
    assert "最多只读取 200000 行、100 列" in only_error(report)
    assert not Staff.objects.filter(staff_no="H001").exists()


def test_a_workbook_whose_rows_run_past_the_limit_is_refused(world):
    # One cell a million rows down: the rows before it are read as empty, up to the limit only.
    upload = workbook_with_sheet(sheet(row(1, HEADER) + row(2, GOOD) + row(1_000_000, ["x"])))
    report = run("staff", upload, user=world.hr)
    assert only_error(report).startswith("文件超过 200000 行")
    assert not Staff.objects.filter(staff_no="H001").exists()


def test_a_workbook_lying_about_its_size_is_still_stopped_at_the_row_limit(world, settings):
    settings.SPREADSHEET_MAX_ROWS = 3
    rows = row(1, HEADER) + "".join(row(n, GOOD) for n in range(2, 6))
    report = run("staff", workbook_with_sheet(sheet(rows, dimension="A1:F2")), user=world.hr)
    assert only_error(report).startswith("文件超过 3 行")


def test_a_value_beyond_the_column_limit_is_refused_but_empty_cells_there_are_not(world):
    far = '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c>'
    refused = sheet(row(1, HEADER) + row(2, GOOD).replace("</row>", far + "</row>"))
    report = run("staff", workbook_with_sheet(refused), user=world.hr)
    assert only_error(report).startswith("第 2 行在第 100 列之后还有内容")
    styled = sheet(row(1, HEADER) + row(2, GOOD).replace("</row>", '<c r="XFD2" s="0"/></row>'))
    report = run("staff", workbook_with_sheet(styled), user=world.hr, dry_run=True)
    assert (report.new, report.errors) == (1, [])


def test_a_zip_member_declaring_a_huge_unpacked_size_is_refused_at_upload(client, world, settings):
    upload = claiming_huge_size(workbook_with_sheet(sheet(row(1, HEADER) + row(2, GOOD))))
    client.force_login(world.hr)
    response = client.post(reverse("staffing:import_upload"), {"kind": "staff", "file": upload})
    assert response.status_code == 200
    text = response.content.decode().replace("\xa0", " ")  # sizes keep number and unit together
    assert "该工作簿解压后为 4.0 GB，解压后不能超过 50.0 MB" in text
    assert not (settings.MEDIA_ROOT / "imports").exists()  # nothing kept, nothing read


def test_the_command_line_refuses_the_zip_bomb_too(world):
    upload = claiming_huge_size(workbook_with_sheet(sheet(row(1, HEADER) + row(2, GOOD))))
    assert "解压后不能超过" in only_error(run("staff", upload, user=None))


def test_a_csv_beyond_the_row_or_column_limit_is_refused(world, settings):
    settings.SPREADSHEET_MAX_ROWS, settings.SPREADSHEET_MAX_COLUMNS = 3, 8
    long = csv_file([HEADER, GOOD, GOOD, GOOD])
    assert only_error(run("staff", long, user=world.hr)).startswith("文件超过 3 行")
    wide = csv_file([HEADER, [*GOOD, "", "", "x"]])
    assert only_error(run("staff", wide, user=world.hr)).startswith("第 2 行在第 8 列之后")
    trailing_commas = csv_file([HEADER, [*GOOD, "", "", "", "", ""]])
    assert errors_of(run("staff", trailing_commas, user=world.hr, dry_run=True)) == []


def test_a_device_log_beyond_the_row_limit_is_refused(settings):
    settings.SPREADSHEET_MAX_ROWS = 2
    log = io.BytesIO(b"1\t2026-10-12 08:29:00\n" * 3)
    with pytest.raises(UnreadableFile, match="文件超过 2 行"):
        read_device_log(log, headers=["工号", "打卡时间"])


def test_the_preview_reads_the_upload_once_however_often_it_is_shown(client, world, monkeypatch):
    reads = []
    real = services.read_table
    monkeypatch.setattr(services, "read_table", lambda file: reads.append(1) or real(file))
    client.force_login(world.hr)
    data = {"kind": "staff", "file": csv_file([HEADER, GOOD], name="staff.csv")}
    preview = client.post(reverse("staffing:import_upload"), data).url
    assert reads == [1]  # read in the upload step
    for _refresh in range(3):
        text = client.get(preview).content.decode()
        assert 'data-testid="count-new">1<' in text
    assert reads == [1]
    token = preview.strip("/").split("/")[-1]
    client.post(reverse("staffing:import_confirm", args=[token]))
    assert Staff.objects.filter(staff_no="H001").exists()
