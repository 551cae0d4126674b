from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.models import HomePage
from website.demo import DemoContext
from website.images import make_renditions

DEMO_ADMIN = ("admin", "admin@example.se", "admin")


class Command(BaseCommand):
    help = "Loads the demo content: pages, people, pictures and comments. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin account.")
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="Host and port the demo is served on (`make run`): absolute links in feeds and canonical tags use it.",
        )
        parser.add_argument(
            "--no-renditions", action="store_true", help="Skip making image renditions ahead of the first request."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        context = DemoContext(site=self._site_with_home_page(options["address"]), home=None, stdout=self.stdout)
        context.home = context.site.root_page.specific
        for loader_path in settings.DEMO_CONTENT_LOADERS:
            import_string(loader_path)(context)
        if not options["no_admin"]:
            self._ensure_admin()
        if not options["no_renditions"]:
            made = make_renditions(get_image_model().objects.all())
            self.stdout.write(f"  {made} image renditions ready")
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({len(context.created)} things created)."))

    def _site_with_home_page(self, address):
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            home = HomePage(
                title="Livskraftiga landsbygder",
                slug="startsida",
                lead="Vi samlar kunskap och goda exempel för landsbygder där människor vill bo, arbeta och leva.",
                search_description="Myndigheten för levande landsbygd: blogg, goda exempel och kalender.",
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        hostname, _colon, port = address.partition(":")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(hostname=hostname, port=int(port or 80), root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            # Wagtail's initial site says localhost:80; the demo is served elsewhere.
            site.hostname, site.port = hostname, int(port or 80)
            site.save()
            if old_root.depth == 2 and old_root.specific_class is not HomePage and not old_root.get_children().exists():
                old_root.delete()
        return site

    def _ensure_admin(self):
        username, email, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username=username, email=email, password=password)
