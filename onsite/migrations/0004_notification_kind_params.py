"""Notifications store their kind and parameters and are worded when read, in the reader's
language; a person's chosen language is kept for the e-mails. Notifications written before keep
their stored text, under the kind that shows it as it is ("onsite.text")."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TEXT = "onsite.text"


def texts_to_params(apps, schema_editor):
    Notification = apps.get_model("onsite", "Notification")
    batch = []
    for notification in Notification.objects.only("kind", "title", "body", "url").iterator():
        notification.params = {
            "title": notification.title,
            "body": notification.body,
            "url": notification.url,
            # What it was, for whoever looks at the data later.
            "was": notification.kind,
        }
        notification.kind = TEXT
        batch.append(notification)
        if len(batch) == 1000:
            Notification.objects.bulk_update(batch, ["kind", "params"])
            batch = []
    Notification.objects.bulk_update(batch, ["kind", "params"])


def params_to_texts(apps, schema_editor):
    """Back to stored text: in Chinese, the default language, for the kinds that had none."""
    Notification = apps.get_model("onsite", "Notification")
    batch = []
    for notification in Notification.objects.iterator():
        params = notification.params or {}
        if notification.kind == TEXT:
            notification.kind = params.get("was", TEXT)
            notification.title = str(params.get("title", ""))[:200]
            notification.body = str(params.get("body", ""))
            notification.url = str(params.get("url", ""))[:300]
        else:
            notification.title = "通知"
        batch.append(notification)
        if len(batch) == 1000:
            Notification.objects.bulk_update(batch, ["kind", "title", "body", "url"])
            batch = []
    Notification.objects.bulk_update(batch, ["kind", "title", "body", "url"])


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("onsite", "0003_reminder_claim"),
    ]

    operations = [
        migrations.CreateModel(
            name="UserPreference",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="preference",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("zh-hans", "简体中文"), ("en", "English")],
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
            ],
            options={"verbose_name": "preference", "verbose_name_plural": "preferences"},
        ),
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="parameters"),
        ),
        migrations.RunPython(texts_to_params, params_to_texts),
        # Blank, so that going back can add the column to a table that has rows.
        migrations.AlterField(
            model_name="notification",
            name="title",
            field=models.CharField(blank=True, max_length=200, verbose_name="subject"),
        ),
        migrations.RemoveField(model_name="notification", name="body"),
        migrations.RemoveField(model_name="notification", name="title"),
        migrations.RemoveField(model_name="notification", name="url"),
    ]
