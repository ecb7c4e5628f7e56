from tests.attendance.punches.helpers import english, english_messages, supervisor_b  # noqa: F401
