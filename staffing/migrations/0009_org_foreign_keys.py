"""Staffing's own links to people, sites and placements (checks, rewards and penalties, the
movement records) now point at the organisation app's models. The same tables and columns:
only Django's state changes, the database does not."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0001_initial"),
        ("staffing", "0008_expiry_reminders_claimed_once"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicaloffboarding',
                    name='assignment',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.assignment', verbose_name='assignment'),
                ),
                migrations.AlterField(
                    model_name='offboarding',
                    name='assignment',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='offboarding', to='org.assignment', verbose_name='assignment'),
                ),
                migrations.AlterField(
                    model_name='historicalonboardingitem',
                    name='assignment',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.assignment', verbose_name='assignment'),
                ),
                migrations.AlterField(
                    model_name='onboardingitem',
                    name='assignment',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='onboarding_items', to='org.assignment', verbose_name='assignment'),
                ),
                migrations.AlterField(
                    model_name='resignation',
                    name='assignment',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resignations', to='org.assignment', verbose_name='assignment'),
                ),
                migrations.AlterField(
                    model_name='historicalresignation',
                    name='assignment',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.assignment', verbose_name='assignment'),
                ),
                migrations.AlterField(
                    model_name='changenotice',
                    name='company',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='change_notices', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='historicalchangenotice',
                    name='company',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='rewardpenalty',
                    name='site',
                    field=models.ForeignKey(blank=True, help_text='The site a site ban applies to.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='bans', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalrewardpenalty',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='The site a site ban applies to.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalchangenotice',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='changenotice',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='change_notices', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='changenotice',
                    name='leaving',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notices_leaving', to='org.staff', verbose_name='who leaves'),
                ),
                migrations.AlterField(
                    model_name='historicalchangenotice',
                    name='incoming',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='who comes'),
                ),
                migrations.AlterField(
                    model_name='resignation',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resignations', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicalresignation',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='rewardpenalty',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='records', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicalrewardpenalty',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicaloffboarding',
                    name='successor',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='The person who takes over the work.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='successor'),
                ),
                migrations.AlterField(
                    model_name='historicalqualificationcheck',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='offboarding',
                    name='successor',
                    field=models.ForeignKey(blank=True, help_text='The person who takes over the work.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='handovers_received', to='org.staff', verbose_name='successor'),
                ),
                migrations.AlterField(
                    model_name='qualificationcheck',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='checks', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='changenotice',
                    name='incoming',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notices_incoming', to='org.staff', verbose_name='who comes'),
                ),
                migrations.AlterField(
                    model_name='historicalchangenotice',
                    name='leaving',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='who leaves'),
                ),
            ],
            database_operations=[],
        ),
    ]
