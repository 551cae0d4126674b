from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Webbplatsen")

    def ready(self):
        from website import sites, slugs

        sites.connect()
        slugs.register()
