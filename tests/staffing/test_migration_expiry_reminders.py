"""The expiry reminders of qualification checks moved from a timestamp on the check to the core's
reminder claims (onsite.reminders). One trip back and forth checks both ways: a check reminded
after the upgrade keeps its timestamp when going back, and one reminded before it is not
reminded again after it, while one never reminded still is."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from onsite.models import ReminderClaim
from staffing.models import Condition
from staffing.services import qualification
from tests import factories

BEFORE = [("staffing", "0007_input_bounds"), ("onsite", "0003_reminder_claim")]
EXPIRES_ON = datetime.date(2026, 12, 31)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def checks(person):
    qualification.checks_ensure(staff=person)
    return (person.checks.get(condition=c) for c in (Condition.HEALTH, Condition.AGE))


@pytest.mark.django_db(transaction=True)
def test_expiry_reminders_are_kept_across_the_upgrade_both_ways():
    company = factories.CompanyFactory()
    factories.UserFactory(username="hr_upgrade")
    after, _ = checks(factories.StaffFactory(company=company))
    type(after).objects.filter(pk=after.pk).update(status="passed", expires_on=EXPIRES_ON)
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 1)) == 1
    health, age = checks(factories.StaffFactory(company=company))
    reminded_at = datetime.datetime(2026, 12, 1, 6, 30, tzinfo=datetime.UTC)
    try:
        old_apps = migrate(BEFORE)
        OldCheck = old_apps.get_model("staffing", "QualificationCheck")
        # Reminded after the upgrade: going back keeps it reminded.
        assert OldCheck.objects.get(pk=after.pk).expiry_reminded_at is not None
        # Reminded before the upgrade, and passed with an expiry but not yet reminded.
        OldCheck.objects.filter(pk=health.pk).update(
            status="passed", expires_on=EXPIRES_ON, expiry_reminded_at=reminded_at
        )
        OldCheck.objects.filter(pk=age.pk).update(status="passed", expires_on=EXPIRES_ON)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    claims = {c.key: c for c in ReminderClaim.objects.all()}
    assert set(claims) == {str(after.pk), str(health.pk)}
    claim = claims[str(health.pk)]
    assert (claim.kind, claim.period, claim.claimed_at) == (
        "qualification.expiring",
        "2026-12-31",
        reminded_at,
    )
    # Only the one never reminded is reminded now.
    assert qualification.checks_remind_expiring(today=datetime.date(2026, 12, 2)) == 1
    assert set(ReminderClaim.objects.values_list("key", flat=True)) == {
        str(after.pk),
        str(health.pk),
        str(age.pk),
    }
