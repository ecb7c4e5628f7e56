"""The organisation moves from the staffing app into onsite.org. Its tables stay where they are
(staffing_company, staffing_historicalcompany, ...): this migration only tells Django's state that
the models now belong to org, and creates nothing in the database."""

import django.core.validators
import django.db.models.deletion
import onsite.org.validators
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The tables were created by staffing's migrations up to here.
        ("staffing", "0008_expiry_reminders_claimed_once"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Client',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, unique=True, verbose_name='name')),
                    ],
                    options={
                        'verbose_name': 'client',
                        'verbose_name_plural': 'clients',
                        'db_table': 'staffing_client',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Company',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, unique=True, verbose_name='name')),
                    ],
                    options={
                        'verbose_name': 'dispatch company',
                        'verbose_name_plural': 'dispatch companies',
                        'db_table': 'staffing_company',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Contract',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=40, unique=True, verbose_name='code')),
                        ('start', models.DateField(verbose_name='start')),
                        ('end', models.DateField(verbose_name='end')),
                        ('headcount', models.PositiveIntegerField(verbose_name='headcount quota')),
                        ('terms', models.TextField(blank=True, verbose_name='service terms')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contracts', to='org.client', verbose_name='client')),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contracts', to='org.company', verbose_name='company')),
                    ],
                    options={
                        'verbose_name': 'contract',
                        'verbose_name_plural': 'contracts',
                        'db_table': 'staffing_contract',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='Department',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='departments', to='org.company', verbose_name='company')),
                    ],
                    options={
                        'verbose_name': 'department',
                        'verbose_name_plural': 'departments',
                        'db_table': 'staffing_department',
                        'ordering': ['company', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalClient',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(db_index=True, max_length=120, verbose_name='name')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical client',
                        'verbose_name_plural': 'historical clients',
                        'db_table': 'staffing_historicalclient',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalCompany',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(db_index=True, max_length=120, verbose_name='name')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical dispatch company',
                        'verbose_name_plural': 'historical dispatch companies',
                        'db_table': 'staffing_historicalcompany',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalContract',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('code', models.CharField(db_index=True, max_length=40, verbose_name='code')),
                        ('start', models.DateField(verbose_name='start')),
                        ('end', models.DateField(verbose_name='end')),
                        ('headcount', models.PositiveIntegerField(verbose_name='headcount quota')),
                        ('terms', models.TextField(blank=True, verbose_name='service terms')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('client', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.client', verbose_name='client')),
                        ('company', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical contract',
                        'verbose_name_plural': 'historical contracts',
                        'db_table': 'staffing_historicalcontract',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalDepartment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('company', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical department',
                        'verbose_name_plural': 'historical departments',
                        'db_table': 'staffing_historicaldepartment',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalPosition',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=120, verbose_name='title')),
                        ('duties', models.TextField(blank=True, verbose_name='duties')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('company', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical position',
                        'verbose_name_plural': 'historical positions',
                        'db_table': 'staffing_historicalposition',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSite',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('code', models.CharField(db_index=True, max_length=40, verbose_name='code')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                        ('time_zone', models.CharField(default='Asia/Shanghai', max_length=64, verbose_name='time zone')),
                        ('schedule', models.CharField(blank=True, help_text='Work periods of a day, for example 08:30-12:00,14:00-17:30', max_length=120, validators=[onsite.org.validators.validate_schedule], verbose_name='work schedule')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('client', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.client', verbose_name='client')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical site',
                        'verbose_name_plural': 'historical sites',
                        'db_table': 'staffing_historicalsite',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Position',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=120, verbose_name='title')),
                        ('duties', models.TextField(blank=True, verbose_name='duties')),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='org.company', verbose_name='company')),
                    ],
                    options={
                        'verbose_name': 'position',
                        'verbose_name_plural': 'positions',
                        'db_table': 'staffing_position',
                        'ordering': ['company', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalStaff',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('staff_no', models.CharField(max_length=40, verbose_name='staff number')),
                        ('name', models.CharField(max_length=60, verbose_name='full name')),
                        ('gender', models.CharField(choices=[('male', 'Male'), ('female', 'Female')], max_length=8, verbose_name='gender')),
                        ('birth_date', models.DateField(validators=[onsite.org.validators.validate_birth_date], verbose_name='birth date')),
                        ('nationality', models.CharField(default='中国', max_length=40, verbose_name='nationality')),
                        ('id_number', models.CharField(blank=True, max_length=18, validators=[onsite.org.validators.validate_id_number], verbose_name='ID card number')),
                        ('phone', models.CharField(blank=True, max_length=20, validators=[onsite.org.validators.validate_phone], verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('education', models.CharField(blank=True, max_length=60, verbose_name='education')),
                        ('employment_start', models.DateField(blank=True, null=True, verbose_name='employment start')),
                        ('career_start', models.DateField(blank=True, help_text='For annual leave; when empty, the employment start is used.', null=True, verbose_name='started working')),
                        ('monthly_salary', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1000000)], verbose_name='monthly salary')),
                        ('status', models.CharField(choices=[('candidate', 'Candidate'), ('qualified', 'Qualified'), ('on_site', 'On site'), ('leaving', 'Leaving'), ('left', 'Left'), ('suspended', 'Suspended'), ('banned', 'Banned')], default='candidate', max_length=16, verbose_name='status')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('company', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.company', verbose_name='company')),
                        ('department', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.department', verbose_name='department')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='login')),
                        ('position', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.position', verbose_name='position')),
                    ],
                    options={
                        'verbose_name': 'historical staff member',
                        'verbose_name_plural': 'historical staff',
                        'db_table': 'staffing_historicalstaff',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Site',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=40, unique=True, verbose_name='code')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                        ('time_zone', models.CharField(default='Asia/Shanghai', max_length=64, verbose_name='time zone')),
                        ('schedule', models.CharField(blank=True, help_text='Work periods of a day, for example 08:30-12:00,14:00-17:30', max_length=120, validators=[onsite.org.validators.validate_schedule], verbose_name='work schedule')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sites', to='org.client', verbose_name='client')),
                    ],
                    options={
                        'verbose_name': 'site',
                        'verbose_name_plural': 'sites',
                        'db_table': 'staffing_site',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalContract_sites',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('contract', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.contract')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='org.historicalcontract')),
                        ('site', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site')),
                    ],
                    options={
                        'verbose_name': 'HistoricalContract_sites',
                        'db_table': 'staffing_historicalcontract_sites',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AddField(
                    model_name='contract',
                    name='sites',
                    field=models.ManyToManyField(related_name='contracts', to='org.site', verbose_name='sites'),
                ),
                migrations.CreateModel(
                    name='Staff',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('staff_no', models.CharField(max_length=40, verbose_name='staff number')),
                        ('name', models.CharField(max_length=60, verbose_name='full name')),
                        ('gender', models.CharField(choices=[('male', 'Male'), ('female', 'Female')], max_length=8, verbose_name='gender')),
                        ('birth_date', models.DateField(validators=[onsite.org.validators.validate_birth_date], verbose_name='birth date')),
                        ('nationality', models.CharField(default='中国', max_length=40, verbose_name='nationality')),
                        ('id_number', models.CharField(blank=True, max_length=18, validators=[onsite.org.validators.validate_id_number], verbose_name='ID card number')),
                        ('phone', models.CharField(blank=True, max_length=20, validators=[onsite.org.validators.validate_phone], verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('education', models.CharField(blank=True, max_length=60, verbose_name='education')),
                        ('employment_start', models.DateField(blank=True, null=True, verbose_name='employment start')),
                        ('career_start', models.DateField(blank=True, help_text='For annual leave; when empty, the employment start is used.', null=True, verbose_name='started working')),
                        ('monthly_salary', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1000000)], verbose_name='monthly salary')),
                        ('status', models.CharField(choices=[('candidate', 'Candidate'), ('qualified', 'Qualified'), ('on_site', 'On site'), ('leaving', 'Leaving'), ('left', 'Left'), ('suspended', 'Suspended'), ('banned', 'Banned')], default='candidate', max_length=16, verbose_name='status')),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='org.company', verbose_name='company')),
                        ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='staff', to='org.department', verbose_name='department')),
                        ('position', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='org.position', verbose_name='position')),
                        ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='staff_record', to=settings.AUTH_USER_MODEL, verbose_name='login')),
                    ],
                    options={
                        'verbose_name': 'staff member',
                        'verbose_name_plural': 'staff',
                        'db_table': 'staffing_staff',
                        'ordering': ['staff_no'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAssignment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('start', models.DateField(verbose_name='start')),
                        ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                        ('backup', models.BooleanField(default=False, verbose_name='backup person')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('contract', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.contract', verbose_name='contract')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('position', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.position', verbose_name='position')),
                        ('site', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.site', verbose_name='site')),
                        ('staff', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.staff', verbose_name='staff member')),
                    ],
                    options={
                        'verbose_name': 'historical assignment',
                        'verbose_name_plural': 'historical assignments',
                        'db_table': 'staffing_historicalassignment',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Assignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('start', models.DateField(verbose_name='start')),
                        ('end', models.DateField(blank=True, null=True, verbose_name='end')),
                        ('backup', models.BooleanField(default=False, verbose_name='backup person')),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='org.contract', verbose_name='contract')),
                        ('position', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='org.position', verbose_name='position')),
                        ('site', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='org.site', verbose_name='site')),
                        ('staff', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='org.staff', verbose_name='staff member')),
                    ],
                    options={
                        'verbose_name': 'assignment',
                        'verbose_name_plural': 'assignments',
                        'db_table': 'staffing_assignment',
                        'ordering': ['-start'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='department',
                    constraint=models.UniqueConstraint(fields=('company', 'name'), name='department_name_per_company'),
                ),
                migrations.AddConstraint(
                    model_name='position',
                    constraint=models.UniqueConstraint(fields=('company', 'title'), name='position_title_per_company'),
                ),
                migrations.AddConstraint(
                    model_name='contract',
                    constraint=models.CheckConstraint(condition=models.Q(('start__lte', models.F('end'))), name='contract_start_before_end'),
                ),
                migrations.AddIndex(
                    model_name='staff',
                    index=models.Index(fields=['company', 'status'], name='staff_company_status'),
                ),
                migrations.AddConstraint(
                    model_name='staff',
                    constraint=models.UniqueConstraint(fields=('company', 'staff_no'), name='staff_no_per_company'),
                ),
                migrations.AddConstraint(
                    model_name='staff',
                    constraint=models.UniqueConstraint(condition=models.Q(('id_number', ''), _negated=True), fields=('company', 'id_number'), name='staff_id_number_per_company'),
                ),
                migrations.AddConstraint(
                    model_name='staff',
                    constraint=models.CheckConstraint(condition=models.Q(('monthly_salary__gte', 0)), name='staff_salary_not_negative'),
                ),
                migrations.AddIndex(
                    model_name='assignment',
                    index=models.Index(fields=['site', 'start', 'end'], name='assignment_site_period'),
                ),
                migrations.AddConstraint(
                    model_name='assignment',
                    constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), ('start__lte', models.F('end')), _connector='OR'), name='assignment_start_before_end'),
                ),
            ],
            database_operations=[],
        ),
    ]
