"""Replies in the agency's name: the permission, granted to the moderators and the editorial groups,
and the badge text in the comment settings."""

from django.db import migrations, models

from website.permissions import get_permission

GROUPS = ["Moderatorer", "Redaktörer", "Publicister"]


def grant(apps, schema_editor):
    permission = get_permission(apps, "discussion", "reply_as_agency")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="discussion", codename="reply_as_agency"))


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0006_decision_reasons"),
        ("website", "0002_editorial_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="comment",
            options={
                "permissions": [
                    ("moderate_comment", "Kan granska kommentarer"),
                    ("reply_as_agency", "Kan svara i myndighetens namn"),
                ],
                "verbose_name": "Kommentar",
                "verbose_name_plural": "Kommentarer",
            },
        ),
        migrations.AddField(
            model_name="commentsettings",
            name="official_badge",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Visas vid varje svar som en moderator eller redaktör skriver i myndighetens namn. Tomt betyder "
                    "”Svar från” och myndighetens namn i webbplatsinställningarna."
                ),
                max_length=80,
                verbose_name="Märkning av myndighetens svar",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
