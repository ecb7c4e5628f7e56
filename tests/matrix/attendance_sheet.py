"""The monthly sheet, a person's month and the close (SPEC §6). Person A works at site A,
person B at site B; the month is October 2026, over and on a confirmed calendar."""

from __future__ import annotations

from tests.conftest import World
from tests.matrix import Row, only, statuses

SHEET_ROLES = ("hr", "supervisor_a", "manager")
MONTH = "2026-10"


def site_a(w: World) -> list:
    return [w.site_a.pk, MONTH]


def site_b(w: World) -> list:
    return [w.site_b.pk, MONTH]


ROWS = [
    Row("attendance:sheet_list", statuses(403, **{r: 200 for r in SHEET_ROLES})),
    Row(
        "attendance:sheet",
        statuses(403, **{r: 200 for r in SHEET_ROLES}),
        args=site_a,
        label="sheet A",
    ),
    Row(
        "attendance:sheet",
        statuses(403, hr=200, manager=200, supervisor_a=404),
        args=site_b,
        label="sheet B",
    ),
    Row(
        "attendance:sheet_close",
        statuses(403, hr=302),
        method="post",
        args=site_a,
        label="sheet_close A",
    ),
    Row(
        "attendance:sheet_reopen",
        statuses(403, hr=302),
        method="post",
        args=site_a,
        label="sheet_reopen A",
    ),
    Row(
        "attendance:sheet_recompute",
        statuses(403, hr=302),
        method="post",
        args=site_a,
        label="sheet_recompute A",
    ),
    Row(
        "attendance:sheet_recompute",
        statuses(403, hr=302),
        method="post",
        args=site_b,
        label="sheet_recompute B",
    ),
    Row(
        "attendance:person_month",
        only(("hr", "manager", "supervisor_a", "staff_a")),
        args=lambda w: [w.person_a.pk, MONTH],
        label="person_month A",
    ),
    Row(
        "attendance:person_month",
        only(("hr", "manager", "staff_b")),
        args=lambda w: [w.person_b.pk, MONTH],
        label="person_month B",
    ),
    Row(
        "attendance:my_month",
        statuses(403, staff_a=302, staff_b=302, hr_staff=302, supervisor_staff=302),
    ),
]
