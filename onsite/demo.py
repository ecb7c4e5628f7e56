"""A believable company for a first look and for benchmarks (`manage.py seed_demo`).

The core builds the organisation (company, sites, contracts, people, placements) and the logins;
each app adds its own records through a demo step registered in its AppConfig.ready()
(staffing/demo.py, attendance/demo.py), run in `order` within the one transaction."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from onsite.models import RoleGrant
from onsite.org.models import (
    Assignment,
    Client,
    Company,
    Contract,
    Department,
    Gender,
    Position,
    Site,
    Staff,
    StaffStatus,
)
from onsite.org.validators import id_number_check_digit
from onsite.roles import Role
from onsite.services import notification_create

DEMO_PASSWORD = "onsite-demo"
COMPANY_NAME = "恒信技术服务有限公司"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
# Given names as they are usually read, so that a person's gender matches their name.
GIVEN_NAMES = {
    # One line each reads better than one name a line.
    "male": "伟 强 磊 军 洋 勇 杰 涛 明 超 刚 斌 浩 凯 鹏 建国 志文 志强 建华 宇轩 浩然 子轩 俊杰 文斌 明辉 海涛".split(),  # noqa: SIM905
    "female": "芳 娜 敏 静 丽 艳 娟 霞 萍 红 秀英 桂英 玉兰 丽华 秀霞 欣怡 子涵 雨涵 晓燕 静怡 婷婷 美玲 佳琪".split(),  # noqa: SIM905
}
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
# Placements younger than this are still onboarding; everyone placed before has finished.
NEWCOMER_DAYS = 7


def id_number(area: str, birth: datetime.date, sequence: int) -> str:
    """GB 11643: area, date of birth, a three-digit sequence whose last digit is odd for a man
    and even for a woman, and the check digit."""
    body = f"{area}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + id_number_check_digit(body)


def id_sequence(n: int, gender: str) -> int:
    """The n-th person's sequence, with the gender digit GB 11643 gives to `gender`."""
    return (2 * n + (gender == Gender.MALE)) % 1000


@dataclass
class DemoUser:
    username: str
    name: str
    role: Role
    gender: str = ""  # of the staff login, whose name becomes a staff record's


DEMO_USERS = [
    DemoUser("hr", "孙丽华", Role.HR_ADMIN),
    DemoUser("supervisor", "周建国", Role.SUPERVISOR),
    DemoUser("staff", "王伟", Role.STAFF, Gender.MALE),
    DemoUser("manager", "郑志文", Role.MANAGER),
    DemoUser("finance", "许秀霞", Role.FINANCE),
    DemoUser("client", "韩明", Role.CLIENT_CONTACT),
]


@dataclass
class DemoWorld:
    """What the core built, handed to every app's demo step."""

    company: Company
    sites: list[Site]
    people: list[Staff]  # by staff number; the first is the staff login's own record
    assignments: list[Assignment]  # one per person placed, the first at the first site
    newcomer: Assignment | None  # placed last week, still onboarding
    users: dict  # username: user, one login per role
    today: datetime.date
    rng: random.Random  # the one random sequence of the demo

    @property
    def by(self):
        """Who the demo's records are entered by: the HR admin."""
        return self.users["hr"]


@dataclass(frozen=True)
class DemoStep:
    key: str
    run: Callable[[DemoWorld], None]
    order: int = 100  # lower first; steps drawing from `rng` must keep their order


STEPS: dict[str, DemoStep] = {}


def demo_step_register(step: DemoStep) -> None:
    STEPS[step.key] = step


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
    # The first person is the staff login's own record, so name and gender come from it.
    login = next(user for user in DEMO_USERS if user.role == Role.STAFF)
    for n in range(staff_count):
        birth = datetime.date(1975 + rng.randrange(28), rng.randrange(1, 13), rng.randrange(1, 29))
        gender = rng.choice(Gender.values) if n else login.gender
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES[gender]) if n else login.name
        # Hired after their twentieth birthday, at least a month before the placement.
        hired = placed_since - datetime.timedelta(days=rng.randrange(30, 2000))
        people.append(
            Staff(
                company=company,
                department=departments[n % 2],
                position=positions[n % len(positions)],
                staff_no=f"HX{n + 1:05d}",
                name=name,
                gender=gender,
                birth_date=birth,
                id_number=id_number(rng.choice(AREAS), birth, id_sequence(n, gender)),
                phone=f"13{rng.randrange(10**8, 10**9)}",
                education=rng.choice(("大专", "本科", "本科", "硕士")),
                employment_start=max(hired, birth.replace(year=birth.year + 20)),
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
    placed = people[:-2]
    # The last person placed at the first site (not one of its first round or backups) arrived
    # last week and is still onboarding; everyone else has been there since `placed_since`.
    newcomer = max(
        (n for n in range(2 * len(sites), len(placed)) if n % len(sites) == 0), default=None
    )
    for n, person in enumerate(placed):
        site = sites[n % len(sites)]
        assignments.append(
            Assignment(
                staff=person,
                site=site,
                contract=contracts[site.client_id],
                position_id=person.position_id,
                start=today - datetime.timedelta(days=NEWCOMER_DAYS)
                if n == newcomer
                else placed_since,
                # The first person at each site after the first round is its named backup.
                backup=len(sites) <= n < 2 * len(sites),
            )
        )
    Assignment.objects.bulk_create(assignments, batch_size=1000)
    users = _demo_users(company=company, site=sites[0], staff=people[0], departments=departments)
    world = DemoWorld(
        company=company,
        sites=sites,
        people=people,
        assignments=assignments,
        newcomer=assignments[newcomer] if newcomer is not None else None,
        users=users,
        today=today,
        rng=rng,
    )
    # In registered order: the steps draw from one random sequence, so the order fixes the data.
    for step in sorted(STEPS.values(), key=lambda step: (step.order, step.key)):
        step.run(world)
    notification_create(
        recipients=[users["hr"], users["manager"]],
        kind="onsite.welcome",
        params={"sites": len(sites)},
    )
    return {"company": company, "staff": len(people), "sites": len(sites), "users": users}


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
