"""The working-day calendar and the policy page: HR admins only; everyone else signed in 403.

National days and confirming a year are the installation's administrator's (a superuser, who is
not in the matrix world: tests/attendance/calendar/test_calendar_authority.py): HR reads a
national day and sets only their own sites' days."""

from tests.matrix import Row, statuses

HR_ONLY = statuses(403, hr=200)
SUPERUSER_ONLY = statuses(403)

ROWS = [
    Row("attendance:calendar", HR_ONLY),
    Row("attendance:calendar_day", HR_ONLY, args=lambda w: ["2026-10-08"]),
    Row(
        "attendance:calendar_day",
        SUPERUSER_ONLY,
        method="post",
        args=lambda w: ["2026-10-08"],
        label="calendar_day POST",
    ),
    Row(
        "attendance:calendar_day",
        HR_ONLY,
        args=lambda w: ["2026-10-08", w.site_a.pk],
        label="calendar_day site A",
    ),
    # An empty form is shown again with its errors.
    Row(
        "attendance:calendar_day",
        HR_ONLY,
        method="post",
        args=lambda w: ["2026-10-08", w.site_a.pk],
        label="calendar_day site A POST",
    ),
    Row("attendance:calendar_confirm", SUPERUSER_ONLY, method="post", args=lambda w: [2027]),
    Row("attendance:policy", HR_ONLY),
    Row("attendance:policy", HR_ONLY, method="post", label="policy POST"),
]
