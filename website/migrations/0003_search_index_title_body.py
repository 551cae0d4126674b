"""A GIN index on the expression Wagtail's PostgreSQL search filters on: `title || body` of the index entries.

Wagtail indexes `title` and `body` separately, but its query matches their concatenation, which those
indexes cannot answer: every search read the whole table, tsvectors of long pages included (16 ms on
10,000 pages). With this index PostgreSQL reads only the matching entries. SQLite has no such index.
"""

from django.db import migrations

INDEX = "website_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_editorial_groups"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
