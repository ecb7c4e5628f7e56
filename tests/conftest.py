"""Named people every test can use (in the manner of alice, bob and charlie):

- `hr`: HR admin of the company; `manager`: its manager; `finance`: its finance officer;
- `supervisor_a`: supervisor of site A; `client_a`: client contact of site A;
- `staff_a` / `staff_b`: people placed at site A / site B, each with a login;
- `outsider`: a login with no role at all;
- `hr_staff` (赵敏): an HR admin of the company who is also a staff member placed at site A;
- `supervisor_staff` (钱军): a supervisor of site A who is also a staff member placed there.
  Both act on everyone in their scope but themselves (STYLE habit 15); they are in the world
  of the tests that ask for the `two_roles` fixture (the permission matrix among them).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import AbstractUser
from django.db import connection
from django.utils import translation

from onsite.celery import app as celery_app
from onsite.org.models import Company, Site, Staff
from onsite.roles import Role
from tests import factories

BASE_ROLES = (
    "hr",
    "supervisor_a",
    "staff_a",
    "staff_b",
    "manager",
    "finance",
    "client_a",
    "outsider",
)
# People with two roles (STYLE habit 15), in the world of the tests that ask for `two_roles`.
TWO_ROLES = ("hr_staff", "supervisor_staff")
ROLES = BASE_ROLES + TWO_ROLES
POSTGRES_ONLY = pytest.StashKey[list]()


@dataclass
class World:
    company: Company
    site_a: Site
    site_b: Site
    person_a: Staff
    person_b: Staff
    users: dict[str, AbstractUser]
    # The staff records of the two people with two roles.
    hr_person: Staff | None = None
    supervisor_person: Staff | None = None

    def __getattr__(self, name: str):
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None


def pytest_collection_modifyitems(config, items):
    """`make test` runs the suite on PostgreSQL and on SQLite. A test that needs PostgreSQL itself
    (row locks between threads, COPY) is marked `@pytest.mark.postgres(reason="…")` and left
    out of any other database's run, listed with its reason at the end."""
    left_out = []
    for item in items:
        mark = item.get_closest_marker("postgres")
        if mark is None:
            continue
        if not mark.kwargs.get("reason"):
            raise pytest.UsageError(f'{item.nodeid}: say why, @pytest.mark.postgres(reason="…")')
        if connection.vendor != "postgresql":
            left_out.append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item.get_closest_marker("postgres") is None]
        config.stash[POSTGRES_ONLY] = left_out


def pytest_terminal_summary(terminalreporter, config):
    left_out = config.stash.get(POSTGRES_ONLY, [])
    if left_out:
        terminalreporter.section(f"left out on {connection.vendor}: they need PostgreSQL")
        for item in left_out:
            reason = item.get_closest_marker("postgres").kwargs["reason"]
            terminalreporter.line(f"{item.nodeid}: {reason}")


@pytest.fixture(autouse=True)
def _fast_and_eager(settings, tmp_path):
    # Uploaded files of a test go to its own folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    # And the files of its background exports (onsite/exports/).
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {**settings.STORAGES["exports"], "OPTIONS": {"location": tmp_path / "exports"}},
    }
    # Hashing with the production hasher costs a quarter second a login; tests log in a lot.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in the test's own process unless a test starts a real worker. It stays so after
    # the test: a live server thread may still answer a request and queue a task then.
    celery_app.conf.task_always_eager = True
    # A request leaves its language active in the thread; each test starts from the default.
    translation.activate(settings.LANGUAGE_CODE)
    yield


def build_world(*, two_roles: bool = False) -> World:
    company = factories.CompanyFactory(name="恒信技术服务")
    client = factories.ClientFactory(name="江南数据局")
    site_a = factories.SiteFactory(client=client, code="A", name="甲机房")
    site_b = factories.SiteFactory(client=client, code="B", name="乙中心")
    contract = factories.ContractFactory(
        company=company, client=client, sites=[site_a, site_b], headcount=5
    )
    position = factories.PositionFactory(company=company, title="运维工程师")
    users = {name: factories.UserFactory(username=name) for name in BASE_ROLES}
    person_a = factories.StaffFactory(
        company=company,
        user=users["staff_a"],
        name="张三",
        id_number="110101199003071233",
        birth_date=datetime.date(1990, 3, 7),
    )
    person_b = factories.StaffFactory(company=company, user=users["staff_b"], name="李四")
    for person, site in ((person_a, site_a), (person_b, site_b)):
        factories.AssignmentFactory(
            staff=person,
            site=site,
            contract=contract,
            position=position,
            start=datetime.date(2026, 1, 1),
        )
    for name, role in (("hr", Role.HR_ADMIN), ("manager", Role.MANAGER), ("finance", Role.FINANCE)):
        factories.RoleGrantFactory(user=users[name], role=role, company=company)
    factories.RoleGrantFactory(user=users["supervisor_a"], role=Role.SUPERVISOR, site=site_a)
    factories.RoleGrantFactory(user=users["client_a"], role=Role.CLIENT_CONTACT, site=site_a)
    world = World(
        company=company,
        site_a=site_a,
        site_b=site_b,
        person_a=person_a,
        person_b=person_b,
        users=users,
    )
    if two_roles:
        add_two_roles(world)
    return world


def add_two_roles(world: World) -> World:
    """赵敏 (hr_staff), HR admin of the company, and 钱军 (supervisor_staff), supervisor of
    site A, both also staff placed at site A with a login of their own. Only the tests about
    them (and the permission matrix) have them, so the counts of every other test stay."""
    contract = world.person_a.assignments.get().contract
    contract.headcount += 2
    contract.save(update_fields=["headcount"])
    position = world.person_a.assignments.get().position
    users = {name: factories.UserFactory(username=name) for name in TWO_ROLES}
    world.users.update(users)
    world.hr_person = factories.StaffFactory(
        company=world.company,
        user=users["hr_staff"],
        name="赵敏",
        gender="female",
        monthly_salary=Decimal("11800"),
    )
    world.supervisor_person = factories.StaffFactory(
        company=world.company, user=users["supervisor_staff"], name="钱军"
    )
    for person in (world.hr_person, world.supervisor_person):
        factories.AssignmentFactory(
            staff=person,
            site=world.site_a,
            contract=contract,
            position=position,
            start=datetime.date(2026, 1, 1),
        )
    factories.RoleGrantFactory(user=users["hr_staff"], role=Role.HR_ADMIN, company=world.company)
    factories.RoleGrantFactory(
        user=users["supervisor_staff"], role=Role.SUPERVISOR, site=world.site_a
    )
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def two_roles(world) -> World:
    """The world with its two people of two roles (see add_two_roles)."""
    return add_two_roles(world)


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A real worker process; tasks queued by the test go through the broker to it."""
    from tests.workers import start_worker, stop_worker

    celery_app.conf.task_always_eager = False
    worker = start_worker(tmp_path / "mail")
    yield worker
    stop_worker(worker)
    celery_app.conf.task_always_eager = True


# --- fixtures of the attendance and movement pages ---------------------------------------------


@pytest.fixture
def english(client, settings):
    """The test client reading pages in English, whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def english_messages():
    """Refusals are built in the active language; tests that read the English source strings
    ask for this (a folder's conftest.py makes it autouse for its tests)."""
    with translation.override("en"):
        yield


@pytest.fixture
def supervisor_b(world):
    """The supervisor of site B, a stranger to site A and its people."""
    user = factories.UserFactory(username="supervisor_b")
    factories.RoleGrantFactory(user=user, role=Role.SUPERVISOR, site=world.site_b)
    return user


@pytest.fixture
def colleague(world):
    """王五, someone else placed at site A, with a login."""
    return factories.colleague_of(world)
