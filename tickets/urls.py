"""The URLs of service tickets and inspections (app_name "tickets"): each page module keeps its
own `urlpatterns`; every URL has its rows in the permission matrix (tests/matrix)."""

from tickets.views import desk, inspections, plans, report_stats, reports, tickets, workreports

app_name = "tickets"

urlpatterns = [
    *tickets.urlpatterns,
    *desk.urlpatterns,
    *reports.urlpatterns,
    *inspections.urlpatterns,
    *plans.urlpatterns,
    *workreports.urlpatterns,
    *report_stats.urlpatterns,
]
