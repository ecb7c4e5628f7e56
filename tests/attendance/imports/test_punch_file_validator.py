import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from onsite.uploads import PunchFileValidator, UploadValidator, is_device_log

LOG = b"    1001\t2026-10-12 08:29:31\t1\t0\t1\t0\r\n"


def check(name: str, content: bytes, **kwargs) -> None:
    PunchFileValidator(**kwargs)(SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name", ["1_attlog.dat", "punches.txt", "PUNCHES.TXT"])
def test_a_device_log_passes_under_a_dat_or_txt_name(name):
    check(name, LOG)


def test_a_device_log_with_a_byte_order_mark_and_blank_first_lines_passes():
    check("1_attlog.dat", b"\xef\xbb\xbf\r\n" + LOG)


@pytest.mark.parametrize(
    "content",
    [
        "工号,打卡时间\n1001,2026-10-12 08:29\n".encode(),  # a CSV under a log's name
        b"hello world\n",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",  # a program
        b"",
    ],
)
def test_a_dat_or_txt_file_that_is_no_device_log_is_refused(content):
    with pytest.raises(ValidationError) as raised:
        check("1_attlog.dat", content)
    assert raised.value.code == "file_content"


def test_spreadsheets_are_checked_as_before():
    check("punches.csv", "工号,打卡时间\n1001,2026-10-12 08:29\n".encode())
    with pytest.raises(ValidationError):
        check("punches.xlsx", b"not a zip")
    with pytest.raises(ValidationError) as raised:
        check("punches.pdf", b"%PDF-1.4")
    assert raised.value.code == "file_type"


def test_the_size_limit_still_applies():
    with pytest.raises(ValidationError) as raised:
        check("1_attlog.dat", LOG * 10, max_bytes=len(LOG))
    assert raised.value.code == "file_too_large"


def test_the_content_decides_not_the_name():
    assert is_device_log(LOG)
    assert not is_device_log(b"staff_no\ttimestamp\n1001\t2026-10-12 08:29\n")
    assert not is_device_log(b"1001,2026-10-12 08:29:31\n")


def test_the_spreadsheet_validator_of_other_uploads_still_refuses_a_device_log():
    with pytest.raises(ValidationError):
        UploadValidator(types=("csv", "xlsx"))(SimpleUploadedFile("1_attlog.dat", LOG))
