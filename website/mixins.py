"""Small abstract building blocks for page models. Every page type inherits `BasePage`."""

import contextvars
import datetime

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index

from caching import memo, tags
from stewardship.models import StewardedPageMixin
from website import restrictions


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


# Inside a routing already remembered or being worked out: the pages below route as Wagtail does.
_routing = contextvars.ContextVar("website_routing", default=False)


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
        the response carries their tags, not the tag of every listing of pages (caching.tags).

        For a reader the answer (which page, how many segments it took) is remembered per address
        between requests (caching.memo): the page is then loaded by its key, one query instead of
        two per level, and routes the rest itself (a RoutablePage's own views)."""
        if _routing.get() or not memo.active() or not path_components:
            with tags.scope():
                return super().route(request, path_components)
        token = _routing.set(True)
        try:
            return self._remembered_route(request, path_components)
        finally:
            _routing.reset(token)

    def _remembered_route(self, request, path_components):
        routed = []

        def find():
            with tags.scope():
                result = super(BasePage, self).route(request, path_components)
            routed.append(result)
            page = result.page
            return page.pk, page._meta.label_lower, page.depth - self.depth

        answer = memo.remember(("route", self.pk, tuple(path_components)), find)
        if routed:
            return routed[0]
        pk, label, consumed = answer
        with tags.scope():
            page = apps.get_model(label)._default_manager.filter(pk=pk).first()
            if page is None:
                return super().route(request, path_components)
            return page.route(request, path_components[consumed:])

    def get_view_restrictions(self):
        """Wagtail's, with the ancestors it looks up tagged as rows (the restrictions stay a listing).
        For a reader, when no page at all carries a restriction (remembered, website.restrictions),
        none applies and nothing is looked up."""
        if memo.active() and restrictions.none_anywhere():
            return PageViewRestriction.objects.none()
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
        pages = {page.pk: page for page in restrictions.public(Page.objects.filter(pk__in=ids).live()).specific()}
        return [pages[pk] for pk in ids if pk in pages]


def index_url(model, home_page, request):
    """The URL of the first live `model` page under the home page (a section's "more" link),
    remembered between readers' requests (caching.memo)."""

    def find():
        index = model.objects.live().descendant_of(home_page).first()
        return index.get_url(request=request) if index else None

    return memo.remember(("index_url", model._meta.label_lower, home_page.pk), find)
