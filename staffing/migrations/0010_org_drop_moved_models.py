"""The organisation now lives in the org app (onsite.org): staffing forgets its models. Their
tables and rows stay, and belong to org from here on, so this deletes nothing in the database.
The records that point at them (attendance, role grants, policy settings, staffing's own) were
pointed at org first, so Django's state is whole at every step."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("staffing", "0009_org_foreign_keys"),
        ("attendance", "0006_org_foreign_keys"),
        ("onsite", "0005_org_foreign_keys"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Dependent models first: none is deleted while another model of the state points at it.
            state_operations=[
                migrations.DeleteModel(name="HistoricalAssignment"),
                migrations.DeleteModel(name="HistoricalStaff"),
                migrations.DeleteModel(name="HistoricalContract_sites"),
                migrations.DeleteModel(name="HistoricalContract"),
                migrations.DeleteModel(name="HistoricalSite"),
                migrations.DeleteModel(name="HistoricalPosition"),
                migrations.DeleteModel(name="HistoricalDepartment"),
                migrations.DeleteModel(name="HistoricalClient"),
                migrations.DeleteModel(name="HistoricalCompany"),
                migrations.DeleteModel(name="Assignment"),
                migrations.DeleteModel(name="Staff"),
                migrations.DeleteModel(name="Contract"),
                migrations.DeleteModel(name="Site"),
                migrations.DeleteModel(name="Position"),
                migrations.DeleteModel(name="Department"),
                migrations.DeleteModel(name="Client"),
                migrations.DeleteModel(name="Company"),
            ],
            database_operations=[],
        ),
    ]
