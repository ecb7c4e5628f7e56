from django.urls import include, path

from staffing.views import people, sites

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
    path("", include("staffing.movement.urls")),
]
