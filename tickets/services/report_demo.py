"""Work reports in the demo (registered from tickets.demo): last week's weekly reports at the demo
site in every state — the staff login's own reviewed, one submitted on time and one late (read
by the supervisor), one returned with a comment, one left a draft — and one person who never
filed (missing once the week after ends, overdue until then).

Who owes the week and its due time come from tickets.selectors.duties; the supervisor's reads,
reviews and returns go through tickets.services.reports. The people without a login have their
reports stored as the service would store them. Draws nothing from the demo's random sequence."""

from __future__ import annotations

import datetime

from django.utils import timezone

from onsite.demo import DemoWorld
from onsite.periods import Week
from tickets.models import Report, ReportKind, ReportStatus
from tickets.selectors.duties import duties
from tickets.services import reports as services

HOUR = datetime.timedelta(hours=1)
WORK = [
    "完成机房日常巡检 5 次；处理服务工单 3 张；配合客户完成季度网络割接。",
    "更换三楼打印机硒鼓；核对 UPS 巡检记录；整理本周备份报告。",
    "完成服务器补丁安装；处理门禁读卡故障；协助客户导出考勤数据。",
    "完成网络设备配置备份；排查会议室投影故障。",
    "整理机房线缆；更新资产台账。",
]
PLAN = "继续日常巡检；跟进 UPS 电池更换；完成机房空调滤网清洗。"


def _week(now: datetime.datetime, today: datetime.date) -> Week:
    """Last week, or the week before when last week's reports are not yet due long enough for a
    late one to have come in."""
    week = Week.containing(today).previous
    due = datetime.datetime.combine(
        week.last + datetime.timedelta(days=1), datetime.time(16), now.tzinfo
    )
    return week.previous if now < due else week


def reports(world: DemoWorld) -> None:
    site = world.sites[0]
    staff_user, supervisor = world.users["staff"], world.users["supervisor"]
    now = timezone.now()
    week = _week(now, world.today)
    owed = [
        d for d in duties(kind=ReportKind.WEEKLY, period=week, now=now, sites=[site]) if d.required
    ]
    own = next((d for d in owed if d.staff.pk == world.people[0].pk), None)
    others = [d for d in owed if d is not own]
    if own is not None:
        report = services.report_open(
            staff=own.staff,
            kind=ReportKind.WEEKLY,
            period=week,
            by=staff_user,
            now=own.due_at - 26 * HOUR,
        )
        services.report_save(
            report=report,
            by=staff_user,
            work_done=WORK[0],
            problems="二号 UPS 电池内阻偏高。",
            next_plan=PLAN,
        )
        report = services.report_submit(report=report, by=staff_user, now=own.due_at - 25 * HOUR)
        services.report_mark_read(report=report, by=supervisor, now=own.due_at + HOUR)
        services.report_review(
            report=report,
            by=supervisor,
            note="内容完整，UPS 问题请持续跟进。",
            now=own.due_at + 2 * HOUR,
        )
    # (submitted at, what happens next) for the others, in staff number order; the last is missing.
    stories = [
        ("on_time", -3),
        ("late", 2),
        ("returned", -1),
        ("draft", None),
    ]
    for (story, hours), duty in zip(stories, others, strict=False):
        _other(duty, week, story, hours, supervisor, WORK[1 + stories.index((story, hours))])


def _other(duty, week: Week, story: str, hours, supervisor, work: str) -> None:
    report = Report(
        staff=duty.staff,
        site=duty.site,
        kind=ReportKind.WEEKLY,
        period=week.label,
        starts_on=week.first,
        ends_on=week.last,
        due_at=duty.due_at,
        work_done=work,
        next_plan=PLAN,
        created_at=duty.due_at - 30 * HOUR,
    )
    if hours is not None:
        at = duty.due_at + hours * HOUR
        report.status = ReportStatus.SUBMITTED
        report.first_submitted_at = report.submitted_at = at
    report._change_reason = "演示数据"
    report.save()
    if hours is None:
        return
    seen = duty.due_at + (hours + 1) * HOUR
    if story == "returned":
        services.report_return(
            report=report, by=supervisor, note="请补充本周处理的工单编号。", now=seen
        )
    elif story == "late":
        services.report_mark_read(report=report, by=supervisor, now=seen)
