"""Small abstract building blocks for page models. Every page type inherits `BasePage`."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, Site
from wagtail.search import index

from caching import tags
from stewardship.models import StewardedPageMixin


class SeoMixin(models.Model):
    """Fields for search engines and link previews (Open Graph)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Delningsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas när sidan delas i sociala medier. Annars används sidans huvudbild."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading=_("För sökmotorer och delning"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Meny")),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or getattr(self, "lead", "") or ""

    def get_social_image(self):
        return self.social_image or getattr(self, "hero_image", None)

    def get_json_ld(self, request=None):
        """Structured data for this page; page types override to say more."""
        return {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": self.seo_title or self.title,
            "url": self.get_full_url(request),
            "description": self.get_meta_description(),
        }

    # Shared pieces of structured data, so each page type says the same thing the same way.

    def json_ld_image(self, request):
        """The absolute address of the page's sharing image (1200x630), or None."""
        image = self.get_social_image()
        if image is None or request is None:
            return None
        return request.build_absolute_uri(image.get_rendition("fill-1200x630").url)

    def json_ld_publisher(self, request):
        """The agency as a GovernmentOrganization, with the address of its home page."""
        from website.models import SiteSettings

        if request is None:
            return None
        data = {"@type": "GovernmentOrganization", "name": SiteSettings.for_request(request).organisation_name}
        site = Site.find_for_request(request)  # cached on the request
        if site is not None:
            data["url"] = request.build_absolute_uri(site.root_page.get_url(request=request))
        return data

    def json_ld_owner(self, request):
        """The page owner (Sidansvarig, inherited down the tree) as an Organization, or the publisher."""
        from stewardship.inheritance import owner_of

        owner = owner_of(self)
        if owner is None:
            return self.json_ld_publisher(request)
        data = {"@type": "Organization", "name": owner.name}
        if owner.contact_page_id and owner.contact_page.live:
            data["url"] = owner.contact_page.get_full_url(request)
        else:
            publisher = self.json_ld_publisher(request)
            if publisher and publisher.get("url"):
                data["url"] = publisher["url"]
        return data


def json_ld_datetime(day, moment=None):
    """A date as an ISO 8601 date-time with its zone (Google wants both).

    `moment` (e.g. when the page was first published) gives the time of day when it falls on `day`
    in the site's time zone; otherwise the day starts at midnight there."""
    zone = timezone.get_current_timezone()
    if moment is not None:
        local = timezone.localtime(moment, zone)
        if local.date() == day:
            return local.replace(microsecond=0).isoformat()
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=zone).isoformat()


class ListingMixin(models.Model):
    """How a page presents itself in listings (cards, search results)."""

    lead = models.TextField(
        verbose_name=_("Ingress"),
        blank=True,
        help_text=_("En eller två meningar som sammanfattar sidan. Visas överst och i listor."),
    )

    class Meta:
        abstract = True


class BasePage(SeoMixin, ListingMixin, StewardedPageMixin, Page):
    """Abstract base for every page type: no table of its own."""

    search_fields = Page.search_fields + [index.SearchField("lead")]
    promote_panels = SeoMixin.promote_panels
    settings_panels = Page.settings_panels + StewardedPageMixin.stewardship_panels

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.url

    def route(self, request, path_components):
        """Wagtail's routing. Which page a URL names changes only with the pages on its path, so
        the response carries their tags, not the tag of every listing of pages (caching.tags)."""
        with tags.scope():
            return super().route(request, path_components)

    def get_view_restrictions(self):
        """Wagtail's, with the ancestors it looks up tagged as rows (the restrictions stay a listing)."""
        with tags.scope():
            return super().get_view_restrictions()

    def get_related_pages(self):
        """The live pages an editor linked as related (see website.models.RelatedPageLink), in their order.

        `.specific()` costs one query per page type, not one per related page.
        """
        links = getattr(self, "related_pages", None)
        if links is None:
            return []
        ids = list(links.values_list("related_page_id", flat=True))
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
        return [pages[pk] for pk in ids if pk in pages]


def index_url(model, home_page, request):
    """The URL of the first live `model` page under the home page (a section's "more" link)."""
    index = model.objects.live().descendant_of(home_page).first()
    return index.get_url(request=request) if index else None
