"""Bounded years, months and dates, in URLs and in query strings (STYLE habit 16).

Every year, month or day the project reads from a URL or a query string goes through here, so
that year 0001, month 13 or a digit like '²' is a page that does not exist (404), never a 500
from a date computed one day beyond Python's range or an integer beyond the database's."""

from __future__ import annotations

import datetime
import re

from django.http import Http404
from django.urls import register_converter

from onsite.periods import Month

# The dates Onsite deals with: nobody working today was born before 1900, and no contract,
# calendar or leave reaches past 2100.
FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(2100, 12, 31)
# The largest id the database stores (a PostgreSQL bigint).
LAST_ID = 2**63 - 1

# ASCII digits only: str.isdigit() and int() also read '²' or '٣', one of them not both.
_YEAR = r"[0-9]{4}"
_MONTH = rf"{_YEAR}-[0-9]{{2}}"
_DATE = rf"{_MONTH}-[0-9]{{2}}"


def _bounded(date: datetime.date) -> datetime.date:
    if not FIRST_DATE <= date <= LAST_DATE:
        raise ValueError(f"{date} is outside {FIRST_DATE}–{LAST_DATE}")
    return date


def parse_year(text: str) -> int:
    """`YYYY` within the bounds, else ValueError."""
    if not re.fullmatch(_YEAR, text or ""):
        raise ValueError(f"not a year: {text!r}")
    return _bounded(datetime.date(int(text), 1, 1)).year


def parse_month(text: str) -> datetime.date:
    """`YYYY-MM` within the bounds as the first of that month, else ValueError."""
    return _bounded(Month.parse(text).first)


def parse_date(text: str) -> datetime.date:
    """`YYYY-MM-DD` within the bounds, else ValueError."""
    if not re.fullmatch(_DATE, text or ""):
        raise ValueError(f"not a date: {text!r}")
    return _bounded(datetime.date.fromisoformat(text))


def parse_id(text: str) -> int:
    """A positive id the database can hold, else ValueError."""
    if not re.fullmatch(r"[0-9]{1,19}", text or "") or not 0 < int(text) <= LAST_ID:
        raise ValueError(f"not an id: {text!r}")
    return int(text)


class _Converter:
    """A URL slot read by `parse`: a value it refuses makes the URL match nothing (404)."""

    regex: str

    @staticmethod
    def parse(text: str):
        raise NotImplementedError

    def to_python(self, value: str):
        return self.parse(value)


class YearConverter(_Converter):
    regex = _YEAR
    parse = staticmethod(parse_year)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class MonthConverter(_Converter):
    regex = _MONTH
    parse = staticmethod(parse_month)

    def to_url(self, value) -> str:
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else str(value)


class DateConverter(_Converter):
    regex = _DATE
    parse = staticmethod(parse_date)

    def to_url(self, value) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)


def register() -> None:
    """`<year:…>`, `<month:…>` and `<date:…>` in every urls.py (called once, at start-up)."""
    register_converter(YearConverter, "year")
    register_converter(MonthConverter, "month")
    register_converter(DateConverter, "date")


def query(request, name: str, parse, default=None):
    """The query parameter `name` read by `parse` (one of the parsers above); missing is
    `default`, unreadable or out of range is 404, as the same value in the URL would be."""
    text = request.GET.get(name)
    if not text:
        return default
    try:
        return parse(text)
    except ValueError:
        raise Http404 from None
