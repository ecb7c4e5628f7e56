# Group-robot webhooks of a company or a site (SPEC §13).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("onsite", "0006_export_job"),
        ("onsite", "0007_email_mute"),
        ("org", "0002_content_types"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GroupWebhook",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "service",
                    models.CharField(
                        choices=[
                            ("wecom", "WeCom group robot"),
                            ("dingtalk", "DingTalk custom robot"),
                            ("feishu", "Feishu custom bot"),
                        ],
                        max_length=10,
                        verbose_name="service",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("url", models.URLField(max_length=500, verbose_name="webhook address")),
                (
                    "secret",
                    models.CharField(blank=True, max_length=200, verbose_name="signing secret"),
                ),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="added at"
                    ),
                ),
                (
                    "last_ok_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last delivered"),
                ),
                ("last_error", models.TextField(blank=True, verbose_name="last error")),
                (
                    "last_error_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last failed"),
                ),
            ],
            options={
                "verbose_name": "group robot",
                "verbose_name_plural": "group robots",
                "ordering": ["company_id", "site_id", "name", "pk"],
            },
        ),
        migrations.AddField(
            model_name="groupwebhook",
            name="company",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="group_webhooks",
                to="org.company",
                verbose_name="company",
            ),
        ),
        migrations.AddField(
            model_name="groupwebhook",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="added by",
            ),
        ),
        migrations.AddField(
            model_name="groupwebhook",
            name="site",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="group_webhooks",
                to="org.site",
                verbose_name="site",
            ),
        ),
        migrations.AddConstraint(
            model_name="groupwebhook",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("company__isnull", False), ("site__isnull", True)),
                    models.Q(("company__isnull", True), ("site__isnull", False)),
                    _connector="OR",
                ),
                name="groupwebhook_company_or_site",
            ),
        ),
        migrations.AddConstraint(
            model_name="groupwebhook",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("secret", ""), ("service__in", ["dingtalk", "feishu"]), _connector="OR"
                ),
                name="groupwebhook_secret_only_when_signed",
            ),
        ),
    ]
