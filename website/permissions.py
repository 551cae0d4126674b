"""Helpers for data migrations that create groups and grant permissions.

Django creates permissions after all migrations have run (post_migrate), so a migration that grants
them on a fresh database creates the ones it needs first, from the historical model's options, with
the codename and name Django would give them. post_migrate then finds them and adds only the rest.
"""


def _permission_names(model):
    options = model._meta
    names = {
        f"{action}_{options.model_name}": f"Can {action} {options.verbose_name_raw}"
        for action in options.default_permissions
    }
    names.update(dict(options.permissions))
    return names


def get_permission(apps, app_label, codename):
    """The permission `app_label.codename`, created (with its content type) if it does not exist yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in apps.get_app_config(app_label).get_models():
        names = _permission_names(model)
        if codename in names:
            content_type, _created = ContentType.objects.get_or_create(
                app_label=app_label, model=model._meta.model_name
            )
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": names[codename]}
            )
            return permission
    raise LookupError(f"No model in {app_label} has the permission {codename}.")
