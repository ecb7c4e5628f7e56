"""The approvals inbox (待我审批): everything waiting for one person's decision, whatever the app,
in one list, longest waiting first. Each app registers its kinds from AppConfig.ready(); a kind
is a workflow (onsite.workflows) and how one of its rows reads. The core imports no app.

Which rows wait for whom is each workflow's query twin of its rules, so a row shown is a row
its reader may decide and no row asks the database whether. A page is read with a fixed number
of queries whatever the number of rows: the count, the page's (kind, id, waiting since) from one
UNION, then the rows of each kind on the page (and a kind's notes for them, in one query)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import CharField, F, QuerySet, Value

from onsite.dashboard import Card, card_register
from onsite.roles import Role
from onsite.workflows import Action, Workflow, workflow_register

PER_PAGE = 50

# Who opens the inbox: every role that decides something, finance included (expense claims
# will wait for it). The rows are still only those the reader's rules allow.
DECIDERS = (Role.SUPERVISOR, Role.MANAGER, Role.HR_ADMIN, Role.FINANCE)


def _nothing(record) -> str:
    return ""


def _no_flags(record) -> list[str]:
    return []


def _always(record) -> bool:
    return True


@dataclass(frozen=True)
class InboxKind:
    """One kind of request in the inbox: its workflow and how its row reads."""

    workflow: Workflow
    label: Any  # the badge: "Leave"
    what: Any  # in a sentence: "张三, leave 2026-12-07: …"
    url: Callable[[models.Model], str]  # its page, where every action is offered
    describe: Callable[[models.Model], str]  # its dates or time, as a line of text
    person: Callable[[models.Model], Any] = lambda r: r.staff  # whose request it is
    site: Callable[[models.Model], Any] = lambda r: r.site
    related: tuple[str, ...] = ("staff", "site")
    since: Any = field(default_factory=lambda: F("created_at"))  # waiting at this stage since
    detail: Callable[[models.Model], str] = _nothing  # "Personal leave"
    amount: Callable[[models.Model], str] = _nothing  # "Working days: 2", "2 h"
    text: Callable[[models.Model], str] = lambda r: getattr(r, "reason", "")
    lines: Callable[[models.Model], list[str]] = _no_flags  # further lines: "Cover: 王五"
    flags: Callable[[models.Model], list[str]] = _no_flags
    # Notes on the rows of one page, read in one query: {pk: ["王五 is on leave …"]}.
    notes: Callable[[list[models.Model]], dict[int, list[str]]] | None = None
    # Whether the row's approval may be given from the list (not: it needs a form of its own).
    bulk: Callable[[models.Model], bool] = _always
    # A line added to a refused approval from the list ("open it to give a reason").
    hint: Callable[[models.Model], str] = _nothing

    @property
    def key(self) -> str:
        return self.workflow.key


KINDS: dict[str, InboxKind] = {}


def inbox_register(kind: InboxKind) -> None:
    """Called from an app's AppConfig.ready(); the order of registration breaks ties."""
    KINDS[kind.key] = kind
    workflow_register(kind.workflow)


@dataclass
class Item:
    """One row of the inbox, whatever its kind."""

    kind: InboxKind
    record: models.Model
    since: datetime.datetime
    action: Action | None  # the reader's "yes" at this stage: approve, confirm, file, accept
    refusal: Action | None  # and "no": reject, return for rewriting
    notes: list[str] = field(default_factory=list)

    @property
    def token(self) -> str:
        """How the decide form names the request: `leave:12`."""
        return f"{self.kind.key}:{self.record.pk}"

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def person(self) -> str:
        return self.kind.person(self.record).name

    @property
    def site(self):
        return self.kind.site(self.record)

    @property
    def kind_label(self) -> str:
        return str(self.kind.label)

    @property
    def detail(self) -> str:
        return self.kind.detail(self.record)

    @property
    def url(self) -> str:
        return self.kind.url(self.record)

    @property
    def when(self) -> str:
        return self.kind.describe(self.record)

    @property
    def amount(self) -> str:
        return self.kind.amount(self.record)

    @property
    def text(self) -> str:
        return self.kind.text(self.record)

    @property
    def lines(self) -> list[str]:
        return self.kind.lines(self.record)

    @property
    def flags(self) -> list[str]:
        return self.kind.flags(self.record)

    @property
    def stage(self) -> str:
        return self.record.get_status_display()

    @property
    def action_label(self) -> str:
        return str(self.action.label) if self.action else ""

    @property
    def refusal_label(self) -> str:
        return str(self.refusal.label) if self.refusal else ""

    @property
    def bulk(self) -> bool:
        return self.action is not None and self.kind.bulk(self.record)


def waiting(user, kinds: Iterable[InboxKind] | None = None) -> QuerySet:
    """(item_kind, id, since) of everything waiting for `user`, longest waiting first."""
    parts = [
        kind.workflow.waiting_for(user)
        .annotate(item_kind=Value(kind.key, output_field=CharField()), since=kind.since)
        .values_list("item_kind", "id", "since")
        .order_by()
        for kind in (KINDS.values() if kinds is None else kinds)
    ]
    if not parts:
        raise LookupError("no inbox kinds are registered")
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("since", "item_kind", "id")


def waiting_count(user) -> int:
    """How many requests wait for `user` (one query), for the menu badge and the dashboard."""
    return waiting(user).count() if KINDS else 0


CARD_ROWS = 5


def _waiting_card(access, user) -> dict:
    """The dashboard's first card for everyone who decides: how many requests wait for them
    and the longest waiting few (the page's fixed number of queries)."""
    return {"waiting": waiting_page(user, per_page=CARD_ROWS)}


# Shown once, above every section, to each role that decides; before every other card.
card_register(
    Card("waiting", DECIDERS, "onsite/_waiting_card.html", _waiting_card, order=0, once=True)
)


def load(kind: InboxKind, ids) -> dict[int, models.Model]:
    """The records of one kind with what a row shows, in one query (none for no ids)."""
    if not ids:
        return {}
    model = kind.workflow.model
    rows = model._default_manager.filter(pk__in=ids).select_related(*kind.related).order_by()
    return {r.pk: r for r in rows}


def waiting_page(user, number=None, per_page: int = PER_PAGE) -> Page:
    """One page of the inbox; its `object_list` holds `Item`s."""
    paginator = Paginator(waiting(user) if KINDS else [], per_page)
    page = paginator.get_page(number)
    keys = list(page.object_list)
    records = {
        key: load(kind, [pk for k, pk, _s in keys if k == key]) for key, kind in KINDS.items()
    }
    notes = {
        key: kind.notes(list(records[key].values())) if kind.notes and records[key] else {}
        for key, kind in KINDS.items()
    }
    items = []
    for key, pk, since in keys:
        record = records[key].get(pk)
        if record is None:
            continue  # decided and gone between the two queries
        kind = KINDS[key]
        actions = kind.workflow.actions_for(user, record)
        yes = next((a for a in actions if a.approves), None)
        no = next((a for a in actions if not a.approves), None)
        items.append(Item(kind, record, since, yes, no, notes[key].get(pk, [])))
    page.object_list = items
    return page


def parse_token(token: str) -> tuple[InboxKind, str]:
    """`leave:12` → (the leave kind, "12"); anything else is a ValueError."""
    key, _sep, pk = token.partition(":")
    if key not in KINDS:
        raise ValueError(key)
    return KINDS[key], pk
