"""The refusal of acting on one's own record, as the person reads it (STYLE habit 15)."""

import re

from django.utils.translation import gettext as _


def own() -> str:
    """A pattern for `pytest.raises(match=...)` in the active language."""
    return re.escape(
        _(
            "You cannot act on your own record: your decisions, punches, absence marks and "
            "pay are handled by someone else."
        )
    )
