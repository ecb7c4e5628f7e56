from attendance.views import (
    approvals,
    away,
    calendar,
    corrections,
    explanations,
    exports,
    leave,
    leave_types,
    overtime,
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
    *leave.urlpatterns,
    *leave_types.urlpatterns,
    *overtime.urlpatterns,
    *approvals.urlpatterns,
    *away.urlpatterns,
]
