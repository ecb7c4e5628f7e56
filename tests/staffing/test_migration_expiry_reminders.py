import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from onsite.models import ReminderClaim
from staffing.models import Condition
from staffing.services import qualification
from tests import factories

BEFORE = [("staffing", "0007_input_bounds"), ("onsite", "0003_reminder_claim")]
AFTER = [("staffing", "0008_expiry_reminders_claimed_once")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_check_reminded_before_the_upgrade_is_not_reminded_again():
    company = factories.CompanyFactory()
    factories.UserFactory(username="hr_upgrade")
    person = factories.StaffFactory(company=company)
    qualification.checks_ensure(staff=person)
    health, age = (person.checks.get(condition=c) for c in (Condition.HEALTH, Condition.AGE))
    expires_on = datetime.date(2026, 12, 31)
    reminded_at = datetime.datetime(2026, 12, 1, 6, 30, tzinfo=datetime.UTC)
    try:
        old_apps = migrate(BEFORE)
        OldCheck = old_apps.get_model("staffing", "QualificationCheck")
        OldCheck.objects.filter(pk=health.pk).update(
            status="passed", expires_on=expires_on, expiry_reminded_at=reminded_at
        )
        # Passed with an expiry but not yet reminded: it still gets its reminder.
        OldCheck.objects.filter(pk=age.pk).update(status="passed", expires_on=expires_on)
    finally:
        migrate(AFTER)
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    (claim,) = ReminderClaim.objects.all()
    assert (claim.kind, claim.key, claim.period) == (
        "qualification.expiring",
        str(health.pk),
        "2026-12-31",
    )
    assert claim.claimed_at == reminded_at
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 2)) == 1
    assert set(ReminderClaim.objects.values_list("key", flat=True)) == {
        str(health.pk),
        str(age.pk),
    }


@pytest.mark.django_db(transaction=True)
def test_going_back_before_the_upgrade_keeps_the_reminded_checks():
    person = factories.StaffFactory(company=factories.CompanyFactory())
    qualification.checks_ensure(staff=person)
    health = person.checks.get(condition=Condition.HEALTH)
    type(health).objects.filter(pk=health.pk).update(
        status="passed", expires_on=datetime.date(2026, 12, 31)
    )
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 1)) == 1
    try:
        old_apps = migrate(BEFORE)
        OldCheck = old_apps.get_model("staffing", "QualificationCheck")
        assert OldCheck.objects.get(pk=health.pk).expiry_reminded_at is not None
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
