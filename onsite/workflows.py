"""Declarative workflows: for each model that waits for someone's decision, its states, the
actions that move it, who may take each (a rule from the app's permissions.py, with its query
twin for "what waits for me"), whether a note is required and what is said afterwards.

An app declares its workflows and registers them from its AppConfig.ready(); the core (the
approvals inbox, the decide pages) asks a workflow:
- `actions_for(user, record)`: the buttons a page offers this person on this record;
- `waiting_for(user)`: the records waiting for this person, as one query;
- `perform(name, record=, by=, note=)`: the action through its service, which moves the status
  with `transition` (row lock, re-check, history) and tells whom it concerns;
- `stale(user, record, name)`: what a decider on an out-of-date page reads instead of a 403.

Two deciders at once: the row lock lets one through; the other reads `meanwhile` ("decided
meanwhile: it is now …"), on the record's page and in the inbox alike."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q, QuerySet

from onsite.transitions import Refused, TransitionError, transition

Rule = Callable[[Any, models.Model], bool]


@dataclass(frozen=True)
class Action:
    """One decision a person may take on a record in one of `sources`."""

    name: str  # "approve", "reject", "file"… as the forms post it
    label: Any  # the button (a lazy translation)
    sources: frozenset[str]
    may: Rule  # the permissions rule: whether this person may take it on this record
    # The service: perform(record=…, by=…, note=…, **extra) → the record as it is now. It checks
    # the rule itself, moves the status with `Workflow.move` and sends the notifications.
    perform: Callable[..., models.Model]
    note_required: bool = False
    # Whether it says yes (approve, confirm, file, accept): the inbox's approve button and its
    # "approve selected" take the first such action open to the reader.
    approves: bool = True
    # What the inbox says after taking it on `count` records.
    done: Callable[[int], str] | None = None


@dataclass(frozen=True)
class Workflow:
    key: str  # "leave": names the kind in the inbox ("leave:12") and in the registry
    model: type[models.Model]
    transitions: Mapping[str, set[str] | frozenset[str]]
    waiting: tuple[str, ...]  # statuses in which the record waits for someone
    actions: tuple[Action, ...]
    # The query twin of the actions' rules: the records of `waiting` this person may act on.
    waiting_q: Callable[[Any], Q]
    meanwhile: Any  # "This leave was decided meanwhile: it is now “%(status)s”."
    # The waiting stages one record goes through, in order, when not all of `waiting` (overtime
    # asked for ahead is never an emergency to confirm).
    path: Callable[[models.Model], tuple[str, ...]] | None = None
    field: str = "status"

    def status(self, record) -> str:
        return getattr(record, self.field)

    def action(self, name: str) -> Action:
        for action in self.actions:
            if action.name == name:
                return action
        raise KeyError(name)

    def actions_for(self, user, record) -> list[Action]:
        """The actions open to `user` on `record` now, in the order declared."""
        status = self.status(record)
        return [a for a in self.actions if status in a.sources and a.may(user, record)]

    def approval_for(self, user, record) -> Action | None:
        """The "yes" open to `user` now (approve, confirm, file, accept), if any."""
        return next((a for a in self.actions_for(user, record) if a.approves), None)

    def waiting_for(self, user) -> QuerySet:
        """The records waiting for `user`'s decision (one query when evaluated)."""
        return self.model._default_manager.filter(
            Q(**{f"{self.field}__in": self.waiting}) & self.waiting_q(user)
        )

    def meanwhile_message(self, record) -> str:
        return str(self.meanwhile) % {"status": _status_label(record, self.field)}

    def stale(self, user, record, name: str | None = None) -> str | None:
        """None when `user` may go on deciding `record` (with action `name`, as posted).
        What a decider on an out-of-date page reads when the record moved past a stage at which
        they would have taken that action (two deciders at once: the second is told, not
        refused). Anyone else gets a 403: they never could decide it."""
        status = self.status(record)
        action = next((a for a in self.actions if a.name == name), None)
        if action is not None and status in action.sources and action.may(user, record):
            return None
        if status in self.waiting and self.actions_for(user, record):
            return None  # a decision of another stage, or none: the form says why
        if self.moved_past(user, record, [action] if action is not None else self.actions):
            return self.meanwhile_message(record)
        raise PermissionDenied

    def moved_past(self, user, record, actions=None) -> bool:
        """Whether `record` has gone past a stage at which `user` would have taken one of
        `actions` (all by default): someone else decided it first."""
        for candidate in actions or self.actions:
            for stage in self.passed(record):
                if stage in candidate.sources and candidate.may(user, self._at(record, stage)):
                    return True
        return False

    def passed(self, record) -> tuple[str, ...]:
        """The waiting stages `record` has gone through to reach its status, in order."""
        stages = self.path(record) if self.path else self.waiting
        status = self.status(record)
        return stages[: stages.index(status)] if status in stages else stages

    def _at(self, record, stage: str):
        """The record as it was at `stage`, for asking a rule (never saved)."""
        earlier = copy.copy(record)
        setattr(earlier, self.field, stage)
        return earlier

    def move(self, record, *, to: str, by, reason: str = "", also=None) -> models.Model:
        """The status change itself, for the services: locked, checked, recorded, and the
        second of two deciders told what happened."""
        return transition(
            record,
            to=to,
            allowed=self.transitions,
            by=by,
            reason=reason,
            also=also,
            field=self.field,
            meanwhile=str(self.meanwhile),
        )

    def perform(self, name: str, *, record, by, note: str = "", **extra) -> models.Model:
        """Take action `name` on `record` in a transaction of its own. A record no longer at a
        stage the action is taken from, or decided by someone else while this one was, is
        refused with what it is now."""
        action = self.action(name)
        if self.status(record) not in action.sources:
            raise Refused(self.meanwhile_message(record))
        try:
            with transaction.atomic():
                return action.perform(record=record, by=by, note=note, **extra)
        except TransitionError:
            fresh = self.model._default_manager.get(pk=record.pk)
            raise Refused(self.meanwhile_message(fresh)) from None


def _status_label(record, field_name: str) -> str:
    return str(getattr(record, f"get_{field_name}_display")())


# --- the registry, filled from the apps' AppConfig.ready() -------------------------------------

WORKFLOWS: dict[str, Workflow] = {}


def workflow_register(workflow: Workflow) -> Workflow:
    WORKFLOWS[workflow.key] = workflow
    return workflow


def workflow_for(key: str) -> Workflow:
    return WORKFLOWS[key]
