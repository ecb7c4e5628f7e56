"""Reads of the attendance app: functions that answer a question for a page, a command or a
report and change nothing (a person's leave balances, what waits for them). Writes go through
attendance.services."""
