from django.urls import path

from onsite.channels import views

app_name = "channels"

urlpatterns = [
    path("notifications/", views.preferences, name="preferences"),
    path("group-robots/", views.webhook_list, name="webhooks"),
    path(
        "group-robots/add/company/<int:company_pk>/", views.webhook_add, name="webhook_add_company"
    ),
    path("group-robots/add/site/<int:site_pk>/", views.webhook_add, name="webhook_add_site"),
    path("group-robots/<int:pk>/", views.webhook_edit, name="webhook_edit"),
    path("group-robots/<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
    path("group-robots/<int:pk>/test/", views.webhook_test, name="webhook_test"),
]
