"""Importing 10,000 staff rows from a CSV into the demo company at scale, then the same file
again (every row unchanged). Measurements only: the assertions say the import did its work."""

from __future__ import annotations

import csv
import datetime
import io
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from onsite.demo import COMPANY_NAME, id_number
from onsite.org.models import Staff
from staffing.imports.services import import_file
from staffing.models import QualificationCheck

ROWS = 10_000
HEADER = [
    "工号",
    "姓名",
    "性别",
    "出生日期",
    "身份证号",
    "手机号",
    "外包公司",
    "岗位",
    "月薪",
    "已审查",
]
# No demo person has an ID number from this area, so none collides.
AREA = "350102"
POSITIONS = ("运维工程师", "技术支持", "网络管理员", "驻场客服")


def staff_csv(rows: int) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    first = datetime.date(1975, 1, 1)
    for n in range(rows):
        birth = first + datetime.timedelta(days=n % 9000)
        writer.writerow(
            [
                f"IMP{n:05d}",
                f"导入员工{n}",
                "男" if n % 2 else "女",
                birth.isoformat(),
                id_number(AREA, birth, n // 9000),
                f"139{n:08d}",
                COMPANY_NAME,
                POSITIONS[n % len(POSITIONS)],
                f"{5000 + n % 3000}.00",
                "是" if n % 2 else "否",
            ]
        )
    return text.getvalue().encode("utf-8")


def timed_import(data: bytes, user):
    started = time.perf_counter()
    report = import_file(
        kind="staff",
        file=SimpleUploadedFile("staff.csv", data),
        user=user,
        dry_run=False,
        skip_invalid=False,
    )
    return report, time.perf_counter() - started


def test_import_ten_thousand_staff_then_the_same_file_again(db, demo, report):
    hr = get_user_model().objects.get(username="hr")
    data = staff_csv(ROWS)
    report("staff import: file", f"{ROWS:,} rows, {len(data) / 1024:,.0f} KiB", "")

    first, seconds = timed_import(data, hr)
    assert first.errors == [], first.errors[:5]
    assert first.new == ROWS
    report("staff import: 10,000 new rows", seconds, "s")
    imported = Staff.objects.filter(staff_no__startswith="IMP")
    assert imported.count() == ROWS
    assert QualificationCheck.objects.filter(staff__in=imported).count() == ROWS * 6

    again, seconds = timed_import(data, hr)
    assert (again.new, again.updated, again.skipped, again.errors) == (0, 0, ROWS, [])
    report("staff import: same file again (all unchanged)", seconds, "s")

    started = time.perf_counter()
    preview = import_file(
        kind="staff",
        file=SimpleUploadedFile("staff.csv", data),
        user=hr,
        dry_run=True,
        skip_invalid=False,
    )
    assert preview.skipped == ROWS
    report("staff import: dry run of the same file (preview)", time.perf_counter() - started, "s")
