"""The moved models' content types change app, from staffing to org, keeping their ids: the admin's
log entries, the permissions granted to people and groups (`org.change_site` from now on) and the
history of each record keep pointing at them.

A fresh database has no content types yet when this runs (Django creates them after the last
migration), so there is nothing to relabel."""

from django.db import migrations

MOVED = (
    "company",
    "department",
    "client",
    "site",
    "contract",
    "position",
    "staff",
    "assignment",
    "historicalcompany",
    "historicaldepartment",
    "historicalclient",
    "historicalsite",
    "historicalcontract",
    "historicalcontract_sites",
    "historicalposition",
    "historicalstaff",
    "historicalassignment",
)


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MOVED:
        kind = ContentType.objects.filter(app_label=old, model=model).first()
        if kind is None:
            continue
        # A content type already made under the new label (by code that ran between two
        # migrations) would block the relabel: its permissions are Django's defaults, made again
        # after migrating, and the old row, which the log and the grants name, is the one to keep.
        duplicate = ContentType.objects.filter(app_label=new, model=model).first()
        if duplicate is not None:
            Permission.objects.filter(content_type=duplicate).delete()
            duplicate.delete()
        kind.app_label = new
        kind.save(update_fields=["app_label"])


def to_org(apps, schema_editor) -> None:
    _relabel(apps, "staffing", "org")


def to_staffing(apps, schema_editor) -> None:
    _relabel(apps, "org", "staffing")


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0001_initial"),
        ("staffing", "0010_org_drop_moved_models"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_org, to_staffing)]
