"""Attendance's part of the demo (registered in AttendanceConfig.ready()): punches, leave, a
correction and requests waiting for a decision, then every day judged."""

from __future__ import annotations

import datetime

from django.utils import timezone

from onsite.demo import DemoStep, DemoWorld, demo_step_register
from onsite.periods import Month


def attendance(world: DemoWorld) -> None:
    _demo_attendance(
        world.assignments, sites=world.sites, today=world.today, rng=world.rng, by=world.by
    )


def register() -> None:
    # After staffing's checks and onboarding (10, 20), which draw from the same random sequence.
    demo_step_register(DemoStep("attendance", attendance, 30))


def _demo_attendance(assignments, *, sites, today, rng, by) -> None:
    """Punches from the first of last month (or the placement's start) to yesterday: most people
    on time, some late or early, a few absent or with one punch; one approved leave, with no
    punches on its days, and one waiting correction for a punch out really missing; then every
    day judged, so the sheets have something to show."""
    from attendance.models import Correction, Leave, LeaveKind, LeaveStatus, Punch, PunchSource
    from attendance.selectors.calendar import WorkCalendar
    from attendance.services.days import days_recompute
    from attendance.services.leave import leave_days_count
    from onsite.org.schedule import Schedule

    start = Month.containing(today).previous.first
    end = today - datetime.timedelta(days=1)
    if end < start:
        return
    calendar = WorkCalendar(start=start, end=end)
    workdays = [d for d in calendar.days() if calendar.is_working(d)]
    schedules = {site.pk: Schedule.parse(site.schedule) for site in sites}
    zone = timezone.get_current_timezone()
    first = assignments[0]
    on_leave = workdays[2:4] if len(workdays) > 3 else []
    # The first person forgot to punch out on the last working day and asks for a correction.
    forgot_out = workdays[-1] if workdays and workdays[-1] not in on_leave else None
    punches = []
    for placement in assignments:
        schedule = schedules[placement.site_id]
        for day in workdays:
            if day < placement.start or (placement is first and day in on_leave):
                continue
            forgets_out = placement is first and day == forgot_out
            # On that day the person came in on time; only the punch out is missing.
            roll = 0.5 if forgets_out else rng.random()
            if roll < 0.01:
                continue  # absent
            arrive = -rng.randrange(2, 20) if roll > 0.06 else rng.randrange(16, 50)
            leave = rng.randrange(1, 25) if roll > 0.02 or roll < 0.01 else -rng.randrange(16, 40)
            times = [
                datetime.datetime.combine(day, schedule.start, zone)
                + datetime.timedelta(minutes=arrive),
                datetime.datetime.combine(day, schedule.end, zone)
                + datetime.timedelta(minutes=leave),
            ]
            if forgets_out or roll < 0.015:
                times = times[:1]  # forgot to punch out
            elif len(schedule.periods) > 1 and rng.random() < 0.5:
                # Many people also punch around lunch; only the first and last punch count.
                times[1:1] = [
                    datetime.datetime.combine(day, schedule.morning.end, zone)
                    + datetime.timedelta(minutes=rng.randrange(0, 5)),
                    datetime.datetime.combine(day, schedule.afternoon.start, zone)
                    - datetime.timedelta(minutes=rng.randrange(1, 10)),
                ]
            punches += [
                Punch(
                    staff_id=placement.staff_id,
                    site_id=placement.site_id,
                    at=t,
                    source=PunchSource.DEVICE,
                    device="1",
                )
                for t in times
            ]
    Punch.objects.bulk_create(punches, batch_size=5000, ignore_conflicts=True)
    if on_leave:
        Leave.objects.create(
            staff_id=first.staff_id,
            site_id=first.site_id,
            kind=LeaveKind.ANNUAL,
            start=on_leave[0],
            end=on_leave[-1],
            days=leave_days_count(site_id=first.site_id, start=on_leave[0], end=on_leave[-1]),
            status=LeaveStatus.APPROVED,
            reason="回老家探亲",
            created_by=by,
        )
    if forgot_out is not None:
        Correction.objects.create(
            staff_id=first.staff_id,
            site_id=first.site_id,
            at=datetime.datetime.combine(forgot_out, schedules[first.site_id].end, zone),
            reason="下班时打卡机故障，未能打卡",
        )
    _demo_requests(assignments, today=today, by=by)
    days_recompute(start=start, end=end, site_ids=[site.pk for site in sites])


def _demo_requests(assignments, *, today, by) -> None:
    """Requests waiting in the approvals inbox of the demo supervisor, manager and HR: leave
    next week, overtime to approve, to file, and last week's to confirm in hours."""
    from attendance.models import (
        Leave,
        LeaveKind,
        LeaveStatus,
        Overtime,
        OvertimeStatus,
        Punch,
        PunchSource,
    )
    from attendance.services.leave import leave_days_count
    from attendance.services.overtime import overtime_category
    from onsite.policy import policy_for

    here = [a for a in assignments if a.site_id == assignments[0].site_id][:6]
    if len(here) < 4:
        return
    monday = today + datetime.timedelta(days=7 - today.weekday())
    for n, (placement, kind, reason) in enumerate(
        (
            (here[1], LeaveKind.PERSONAL, "孩子家长会"),
            (here[2], LeaveKind.SICK, "牙科复诊"),
        )
    ):
        day = monday + datetime.timedelta(days=n)
        Leave.objects.create(
            staff_id=placement.staff_id,
            site_id=placement.site_id,
            kind=kind,
            start=day,
            end=day,
            days=leave_days_count(site_id=placement.site_id, start=day, end=day),
            status=LeaveStatus.PENDING,
            reason=reason,
            cover_id=here[3].staff_id,
            created_by=by,
        )
    policy = policy_for(company=None)
    for placement, date, status in (
        (here[1], monday + datetime.timedelta(days=2), OvertimeStatus.PENDING),
        (here[2], monday + datetime.timedelta(days=5), OvertimeStatus.APPROVED),
        (here[3], monday - datetime.timedelta(days=6), OvertimeStatus.FILED),
    ):
        day = overtime_category(site_id=placement.site_id, date=date, policy=policy)
        Overtime.objects.create(
            staff_id=placement.staff_id,
            site_id=placement.site_id,
            date=date,
            start_time=datetime.time(18, 0),
            end_time=datetime.time(20, 0),
            hours=2,
            day_kind=day.day_kind,
            category=day.category,
            rate=day.rate,
            reason="配合客户系统升级割接",
            status=status,
            created_by=by,
        )
        if status == OvertimeStatus.FILED and date < today:
            # The hours to confirm show in the punches: in before six, out after eight.
            zone = timezone.get_current_timezone()
            Punch.objects.bulk_create(
                [
                    Punch(
                        staff_id=placement.staff_id,
                        site_id=placement.site_id,
                        at=datetime.datetime.combine(date, time, zone),
                        source=PunchSource.DEVICE,
                        device="1",
                    )
                    for time in (datetime.time(17, 56), datetime.time(20, 4))
                ],
                ignore_conflicts=True,
            )
