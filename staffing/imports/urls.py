"""Included at /imports/ inside the `staffing` namespace: reverse as `staffing:import_upload`."""

from django.urls import path

from staffing.imports import views

urlpatterns = [
    path("", views.import_upload, name="import_upload"),
    path("<uuid:token>/", views.import_preview, name="import_preview"),
    path("<uuid:token>/confirm/", views.import_confirm, name="import_confirm"),
    path("<uuid:token>/result/", views.import_result, name="import_result"),
    path("templates/<slug:kind>.xlsx", views.import_template, name="import_template"),
    path("roster.xlsx", views.roster_export, name="roster_export"),
]
