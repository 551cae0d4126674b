"""Django's Site record (allauth's e-mail greets from it) says the agency's name, not example.com.

website/sites.py keeps it in step with the settings afterwards."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def name_the_site(apps, schema_editor):
    DjangoSite = apps.get_model("sites", "Site")
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or "localhost"
    site, _created = DjangoSite.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": domain})
    if site.domain == "example.com" or not site.domain:
        site.domain = domain
    site.name = settings.WAGTAIL_SITE_NAME[:50]
    site.save()


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0002_alter_domain_unique"),
        ("website", "0003_search_index_title_body"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
