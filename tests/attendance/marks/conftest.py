import pytest


@pytest.fixture(autouse=True)
def _english_messages(english_messages):
    """Refusals are built in the active language; these tests read the English source strings."""
