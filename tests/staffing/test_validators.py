import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from onsite.org.validators import (
    id_number_birth_date,
    id_number_check_digit,
    normalise_id_number,
    normalise_phone,
    validate_id_matches_birth_date,
    validate_id_number,
    validate_phone,
)

# The example printed in GB 11643-1999 itself.
PUBLISHED_EXAMPLE = "11010519491231002X"


@pytest.fixture(autouse=True)
def _english():
    # The assertions read the English source text, whatever translations exist.
    with translation.override("en"):
        yield


def with_check_digit(body: str) -> str:
    """Computed from the standard's formula, a_1 = (12 - Σ a_i·2^(i-1) mod 11) mod 11, not from
    the validator's weight table, so the two can disagree."""
    total = sum(int(digit) * 2 ** (17 - index) for index, digit in enumerate(body)) % 11
    check = (12 - total) % 11
    return body + ("X" if check == 10 else str(check))


def refusal(check, *args) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        check(*args)
    return error.value


# ID card numbers


def test_the_published_example_of_gb_11643_is_valid():
    validate_id_number(PUBLISHED_EXAMPLE)
    assert id_number_birth_date(PUBLISHED_EXAMPLE) == datetime.date(1949, 12, 31)


@pytest.mark.parametrize(
    "body", ["44030519900307123", "32010219751111001", "51010720000229456", "11010519491231002"]
)
def test_a_number_with_its_computed_check_digit_passes_and_a_changed_digit_fails(body):
    number = with_check_digit(body)
    validate_id_number(number)
    assert id_number_check_digit(body) == number[-1]
    wrong = "0" if number[-1] != "0" else "1"
    error = refusal(validate_id_number, body + wrong)
    assert error.code == "id_check_digit"
    assert f"should be {number[-1]}, not {wrong}" in error.messages[0]


def test_a_mistyped_body_digit_is_caught_by_the_check_digit():
    number = with_check_digit("44030519900307123")
    mistyped = number[:15] + str((int(number[15]) + 1) % 10) + number[16:]
    assert refusal(validate_id_number, mistyped).code == "id_check_digit"


def test_a_lower_case_x_passes_and_is_normalised_to_upper_case():
    validate_id_number(PUBLISHED_EXAMPLE.lower())
    assert normalise_id_number(" 110105 19491231 002x ") == PUBLISHED_EXAMPLE


@pytest.mark.parametrize("value", ["11010519491231002", "11010519491231002XX", ""])
def test_a_number_not_of_18_characters_is_refused_and_its_length_named(value):
    error = refusal(validate_id_number, value)
    assert error.code == "id_length"
    assert f"this one has {len(value)}" in error.messages[0]


def test_a_letter_among_the_first_17_characters_is_refused_and_its_position_named():
    error = refusal(validate_id_number, "1101051949123100AX")
    assert error.code == "id_digits"
    assert "Character 17" in error.messages[0]
    assert "“A”" in error.messages[0]


def test_a_last_character_other_than_a_digit_or_x_is_refused():
    error = refusal(validate_id_number, "11010519491231002Y")
    assert error.code == "id_last_character"
    assert "“Y”" in error.messages[0]


@pytest.mark.parametrize("date", ["19490230", "19491301", "19490000", "19890229"])
def test_a_date_of_birth_that_is_not_a_calendar_date_is_refused(date):
    error = refusal(validate_id_number, with_check_digit(f"110105{date}002"))
    assert error.code == "id_birth_date_invalid"
    assert date in error.messages[0]


def test_a_leap_day_is_a_real_date_of_birth():
    assert id_number_birth_date(with_check_digit("11010520000229002")) == datetime.date(2000, 2, 29)


def test_a_date_of_birth_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    error = refusal(validate_id_number, with_check_digit(f"110105{tomorrow:%Y%m%d}002"))
    assert error.code == "id_birth_date_future"
    assert tomorrow.isoformat() in error.messages[0]


def test_a_date_of_birth_before_1900_is_refused():
    error = refusal(validate_id_number, with_check_digit("11010518991231002"))
    assert error.code == "id_birth_date_too_early"
    assert "1899-12-31" in error.messages[0]


def test_the_message_never_repeats_the_whole_number():
    number = with_check_digit("44030519900307123")
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    assert wrong not in refusal(validate_id_number, wrong).messages[0]


def test_the_birth_date_of_an_invalid_number_is_refused():
    assert refusal(id_number_birth_date, "11010519491231002Y").code == "id_last_character"


def test_an_id_number_agreeing_with_the_birth_date_passes():
    validate_id_matches_birth_date(PUBLISHED_EXAMPLE, datetime.date(1949, 12, 31))
    validate_id_matches_birth_date(PUBLISHED_EXAMPLE.lower(), datetime.date(1949, 12, 31))


def test_an_id_number_disagreeing_with_the_birth_date_is_refused_naming_both_dates():
    error = refusal(validate_id_matches_birth_date, PUBLISHED_EXAMPLE, datetime.date(1949, 1, 31))
    assert error.code == "id_birth_date_mismatch"
    assert "1949-12-31" in error.messages[0]
    assert "1949-01-31" in error.messages[0]


def test_an_empty_id_number_or_birth_date_has_nothing_to_compare():
    validate_id_matches_birth_date("", datetime.date(1949, 1, 31))
    validate_id_matches_birth_date(PUBLISHED_EXAMPLE, None)


# Phone numbers


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("8619912345678", "19912345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("010-12345678", "010-12345678"),
        ("0755-1234567", "0755-1234567"),
        ("0755 1234567", "0755-1234567"),
        ("0755-12345678-123", "0755-12345678-123"),
        ("０１０－１２３４５６７８", "010-12345678"),
    ],
)
def test_mobile_and_landline_numbers_pass_and_normalise(value, normalised):
    validate_phone(value)
    assert normalise_phone(value) == normalised


@pytest.mark.parametrize(("value", "count"), [("1381234567", 10), ("+86 138 1234 56789", 12)])
def test_a_mobile_number_without_11_digits_is_refused_and_its_count_named(value, count):
    error = refusal(validate_phone, value)
    assert error.code == "phone_mobile_length"
    assert f"has {count}" in error.messages[0]
    assert f"“{value}”" in error.messages[0]


@pytest.mark.parametrize("value", ["12812345678", "11012345678", "+86 10012345678"])
def test_a_mobile_number_not_starting_with_13_to_19_is_refused(value):
    error = refusal(validate_phone, value)
    assert error.code == "phone_mobile_prefix"
    assert "13 to 19" in error.messages[0]


@pytest.mark.parametrize(
    "value", ["01012345678", "010-123456", "07551-1234567", "010-123456789", "010-12345678-1234567"]
)
def test_a_landline_without_area_code_dash_and_7_or_8_digits_is_refused(value):
    error = refusal(validate_phone, value)
    assert error.code == "phone_landline"
    assert "010-12345678" in error.messages[0]


@pytest.mark.parametrize("value", ["abc", "(010)12345678", "+1 650 253 0000", "138-1234-567a"])
def test_what_is_not_a_phone_number_is_refused_with_examples_of_both_kinds(value):
    error = refusal(validate_phone, value)
    assert error.code == "phone_invalid"
    assert f"“{value}”" in error.messages[0]
    assert "13812345678" in error.messages[0]
    assert "010-12345678" in error.messages[0]


def test_a_blank_phone_number_is_refused():
    assert refusal(normalise_phone, "  ").code == "phone_empty"
