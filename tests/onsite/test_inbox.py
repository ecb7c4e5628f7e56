"""The core approvals inbox (onsite.inbox): the kinds the apps register (explanations and
resignations beside leave, overtime and corrections), decided from the list like the others;
the page, the menu count and the dashboard card read with a fixed number of queries, pinned at
one row and at a thousand; the old address leads to it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from attendance.models import (
    Correction,
    CorrectionStatus,
    Explanation,
    ExplanationStatus,
    Leave,
    LeaveStatus,
)
from onsite.access import access_for, forget_access
from onsite.inbox import KINDS, waiting, waiting_count, waiting_page
from staffing.models import Resignation, ResignationStatus
from tests.dates import OCTOBER, at
from tests.pages import page_text

D = datetime.date
INBOX = reverse("inbox:list")
DECIDE = reverse("inbox:decide")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def explanation_of(world, month=OCTOBER):
    return Explanation.objects.create(
        staff=world.person_a,
        site=world.site_a,
        month=month,
        text="10月因家中急事未能到岗。",
        status=ExplanationStatus.SUBMITTED,
    )


def resignation_of(world):
    return Resignation.objects.create(
        staff=world.person_a,
        assignment=world.person_a.assignments.get(),
        leaving_on=D(2026, 12, 31),
        reason="回老家发展",
    )


def corrections_of(world, count: int) -> None:
    """`count` pending corrections of 张三 at site A, a minute apart."""
    start = at(D(2026, 11, 16), "08:00")
    Correction.objects.bulk_create(
        Correction(
            staff=world.person_a,
            site=world.site_a,
            at=start + datetime.timedelta(minutes=n),
            reason="忘记打卡",
            status=CorrectionStatus.PENDING,
        )
        for n in range(count)
    )


def test_every_app_registers_its_kinds():
    assert set(KINDS) == {
        "leave",
        "overtime",
        "correction",
        "explanation",
        "resignation",
        "change_notice",
        "work_plan",
        "trip",
        "claim",
        "appeal",
    }


def test_explanations_and_resignations_wait_for_the_supervisor_and_hr(world):
    explanation = explanation_of(world)
    resignation = resignation_of(world)
    expected = {f"explanation:{explanation.pk}", f"resignation:{resignation.pk}"}
    for reader in (world.supervisor_a, world.hr):
        assert {i.token for i in waiting_page(reader)} == expected
    for reader in (world.manager, world.staff_a, world.finance):
        assert waiting_count(reader) == 0


def test_an_explanation_row_reads_as_one(english, world):
    explanation_of(world)
    english.force_login(world.supervisor_a)
    text = page_text(english.get(INBOX))
    for shown in ("Absence explanation", "2026-10", "10月因家中急事未能到岗。", "Accept"):
        assert shown in text, shown
    assert "Return for rewriting" in text


def test_approve_selected_decides_every_kind_through_its_workflow(english, world):
    explanation = explanation_of(world)
    resignation = resignation_of(world)
    english.force_login(world.hr)
    response = english.post(
        DECIDE,
        {"items": [f"explanation:{explanation.pk}", f"resignation:{resignation.pk}"]},
        follow=True,
    )
    text = page_text(response)
    assert "1 explanation accepted." in text and "1 resignation approved." in text
    explanation.refresh_from_db()
    resignation.refresh_from_db()
    assert (explanation.status, explanation.reviewed_by) == (ExplanationStatus.ACCEPTED, world.hr)
    assert (resignation.status, resignation.decided_by) == (ResignationStatus.APPROVED, world.hr)
    assert hasattr(resignation, "offboarding")  # approving starts the offboarding, as on its page


def test_returning_an_explanation_from_the_list_needs_a_reason(english, world):
    explanation = explanation_of(world)
    english.force_login(world.supervisor_a)
    response = english.post(
        DECIDE, {"item": f"explanation:{explanation.pk}", "note": ""}, follow=True
    )
    assert "Say what the explanation is missing." in page_text(response)
    response = english.post(
        DECIDE, {"item": f"explanation:{explanation.pk}", "note": "不完整"}, follow=True
    )
    assert "Returned for rewriting: 张三, 2026-10." in page_text(response)
    explanation.refresh_from_db()
    assert explanation.status == ExplanationStatus.RETURNED


def test_a_resignation_decided_meanwhile_is_said_by_name(english, world):
    resignation = resignation_of(world)
    english.force_login(world.supervisor_a)
    english.post(DECIDE, {"items": [f"resignation:{resignation.pk}"]})
    english.force_login(world.hr)
    response = english.post(DECIDE, {"items": [f"resignation:{resignation.pk}"]}, follow=True)
    assert (
        "张三, resignation last working day 2026-12-31: This resignation was decided meanwhile: "
        "it is now “Approved”." in page_text(response)
    )


def test_the_old_address_leads_to_the_inbox(client, world):
    client.force_login(world.supervisor_a)
    response = client.get(reverse("attendance:approvals"))
    assert (response.status_code, response["Location"]) == (302, INBOX)


def test_finance_opens_an_empty_inbox(english, world):
    english.force_login(world.finance)
    response = english.get(INBOX)
    assert response.status_code == 200
    assert "Nothing waits for your decision." in page_text(response)


def test_the_union_orders_longest_waiting_first(world):
    explanation = explanation_of(world)
    resignation = resignation_of(world)
    Explanation.objects.filter(pk=explanation.pk).update(
        submitted_at=resignation.applied_at - datetime.timedelta(days=1)
    )
    assert [kind for kind, _pk, _since in waiting(world.hr)] == ["explanation", "resignation"]


# --- fixed query counts --------------------------------------------------------------------


def _queries(fn, user) -> int:
    forget_access(user)
    access_for(user)  # the grants, read once per request anyway
    with CaptureQueriesContext(connection) as captured:
        fn(user)
    return len(captured.captured_queries)


def _read_page(user) -> None:
    page = waiting_page(user)
    [(i.person, i.when, i.amount, i.lines, i.flags, i.url, i.site.name, i.bulk) for i in page]


@pytest.mark.parametrize("reader", ["hr", "supervisor_a"])
def test_the_inbox_costs_the_same_queries_at_one_row_and_at_a_thousand(world, reader):
    user = world.users[reader]
    corrections_of(world, 1)
    assert waiting_count(user) == 1
    one = _queries(_read_page, user), _queries(waiting_count, user)
    corrections_of(world, 999)
    assert waiting_count(user) == 1000
    thousand = _queries(_read_page, user), _queries(waiting_count, user)
    # The page: the count, the page's keys (one UNION), the corrections on it; the count: one.
    assert one == thousand == (3, 1)


def test_the_inbox_page_costs_the_same_with_every_kind_on_it(english, world):
    def get() -> tuple[int, int]:
        forget_access(world.hr)
        with CaptureQueriesContext(connection) as captured:
            response = english.get(INBOX)
        return len(captured.captured_queries), response.context["page"].paginator.count

    english.force_login(world.hr)
    explanation_of(world)
    few = get()
    explanation_of(world, D(2026, 9, 1))
    resignation_of(world)
    corrections_of(world, 30)
    Leave.objects.create(
        staff=world.person_a,
        site=world.site_a,
        kind="personal",
        start=D(2026, 12, 7),
        end=D(2026, 12, 7),
        days=Decimal(1),
        reason="家中有事",
        status=LeaveStatus.PENDING_MANAGER,
    )
    many = get()
    assert (few[1], many[1]) == (1, 33)  # HR decides no leave: it waits for a manager
    # Two more kinds on the page, one query each; not one more per row.
    assert many[0] == few[0] + 2


def test_the_menu_shows_the_count_for_its_reader_without_costing_the_page(english, world):
    corrections_of(world, 3)
    english.force_login(world.supervisor_a)
    count_url = reverse("menu_count", args=["approvals"])
    assert f'hx-get="{count_url}"' in page_text(english.get(reverse("dashboard")))
    assert 'data-testid="nav-count">3<' in page_text(english.get(count_url))
    english.force_login(world.manager)
    assert 'data-testid="nav-count"' not in page_text(english.get(count_url))


def test_the_menu_count_is_one_query_whatever_waits(client, world):
    corrections_of(world, 40)
    client.force_login(world.hr)
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("menu_count", args=["approvals"]))
    counts = [q["sql"] for q in captured.captured_queries if "UNION" in q["sql"].upper()]
    assert len(counts) == 1


def test_a_menu_entry_without_a_count_or_not_the_readers_has_none(client, world):
    client.force_login(world.staff_a)
    for key in ("approvals", "dashboard", "nothing"):
        assert client.get(reverse("menu_count", args=[key])).status_code == 404


@pytest.mark.parametrize("reader", ["hr", "supervisor_a", "manager", "finance"])
def test_every_role_that_decides_starts_its_dashboard_with_what_waits(english, world, reader):
    corrections_of(world, 2)
    english.force_login(world.users[reader])
    text = page_text(english.get(reverse("dashboard")))
    assert text.index('data-testid="waiting-card"') < text.index('data-section="')
    waiting_here = 2 if reader in ("hr", "supervisor_a") else 0
    assert f'data-testid="waiting-count">{waiting_here}<' in text


@pytest.mark.parametrize("reader", ["staff_a", "client_a"])
def test_those_who_decide_nothing_have_no_waiting_card(english, world, reader):
    english.force_login(world.users[reader])
    assert 'data-testid="waiting-card"' not in page_text(english.get(reverse("dashboard")))
