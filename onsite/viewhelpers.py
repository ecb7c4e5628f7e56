"""What the views of every app share: telling a person why an action was refused or a form not
accepted, the signed-in person's own staff record, and one page size for lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404

from onsite.access import access_for
from onsite.transitions import Refused

if TYPE_CHECKING:
    from onsite.org.models import Staff

# Rows per page of a list of requests, notices or notifications: a screen or two of reading.
PAGE_SIZE = 30
# Rows per page of a roster (people, sites), which people scan rather than read.
ROSTER_PAGE_SIZE = 50


def refused(request, refusal: Refused) -> None:
    """Each reason of a refusal as an error message on the next page."""
    for message in refusal.messages:
        messages.error(request, message)


def form_errors(request, form) -> None:
    """Each error of a form that was not accepted as an error message on the next page (for the
    forms posted from a page that does not show the form itself)."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def own_staff(request) -> Staff:
    """The signed-in person's own staff record; who has none (a superuser, a supervisor) has no
    punches, leave or overtime of their own: 403."""
    # The organisation sits below the core; imported here so loading onsite needs no app.
    from onsite.org.models import Staff

    staff_id = access_for(request.user).staff_id
    if staff_id is None:
        raise PermissionDenied
    return get_object_or_404(Staff.objects.select_related("company"), pk=staff_id)


def page_of(request, items, *, per_page: int = PAGE_SIZE) -> Page:
    """The page of `items` asked for in `?page=` (the last page when beyond it, the first when
    not a number)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
