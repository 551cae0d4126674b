"""The Moderatorer group: may open the admin and moderate comments, nothing else."""

from django.db import migrations

from website.permissions import get_permission

MODERATORS = "Moderatorer"
PERMISSIONS = [("wagtailadmin", "access_admin"), ("discussion", "moderate_comment")]


def create_group(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=MODERATORS)
    group.permissions.set([get_permission(apps, app_label, codename) for app_label, codename in PERMISSIONS])


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
