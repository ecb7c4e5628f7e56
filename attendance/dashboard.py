"""Attendance's cards on the dashboard (registered in AttendanceConfig.ready())."""

from __future__ import annotations

from onsite.access import Access
from onsite.dashboard import Card, card_register
from onsite.roles import Role


def _today(access: Access, user) -> dict:
    from attendance.selectors.today import staff_today

    return staff_today(access)


def register() -> None:
    # A staff member's home starts with today: the day at the site, the punches and what waits.
    card_register(
        Card("attendance_today", (Role.STAFF,), "attendance/dashboard/_today.html", _today, 10)
    )
