"""Entering and leaving a site (SPEC §4), inside the `staffing` namespace."""

from django.urls import path

from staffing.movement import views

urlpatterns: list = [
    path("assignments/<int:pk>/onboarding/", views.onboarding_detail, name="onboarding_detail"),
    path("assignments/<int:pk>/onboarding/items/", views.onboarding_item, name="onboarding_item"),
    path("assignments/<int:pk>/offboarding/", views.offboarding_detail, name="offboarding_detail"),
    path(
        "assignments/<int:pk>/offboarding/start/",
        views.offboarding_start,
        name="offboarding_start",
    ),
    path("offboarding/<int:pk>/items/", views.offboarding_item, name="offboarding_item"),
    path("offboarding/<int:pk>/complete/", views.offboarding_complete, name="offboarding_complete"),
    path(
        "offboarding/<int:pk>/handover.pdf",
        views.offboarding_handover_pdf,
        name="offboarding_handover_pdf",
    ),
    path("change-notices/", views.change_notice_list, name="change_notice_list"),
    path("change-notices/new/", views.change_notice_create, name="change_notice_create"),
    path("change-notices/<int:pk>/", views.change_notice_detail, name="change_notice_detail"),
    path(
        "change-notices/<int:pk>/answer/", views.change_notice_answer, name="change_notice_answer"
    ),
    path("resignations/", views.resignation_list, name="resignation_list"),
    path("resignations/new/", views.resignation_create, name="resignation_create"),
    path("resignations/<int:pk>/", views.resignation_detail, name="resignation_detail"),
    path("resignations/<int:pk>/approve/", views.resignation_approve, name="resignation_approve"),
    path("resignations/<int:pk>/reject/", views.resignation_reject, name="resignation_reject"),
    path(
        "resignations/<int:pk>/withdraw/",
        views.resignation_withdraw,
        name="resignation_withdraw",
    ),
    path("rotation/", views.rotation_due_list, name="rotation_due"),
]
