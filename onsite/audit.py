"""The change history shown on a record: who, when, what changed from what to what, and why."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onsite.templatetags.onsite import person_name

KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: object
    who: str
    kind: str
    reason: str
    changes: tuple[Change, ...]


def history_entries(record: models.Model, *, hidden: dict | None = None, limit: int = 50):
    """Newest first. `hidden` maps field names to a function that masks their values for a
    reader who may not see them (an ID number for anyone but HR)."""
    hidden = hidden or {}
    versions = list(
        record.history.select_related("history_user__staff_record").order_by("-history_date")[
            : limit + 1
        ]
    )
    model = type(record)
    entries = []
    for newer, older in zip(versions, [*versions[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes = []
        if older is not None and newer.history_type == "~":
            for change in newer.diff_against(older).changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    Change(
                        field=str(field.verbose_name),
                        old=_show(change.old, field, hidden),
                        new=_show(change.new, field, hidden),
                    )
                )
        entries.append(
            Entry(
                when=newer.history_date,
                who=person_name(newer.history_user) if newer.history_user else str(_("system")),
                kind=str(KINDS.get(newer.history_type, newer.history_type)),
                reason=newer.history_change_reason or "",
                changes=tuple(changes),
            )
        )
    return entries


def _show(value, field, hidden) -> str:
    if value in (None, ""):
        return "—"
    if field.name in hidden:
        return hidden[field.name](str(value))
    if field.is_relation:
        model = field.related_model
        if model is get_user_model():
            # Whoever approved or decided reads by their name, never their login.
            user = model._default_manager.select_related("staff_record").filter(pk=value).first()
            return person_name(user) if user else f"#{value}"
        related = model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        # Read in the reader's time zone, to the minute, like every other time on the page.
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)
