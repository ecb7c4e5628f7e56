import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from onsite.uploads import SPREADSHEET_TYPES, UploadValidator

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def check(name: str, content: bytes, **kwargs) -> None:
    UploadValidator(**kwargs)(SimpleUploadedFile(name, content))


def test_accepts_a_real_pdf_and_png():
    check("健康证.pdf", PDF)
    check("身份证.PNG", PNG)


def test_refuses_a_file_over_the_limit_and_says_both_sizes(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        check("big.pdf", PDF + b"x" * 2048)
    assert error.value.code == "file_too_large"
    assert "2.0\xa0KB" in error.value.messages[0]
    assert "1.0\xa0KB" in error.value.messages[0]


def test_refuses_a_type_not_on_the_list_and_names_the_accepted_ones():
    with pytest.raises(ValidationError) as error:
        check("virus.exe", b"MZ\x90\x00")
    assert error.value.code == "file_type"
    assert "pdf, jpg, jpeg, png" in error.value.messages[0]


def test_refuses_a_renamed_file_whose_content_is_not_its_type():
    with pytest.raises(ValidationError) as error:
        check("合同.pdf", b"MZ\x90\x00 this is an executable")
    assert error.value.code == "file_content"


def test_text_types_must_be_utf8_text():
    check("花名册.csv", "工号,姓名\nHX001,张三\n".encode(), types=SPREADSHEET_TYPES)
    with pytest.raises(ValidationError):
        check("花名册.csv", b"\x00\x01\x02binary", types=SPREADSHEET_TYPES)
    with pytest.raises(ValidationError):
        check("花名册.csv", "工号,姓名".encode("gbk"), types=SPREADSHEET_TYPES)


def test_a_multibyte_character_cut_at_the_sample_end_is_still_text():
    content = ("张" * 700).encode()  # 2,100 bytes: the 2,048-byte sample ends mid-character
    check("names.csv", content, types=SPREADSHEET_TYPES)


def test_messages_are_chinese():
    with pytest.raises(ValidationError) as error:
        check("a.exe", b"MZ")
    assert "不接受" in error.value.messages[0]
