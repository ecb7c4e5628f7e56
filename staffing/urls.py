from django.urls import include, path

from staffing import views

app_name = "staffing"

urlpatterns = [
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/me/", views.my_record, name="my_record"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("sites/", views.site_list, name="site_list"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
    path("imports/", include("staffing.imports.urls")),
    path("", include("staffing.movement.urls")),
]
