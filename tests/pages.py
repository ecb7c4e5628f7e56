"""Reading a page or a refusal as a person reads it."""

from __future__ import annotations

import html
import re

from django.utils.translation import gettext as _


def page_text(response) -> str:
    """The page with its entities unescaped (&ldquo; reads “)."""
    return html.unescape(response.content.decode())


def words(response) -> str:
    """The page as a person reads it: the text without its tags."""
    return re.sub(r"<[^>]+>", "", page_text(response))


def own() -> str:
    """The refusal of acting on one's own record (STYLE habit 15), as a pattern for
    `pytest.raises(match=...)` in the active language."""
    return re.escape(
        _(
            "You cannot act on your own record: your decisions, punches, absence marks and "
            "pay are handled by someone else."
        )
    )
