"""Attendance's links to people and sites now point at the organisation app's models. The same
tables and columns: only Django's state changes, the database does not."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('attendance', '0005_overtime'),
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='absencemark',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='absence_marks', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='absencemark',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='absence_marks', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='calendarday',
                    name='site',
                    field=models.ForeignKey(blank=True, help_text="Empty for the national calendar; a site for that site's own day.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='calendar_days', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='correction',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='correction',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='day',
                    name='site',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='days', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='day',
                    name='staff',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='days', to='org.staff', verbose_name='staff'),
                ),
                migrations.AlterField(
                    model_name='explanation',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='explanations', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='explanation',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='explanations', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicalabsencemark',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalabsencemark',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicalcalendarday',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text="Empty for the national calendar; a site for that site's own day.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalcorrection',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalcorrection',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicalexplanation',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalexplanation',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicalleave',
                    name='cover',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='cover person'),
                ),
                migrations.AlterField(
                    model_name='historicalleave',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalleave',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='historicalleavetype',
                    name='company',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='historicalmonthclose',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalovertime',
                    name='site',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='historicalovertime',
                    name='staff',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='leave',
                    name='cover',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='covering', to='org.staff', verbose_name='cover person'),
                ),
                migrations.AlterField(
                    model_name='leave',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='leaves', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='leave',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='leaves', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='leavetype',
                    name='company',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='leave_types', to='org.company', verbose_name='company'),
                ),
                migrations.AlterField(
                    model_name='monthclose',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='months', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='overtime',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='overtime', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='overtime',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='overtime', to='org.staff', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='punch',
                    name='site',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='punches', to='org.site', verbose_name='site'),
                ),
                migrations.AlterField(
                    model_name='punch',
                    name='staff',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='punches', to='org.staff', verbose_name='staff'),
                ),
            ],
            database_operations=[],
        ),
    ]
