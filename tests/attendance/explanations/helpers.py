"""Kept only for the decide-view test of explanations being rewritten into one suite; the
explanation is tests.factories.explanation_written. Delete this module when nothing imports it."""

from tests.factories import EXPLANATION_TEXT as TEXT  # noqa: F401
from tests.factories import explanation_written as write  # noqa: F401
