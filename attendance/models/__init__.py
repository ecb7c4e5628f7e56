"""Attendance (SPEC §6): the working-day calendar, punches, leave, the judged days, corrections,
hand-marked absences, absence explanations and the monthly close."""

from attendance.models.calendar import CalendarDay, DayKind, DaySource
from attendance.models.days import Day, DayStatus
from attendance.models.leave import Leave, LeaveKind, LeaveStatus, LeaveType, LeaveTypeDefaults
from attendance.models.months import (
    Explanation,
    ExplanationStatus,
    MonthClose,
    MonthStatus,
)
from attendance.models.overtime import (
    Compensation,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from attendance.models.punches import (
    AbsenceMark,
    AbsenceReason,
    Correction,
    CorrectionStatus,
    Punch,
    PunchSource,
)

__all__ = [
    "AbsenceMark",
    "AbsenceReason",
    "CalendarDay",
    "Compensation",
    "Correction",
    "CorrectionStatus",
    "Day",
    "DayKind",
    "DaySource",
    "DayStatus",
    "Explanation",
    "ExplanationStatus",
    "Leave",
    "LeaveKind",
    "LeaveStatus",
    "LeaveType",
    "LeaveTypeDefaults",
    "MonthClose",
    "MonthStatus",
    "Overtime",
    "OvertimeCategory",
    "OvertimeStatus",
    "Punch",
    "PunchSource",
]
