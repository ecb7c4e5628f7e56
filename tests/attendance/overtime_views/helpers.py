"""Kept only for the decide-view tests being rewritten into one suite: the names they import
now live in tests/dates.py and tests/factories. Delete this module when nothing imports it."""

from tests.dates import ONE_DAY  # noqa: F401
from tests.dates import day_ahead as ahead  # noqa: F401
from tests.dates import day_before as before  # noqa: F401
from tests.factories import overtime_approved as approved  # noqa: F401
from tests.factories import overtime_asked_for as ask  # noqa: F401
from tests.factories import overtime_filed as filed  # noqa: F401
from tests.factories import punch_at as punch  # noqa: F401
