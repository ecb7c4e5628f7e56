"""The one way a status changes: lock the row, check the move is allowed from the current
status, save only the status fields, and record who, when, from, to and why in the history."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models, transaction
from django.utils.translation import gettext as _


class Refused(Exception):
    """A rule said no. Each message is translated and safe to show; a form shows them all."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = list(messages)

    def __str__(self) -> str:
        return (
            "；".join(str(m) for m in self.messages)
            if len(self.messages) > 1
            else str(self.messages[0])
        )


class TransitionError(Refused):
    """A refused status change."""


def transition(
    record: models.Model,
    *,
    to: str,
    allowed: Mapping[str, set[str] | frozenset[str]],
    by,
    reason: str = "",
    field: str = "status",
    also: Mapping[str, object] | None = None,
    meanwhile: str = "",
) -> models.Model:
    """Move `record` to `to` if `allowed[current]` holds it; returns the locked, updated row.

    `also` sets further fields in the same save (a decision date, the decider). Two people acting
    at once are serialised by the row lock; the second sees the new status and is refused, with
    `meanwhile` (a translated message with `%(status)s`, the status now) when given."""
    model = type(record)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=record.pk)
        current = getattr(locked, field)
        if to not in allowed.get(current, ()):
            choices = dict(model._meta.get_field(field).flatchoices)
            if meanwhile:
                raise TransitionError(meanwhile % {"status": choices.get(current, current)})
            raise TransitionError(
                _("Cannot change from “%(current)s” to “%(to)s”.")
                % {"current": choices.get(current, current), "to": choices.get(to, to)}
            )
        setattr(locked, field, to)
        for name, value in (also or {}).items():
            setattr(locked, name, value)
        if hasattr(locked, "history"):
            locked._history_user = by
            locked._change_reason = reason
        locked.save(update_fields=[field, *(also or {})])
    for name in (field, *(also or {})):
        setattr(record, name, getattr(locked, name))
    return locked
