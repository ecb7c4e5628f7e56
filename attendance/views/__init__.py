"""Attendance pages, one module per area; each has its own `urlpatterns` (see attendance/urls.py)."""
