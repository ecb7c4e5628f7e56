"""The URLs of assessments (app_name "assessment"): each page module keeps its own `urlpatterns`;
every URL has its rows in the permission matrix (tests/matrix/assessment_*.py)."""

from assessment.views import choose, cycles, mine, results, scoring

app_name = "assessment"

urlpatterns = [
    *cycles.urlpatterns,
    *scoring.urlpatterns,
    *results.urlpatterns,
    *choose.urlpatterns,
    *mine.urlpatterns,
]
