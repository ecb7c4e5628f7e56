"""A believable company for a first look and for benchmarks (`manage.py seed_demo`)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from onsite.models import RoleGrant
from onsite.roles import Role
from onsite.services import notification_create
from staffing.models import (
    Assignment,
    CheckStatus,
    Client,
    Company,
    Condition,
    Contract,
    Department,
    Position,
    QualificationCheck,
    Site,
    Staff,
    StaffStatus,
)

DEMO_PASSWORD = "onsite-demo"
COMPANY_NAME = "恒信技术服务有限公司"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志文斌宇浩凯鹏晨欣怡子涵雨轩"
POSITIONS = {
    "技术支持": "桌面与终端支持，故障受理与处理，用户培训。",
    "运维工程师": "服务器、存储与机房设备的日常巡检、维护和故障处理。",
    "网络工程师": "网络设备配置、监控与安全策略维护。",
    "数据库管理员": "数据库备份、性能监控与数据提供。",
}
SITES = [
    (
        "JN-DC",
        "江南市数据局机房",
        "江南市大数据管理局",
        "江南市滨江路 88 号",
        "08:30-12:00,14:00-17:30",
    ),
    (
        "JN-GOV",
        "江南市政务服务中心",
        "江南市大数据管理局",
        "江南市人民大道 1 号",
        "08:00-12:00,14:00-18:00",
    ),
    ("MY-DC", "明远银行数据中心", "明远银行", "江南市科技园明远大厦 B1", "08:30-12:00,14:00-17:40"),
]
# Area codes of real prefectures, so the demo ID numbers look like the real thing.
AREAS = ["110101", "310104", "320102", "330106", "440305", "510107", "420102", "370202"]
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(area: str, birth: datetime.date, sequence: int) -> str:
    body = f"{area}{birth:%Y%m%d}{sequence % 1000:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


@dataclass
class DemoUser:
    username: str
    name: str
    role: Role


DEMO_USERS = [
    DemoUser("hr", "孙丽华", Role.HR_ADMIN),
    DemoUser("supervisor", "周建国", Role.SUPERVISOR),
    DemoUser("staff", "王伟", Role.STAFF),
    DemoUser("manager", "郑志文", Role.MANAGER),
    DemoUser("finance", "许秀霞", Role.FINANCE),
    DemoUser("client", "韩明", Role.CLIENT_CONTACT),
]


def demo_exists() -> bool:
    return Company.objects.filter(name=COMPANY_NAME).exists()


@transaction.atomic
def seed_demo(*, staff_count: int = 30, months: int = 3, seed: int = 2026) -> dict:
    """Build the demo company with `staff_count` people placed for the last `months` months."""
    rng = random.Random(seed)
    today = timezone.localdate()
    placed_since = today - datetime.timedelta(days=30 * months)

    company = Company.objects.create(name=COMPANY_NAME)
    departments = [
        Department.objects.create(company=company, name=name)
        for name in ("运维服务部", "技术支持部")
    ]
    positions = [
        Position.objects.create(company=company, title=title, duties=duties)
        for title, duties in POSITIONS.items()
    ]
    # Beyond the three demo sites, one more site per 50 people keeps sites at a realistic size.
    site_rows = list(SITES)
    for extra in range(max(0, staff_count // 50 - len(SITES))):
        site_rows.append(
            (f"BR-{extra + 1:03d}", f"明远银行第{extra + 1}分行", "明远银行", "", SITES[2][4])
        )
    clients = {
        name: Client.objects.create(name=name) for name in dict.fromkeys(r[2] for r in site_rows)
    }
    sites = [
        Site.objects.create(
            code=code, name=name, client=clients[client], address=address, schedule=schedule
        )
        for code, name, client, address, schedule in site_rows
    ]
    contracts = {}
    for number, client in enumerate(clients.values(), start=1):
        client_sites = [s for s in sites if s.client_id == client.pk]
        contract = Contract.objects.create(
            code=f"HX-{today.year}-{number:02d}",
            company=company,
            client=client,
            start=placed_since.replace(day=1),
            end=datetime.date(today.year + 1, 12, 31),
            # A little room above the people placed, so the quota is meaningful.
            headcount=max(2, round(staff_count * len(client_sites) / len(sites) * 1.1) + 1),
            terms="驻场运维与技术支持服务，按季度考核。",
        )
        contract.sites.set(client_sites)
        contracts[client.pk] = contract

    people = []
    for n in range(staff_count):
        birth = datetime.date(1975 + rng.randrange(28), rng.randrange(1, 13), rng.randrange(1, 29))
        people.append(
            Staff(
                company=company,
                department=departments[n % 2],
                position=positions[n % len(positions)],
                staff_no=f"HX{n + 1:05d}",
                name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
                gender=rng.choice(("male", "female")),
                birth_date=birth,
                id_number=id_number(rng.choice(AREAS), birth, n),
                phone=f"13{rng.randrange(10**8, 10**9)}",
                education=rng.choice(("大专", "本科", "本科", "硕士")),
                employment_start=placed_since - datetime.timedelta(days=rng.randrange(30, 2000)),
                monthly_salary=Decimal(rng.randrange(60, 160) * 100),
                status=StaffStatus.ON_SITE,
            )
        )
    # The last two people are not placed yet: one candidate, one qualified and waiting.
    people[-1].status = StaffStatus.CANDIDATE
    people[-2].status = StaffStatus.QUALIFIED
    Staff.objects.bulk_create(people, batch_size=1000)
    people = list(Staff.objects.filter(company=company).order_by("staff_no"))

    assignments = []
    for n, person in enumerate(people[:-2]):
        site = sites[n % len(sites)]
        assignments.append(
            Assignment(
                staff=person,
                site=site,
                contract=contracts[site.client_id],
                position_id=person.position_id,
                start=placed_since,
                # The first person at each site after the first round is its named backup.
                backup=len(sites) <= n < 2 * len(sites),
            )
        )
    Assignment.objects.bulk_create(assignments, batch_size=1000)
    _demo_checks(people, today=today, rng=rng)

    users = _demo_users(company=company, site=sites[0], staff=people[0], departments=departments)
    _demo_attendance(assignments, sites=sites, today=today, rng=rng, by=users["hr"])
    notification_create(
        recipients=[users["supervisor"]],
        kind="staffing.assigned",
        title=f"{people[0].name} 已派驻到 {sites[0].name}",
        body="新人员已完成入场手续，请安排岗前培训。",
        url=f"/staff/{people[0].pk}/",
    )
    notification_create(
        recipients=[users["hr"], users["manager"]],
        kind="staffing.welcome",
        title="欢迎使用 Onsite 驻场人员管理",
        body="演示数据已就绪：3 个驻场地点，人员、派驻与合同均可查看。",
    )
    return {"company": company, "staff": len(people), "sites": len(sites), "users": users}


def _demo_attendance(assignments, *, sites, today, rng, by) -> None:
    """Punches from the first of last month to yesterday: most people on time, some late or
    early, a few absent or with one punch; one approved leave and one waiting correction; then
    every day judged, so the sheets have something to show."""
    from attendance.calendar import WorkCalendar
    from attendance.models import Correction, Leave, LeaveKind, LeaveStatus, Punch, PunchSource
    from attendance.services.days import days_recompute
    from staffing.schedule import Schedule

    start = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    end = today - datetime.timedelta(days=1)
    if end < start:
        return
    calendar = WorkCalendar(start=start, end=end)
    workdays = [d for d in calendar.days() if calendar.is_working(d)]
    schedules = {site.pk: Schedule.parse(site.schedule) for site in sites}
    zone = timezone.get_current_timezone()
    punches = []
    for placement in assignments:
        schedule = schedules[placement.site_id]
        for day in workdays:
            roll = rng.random()
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
            if roll < 0.015:
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
    first = assignments[0]
    if len(workdays) > 3:
        Leave.objects.create(
            staff_id=first.staff_id,
            site_id=first.site_id,
            kind=LeaveKind.ANNUAL,
            start=workdays[2],
            end=workdays[3],
            status=LeaveStatus.APPROVED,
            reason="回老家探亲",
            created_by=by,
        )
    Correction.objects.create(
        staff_id=first.staff_id,
        site_id=first.site_id,
        at=datetime.datetime.combine(end, schedules[first.site_id].end, zone),
        reason="下班时打卡机故障，未能打卡",
    )
    _demo_requests(assignments, today=today, by=by)
    days_recompute(start=start, end=end, site_ids=[site.pk for site in sites])


def _demo_requests(assignments, *, today, by) -> None:
    """Requests waiting in the approvals inbox of the demo supervisor, manager and HR: leave
    next week, overtime to approve, to file, and last week's to confirm in hours."""
    from attendance.models import Leave, LeaveKind, LeaveStatus, Overtime, OvertimeStatus
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


def _demo_checks(people, *, today, rng) -> None:
    """Everyone but the candidate was checked on paper; health certificates run out at different
    times, so some fall inside the reminder period."""
    checks = []
    for person in people:
        for condition in Condition:
            passed = person.status != StaffStatus.CANDIDATE or condition == Condition.NATIONALITY
            checks.append(
                QualificationCheck(
                    staff=person,
                    condition=condition,
                    status=CheckStatus.PASSED if passed else CheckStatus.PENDING,
                    verified_on=person.employment_start if passed else None,
                    expires_on=today + datetime.timedelta(days=rng.randrange(10, 400))
                    if passed and condition == Condition.HEALTH
                    else None,
                )
            )
    QualificationCheck.objects.bulk_create(checks, batch_size=2000)


def _demo_users(*, company, site, staff, departments) -> dict:
    User = get_user_model()
    # One hash for the one demo password: each hash costs the hasher's full work factor.
    password = make_password(DEMO_PASSWORD)
    users = {}
    for demo in DEMO_USERS:
        user = User.objects.create(
            username=demo.username,
            password=password,
            first_name=demo.name[1:],
            last_name=demo.name[0],
            email=f"{demo.username}@onsite.example",
        )
        users[demo.username] = user
        if demo.role in (Role.HR_ADMIN, Role.MANAGER, Role.FINANCE):
            RoleGrant.objects.create(user=user, role=demo.role, company=company)
        elif demo.role in (Role.SUPERVISOR, Role.CLIENT_CONTACT):
            RoleGrant.objects.create(user=user, role=demo.role, site=site)
        else:
            staff.user = user
            staff.name = demo.name
            staff.email = user.email
            staff.save(update_fields=["user", "name", "email"])
    return users
