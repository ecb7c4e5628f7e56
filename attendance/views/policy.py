"""The policy page moved to the core (onsite/policy_views.py); the old address, bookmarked and
linked from older pages, still leads there with its company and site."""

from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

# The leave-types page chooses its company as the policy page does.
from onsite.policy_views import hr_company  # noqa: F401

urlpatterns = [
    path(
        "policy/",
        RedirectView.as_view(pattern_name="policy", query_string=True, permanent=True),
        name="policy",
    )
]
