"""Role grants and policy settings now point at the organisation app's models. The same tables
and columns: only Django's state changes, the database does not."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('onsite', '0004_notification_kind_params'),
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalpolicysetting',
                    name='company',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='historicalpolicysetting',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalrolegrant',
                    name='company',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='historicalrolegrant',
                    name='department',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.department', verbose_name='department'),
                ),
                migrations.AlterField(
                    model_name='historicalrolegrant',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='policysetting',
                    name='company',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='policy_settings', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='policysetting',
                    name='site',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='policy_settings', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='rolegrant',
                    name='company',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='role_grants', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='rolegrant',
                    name='department',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='role_grants', to='org.department', verbose_name='department'),
                ),
                migrations.AlterField(
                    model_name='rolegrant',
                    name='site',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='role_grants', to='org.site', verbose_name='site'),
                ),
            ],
            database_operations=[],
        ),
    ]
