"""Reads of the attendance app: functions that answer a question for a page, a command or a
report and change nothing. Writes go through attendance.services. One module per area:
balances (a person's leave balances), calendar (which kind a date is at a site), banner (the
notice of an unconfirmed calendar), sheet (the monthly sheet and its outcomes), today (a staff
member's day and what waits for them)."""
