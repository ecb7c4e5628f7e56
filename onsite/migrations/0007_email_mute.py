# A person may stop the e-mails of their notifications (SPEC §13). Depends on no migration of
# the organisation, so a database taken back to before the org move keeps these columns, which
# the notification code reads.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("onsite", "0004_notification_kind_params"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="notification",
            name="notification_email_pending",
        ),
        migrations.AddField(
            model_name="notification",
            name="email_muted",
            field=models.BooleanField(default=False, verbose_name="e-mail muted"),
        ),
        migrations.AddField(
            model_name="userpreference",
            name="email_muted",
            field=models.BooleanField(default=False, verbose_name="no e-mail"),
        ),
        migrations.AlterField(
            model_name="userpreference",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("zh-hans", "简体中文"), ("en", "English")],
                default="",
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("email_muted", False), ("emailed_at__isnull", True)),
                fields=["created_at"],
                name="notification_email_pending",
            ),
        ),
    ]
