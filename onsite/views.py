from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from onsite import services
from onsite.access import access_for
from onsite.dashboard import lead_cards_for, sections_for
from onsite.models import Notification
from onsite.viewhelpers import page_of


@login_required
def dashboard(request):
    access = access_for(request.user)
    return render(
        request,
        "dashboard/index.html",
        # The lead cards (what waits for the reader's decision) come first.
        {
            "lead_cards": lead_cards_for(access, request.user),
            "sections": sections_for(access, request.user),
        },
    )


@login_required
def notification_list(request):
    notifications = Notification.objects.visible_to(request.user)
    if request.GET.get("unread"):
        notifications = notifications.unread()
    page = page_of(request, notifications)
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk: int):
    """Marks the entry read and follows its link."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        services.notification_mark_read(notification=notification)
        target = notification.url
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
            return HttpResponseRedirect(target)
        return redirect("notifications:list")
    return render(request, "notifications/detail.html", {"notification": notification})


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")


@login_required
@require_GET
@never_cache
def notification_badge(request):
    """The unread count, swapped into the navigation by htmx every minute."""
    return render(request, "notifications/_badge.html")


def language_set(request):
    """Django's language switch, which also keeps the choice of a signed-in person: their
    notifications are e-mailed in it, and read in it on any device."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


@require_GET
@never_cache
def health(request):
    """For container health checks and load balancers: answers only when the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
