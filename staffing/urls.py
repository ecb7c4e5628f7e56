from django.urls import include, path

from staffing.views import (
    bank,
    claim_review,
    claims,
    expense_stats,
    finance,
    movement,
    people,
    sites,
    trips,
)

app_name = "staffing"

urlpatterns = [
    path("staff/", people.staff_list, name="staff_list"),
    path("staff/new/", people.staff_new, name="staff_new"),
    path("staff/me/", people.my_record, name="my_record"),
    path("staff/<int:pk>/", people.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", people.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/status/", people.staff_status, name="staff_status"),
    path("staff/<int:pk>/records/", people.record_add, name="record_add"),
    path("staff/<int:pk>/assign/", people.assignment_new, name="assignment_new"),
    path("checks/<int:pk>/", people.check_record, name="check_record"),
    path("checks/<int:pk>/evidence/", people.check_evidence, name="check_evidence"),
    path("sites/", sites.site_list, name="site_list"),
    path("sites/<int:pk>/", sites.site_detail, name="site_detail"),
    path("sites/<int:pk>/edit/", sites.site_edit, name="site_edit"),
    path("imports/", include("staffing.imports.urls")),
    # Entering and leaving a site (SPEC §4).
    path("assignments/<int:pk>/onboarding/", movement.onboarding_detail, name="onboarding_detail"),
    path(
        "assignments/<int:pk>/onboarding/items/", movement.onboarding_item, name="onboarding_item"
    ),
    path(
        "assignments/<int:pk>/offboarding/", movement.offboarding_detail, name="offboarding_detail"
    ),
    path(
        "assignments/<int:pk>/offboarding/start/",
        movement.offboarding_start,
        name="offboarding_start",
    ),
    path("offboarding/<int:pk>/items/", movement.offboarding_item, name="offboarding_item"),
    path(
        "offboarding/<int:pk>/complete/", movement.offboarding_complete, name="offboarding_complete"
    ),
    path(
        "offboarding/<int:pk>/handover.pdf",
        movement.offboarding_handover_pdf,
        name="offboarding_handover_pdf",
    ),
    path("change-notices/", movement.change_notice_list, name="change_notice_list"),
    path("change-notices/new/", movement.change_notice_create, name="change_notice_create"),
    path("change-notices/<int:pk>/", movement.change_notice_detail, name="change_notice_detail"),
    path(
        "change-notices/<int:pk>/answer/",
        movement.change_notice_answer,
        name="change_notice_answer",
    ),
    path("resignations/", movement.resignation_list, name="resignation_list"),
    path("resignations/new/", movement.resignation_create, name="resignation_create"),
    path("resignations/<int:pk>/", movement.resignation_detail, name="resignation_detail"),
    path(
        "resignations/<int:pk>/approve/", movement.resignation_approve, name="resignation_approve"
    ),
    path("resignations/<int:pk>/reject/", movement.resignation_reject, name="resignation_reject"),
    path(
        "resignations/<int:pk>/withdraw/",
        movement.resignation_withdraw,
        name="resignation_withdraw",
    ),
    path("rotation/", movement.rotation_due_list, name="rotation_due"),
    # Expenses and business trips (SPEC §10): each page module keeps its own urlpatterns.
    *trips.urlpatterns,
    *claims.urlpatterns,
    *claim_review.urlpatterns,
    *finance.urlpatterns,
    *bank.urlpatterns,
    *expense_stats.urlpatterns,
]
