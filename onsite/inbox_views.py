"""The approvals inbox page (待我审批): every registered kind in one list, with approve, reject
and approve-selected. Rows come from `onsite.inbox`; each decision is its workflow's action,
one transaction per request, so that one refusal leaves the others decided."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from onsite.access import access_for
from onsite.converters import parse_id
from onsite.decorators import role_required
from onsite.inbox import DECIDERS, KINDS, InboxKind, parse_token, waiting_page
from onsite.navigation import ITEMS
from onsite.transitions import Refused
from onsite.workflows import Action


@login_required
@never_cache
def menu_count(request, key: str):
    """The number beside a menu entry (what waits for its reader), fetched by the page once
    loaded and every minute after. Only for an entry the reader's menu shows."""
    item = ITEMS.get(key)
    access = access_for(request.user)
    if item is None or item.count is None:
        raise Http404
    if not (item.roles is None or access.is_superuser or any(access.has(r) for r in item.roles)):
        raise Http404
    return render(request, "onsite/_menu_count.html", {"count": item.count(request.user)})


@role_required(*DECIDERS)
def inbox(request):
    page = waiting_page(request.user, request.GET.get("page"))
    return render(request, "onsite/inbox.html", {"page": page, "query": ""})


def _parse(token: str) -> tuple[InboxKind, int]:
    """`leave:12` → (the leave kind, 12); anything else names no request (404)."""
    try:
        kind, pk = parse_token(token)
        return kind, parse_id(pk)
    except ValueError:
        raise Http404 from None


def _load(user, tokens: list[str]) -> list[tuple[InboxKind, object]]:
    """The named requests through the reader's scope, one query per kind, in the order given.
    One that is not there (or not the reader's to see) is a 404 and nothing is decided."""
    wanted = list(dict.fromkeys((kind.key, pk) for kind, pk in map(_parse, tokens)))
    found = {}
    for key, kind in KINDS.items():
        ids = [pk for k, pk in wanted if k == key]
        if ids:
            rows = kind.workflow.model.objects.visible_to(user).filter(pk__in=ids)
            for record in rows.select_related(*kind.related):
                found[(key, record.pk)] = record
    if len(found) != len(wanted):
        raise Http404
    return [(KINDS[key], found[(key, pk)]) for key, pk in wanted]


def _choose(kind: InboxKind, user, record, *, approves: bool) -> Action:
    """The reader's "yes" (or "no") at the record's present stage. A record that no longer
    waits was decided meanwhile; one whose rule says no is refused by its service, with why."""
    workflow = kind.workflow
    status = workflow.status(record)
    if status not in workflow.waiting:
        raise Refused(workflow.meanwhile_message(record))
    open_to_reader = [a for a in workflow.actions_for(user, record) if a.approves == approves]
    if open_to_reader:
        return open_to_reader[0]
    # Approved by another supervisor a moment ago, it now waits for HR: say so, not that only
    # HR files it.
    if workflow.moved_past(user, record):
        raise Refused(workflow.meanwhile_message(record))
    return next(a for a in workflow.actions if a.approves == approves and status in a.sources)


def _named(kind: InboxKind, record, refusal: Refused) -> str:
    """A refusal with the request it is about: `张三, leave 2026-12-07: …`."""
    return _("%(person)s, %(what)s %(when)s: %(reason)s") % {
        "person": kind.person(record).name,
        "what": kind.what,
        "when": kind.describe(record),
        "reason": " ".join(str(m) for m in refusal.messages),
    }


def _back(request):
    url = reverse("inbox:list")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isascii() and page.isdigit() else url)


def _reject(request, token: str):
    ((kind, record),) = _load(request.user, [token])
    note = request.POST.get("note", "")
    try:
        action = _choose(kind, request.user, record, approves=False)
        decided = kind.workflow.perform(action.name, record=record, by=request.user, note=note)
    except Refused as refusal:
        messages.error(request, _named(kind, record, refusal))
    else:
        messages.success(
            request,
            # What it is now says what was done: "Rejected", "Returned for rewriting".
            _("%(status)s: %(person)s, %(when)s.")
            % {
                "status": decided.get_status_display(),
                "person": kind.person(record).name,
                "when": kind.describe(record),
            },
        )
    return _back(request)


@role_required(*DECIDERS)
@require_POST
def inbox_decide(request):
    """Either approve the requests named in `items`, or reject the one named in `item` with the
    reason in `note`."""
    if "item" in request.POST:
        return _reject(request, request.POST["item"])
    tokens = request.POST.getlist("items")
    if not tokens:
        messages.error(request, _("Select the requests to approve."))
        return _back(request)
    done, refusals = {}, []
    for kind, record in _load(request.user, tokens):
        try:
            # Chosen before deciding: filing (备案) and confirming are not approving, and say so.
            action = _choose(kind, request.user, record, approves=True)
            kind.workflow.perform(action.name, record=record, by=request.user)
        except Refused as refusal:
            hint = kind.hint(record)
            if hint:
                refusal.messages.append(hint)
            refusals.append(_named(kind, record, refusal))
        else:
            done[action.done] = done.get(action.done, 0) + 1
    for say, count in done.items():
        if say is not None:
            messages.success(request, say(count))
    for text in refusals:
        messages.error(request, text)
    return _back(request)


urlpatterns = (
    [
        path("", inbox, name="list"),
        path("decide/", inbox_decide, name="decide"),
    ],
    "inbox",
)
