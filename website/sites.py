"""Django's own Site record carries the agency's name and address, not example.com.

allauth (account e-mail: "Hej från …!") and anything else that asks `django.contrib.sites` read it.
It follows the default Wagtail site and its *Webbplatsinställningar*: saving either updates it.
"""

from django.conf import settings
from django.db.models.signals import post_save


def agency_name_and_domain(site_settings=None):
    """From the saved rows themselves (not a cached copy)."""
    from wagtail.models import Site

    from website.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME, None
    if site_settings is None or site_settings.site_id != site.pk:
        site_settings = SiteSettings.objects.filter(site=site).first()
    name = (site_settings.organisation_name if site_settings else "") or settings.WAGTAIL_SITE_NAME
    domain = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    return name, domain


def sync_django_site(sender=None, instance=None, **kwargs):
    from django.contrib.sites.models import Site as DjangoSite

    from website.models import SiteSettings

    name, domain = agency_name_and_domain(instance if isinstance(instance, SiteSettings) else None)
    django_site, _created = DjangoSite.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"name": name[:50], "domain": domain or "localhost"}
    )
    changed = {"name": name[:50], "domain": (domain or django_site.domain)[:100]}
    if any(getattr(django_site, field) != value for field, value in changed.items()):
        for field, value in changed.items():
            setattr(django_site, field, value)
        django_site.save()


def connect():
    from wagtail.models import Site

    from website.models import SiteSettings

    post_save.connect(sync_django_site, sender=SiteSettings, dispatch_uid="website_sync_django_site_settings")
    post_save.connect(sync_django_site, sender=Site, dispatch_uid="website_sync_django_site_on_site_save")
