import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from onsite.org.schedule import Period, Schedule, format_schedule, parse_schedule
from onsite.org.validators import validate_schedule


@pytest.fixture(autouse=True)
def _english():
    # The assertions read the English source text, whatever translations exist.
    with translation.override("en"):
        yield


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def refusal(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        parse_schedule(text)
    return error.value


@pytest.mark.parametrize(
    ("text", "minutes", "end"),
    [
        ("08:00-12:00,14:00-18:00", 480, "18:00"),
        ("08:30-12:00,14:00-17:30", 420, "17:30"),
        ("08:30-12:00,14:00-17:40", 430, "17:40"),
    ],
)
def test_the_schedules_of_the_spec_give_their_working_minutes(text, minutes, end):
    schedule = Schedule.parse(text)
    assert schedule.minutes == minutes
    assert schedule.end == t(end)
    assert len(schedule.periods) == 2


def test_a_schedule_parses_into_ordered_periods():
    assert parse_schedule("08:30-12:00,14:00-17:30") == (
        Period(t("08:30"), t("12:00")),
        Period(t("14:00"), t("17:30")),
    )


@pytest.mark.parametrize(
    "text",
    [
        "08:30-12:00，14:00-17:30",
        "08:30-12:00 14:00-17:30",
        "08:30-12:00; 14:00-17:30",
        "08:30-12:00、14:00-17:30",
        "08:30～12:00,14:00—17:30",
        " 08:30 - 12:00 , 14:00 ~ 17:30 ",
        "8:30-12:00,14:00-17:30",
        "08：30-12：00,14:00-17:30",
    ],
)
def test_separators_and_dashes_typed_in_chinese_give_the_canonical_form(text):
    assert format_schedule(parse_schedule(text)) == "08:30-12:00,14:00-17:30"


def test_formatting_and_parsing_round_trip():
    periods = parse_schedule("07:05-11:55,13:00-16:30,18:00-20:00")
    assert parse_schedule(format_schedule(periods)) == periods
    assert str(Schedule(periods)) == "07:05-11:55,13:00-16:30,18:00-20:00"


def test_a_single_period_is_a_schedule():
    schedule = Schedule.parse("09:00-17:00")
    assert (schedule.start, schedule.end, schedule.minutes) == (t("09:00"), t("17:00"), 480)


def test_adjacent_periods_do_not_overlap():
    assert Schedule.parse("08:00-12:00,12:00-13:00").minutes == 300


def test_a_day_starts_with_the_first_period_and_ends_with_the_last():
    schedule = Schedule.parse("08:30-12:00,14:00-17:30")
    assert schedule.start == t("08:30")
    assert schedule.end == t("17:30")
    assert schedule.morning == Period(t("08:30"), t("12:00"))
    assert schedule.afternoon == Period(t("14:00"), t("17:30"))


def test_morning_leave_moves_the_expected_start_to_the_afternoon():
    schedule = Schedule.parse("08:30-12:00,14:00-17:30")
    assert schedule.expected_start() == t("08:30")
    assert schedule.expected_start(morning_leave=True) == t("14:00")
    assert schedule.expected_end() == t("17:30")


def test_afternoon_leave_moves_the_expected_end_to_the_morning():
    schedule = Schedule.parse("08:30-12:00,14:00-17:30")
    assert schedule.expected_end(afternoon_leave=True) == t("12:00")
    assert schedule.expected_start() == t("08:30")


@pytest.mark.parametrize("text", ["", "   ", " , ，"])
def test_an_empty_schedule_is_refused(text):
    error = refusal(text)
    assert error.code == "schedule_empty"
    assert "08:30-12:00,14:00-17:30" in error.messages[0]


@pytest.mark.parametrize("part", ["08:30", "8.30-12.00", "08:30-", "0830-1200", "早上8点-12点"])
def test_a_malformed_period_is_refused_and_named(part):
    error = refusal(f"{part},14:00-17:30")
    assert error.code == "schedule_malformed"
    assert f"“{part}”" in error.messages[0]


@pytest.mark.parametrize("part", ["08:30-24:00", "25:00-26:00", "08:60-12:00", "08:30-12:75"])
def test_a_time_out_of_range_is_refused_and_named(part):
    error = refusal(f"07:00-07:30,{part}")
    assert error.code == "schedule_time_range"
    assert f"“{part}”" in error.messages[0]
    assert "00 to 23" in error.messages[0]


@pytest.mark.parametrize("part", ["12:00-08:30", "12:00-12:00"])
def test_a_period_that_does_not_end_after_it_starts_is_refused(part):
    error = refusal(part)
    assert error.code == "schedule_period_order"
    assert f"“{part}”" in error.messages[0]


def test_a_night_shift_across_midnight_is_refused_as_unsupported():
    error = refusal("22:00-06:00")
    assert error.code == "schedule_period_order"
    assert "cross midnight are not supported" in error.messages[0]


def test_overlapping_periods_are_refused_and_both_named():
    error = refusal("08:30-12:00,11:30-17:30")
    assert error.code == "schedule_overlap"
    assert "“11:30-17:30”" in error.messages[0]
    assert "“08:30-12:00”" in error.messages[0]


def test_periods_out_of_the_order_of_the_day_are_refused():
    error = refusal("14:00-17:30,08:30-12:00")
    assert error.code == "schedule_order"
    assert "“08:30-12:00”" in error.messages[0]
    assert "“14:00-17:30”" in error.messages[0]


def test_the_refusal_names_the_part_as_it_was_typed():
    error = refusal("08:30～12:00，14:00—13:00")
    assert "“14:00—13:00”" in error.messages[0]


def test_the_field_validator_accepts_a_schedule_and_refuses_a_bad_one():
    validate_schedule("08:30-12:00,14:00-17:30")
    with pytest.raises(ValidationError) as error:
        validate_schedule("08:30-12:00,14:00")
    assert error.value.code == "schedule_malformed"
