from django.core.files.uploadedfile import SimpleUploadedFile

from staffing.imports.parsing import utf8_advice
from tests.files import csv_file, errors_of, run


def test_a_gbk_csv_is_refused_with_advice_to_save_as_utf8(world):
    report = run("companies", csv_file([["名称"], ["新外包"]], encoding="gbk"), user=world.hr)
    assert errors_of(report) == [(None, "—", utf8_advice())]
    assert report.written is False


def test_an_unknown_column_and_a_missing_column_are_reported_on_row_one(world):
    report = run("sites", csv_file([["编码", "名字", "客户单位"], ["X", "y", "z"]]), user=world.hr)
    assert [(e.row, e.column) for e in report.errors] == [(1, "名字"), (1, "名称")]


def test_headers_are_matched_whatever_their_case_spacing_or_width(world):
    root_rows = [["Code", "ＮＡＭＥ", " client "], ["X1", "新地点", "江南数据局"]]
    report = run("sites", csv_file(root_rows), user=world.hr)
    assert (report.new, report.errors) == (1, [])


def test_a_file_that_is_not_a_spreadsheet_is_refused(world):
    fake = SimpleUploadedFile("data.xlsx", b"this is not a zip")
    report = run("companies", fake, user=world.hr)
    assert len(report.errors) == 1 and report.errors[0].row is None
    pdf = SimpleUploadedFile("data.pdf", b"%PDF-1.4")
    assert run("companies", pdf, user=world.hr).errors[0].row is None


def test_an_empty_file_and_a_header_alone_are_refused(world):
    assert run("companies", csv_file([]), user=world.hr).errors[0].row is None
    assert run("companies", csv_file([["名称"]]), user=world.hr).errors[0].row is None


def test_blank_lines_are_ignored_but_rows_keep_their_file_numbers(world):
    report = run(
        "staff",
        csv_file(
            [
                ["工号", "姓名", "性别", "出生日期", "外包公司"],
                [],
                ["H1", "王芳", "x", "1990-01-01", "恒信技术服务"],
            ]
        ),
        user=world.hr,
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "性别")]
