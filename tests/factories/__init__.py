"""Factories for every model, by app, all importable from here (`from tests import factories`,
`factories.LeaveFactory(staff=...)`). Each makes a valid record with nothing given, dated in
the reference week of tests/dates.py; the named people of tests/conftest.py are built on them.
tests/test_factories.py checks that every model has one."""

from tests.factories.assessment import *  # noqa: F403
from tests.factories.attendance import *  # noqa: F403
from tests.factories.core import *  # noqa: F403
from tests.factories.expenses import *  # noqa: F403
from tests.factories.exports import *  # noqa: F403
from tests.factories.flows import *  # noqa: F403
from tests.factories.org import *  # noqa: F403
from tests.factories.staffing import *  # noqa: F403
from tests.factories.tickets import *  # noqa: F403
