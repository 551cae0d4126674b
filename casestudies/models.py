"""Case studies: geography reference data, inline models, the index page, then the case study page."""

import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from caching import memo
from discussion.models import CommentableMixin, edit_handler_with_comments
from website.blocks import BaseStreamBlock
from website.images import HERO_SPECS
from website.mixins import BasePage
from website.models import RelatedPageLink
from website.restrictions import public
from website.views import paginate

from .forms import CaseStudyPageForm

VIDEO_POSTER_SPEC = HERO_SPECS[0]  # made ahead of readers by the demo loader and on upload


class County(models.Model):
    """One of Sweden's 21 counties (län), loaded from data/counties.csv by a data migration."""

    code = models.CharField(verbose_name=_("Länskod"), max_length=2, unique=True)
    name = models.CharField(verbose_name=_("Namn"), max_length=60)

    class Meta:
        verbose_name = _("Län")
        verbose_name_plural = _("Län")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """One of Sweden's 290 municipalities (kommuner), loaded from data/municipalities.csv."""

    code = models.CharField(verbose_name=_("Kommunkod"), max_length=4, unique=True)
    name = models.CharField(verbose_name=_("Namn"), max_length=60)
    county = models.ForeignKey(County, verbose_name=_("Län"), on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        verbose_name = _("Kommun")
        verbose_name_plural = _("Kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationType(models.TextChoices):
    KOMMUN = "kommun", _("Kommun")
    REGION = "region", _("Region")
    LANSSTYRELSE = "lansstyrelse", _("Länsstyrelse")
    MYNDIGHET = "myndighet", _("Myndighet")
    ANNAN = "annan", _("Annan organisation")


class CaseStudyPageTag(TaggedItemBase):
    content_object = ParentalKey("casestudies.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE)


class CaseStudyRelatedPage(RelatedPageLink):
    page = ParentalKey("casestudies.CaseStudyPage", related_name="related_pages", on_delete=models.CASCADE)


SWEDISH_ALPHABET_END = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_sort_key(text):
    """Å, Ä and Ö after Z, as in a Swedish dictionary, whatever the database's collation."""
    return text.lower().translate(SWEDISH_ALPHABET_END)


def with_card_data(queryset):
    """Newest first, with everything a card shows, in a fixed number of queries."""
    return (
        queryset.order_by("-first_published_at", "-pk")
        .select_related("county", "municipality")
        .prefetch_related(Prefetch("tagged_items", queryset=CaseStudyPageTag.objects.select_related("tag")))
    )


def published_case_studies(queryset):
    return with_card_data(public(queryset.live()))


class CaseStudyFilterForm(forms.Form):
    """The index's filters. Only the values' shape is checked here; the view checks they exist."""

    typ = forms.ChoiceField(choices=[("", "")] + list(OrganisationType.choices), required=False)
    lan = forms.RegexField(regex=r"^\d{2}$", required=False)
    tema = forms.SlugField(max_length=100, required=False, allow_unicode=True)

    error_messages = {
        "typ": _("Det finns ingen sådan organisationstyp. Filtret på organisationstyp används inte."),
        "lan": _("Det finns inget sådant län. Filtret på län används inte."),
        "tema": _("Det finns inget sådant tema. Filtret på tema används inte."),
    }


class CaseStudyIndexPage(BasePage):
    per_page = models.PositiveSmallIntegerField(
        verbose_name=_("Exempel per sida"), default=12, help_text=_("Hur många exempel som visas per sida i listan.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("per_page")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Startsida för goda exempel")

    def get_filter_url(self, request=None, **params):
        query = urlencode({key: value for key, value in params.items() if value})
        return self.get_url(request=request) + (f"?{query}" if query else "")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Remembered between readers' requests per address (caching.memo) while what it read stands.
        key = ("case_study_listing", self.pk, request.get_host(), request.GET.urlencode())
        context.update(memo.remember(key, lambda: self._listing(request)))
        return context

    def _listing(self, request):
        base = public(CaseStudyPage.objects.child_of(self).live())

        counties = sorted(County.objects.all(), key=lambda county: swedish_sort_key(county.name))
        counties_by_code = {county.code: county for county in counties}
        # Themes used by any published case study, so a shared link to a theme with no hits still works.
        themes = sorted(
            Tag.objects.filter(casestudies_casestudypagetag_items__content_object__in=base).distinct(),
            key=lambda tag: swedish_sort_key(tag.name),
        )
        themes_by_slug = {tag.slug: tag for tag in themes}

        form = CaseStudyFilterForm(request.GET)
        form.is_valid()
        errors = [CaseStudyFilterForm.error_messages[name] for name in form.errors]
        active = {name: value for name, value in form.cleaned_data.items() if value}
        if "lan" in active and active["lan"] not in counties_by_code:
            errors.append(CaseStudyFilterForm.error_messages["lan"])
            del active["lan"]
        if "tema" in active and active["tema"] not in themes_by_slug:
            errors.append(CaseStudyFilterForm.error_messages["tema"])
            del active["tema"]

        lookups = {
            "typ": lambda value: {"organisation_type": value},
            "lan": lambda value: {"county__code": value},
            "tema": lambda value: {"tagged_items__tag__slug": value},
        }

        def filtered(except_name=None):
            queryset = base
            for name, value in active.items():
                if name != except_name:
                    queryset = queryset.filter(**lookups[name](value))
            return queryset

        # Facet counts: each value counts the hits if it were chosen with the other active filters,
        # one aggregate query per filter however many values it has.
        type_counts = dict(
            list(filtered("typ").order_by().values_list("organisation_type").annotate(n=Count("pk", distinct=True)))
        )
        county_counts = dict(
            list(filtered("lan").order_by().values_list("county__code").annotate(n=Count("pk", distinct=True)))
        )
        theme_counts = dict(
            list(
                CaseStudyPageTag.objects.filter(content_object__in=filtered("tema"))
                .order_by()
                .values_list("tag__slug")
                .annotate(n=Count("content_object", distinct=True))
            )
        )
        overview_counts = dict(list(base.order_by().values_list("county__code").annotate(n=Count("pk"))))

        results = with_card_data(filtered())
        page_of_results = paginate(request, results, self.per_page)
        page_of_results.object_list = list(page_of_results.object_list)
        return {
            "case_studies": page_of_results,
            "filter_errors": errors,
            "active_filters": active,
            "filter_query": urlencode(active),
            "type_options": [
                {"value": value, "label": label, "count": type_counts.get(value, 0)}
                for value, label in OrganisationType.choices
            ],
            "county_options": [
                {"value": county.code, "label": county.name, "count": county_counts.get(county.code, 0)}
                for county in counties
            ],
            "theme_options": [
                {"value": tag.slug, "label": tag.name, "count": theme_counts.get(tag.slug, 0)} for tag in themes
            ],
            "county_overview": [
                {
                    "county": county,
                    "count": overview_counts.get(county.code, 0),
                    "url": self.get_filter_url(request, lan=county.code),
                }
                for county in counties
            ],
            "active_labels": self._active_labels(active, counties_by_code, themes_by_slug),
        }

    @staticmethod
    def _active_labels(active, counties_by_code, themes_by_slug):
        labels = []
        if "typ" in active:
            labels.append(OrganisationType(active["typ"]).label)
        if "lan" in active:
            labels.append(counties_by_code[active["lan"]].name)
        if "tema" in active:
            labels.append(themes_by_slug[active["tema"]].name)
        return labels

    def get_json_ld(self, request=None):
        data = super().get_json_ld(request)
        data["@type"] = "CollectionPage"
        return data

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The page still renders (with the faulty filter ignored and explained), but says the request was bad.
        if getattr(response, "context_data", None) and response.context_data.get("filter_errors"):
            response.status_code = 400
        return response


class CaseStudyPage(CommentableMixin, BasePage):
    organisation_name = models.CharField(
        verbose_name=_("Organisation"),
        max_length=200,
        help_text=_("Organisationen som står bakom exemplet, till exempel ”Region Jämtland Härjedalen”."),
    )
    organisation_type = models.CharField(
        verbose_name=_("Typ av organisation"),
        max_length=20,
        choices=OrganisationType.choices,
        help_text=_("Används när läsaren filtrerar exemplen."),
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("Län"),
        on_delete=models.PROTECT,
        related_name="case_studies",
        help_text=_("Länet där exemplet genomförts."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_studies",
        help_text=_("Lämna tomt om exemplet gäller hela länet. Kommunen måste ligga i det valda länet."),
    )
    tags = ClusterTaggableManager(
        verbose_name=_("Teman"),
        through=CaseStudyPageTag,
        blank=True,
        help_text=_("Teman som läsaren kan filtrera på, till exempel ”medborgardialog”."),
    )
    period = models.CharField(
        verbose_name=_("Period"),
        max_length=100,
        blank=True,
        help_text=_("När arbetet pågick, till exempel ”2022–2024”."),
    )
    partners = models.TextField(
        verbose_name=_("Samarbetspartner"),
        blank=True,
        help_text=_("Organisationer som var med i arbetet, en per rad."),
    )
    contact_name = models.CharField(
        verbose_name=_("Kontaktperson"), max_length=120, blank=True, help_text=_("För- och efternamn.")
    )
    contact_role = models.CharField(
        verbose_name=_("Kontaktpersonens roll"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”Projektledare, regional utveckling”."),
    )
    contact_email = models.EmailField(
        verbose_name=_("Kontaktpersonens e-post"), blank=True, help_text=_("Visas öppet på sidan.")
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("Brödtext"),
        blank=True,
        help_text=_("Berätta om exemplet med rubriker, text och bilder. Blocket Film visar en film med textversion."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_type"),
                FieldRowPanel([FieldPanel("county"), FieldPanel("municipality")]),
            ],
            heading=_("Organisation och plats"),
        ),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("period"),
                FieldPanel("partners"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldPanel("contact_email"),
            ],
            heading=_("Faktaruta"),
        ),
        FieldPanel("body"),
        InlinePanel("related_pages", label=_("Relaterade sidor")),
    ]
    edit_handler = edit_handler_with_comments(content_panels, BasePage.promote_panels, BasePage.settings_panels)
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("organisation_name"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("organisation_type"),
    ]
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    base_form_class = CaseStudyPageForm

    class Meta:
        verbose_name = _("Gott exempel")
        verbose_name_plural = _("Goda exempel")

    def clean(self):
        super().clean()
        if self.municipality_id and self.county_id and self.municipality.county_id != self.county_id:
            raise ValidationError(
                {
                    "municipality": _("%(kommun)s ligger inte i %(lan)s.")
                    % {"kommun": self.municipality, "lan": self.county}
                }
            )

    @property
    def place(self):
        return f"{self.municipality}, {self.county}" if self.municipality_id else str(self.county)

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def videos(self):
        return [block.value for block in self.body if block.block_type == "video" and block.value.video]

    def _index_themes_and_related(self):
        return self.get_parent().specific, list(self.tags.all().order_by("name")), self.get_related_pages()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Remembered between readers' requests (caching.memo) while the rows they read stand.
        index_page, themes, related = memo.remember(("case_study_related", self.pk), self._index_themes_and_related)
        context["case_study_index"] = index_page
        context["themes"] = [{"tag": tag, "url": index_page.get_filter_url(request, tema=tag.slug)} for tag in themes]
        context["county_url"] = index_page.get_filter_url(request, lan=self.county.code)
        context["type_url"] = index_page.get_filter_url(request, typ=self.organisation_type)
        context["related"] = related
        return context

    def get_json_ld(self, request=None):
        data = super().get_json_ld(request)
        place = {"@type": "AdministrativeArea", "name": str(self.county)}
        if self.municipality_id:
            place = {"@type": "AdministrativeArea", "name": str(self.municipality), "containedInPlace": place}
        organisation_type = (
            "Organization" if self.organisation_type == OrganisationType.ANNAN else "GovernmentOrganization"
        )
        data.update(
            {
                "@type": "Article",
                "headline": self.title,
                "about": {"@type": organisation_type, "name": self.organisation_name},
                "spatialCoverage": place,
                "keywords": ", ".join(tag.name for tag in self.tags.all()),
                "mainEntityOfPage": self.get_full_url(request),
            }
        )
        if self.first_published_at:
            data["datePublished"] = timezone.localtime(self.first_published_at).replace(microsecond=0).isoformat()
        if self.last_published_at:
            data["dateModified"] = timezone.localtime(self.last_published_at).replace(microsecond=0).isoformat()
        # The case study is written by its page owner (Sidansvarig) for the agency.
        data["author"] = self.json_ld_owner(request)
        data["publisher"] = self.json_ld_publisher(request)
        images = []
        videos = []
        for video in self.videos():
            item = {
                "@type": "VideoObject",
                "name": video["title"],
                "embedUrl": video.video.embed_url.split("?")[0],
                "url": video.video.watch_url,
            }
            if video["poster"]:
                rendition = video["poster"].get_rendition(VIDEO_POSTER_SPEC)
                item["thumbnailUrl"] = request.build_absolute_uri(rendition.url) if request else rendition.url
                images.append(item["thumbnailUrl"])
            if video.iso_duration:
                item["duration"] = video.iso_duration
            if video.has_transcript:
                item["transcript"] = _strip(video["transcript"].source)
            if self.first_published_at:
                item["uploadDate"] = self.first_published_at.isoformat()
            videos.append(item)
        if videos:
            data["video"] = videos
        # Its sharing image, else the poster of its first film.
        image = self.json_ld_image(request)
        if image or images:
            data["image"] = image or images[0]
        return data


def _strip(html):
    # Keep paragraphs apart: "…mötena.</p><p>Strateg" must not become "mötena.Strateg".
    return " ".join(strip_tags(re.sub(r"</(p|li|h[1-6])>", " ", html)).split())
