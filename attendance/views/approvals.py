"""The approvals inbox moved to the core (onsite.inbox_views, /approvals/); its old address
still leads there, for bookmarks and links in old notifications."""

from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

urlpatterns = [
    path("approvals/", RedirectView.as_view(pattern_name="inbox:list"), name="approvals"),
]
