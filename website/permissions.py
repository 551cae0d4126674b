"""Helpers for data migrations that create groups and grant permissions.

Permissions are normally created after all migrations have run (post_migrate); a
migration that grants them on a fresh database has to create them first.
"""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def get_permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
