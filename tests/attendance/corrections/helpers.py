"""Kept only for the decide-view tests being rewritten into one suite; the request is
tests.factories.correction_requested. Delete this module when nothing imports it."""

from tests.factories import correction_requested as request_afternoon  # noqa: F401
