"""A no-op, kept so that the migration graph and 0004, which depends on it, stay as they were.

It once added a database index for site search by hand. Search at scale belongs to a search backend
(README, "Search backend"), configured in settings, not to SQL of the project's own on another app's
tables, so it no longer does anything and no longer depends on Wagtail's search migrations. A
database migrated before that keeps the old index (`website_indexentry_title_body_gin`); it only
costs a little space and write time.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("website", "0002_editorial_groups")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop, elidable=False)]
