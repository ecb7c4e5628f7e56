"""The deadline reminders of expenses (SPEC §10): on days [5] and [9] at [09:00] site time, each
person with unsubmitted lines of last month is reminded once per month and day; on day [11] each
supervisor gets the people of their sites whose lines of last month were never submitted; and
finance hears of a site's month flagged as an expense anomaly."""

from __future__ import annotations

DEADLINE = "expenses.deadline"
UNSUBMITTED = "expenses.unsubmitted"
ANOMALY = "expenses.anomaly"
