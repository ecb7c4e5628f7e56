"""Kept only for the decide-view tests being rewritten into one suite: the names they import
now live in tests/dates.py, tests/pages.py, tests/factories and tests/conftest.py. Delete this
module when nothing imports it."""

from tests.conftest import colleague  # noqa: F401
from tests.dates import ONE_DAY, TUESDAY, WEDNESDAY, monday_ahead  # noqa: F401
from tests.factories import calendar_day, leave_of_a, plain_weeks  # noqa: F401
from tests.factories import colleague_of as make_colleague  # noqa: F401
from tests.pages import page_text, words  # noqa: F401

OCTOBER_13, OCTOBER_14 = TUESDAY, WEDNESDAY
