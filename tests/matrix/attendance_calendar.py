"""The working-day calendar and the policy page: HR admins only; everyone else signed in 403."""

from tests.matrix import Row, statuses

HR_ONLY = statuses(403, hr=200)
HR_ACTS = statuses(403, hr=302)

ROWS = [
    Row("attendance:calendar", HR_ONLY),
    Row("attendance:calendar_day", HR_ONLY, args=lambda w: ["2026-10-08"]),
    # An empty form is shown again with its errors.
    Row(
        "attendance:calendar_day",
        HR_ONLY,
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
    Row("attendance:calendar_confirm", HR_ACTS, method="post", args=lambda w: [2027]),
    Row("attendance:policy", HR_ONLY),
    Row("attendance:policy", HR_ONLY, method="post", label="policy POST"),
]
