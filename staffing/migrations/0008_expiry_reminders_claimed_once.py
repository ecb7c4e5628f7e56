# The expiry reminder of a qualification check is now claimed in onsite.ReminderClaim (once per
# check and expiry date) instead of QualificationCheck.expiry_reminded_at. Checks already reminded
# get their claim row, so nobody is reminded a second time after the upgrade.

from django.db import migrations

KIND = "qualification.expiring"


def reminded_at_to_claims(apps, schema_editor):
    QualificationCheck = apps.get_model("staffing", "QualificationCheck")
    ReminderClaim = apps.get_model("onsite", "ReminderClaim")
    reminded = QualificationCheck.objects.filter(
        expiry_reminded_at__isnull=False, expires_on__isnull=False
    ).values_list("pk", "expires_on", "expiry_reminded_at")
    ReminderClaim.objects.bulk_create(
        (
            ReminderClaim(
                kind=KIND, key=str(pk), period=expires_on.isoformat(), claimed_at=reminded_at
            )
            for pk, expires_on, reminded_at in reminded.iterator()
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )


def claims_to_reminded_at(apps, schema_editor):
    QualificationCheck = apps.get_model("staffing", "QualificationCheck")
    ReminderClaim = apps.get_model("onsite", "ReminderClaim")
    for key, period, claimed_at in ReminderClaim.objects.filter(kind=KIND).values_list(
        "key", "period", "claimed_at"
    ):
        # Only a claim for the check's current expiry date means "reminded" in the old scheme.
        QualificationCheck.objects.filter(pk=int(key), expires_on=period).update(
            expiry_reminded_at=claimed_at
        )


class Migration(migrations.Migration):

    dependencies = [
        ('onsite', '0003_reminder_claim'),
        ('staffing', '0007_input_bounds'),
    ]

    operations = [
        migrations.RunPython(reminded_at_to_claims, claims_to_reminded_at),
        migrations.RemoveField(
            model_name='historicalqualificationcheck',
            name='expiry_reminded_at',
        ),
        migrations.RemoveField(
            model_name='qualificationcheck',
            name='expiry_reminded_at',
        ),
    ]
