"""attendance.workflows.KINDS in the approvals inbox: what waits for each reader, in what order,
with how many queries; and that it agrees with the services on who may decide what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attendance.models import CorrectionStatus, LeaveStatus, OvertimeStatus
from attendance.services import leave_decisions
from attendance.services import overtime as overtime_services
from attendance.views import corrections as correction_views
from onsite.access import access_for, forget_access
from onsite.inbox import waiting, waiting_count, waiting_page
from onsite.roles import Role
from tests import factories
from tests.dates import DECEMBER_MONDAY, DECEMBER_SATURDAY, days_ago
from tests.factories import correction_on, leave_on, overtime_on, waited_since


def tokens(user) -> set[str]:
    return {f"{kind}:{pk}" for kind, pk, _since in waiting(user)}


def t(kind: str, record) -> str:
    return f"{kind}:{record.pk}"


@pytest.fixture
def requests(world):
    """One request of each kind and stage, at site A (张三) and at site B (李四)."""
    made = {}
    for key, person, site in (
        ("a", world.person_a, world.site_a),
        ("b", world.person_b, world.site_b),
    ):
        made[f"leave_pending_{key}"] = leave_on(person, site)
        made[f"leave_manager_{key}"] = leave_on(
            person,
            site,
            DECEMBER_MONDAY,
            DECEMBER_MONDAY.replace(day=11),
            status=LeaveStatus.PENDING_MANAGER,
        )
        made[f"leave_approved_{key}"] = leave_on(
            person, site, DECEMBER_MONDAY.replace(day=14), status=LeaveStatus.APPROVED
        )
        made[f"ot_unconfirmed_{key}"] = overtime_on(
            person, site, status=OvertimeStatus.UNCONFIRMED, emergency=True
        )
        made[f"ot_pending_{key}"] = overtime_on(
            person, site, DECEMBER_SATURDAY, start="13:00", end="15:00"
        )
        made[f"ot_workday_{key}"] = overtime_on(person, site, DECEMBER_MONDAY)
        made[f"ot_approved_{key}"] = overtime_on(
            person, site, start="15:00", end="17:00", status=OvertimeStatus.APPROVED
        )
        made[f"ot_filed_{key}"] = overtime_on(
            person, site, start="17:00", end="18:00", status=OvertimeStatus.FILED
        )
        made[f"correction_{key}"] = correction_on(person, site)
        made[f"correction_done_{key}"] = correction_on(
            person, site, status=CorrectionStatus.APPROVED
        )
    return made


def test_a_supervisor_sees_the_first_stages_at_their_site_only(world, requests):
    """Not the rest-day overtime waiting for approval: that is the department head's."""
    r = requests
    assert tokens(world.supervisor_a) == {
        t("leave", r["leave_pending_a"]),
        t("overtime", r["ot_unconfirmed_a"]),
        t("overtime", r["ot_workday_a"]),
        t("correction", r["correction_a"]),
    }


def test_a_manager_sees_leave_at_the_second_stage_and_overtime_to_approve(world, requests):
    r = requests
    assert tokens(world.manager) == {
        t("leave", r["leave_manager_a"]),
        t("leave", r["leave_manager_b"]),
        t("overtime", r["ot_pending_a"]),
        t("overtime", r["ot_pending_b"]),
        t("overtime", r["ot_workday_a"]),
        t("overtime", r["ot_workday_b"]),
    }


def test_hr_sees_approved_overtime_to_file_and_corrections(world, requests):
    r = requests
    assert tokens(world.hr) == {
        t("overtime", r["ot_approved_a"]),
        t("overtime", r["ot_approved_b"]),
        t("correction", r["correction_a"]),
        t("correction", r["correction_b"]),
    }


@pytest.mark.parametrize("role", ["staff_a", "staff_b", "client_a", "outsider"])
def test_those_who_decide_nothing_see_nothing(world, requests, role):
    assert tokens(world.users[role]) == set()


def test_a_department_head_sees_overtime_and_long_leave_of_their_department_only(world, requests):
    department = factories.DepartmentFactory(company=world.company)
    world.person_b.department = department
    world.person_b.save()
    head = factories.UserFactory(username="head")
    factories.RoleGrantFactory(
        user=head, role=Role.MANAGER, company=world.company, department=department
    )
    assert tokens(head) == {
        t("overtime", requests["ot_pending_b"]),
        t("overtime", requests["ot_workday_b"]),
        t("leave", requests["leave_manager_b"]),
    }


def test_nobody_sees_their_own_requests(world, requests):
    """张三 supervises site A, manages and is HR of the company: still not their own."""
    for role in (Role.SUPERVISOR, Role.MANAGER, Role.HR_ADMIN):
        grant = {"site": world.site_a} if role == Role.SUPERVISOR else {"company": world.company}
        factories.RoleGrantFactory(user=world.staff_a, role=role, **grant)
    forget_access(world.staff_a)
    seen = tokens(world.staff_a)
    r = requests
    assert seen == {
        t("leave", r["leave_manager_b"]),
        t("overtime", r["ot_pending_b"]),
        t("overtime", r["ot_workday_b"]),
        t("overtime", r["ot_approved_b"]),
        t("correction", r["correction_b"]),
    }


def test_the_selector_agrees_with_the_services_on_who_decides(world, requests):
    """Every waiting request × every reader: shown exactly when its service lets them decide."""
    department = factories.DepartmentFactory(company=world.company)
    world.person_a.department = department
    world.person_a.save()
    head = factories.UserFactory(username="head")
    factories.RoleGrantFactory(
        user=head, role=Role.MANAGER, company=world.company, department=department
    )
    deciders = {
        "leave": leave_decisions.may_decide,
        "overtime": overtime_services.may_decide,
        "correction": lambda user, c: (
            c.status == CorrectionStatus.PENDING and correction_views.may_decide(user, c)
        ),
    }
    kinds = {"leave": "leave", "ot": "overtime", "correction": "correction"}
    for user in [*world.users.values(), head]:
        seen = tokens(user)
        for key, record in requests.items():
            record.refresh_from_db()
            kind = kinds[key.split("_")[0]]
            assert (t(kind, record) in seen) == deciders[kind](user, record), (user, key)


def test_the_longest_waiting_comes_first(world):
    newest = leave_on(world.person_a, world.site_a)
    oldest = correction_on(world.person_a, world.site_a)
    middle = overtime_on(world.person_a, world.site_a)
    waited_since(newest, days_ago(1))
    waited_since(oldest, days_ago(5))
    waited_since(middle, days_ago(3))
    page = waiting_page(world.supervisor_a)
    assert [item.token for item in page] == [
        t("correction", oldest),
        t("overtime", middle),
        t("leave", newest),
    ]


def test_the_second_stage_waits_since_the_first_decision(world):
    """Asked long ago, decided by the supervisor yesterday: it has waited a day for the manager."""
    early = leave_on(world.person_a, world.site_a, status=LeaveStatus.PENDING_MANAGER)
    waited_since(early, days_ago(10))
    type(early).objects.filter(pk=early.pk).update(decided_at=days_ago(1))
    later = overtime_on(world.person_a, world.site_a)
    waited_since(later, days_ago(4))
    assert [i.token for i in waiting_page(world.manager)] == [
        t("overtime", later),
        t("leave", early),
    ]


def test_a_row_carries_what_the_inbox_shows(world):
    cover = factories.StaffFactory(company=world.company, name="王五")
    leave_on(
        world.person_a,
        world.site_a,
        DECEMBER_MONDAY,
        DECEMBER_MONDAY.replace(day=8),
        starts_pm=True,
        cover=cover,
        emergency=True,
        document="leave/2026/12/note.pdf",
    )
    overtime_on(world.person_a, world.site_a, start="18:00", end="22:00", over_cap=True)
    leave_item, overtime_item = sorted(waiting_page(world.supervisor_a), key=lambda i: i.key)
    assert (leave_item.when, leave_item.amount, leave_item.lines) == (
        "2026-12-07 afternoon – 2026-12-08",
        "Working days: 2",
        ["Cover: 王五"],
    )
    assert leave_item.flags == ["Emergency", "Document attached"]
    assert (leave_item.action_label, leave_item.refusal_label) == ("Approve", "Reject")
    assert (overtime_item.when, overtime_item.amount) == ("2026-12-04 18:00–22:00", "4 h")
    assert overtime_item.flags == ["Beyond the cap"]
    assert (leave_item.bulk, overtime_item.bulk) == (True, False)


def test_the_count_is_what_waits_in_one_query(world, requests, django_assert_num_queries):
    access_for(world.supervisor_a)  # the grants, read once per request anyway
    with django_assert_num_queries(1):
        assert waiting_count(world.supervisor_a) == 4
    assert waiting_count(world.hr) == 4
    assert waiting_count(world.staff_a) == 0


def test_the_page_is_read_with_the_same_queries_at_one_row_and_at_many(world):
    def queries() -> int:
        forget_access(world.hr)
        access_for(world.hr)
        with CaptureQueriesContext(connection) as captured:
            page = waiting_page(world.hr)
            [(i.person, i.when, i.flags, i.lines, i.url, i.site.name, i.bulk) for i in page]
        return len(captured.captured_queries), len(page)

    overtime_on(world.person_a, world.site_a, status=OvertimeStatus.APPROVED)
    correction_on(world.person_a, world.site_a)
    few = queries()
    for n in range(15):
        overtime_on(
            world.person_b,
            world.site_b,
            DECEMBER_MONDAY.replace(day=1 + n),
            status=OvertimeStatus.APPROVED,
        )
        correction_on(world.person_b, world.site_b, DECEMBER_MONDAY.replace(day=1 + n))
    many = queries()
    assert (few[1], many[1]) == (2, 32)
    assert few[0] == many[0] == 4  # count, the page's keys, overtime rows, correction rows


def test_a_page_holds_fifty_rows(world):
    for n in range(55):
        correction_on(world.person_a, world.site_a, DECEMBER_MONDAY.replace(day=1 + n % 28))
    assert len(waiting_page(world.hr)) == 50
    assert len(waiting_page(world.hr, 2)) == 5
