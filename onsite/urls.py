from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from onsite import inbox_views, policy_views, views

notification_urls = (
    [
        path("", views.notification_list, name="list"),
        path("<int:pk>/", views.notification_open, name="open"),
        path("read-all/", views.notification_read_all, name="read_all"),
        path("badge/", views.notification_badge, name="badge"),
    ],
    "notifications",
)

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/setlang/", views.language_set, name="set_language"),
    path("notifications/", include(notification_urls)),
    path("approvals/", include(inbox_views.urlpatterns)),
    path("menu/<slug:key>/count/", inbox_views.menu_count, name="menu_count"),
    path("policy/", policy_views.policy_page, name="policy"),
    path("exports/", include("onsite.exports.urls")),
    path("settings/", include("onsite.channels.urls")),
    path("health/", views.health, name="health"),
    path("", include("staffing.urls")),
    path("attendance/", include("attendance.urls")),
    path("tickets/", include("tickets.urls")),
    path("assessment/", include("assessment.urls")),
    path("admin/", admin.site.urls),
]
