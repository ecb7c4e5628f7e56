import datetime

import pytest
from django.urls import reverse

from onsite.dashboard import CARDS, Card, card_register
from onsite.roles import Role
from tests import factories


def sections(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_each_role_sees_its_own_section_and_no_other(client, world):
    expected = {
        "hr": "hr_admin",
        "supervisor_a": "supervisor",
        "staff_a": "staff",
        "manager": "manager",
        "finance": "finance",
        "client_a": "client_contact",
    }
    all_sections = set(expected.values())
    for name, section in expected.items():
        text = sections(client, world.users[name])
        assert f'data-section="{section}"' in text, name
        for other in all_sections - {section}:
            assert f'data-section="{other}"' not in text, (name, other)


def test_a_user_with_two_roles_sees_both_sections(client, world):
    factories.RoleGrantFactory(user=world.supervisor_a, role=Role.FINANCE, company=world.company)
    text = sections(client, world.supervisor_a)
    assert 'data-section="supervisor"' in text
    assert 'data-section="finance"' in text


def test_a_user_without_a_role_is_told_how_to_get_one(client, world):
    assert "尚未分配角色" in sections(client, world.outsider)


def test_hr_counts_their_company_only(client, world):
    factories.StaffFactory.create_batch(3, company=factories.CompanyFactory())
    factories.StaffFactory(company=world.company, status="candidate")
    text = sections(client, world.hr)
    assert 'data-testid="hr-total">3<' in text
    assert 'data-testid="hr-on-site">2<' in text


def test_supervisor_sees_today_headcount_of_their_site(client, world):
    ended = factories.StaffFactory(company=world.company)
    factories.AssignmentFactory(
        staff=ended,
        site=world.site_a,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    text = sections(client, world.supervisor_a)
    assert 'data-testid="on-site-A">1<' in text
    assert "on-site-B" not in text


def test_staff_sees_their_own_placement(client, world):
    text = sections(client, world.staff_a)
    assert "甲机房" in text
    assert "乙中心" not in text


def test_client_contact_sees_the_supervisors_of_their_site(client, world):
    world.supervisor_a.first_name, world.supervisor_a.last_name = "建国", "周"
    world.supervisor_a.save()
    assert "周建国" in sections(client, world.client_a)


@pytest.mark.parametrize(
    ("name", "queries"),
    # Those who decide count what waits for them once, for the first card (the menu's number is
    # fetched after the page).
    [
        ("hr", 15),
        # The supervisor's and the client's ticket cards read one query each (tickets/dashboard.py),
        # and so do the overdue steps of work plans (the supervisor's sites', the person's own).
        ("supervisor_a", 10),
        # The weekly report's card reads where the person stands with last week's and this
        # week's reports (tickets.selectors.duties, twice): 16 queries, whatever the day.
        ("staff_a", 29),
        ("manager", 7),
        # Finance now decides claims (the inbox counts what waits, once) and reads the claims
        # card, "待审核报销 N 张 / 待付款 N 张", in one query (staffing/dashboard.py).
        ("finance", 8),
        ("client_a", 8),
    ],
)
def test_dashboard_query_count_does_not_grow_with_staff(
    client, world, django_assert_num_queries, name, queries
):
    client.force_login(world.users[name])
    with django_assert_num_queries(queries):
        client.get(reverse("dashboard"))
    placed = world.person_a.assignments.get()
    for _ in range(20):
        person = factories.StaffFactory(company=world.company)
        factories.AssignmentFactory(
            staff=person, site=world.site_a, contract=placed.contract, position=placed.position
        )
        person.name = "改名"
        person.save()  # a history row for the recent-changes card
    with django_assert_num_queries(queries):
        client.get(reverse("dashboard"))


def test_hr_cards_show_understaffed_contracts_lone_sites_and_expiring_checks(client, world):
    soon = datetime.date.today() + datetime.timedelta(days=5)
    factories.passed_checks(world.person_a, health_until=soon)
    text = sections(client, world.hr)
    understaffed = text.split('data-testid="understaffed"')[1].split("</div></div></div>")[0]
    assert "已派驻 2 人，定额 5 人" in understaffed
    lone = text.split('data-testid="without-backup"')[1].split("</div></div></div>")[0]
    assert "甲机房" in lone
    assert "乙中心" in lone
    expiring = text.split('data-testid="expiring"')[1].split("</div></div></div>")[0]
    assert "张三" in expiring


def test_a_card_registered_with_a_lower_order_comes_first_in_its_roles_section(client, world):
    first = Card("test_first", (Role.FINANCE,), "dashboard/_finance.html", lambda a, u: {}, 1)
    card_register(first)
    try:
        text = sections(client, world.finance)
    finally:
        CARDS.pop(first.key)
    section = text.split('data-section="finance"')[1]
    # The test card renders the finance heading with no sites before the core's own card.
    assert section.index("暂无驻场地点") < section.index('data-testid="on-site-A"')


def test_a_card_without_values_is_left_out_and_a_once_card_shows_once(client, world):
    factories.RoleGrantFactory(user=world.supervisor_a, role=Role.FINANCE, company=world.company)
    once = Card(
        "test_once",
        (Role.SUPERVISOR, Role.FINANCE),
        "dashboard/_sites.html",
        lambda a, u: {"sites": []},
        order=0,
        once=True,
    )
    hidden = Card("test_hidden", (Role.SUPERVISOR,), "dashboard/_finance.html", lambda a, u: None)
    card_register(once)
    card_register(hidden)
    try:
        text = sections(client, world.supervisor_a)
    finally:
        CARDS.pop(once.key)
        CARDS.pop(hidden.key)
    # The once card's empty table, above the sections; the supervisor's own table shows site A.
    assert text.count("暂无驻场地点") == 1
    assert text.index("暂无驻场地点") < text.index('data-section="supervisor"')
    assert text.count("本公司驻场地点") == 1  # only the finance section's own card
