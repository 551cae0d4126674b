"""Formerly a GIN index created with raw SQL on Wagtail's search table (wagtailsearch_indexentry).

It is now a no-op: raw SQL on Wagtail's tables is against the project's rules (issue 17), and search at
scale belongs to a search backend (README, "Search backend"), not to an index on another app's table.
The migration stays so that the graph and the migrations depending on it remain. A database that ran
the old version keeps the index until someone drops it by hand (`DROP INDEX IF EXISTS
website_indexentry_title_body_gin`); it does no harm.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_editorial_groups"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop, elidable=False)]
