"""Building punch and leave files in tests; the CSV and XLSX builders are the staffing imports'."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.staffing.imports.helpers import csv_file, errors_of, run, xlsx_file

__all__ = ["attlog_file", "csv_file", "errors_of", "run", "xlsx_file"]

PUNCH_HEADER = ["工号", "打卡时间", "设备"]
LEAVE_HEADER = ["工号", "请假类型", "开始日期", "结束日期", "开始半天", "结束半天", "状态"]


def attlog_file(lines: list[str], *, name: str = "1_attlog.dat"):
    """A ZKTeco attlog export: no header, tab-separated, CRLF line ends as the device writes."""
    return SimpleUploadedFile(name, "\r\n".join(lines).encode() + b"\r\n")


def attlog_line(user_id: str, when: str) -> str:
    # The device pads the user id and appends verify mode, in/out state, work code and a spare.
    return f"{user_id:>9}\t{when}\t1\t0\t1\t0"
