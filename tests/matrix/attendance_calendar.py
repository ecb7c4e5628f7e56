"""The working-day calendar (HR admins only; everyone else signed in 403) and the policy page
(the HR admin of the company; everyone else signed in 404).

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
    # The policy page is the company's HR admin's: nobody else finds it. An area posted
    # without its numbers is shown again with a message per number.
    Row("policy", statuses(404, hr=200)),
    Row(
        "policy",
        statuses(404, hr=200),
        method="post",
        label="policy POST",
        data=lambda w: {"area": "attendance"},
    ),
    # The old address leads there, whoever asks.
    Row("attendance:policy", statuses(301, anonymous=301)),
]
