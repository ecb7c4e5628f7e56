"""Checks for what people type about a person and a site: the resident ID card number
(GB 11643-1999), a phone number and a work schedule. Each refusal has its own code and says
what is wrong. Messages never repeat a whole ID number: it is sensitive (SPEC §2)."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.org.schedule import parse_schedule

ID_LENGTH = 18
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CODES = "10X98765432"
# Nobody on a site was born before 1900: such a date in an ID number is a typing mistake.
ID_EARLIEST_BIRTH_YEAR = 1900

# Labour Law art. 15: nobody under 16 is employed; a record of someone over 100 is a typing mistake.
YOUNGEST_AGE, OLDEST_AGE = 16, 100
# A monthly salary above it (CNY) is a typing mistake, such as a digit too many.
SALARY_MAX = 1_000_000

MOBILE = re.compile(r"(?:\+?86)?(1\d*)")
MOBILE_LENGTH = 11
LANDLINE = re.compile(r"(0\d{2,3})[-\s]+(\d{7,8})(?:[-\s]+(\d{1,6}))?")


def normalise_id_number(value: str) -> str:
    """The number as stored: no spaces, a final `x` written `X`."""
    return "".join(value.split()).upper()


def id_number_check_digit(body: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_WEIGHTS, strict=True))
    return ID_CHECK_CODES[total % 11]


def validate_id_number(value: str) -> None:
    """A resident ID card number; a final lower-case `x` passes (store `normalise_id_number`)."""
    _check_id_number(value)


def id_number_birth_date(value: str) -> datetime.date:
    """The date of birth written in a valid ID number; a ValidationError if it is not valid."""
    return _check_id_number(normalise_id_number(value))


def validate_id_matches_birth_date(id_number: str, birth_date: datetime.date | None) -> None:
    """Refuses an ID number whose date of birth differs from `birth_date`; an empty ID number
    or birth date has nothing to compare."""
    if not id_number or birth_date is None:
        return
    written = id_number_birth_date(id_number)
    if written != birth_date:
        raise ValidationError(
            _(
                "The ID card number gives the date of birth %(id_date)s, but the date of birth "
                "entered is %(birth_date)s."
            ),
            code="id_birth_date_mismatch",
            params={"id_date": written.isoformat(), "birth_date": birth_date.isoformat()},
        )


def _check_id_number(value: str) -> datetime.date:
    if len(value) != ID_LENGTH:
        raise ValidationError(
            _("An ID card number has 18 characters; this one has %(count)s."),
            code="id_length",
            params={"count": len(value)},
        )
    body, last = value[:-1], value[-1]
    for position, char in enumerate(body, start=1):
        if char not in "0123456789":
            raise ValidationError(
                _(
                    "Character %(position)s of the ID card number is “%(char)s”; the first 17 "
                    "characters must be digits."
                ),
                code="id_digits",
                params={"position": position, "char": char},
            )
    if last not in "0123456789Xx":
        raise ValidationError(
            _("The last character of the ID card number is “%(char)s”; it must be a digit or X."),
            code="id_last_character",
            params={"char": last},
        )
    birth_date = _birth_date(body[6:14])
    expected = id_number_check_digit(body)
    if last.upper() != expected:
        raise ValidationError(
            _(
                "The check digit (the last character) of the ID card number should be "
                "%(expected)s, not %(actual)s; a character is probably mistyped."
            ),
            code="id_check_digit",
            params={"expected": expected, "actual": last},
        )
    return birth_date


def _birth_date(digits: str) -> datetime.date:
    try:
        birth_date = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise ValidationError(
            _(
                "The date of birth in the ID card number, %(digits)s (characters 7 to 14), "
                "is not a real date."
            ),
            code="id_birth_date_invalid",
            params={"digits": digits},
        ) from None
    if birth_date > timezone.localdate():
        raise ValidationError(
            _("The date of birth in the ID card number, %(date)s, is in the future."),
            code="id_birth_date_future",
            params={"date": birth_date.isoformat()},
        )
    if birth_date.year < ID_EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            _("The date of birth in the ID card number, %(date)s, is before 1900."),
            code="id_birth_date_too_early",
            params={"date": birth_date.isoformat()},
        )
    return birth_date


def normalise_phone(value: str) -> str:
    """A mainland mobile number as its 11 digits (`13812345678`, without +86) or a landline as
    `0755-1234567[-123]`; a ValidationError if `value` is neither."""
    # NFKC turns full-width digits, ＋ and － into their ASCII forms.
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        raise ValidationError(_("Enter a phone number."), code="phone_empty")
    landline = LANDLINE.fullmatch(text)
    if landline:
        return "-".join(part for part in landline.groups() if part)
    mobile = MOBILE.fullmatch(re.sub(r"[-\s]", "", text))
    if mobile:
        digits = mobile.group(1)
        if len(digits) != MOBILE_LENGTH:
            raise ValidationError(
                _("A mobile number has 11 digits; “%(value)s” has %(count)s."),
                code="phone_mobile_length",
                params={"value": value, "count": len(digits)},
            )
        if digits[1] not in "3456789":
            raise ValidationError(
                _("“%(value)s” is not a mainland mobile number; they start with 13 to 19."),
                code="phone_mobile_prefix",
                params={"value": value},
            )
        return digits
    if text.startswith("0"):
        raise ValidationError(
            _(
                "“%(value)s” is not a landline number; write the area code, a dash and the "
                "number, like 010-12345678 or 0755-1234567-123 with an extension."
            ),
            code="phone_landline",
            params={"value": value},
        )
    raise ValidationError(
        _(
            "“%(value)s” is not a phone number; write a mobile number like 13812345678 "
            "or a landline like 010-12345678."
        ),
        code="phone_invalid",
        params={"value": value},
    )


def validate_phone(value: str) -> None:
    """A mainland mobile number, optionally with +86, spaces or dashes, or a landline."""
    normalise_phone(value)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years from `birth_date` to `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def validate_birth_date(value: datetime.date) -> None:
    """A date of birth that is not in the future and gives an age an employee can have today."""
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _("The date of birth %(date)s is in the future."),
            code="birth_date_future",
            params={"date": value.isoformat()},
        )
    age = age_on(value, today)
    if not YOUNGEST_AGE <= age <= OLDEST_AGE:
        raise ValidationError(
            _(
                "The date of birth %(date)s gives an age of %(age)s; staff are %(youngest)s to "
                "%(oldest)s years old."
            ),
            code="birth_date_age",
            params={
                "date": value.isoformat(),
                "age": age,
                "youngest": YOUNGEST_AGE,
                "oldest": OLDEST_AGE,
            },
        )


def validate_schedule(value: str) -> None:
    parse_schedule(value)
