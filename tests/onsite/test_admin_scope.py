"""The back office with two companies: HR of company B probes every admin URL of company A's
records and finds nothing, changes nothing. A record outside the reader's scope answers 404 on
every admin page, as a record that does not exist.

Within their own company, HR reads records the app edits on its own pages (staff, placements,
notices, resignations, offboarding) but changes them only there; nobody but a superuser reverts a
record to an old version."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import reverse

from onsite.admin import ScopedAdmin
from onsite.roles import Role
from tests import factories
from tests.conftest import World
from tests.matrix.admin import MODELS, READ

SCOPED = [label for label, model_admin in MODELS.items() if model_admin.hr != "none"]


def _admin_of(label: str):
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower == label:
            return model_admin
    raise LookupError(label)


@pytest.fixture
def company_b(world):
    """Company B, with its own client, site and contract."""
    company = factories.CompanyFactory(name="宏远人力")
    site = factories.SiteFactory(code="BX", name="乙方机房")
    factories.ContractFactory(company=company, client=site.client, sites=[site])
    return company


@pytest.fixture
def hr_b(company_b):
    user = factories.UserFactory(username="hr_b")
    factories.RoleGrantFactory(user=user, role=Role.HR_ADMIN, company=company_b)
    return user


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


def _snapshot(record) -> tuple[dict, int]:
    record = type(record)._default_manager.get(pk=record.pk)
    return model_to_dict(record), record.history.count()


def _filled_form(client, superuser, url) -> dict:
    """The form of `url` as a superuser sees it, filled in as it stands."""
    client.force_login(superuser)
    form = client.get(url).context["adminform"].form
    client.logout()
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list | tuple):
            value = [getattr(v, "pk", v) for v in value]
        data[name] = "" if value is None else value
    return data


def test_every_registered_model_is_probed():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(MODELS)
    scoped = {
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ScopedAdmin)
    }
    assert scoped == set(SCOPED)


@pytest.mark.parametrize("label", SCOPED)
def test_hr_of_another_company_finds_none_of_the_records(client, world: World, hr_b, label):
    record = MODELS[label].record(world)
    version = record.history.latest().history_id
    prefix = "admin:" + label.replace(".", "_")
    client.force_login(hr_b)
    for url in (
        reverse(f"{prefix}_change", args=[record.pk]),
        reverse(f"{prefix}_delete", args=[record.pk]),
        reverse(f"{prefix}_history", args=[record.pk]),
        reverse(f"{prefix}_simple_history", args=[record.pk, version]),
    ):
        assert client.get(url).status_code == 404, url
    changelist = reverse(f"{prefix}_changelist")
    for query in ({}, {"id": record.pk}, {"id__exact": record.pk}, {"q": str(record)}):
        response = client.get(changelist, query)
        assert response.status_code == 200
        assert record.pk not in {row.pk for row in response.context["cl"].result_list}, query


@pytest.mark.parametrize("label", SCOPED)
def test_hr_of_another_company_changes_none_of_the_records(
    client, world: World, company_b, hr_b, superuser, label
):
    record = MODELS[label].record(world)
    version = record.history.earliest().history_id
    before = _snapshot(record)
    prefix = "admin:" + label.replace(".", "_")
    revert = reverse(f"{prefix}_simple_history", args=[record.pk, version])
    change = reverse(f"{prefix}_change", args=[record.pk])
    data = _filled_form(client, superuser, revert)
    # The attack of the review: take the record into company B, or rename it.
    for name in ("company", "name"):
        if name in data:
            data[name] = company_b.pk if name == "company" else "被改名"
    client.force_login(hr_b)
    for url in (revert, change):
        assert client.post(url, data).status_code == 404, url
    delete = reverse(f"{prefix}_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 404
    assert _snapshot(record) == before


def test_history_pages_show_nothing_of_another_company(client, world: World, hr_b):
    person = world.person_a
    version = person.history.latest().history_id
    client.force_login(hr_b)
    for url in (
        reverse("admin:org_staff_history", args=[person.pk]),
        reverse("admin:org_staff_simple_history", args=[person.pk, version]),
    ):
        text = client.get(url).content.decode()
        assert person.name not in text
        assert person.id_number not in text


def test_autocomplete_offers_none_of_another_company(client, world: World, hr_b):
    client.force_login(hr_b)
    for model_name, field, hidden in (
        ("assignment", "staff", world.person_a.name),
        ("contract", "company", world.company.name),
        ("contract", "client", world.site_a.client.name),
        ("contract", "sites", world.site_a.name),
    ):
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": "org", "model_name": model_name, "field_name": field, "term": ""},
        )
        assert response.status_code in (200, 403), (model_name, field)
        assert hidden not in response.content.decode(), (model_name, field)


def test_view_on_site_of_another_company_is_not_found(client, world: World, hr_b):
    client.force_login(hr_b)
    kind = ContentType.objects.get_for_model(world.person_a)
    response = client.get(reverse("admin:view_on_site", args=[kind.pk, world.person_a.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("label", [label for label in SCOPED if MODELS[label].hr == READ])
def test_hr_reads_what_the_app_edits_but_changes_it_only_there(
    client, world: World, superuser, label
):
    record = MODELS[label].record(world)
    before = _snapshot(record)
    prefix = "admin:" + label.replace(".", "_")
    change = reverse(f"{prefix}_change", args=[record.pk])
    revert = reverse(f"{prefix}_simple_history", args=[record.pk, record.history.latest().pk])
    data = _filled_form(client, superuser, change)
    client.force_login(world.hr)
    page = client.get(change)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert client.post(change, data).status_code == 403
    assert client.get(reverse(f"{prefix}_add")).status_code == 403
    assert _snapshot(record) == before
    assert client.post(revert, data).status_code == 403


def test_an_old_version_is_shown_to_hr_without_a_revert_button(client, world: World):
    department = factories.DepartmentFactory(company=world.company, name="运维部")
    department.name = "运维一部"
    department.save()
    first = department.history.earliest()
    client.force_login(world.hr)
    url = reverse("admin:org_department_simple_history", args=[department.pk, first.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(url, {"company": world.company.pk, "name": "运维部"}).status_code == 403
    department.refresh_from_db()
    assert department.name == "运维一部"


def test_superuser_reverts_a_record_to_an_old_version(client, world: World, superuser):
    department = factories.DepartmentFactory(company=world.company, name="运维部")
    department.name = "运维一部"
    department.save()
    first = department.history.earliest()
    url = reverse("admin:org_department_simple_history", args=[department.pk, first.pk])
    client.force_login(superuser)
    response = client.post(url, {"company": world.company.pk, "name": "运维部"})
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.name == "运维部"
