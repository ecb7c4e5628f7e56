"""attendance:leave_types — HR admins see every kind of leave with its four settings (SPEC's
default or the company's own) and save one kind at a time; everyone else 403, a company outside
the admin's scope 404."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from attendance.models import LeaveKind, LeaveType, LeaveTypeDefaults
from attendance.services.leave import leave_settings
from attendance.services.leave_types import leave_type_set
from onsite.roles import Role
from tests import factories
from tests.browser.conftest import PHONE, login, page_width, screenshot, url

URL = reverse("attendance:leave_types")
FIELDS = ("paid", "deducted", "document_required", "balance_tracked")


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def row_of(text: str, kind: str) -> str:
    start = text.index(f'data-kind="{kind}"')
    return text[start : text.index("</form>", start)]


def ticked(row: str) -> tuple[bool, ...]:
    """Which of the four boxes of a row are ticked, in the order of FIELDS."""
    found = []
    for name in FIELDS:
        start = row.index(f'name="{name}"')
        found.append(" checked" in row[start : row.index(">", start)])
    return tuple(found)


def save(client, kind, *ticks, url=URL):
    return client.post(url, {"kind": kind, **{name: "1" for name in ticks}})


def test_hr_sees_every_kind_with_specs_defaults(client, world):
    client.force_login(world.hr)
    response = client.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    for kind, label in LeaveKind.choices:
        row = row_of(text, kind)
        assert str(label) in row
        assert ticked(row) == LeaveTypeDefaults.TABLE[kind]
        assert 'data-testid="default"' in row and 'data-testid="own"' not in row
    personal = row_of(text, "personal")
    assert "Days of this leave are deducted from the monthly wage on the sheet." in personal
    assert "Unpaid leave." in personal
    assert "A request without a document (e.g. a sick note) is refused." in row_of(text, "sick")
    assert "A request beyond the year's balance is refused." in row_of(text, "annual")
    assert "staff see their balance" in text


def test_hr_saves_one_kind_for_the_company_only(client, world):
    other = factories.CompanyFactory()
    client.force_login(world.hr)
    response = save(client, "sick", "paid")
    assert response.status_code == 302
    assert response.url == f"{URL}#leave-type-sick"
    sick = leave_settings(company_id=world.company.pk)["sick"]
    assert (sick.paid, sick.deducted, sick.document_required, sick.balance_tracked) == (
        True,
        False,
        False,
        False,
    )
    assert leave_settings(company_id=other.pk)["sick"].document_required is True
    assert LeaveType.objects.get().history.get().history_user == world.hr
    text = text_of(client.get(URL))
    assert "Sick leave of 恒信技术服务 saved." in text
    row = row_of(text, "sick")
    assert ticked(row) == (True, False, False, False)
    assert 'data-testid="own"' in row
    assert "No document needed." in row
    assert "Changed by hr at" in row
    assert 'data-testid="default"' in row_of(text, "personal")


def test_a_row_saved_with_every_box_unticked_turns_everything_off(client, world):
    client.force_login(world.hr)
    save(client, "annual")
    assert ticked(row_of(text_of(client.get(URL)), "annual")) == (False, False, False, False)


@pytest.mark.parametrize("kind", ["", "sabbatical"])
def test_an_unknown_kind_is_refused(client, world, kind):
    client.force_login(world.hr)
    response = save(client, kind, "paid")
    assert response.status_code == 200
    assert "Unknown leave type." in text_of(response)
    assert not LeaveType.objects.exists()


@pytest.mark.parametrize("role", ["supervisor_a", "manager", "finance", "staff_a", "client_a"])
def test_anyone_but_hr_is_forbidden(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403
    assert save(client, "sick").status_code == 403
    assert not LeaveType.objects.exists()


def test_a_company_the_admin_does_not_administer_is_not_found(client, world):
    other = factories.CompanyFactory()
    client.force_login(world.hr)
    page = f"{URL}?company={other.pk}"
    assert client.get(page).status_code == 404
    assert save(client, "sick", url=page).status_code == 404
    assert client.get(f"{URL}?company=x").status_code == 404
    assert not LeaveType.objects.exists()


def test_an_admin_of_two_companies_picks_one(client, world):
    other = factories.CompanyFactory(name="远达外包")
    factories.RoleGrantFactory(user=world.hr, role=Role.HR_ADMIN, company=other)
    client.force_login(world.hr)
    text = text_of(client.get(URL, {"company": other.pk}))
    assert 'id="company"' in text
    assert "远达外包</small>" in text
    page = f"{URL}?company={other.pk}"
    response = save(client, "personal", "paid", url=page)
    assert response.url == f"{page}#leave-type-personal"
    assert LeaveType.objects.get().company == other
    assert leave_settings(company_id=world.company.pk)["personal"].deducted is True


def test_the_policy_page_links_here(client, world):
    client.force_login(world.hr)
    text = text_of(client.get(reverse("policy")))
    assert f'href="{URL}?company={world.company.pk}"' in text


def own_rows(world, kinds):
    for kind in kinds:
        leave_type_set(
            company=world.company,
            kind=kind,
            paid=False,
            deducted=True,
            document_required=False,
            balance_tracked=False,
            by=world.hr,
        )


@pytest.mark.parametrize("kinds", [["sick"], list(LeaveKind.values)])
def test_the_page_takes_the_same_queries_however_many_rows_are_the_companys(
    client, world, django_assert_num_queries, kinds
):
    own_rows(world, kinds)
    client.force_login(world.hr)
    client.get(URL)
    # The session, the user, the grants (2), the companies, the saved rows, the last change of
    # each kind (one query) and the notification badge.
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert text_of(response).count('data-testid="own"') == len(kinds)


# --- on a phone ------------------------------------------------------------------------------


@pytest.mark.browser
def test_on_a_phone_each_kind_is_a_card_without_sideways_scrolling(
    new_page, live_server, live_world
):
    page = new_page(PHONE)
    login(page, live_server, "hr")
    page.goto(url(live_server, "attendance:leave_types"))
    sick = page.locator('[data-kind="sick"]')
    # The column heads are hidden; each box carries its own label instead.
    expect(page.locator("label[for=sick-document_required]")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "attendance-leave-types-360")
    page.locator("label[for=sick-document_required]").click()
    sick.locator("button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert leave_settings(company_id=live_world.company.pk)["sick"].document_required is False
    assert page_width(page) <= PHONE["width"]
