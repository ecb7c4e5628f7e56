"""The organisation moved from staffing into onsite.org without touching a row: a database filled
by seed_demo on the migrations before the move finds every row, its history and its content types
(with the same ids) after them, and the app reads it through the org models."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from onsite import demo
from onsite.org.models import Assignment, Contract, Staff

MODELS = ("company", "department", "client", "site", "contract", "position", "staff", "assignment")
HISTORY = (*(f"historical{model}" for model in MODELS), "historicalcontract_sites")
# The demo steps the database before the move could hold (the apps and parts built after it have
# no tables on those migrations).
BEFORE_THE_MOVE = (
    "staffing_checks",
    "staffing_onboarding",
    "attendance",
    "staffing_newcomer_notice",
)
TABLES = (*(f"staffing_{name}" for name in MODELS + HISTORY), "staffing_contract_sites")


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def content_type_ids(app_label: str) -> dict[str, int]:
    kinds = ContentType.objects.filter(app_label=app_label, model__in=MODELS + HISTORY)
    return dict(kinds.values_list("model", "pk"))


def staff_sample() -> list[tuple]:
    """A few people as the database holds them, read without the models."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, staff_no, name, id_number, birth_date, monthly_salary, status, company_id "
            "FROM staffing_staff ORDER BY id"
        )
        return [tuple(row) for row in cursor.fetchall()[:5]]


@pytest.mark.django_db(transaction=True)
def test_a_seeded_database_finds_every_row_after_the_move(client, monkeypatch):
    # Django made the content types for the models as they are now, under org.
    org_kinds = content_type_ids("org")
    assert set(org_kinds) == set(MODELS + HISTORY)
    try:
        # Back to just before the move: every migration that knows the org app is undone.
        migrate([("org", None)])
        ContentType.objects.clear_cache()
        assert content_type_ids("staffing") == org_kinds
        assert content_type_ids("org") == {}
        # The demo as it was before the move.
        for key in list(demo.STEPS):
            if key not in BEFORE_THE_MOVE:
                monkeypatch.delitem(demo.STEPS, key)
        # A small demo (its default is 30 people over 3 months) keeps the test quick.
        call_command("seed_demo", staff=8, months=1, stdout=io.StringIO())
        # The demo is made in bulk, which writes no history: edit a placement as a person would.
        placement = Assignment.objects.order_by("pk").first()
        placement.backup = not placement.backup
        placement.save()
        before = row_counts()
        sample = staff_sample()
        view_staff = Permission.objects.get(
            content_type__app_label="staffing", codename="view_staff"
        )
        migrate(latest())
    finally:
        # Whatever failed above, the next test finds the database at the latest migrations.
        migrate(latest())
        ContentType.objects.clear_cache()

    # Every table, its history too, has rows to lose.
    assert all(before.values()), before
    assert row_counts() == before
    assert staff_sample() == sample

    # The same content type rows, relabelled: log entries, grants and history still name them.
    assert content_type_ids("org") == org_kinds
    assert content_type_ids("staffing") == {}
    assert (
        Permission.objects.get(content_type__app_label="org", codename="view_staff") == view_staff
    )

    # The app reads the rows through the org models.
    assert Staff.objects.count() == before["staffing_staff"]
    assert Staff.history.count() == before["staffing_historicalstaff"]
    assert Assignment.objects.count() == before["staffing_assignment"]
    assert Contract.sites.through.objects.count() == before["staffing_contract_sites"]
    first = Staff.objects.get(pk=sample[0][0])
    assert (first.staff_no, first.name, first.status) == (sample[0][1], sample[0][2], sample[0][6])
    assert first.company_id == sample[0][7]
    client.force_login(get_user_model().objects.create_superuser("org_admin", password="x"))
    response = client.get(reverse("admin:org_staff_changelist"), {"q": first.staff_no})
    assert response.status_code == 200
    assert first.name in response.content.decode()
    response = client.get(reverse("admin:org_staff_history", args=[first.pk]))
    assert response.status_code == 200
