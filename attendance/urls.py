from attendance.views import (
    calendar,
    corrections,
    explanations,
    exports,
    policy,
    punches,
    sheet,
)

app_name = "attendance"

# Each area keeps its routes beside its views, so that pages of one area change one module.
urlpatterns = [
    *calendar.urlpatterns,
    *policy.urlpatterns,
    *punches.urlpatterns,
    *corrections.urlpatterns,
    *explanations.urlpatterns,
    *sheet.urlpatterns,
    *exports.urlpatterns,
]
