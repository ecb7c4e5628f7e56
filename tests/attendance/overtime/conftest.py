import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """The messages these tests read are the English ones."""
    with translation.override("en"):
        yield
