"""Small abstract building blocks for page models. Every page type inherits `BasePage`."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from stewardship.models import StewardedPageMixin
from website import sitedata


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
        """Wagtail's routing, with the child a URL segment names remembered (see website.sitedata):
        one query per level for the specific page instead of two."""
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        child = sitedata.remember(
            ("child", self.pk, slug),
            lambda: self.get_children().filter(slug=slug).values_list("pk", "content_type_id").first(),
        )
        if child is None:
            raise Http404
        model = ContentType.objects.get_for_id(child[1]).model_class()
        try:
            subpage = model.objects.get(pk=child[0])
        except model.DoesNotExist as error:
            raise Http404 from error
        subpage._cached_parent_obj = self
        return subpage.route(request, remaining)

    def get_view_restrictions(self):
        # Most sites restrict nothing; then there is nothing to look up for each page served.
        if not sitedata.restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_related_pages(self):
        """The live pages an editor linked as related (see website.models.RelatedPageLink), in their order.

        `.specific()` costs one query per page type, not one per related page.
        """
        links = getattr(self, "related_pages", None)
        if links is None:
            return []
        ids = list(links.values_list("related_page_id", flat=True))
        pages = {page.pk: page for page in sitedata.public(Page.objects.filter(pk__in=ids).live()).specific()}
        return [pages[pk] for pk in ids if pk in pages]
