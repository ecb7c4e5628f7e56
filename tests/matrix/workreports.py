"""Work reports (SPEC §9). Staff_a's report is read by staff_a, the supervisor of A, HR and the
manager of the company; the others get 404. Its author writes and comments; the supervisor of A
(not its author) reads, comments, reviews and returns. 我的汇报 and the form are for people with a
staff record; 周报审阅 for supervisors, HR and managers."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from onsite.periods import Week
from tests.conftest import World
from tests.matrix import Row, only, statuses
from tickets.models import Report, ReportAttachment

STAFF = ("staff_a", "staff_b", "hr_staff", "supervisor_staff")
READERS = ("staff_a", "supervisor_a", "hr", "manager")
DECIDE = statuses(404, staff_a=403, hr=403, manager=403, supervisor_a=302)
DECIDE.update(hr_staff=403, supervisor_staff=302)


def last_week() -> Week:
    return Week.containing(timezone.localdate()).previous


def report_of_a(w: World) -> Report:
    week = last_week()
    now = timezone.now()
    return Report.objects.create(
        staff=w.person_a,
        site=w.site_a,
        kind="weekly",
        period=week.label,
        starts_on=week.first,
        ends_on=week.last,
        due_at=now,
        status="submitted",
        work_done="巡检机房。",
        first_submitted_at=now,
        submitted_at=now,
    )


def report_a(w: World) -> list:
    return [report_of_a(w).pk]


def file_a(w: World) -> list:
    report = report_of_a(w)
    attachment = ReportAttachment(report=report, name="机房.png", size=8, uploaded_by=w.staff_a)
    attachment.file.save("机房.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    return [report.pk, attachment.pk]


def write_args(w: World) -> list:
    return ["weekly", last_week().label]


ROWS = [
    Row("tickets:my_reports", only(STAFF, other=403)),
    Row(
        "tickets:workreport_sites",
        only(("supervisor_a", "hr", "manager", "hr_staff", "supervisor_staff"), other=403),
    ),
    Row("tickets:workreport_write", {**only(STAFF, other=403), "client_b": 403}, args=write_args),
    Row(
        "tickets:workreport_write",
        {**only(STAFF, ok=302, other=403), "client_b": 403},
        method="post",
        args=write_args,
        label="tickets:workreport_write POST",
    ),
    Row("tickets:workreport", only(READERS), args=report_a),
    Row("tickets:workreport_file", only(READERS), args=file_a),
    Row(
        "tickets:workreport_comment",
        {**DECIDE, "staff_a": 302},
        method="post",
        args=report_a,
    ),
    Row("tickets:workreport_review", DECIDE, method="post", args=report_a),
    Row("tickets:workreport_return", DECIDE, method="post", args=report_a),
    Row(
        "tickets:workreport_file_remove",
        statuses(404, staff_a=302, hr=403, manager=403, supervisor_a=403),
        method="post",
        args=file_a,
    ),
]
