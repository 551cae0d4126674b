"""Blog: inline models, the index page, the post page, then the author snippet."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from caching import memo
from discussion.models import CommentableMixin, edit_handler_with_comments
from website.blocks import BaseStreamBlock, DescribedImageBlock
from website.images import CARD_SPECS, PORTRAIT_SPECS, images_with_renditions
from website.mixins import BasePage, json_ld_datetime
from website.models import RelatedPageLink
from website.restrictions import public
from website.slugs import NameFieldPanel
from website.views import page_key, paginate, query_param


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", related_name="tagged_items", on_delete=models.CASCADE)


class BlogPageAuthor(Orderable):
    page = ParentalKey("blog.BlogPage", related_name="blog_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(
        "blog.Author", verbose_name=_("Skribent"), on_delete=models.PROTECT, related_name="blog_pages"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("Skribent")
        verbose_name_plural = _("Skribenter")
        constraints = [models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_blog_page")]


class BlogPageRelatedPage(RelatedPageLink):
    page = ParentalKey("blog.BlogPage", related_name="related_pages", on_delete=models.CASCADE)


def published_posts(queryset):
    """Live posts with everything a card shows, in a fixed number of queries."""
    return (
        public(queryset.live())
        .order_by("-date", "-pk")
        .prefetch_related(Prefetch("blog_authors", queryset=BlogPageAuthor.objects.select_related("author")))
    )


def with_card_images(posts):
    """`posts` as a list, each with its `card_image`: every card's hero picture and its card renditions
    in one query and one more, however many cards. (The hero is a StreamField, not a foreign key, so
    it cannot be prefetched with the queryset; left alone, each card would load its own picture.)"""
    posts = list(posts)
    ids = {post.hero_image_id for post in posts} - {None}
    images = images_with_renditions(CARD_SPECS).in_bulk(ids) if ids else {}
    for post in posts:
        post.card_image = images.get(post.hero_image_id)
    return posts


def paginate_posts(request, posts, per_page):
    page = paginate(request, posts, per_page)
    page.object_list = with_card_images(page.object_list)
    return page


class BlogIndexPage(RoutablePageMixin, BasePage):
    posts_per_page = models.PositiveSmallIntegerField(
        verbose_name=_("Inlägg per sida"), default=10, help_text=_("Hur många inlägg som visas per sida i listan.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("lead"), FieldPanel("posts_per_page")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]

    class Meta:
        verbose_name = _("Bloggstartsida")

    def get_posts(self):
        return published_posts(BlogPage.objects.child_of(self))

    @path("")
    def post_list(self, request):
        posts = self.get_posts()
        tag = query_param(request, "tagg", 100)
        if tag:
            posts = posts.filter(tags__slug=tag).distinct()
        topic = next((topic for topic in self.get_topics() if topic.slug == tag), None) if tag else None
        return self.render(
            request,
            context_overrides={
                # Fetched when the template's remembered fragment renders, not when it is remembered.
                "posts": SimpleLazyObject(lambda: paginate_posts(request, posts, self.posts_per_page)),
                "active_tag": tag,
                "page_key": page_key(request),
                # Tag slugs may hold non-ASCII letters; the pagination links carry the filter URL-encoded.
                "filter_query": urlencode({"tagg": tag}) if tag else "",
                "tags": self.get_topics(),
                "active_topic": topic,
                "feed_url": self.get_topic_feed_url(topic, request=request) if topic else self.get_feed_url(request),
            },
        )

    def get_topics(self):
        """Tags of this blog's published posts only: a topic from a draft would lead to an empty list.
        Remembered between readers' requests (caching.memo)."""

        def topics():
            posts = public(BlogPage.objects.child_of(self).live())
            return tuple(
                Tag.objects.filter(blog_blogpagetag_items__content_object__in=posts).distinct().order_by("name")
            )

        return list(memo.remember(("blog_topics", self.pk), topics))

    @path("rss/")
    def feed(self, request):
        from .feeds import BlogFeed

        tag = query_param(request, "tagg", 100)
        if tag:
            # An old-style topic filter on the feed: the topic's own feed has an address of its own.
            topic = get_object_or_404(Tag, slug=tag)
            return redirect(self.get_topic_feed_url(topic, request=request), permanent=True)
        return BlogFeed(self)(request)

    @path("rss/amne/<str:tag>/")
    def topic_feed(self, request, tag):
        from .feeds import TopicFeed

        topic = next((topic for topic in self.get_topics() if topic.slug == tag), None)
        if topic is None:
            raise Http404
        return TopicFeed(self, topic)(request)

    @path("forfattare/<slug:slug>/rss/")
    def author_feed(self, request, slug):
        from .feeds import AuthorFeed

        return AuthorFeed(self, get_object_or_404(Author, slug=slug))(request)

    @path("forfattare/<slug:slug>/")
    def author_posts(self, request, slug):
        author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
        posts = self.get_posts().filter(blog_authors__author=author)
        return self.render(
            request,
            template="blog/author_page.html",
            context_overrides={
                "author": author,
                "posts": paginate_posts(request, posts, self.posts_per_page),
                "feed_url": self.get_author_feed_url(author, request=request),
                "subpage_meta": self.get_author_meta(author, request),
            },
        )

    def get_author_meta(self, author, request):
        """An author's page is a page of its own: its address, title, description and a ProfilePage."""
        url = request.build_absolute_uri(self.get_author_url(author, request))
        image_url = ""
        if author.photo:
            image_url = request.build_absolute_uri(author.photo.get_rendition("fill-400x400|format-webp").url)
        person = {
            "@type": "Person",
            "name": author.name,
            "jobTitle": author.role,
            "description": author.bio,
            "url": url,
        }
        if image_url:
            person["image"] = image_url
        return {
            "title": author.name,
            "description": f"{author.name}, {author.role}. {author.bio}",
            "url": url,
            "og_type": "profile",
            "image_url": image_url,
            "json_ld": {
                "@context": "https://schema.org",
                "@type": "ProfilePage",
                "name": author.name,
                "url": url,
                "mainEntity": person,
            },
        }

    def get_authors(self):
        """Authors with at least one published post in this blog."""
        return Author.objects.filter(blog_pages__page__in=self.get_posts()).distinct().order_by("name")

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            base = self.get_full_url(request)
            lastmod = urls[0].get("lastmod")
            for author in self.get_authors():
                location = base + self.reverse_subpage("author_posts", kwargs={"slug": author.slug})
                urls.append({"location": location, "lastmod": lastmod})
        return urls

    def get_author_url(self, author, request=None):
        return self.get_url(request=request) + self.reverse_subpage("author_posts", kwargs={"slug": author.slug})

    def get_feed_url(self, request=None):
        return self.get_url(request=request) + self.reverse_subpage("feed")

    def get_topic_url(self, tag, request=None):
        return self.get_url(request=request) + "?" + urlencode({"tagg": tag.slug})

    def get_topic_feed_url(self, tag, request=None):
        return self.get_url(request=request) + iri_to_uri(self.reverse_subpage("topic_feed", kwargs={"tag": tag.slug}))

    def get_author_feed_url(self, author, request=None):
        return self.get_url(request=request) + self.reverse_subpage("author_feed", kwargs={"slug": author.slug})


class BlogPage(CommentableMixin, BasePage):
    date = models.DateField(
        verbose_name=_("Publiceringsdatum"),
        default=timezone.localdate,
        help_text=_("Visas som ”27 november 2026”."),
    )
    updated_on = models.DateField(
        verbose_name=_("Uppdaterad"),
        null=True,
        blank=True,
        help_text=_("Fyll i om inlägget har ändrats i sak efter publiceringen."),
    )
    hero = StreamField(
        [("image", DescribedImageBlock(label=_("Bild"), icon="image"))],
        verbose_name=_("Huvudbild"),
        blank=True,
        max_num=1,
        help_text=_(
            "Visas överst i inlägget och i listor. Alternativtexten fylls i från bildens beskrivning i"
            " bildbiblioteket; skriv om den för just det här inlägget, eller markera bilden som dekorativ."
        ),
    )
    hero_caption = models.CharField(verbose_name=_("Bildtext"), max_length=250, blank=True, help_text=_("Valfritt."))
    hero_credit = models.CharField(
        verbose_name=_("Fotograf"), max_length=120, blank=True, help_text=_("Visas som ”Foto: …”.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Brödtext"), blank=True)
    tags = ClusterTaggableManager(
        verbose_name=_("Ämnen"), through=BlogPageTag, blank=True, help_text=_("Ämnen som läsaren kan filtrera på.")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("hero"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Huvudbild"),
        ),
        FieldPanel("body"),
        InlinePanel("blog_authors", label=_("Skribenter"), min_num=1),
        FieldRowPanel([FieldPanel("date"), FieldPanel("updated_on")]),
        FieldPanel("tags"),
        InlinePanel("related_pages", label=_("Relaterade sidor")),
    ]
    edit_handler = edit_handler_with_comments(content_panels, BasePage.promote_panels, BasePage.settings_panels)
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Blogginlägg")
        verbose_name_plural = _("Blogginlägg")
        # Listings order by (-date, -pk) and take the first few: let PostgreSQL read them off an index.
        indexes = [models.Index(fields=["date", "page_ptr"], name="blog_post_date_order")]

    def clean(self):
        super().clean()
        if self.updated_on and self.date and self.updated_on < self.date:
            raise ValidationError({"updated_on": _("Uppdateringen kan inte vara före publiceringsdatumet.")})

    @property
    def hero_image(self):
        """The hero picture as Wagtail's ImageBlock gives it: the Image, carrying `contextual_alt_text`
        and `decorative` (website.blocks.DescribedImageBlock applies the alt-text rule), or None."""
        for block in self.hero:
            return block.value
        return None

    @property
    def hero_image_id(self):
        """The hero picture's id, read from the stored block without loading the image."""
        for item in self.hero.raw_data:
            value = item["value"]
            return value.get("image") if isinstance(value, dict) else value
        return None

    @cached_property
    def card_image(self):
        """The picture on the post's card in a listing; `with_card_images` loads it for a whole list."""
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def authors():
            found = list(
                Author.objects.filter(blog_pages__page=self)
                .prefetch_related(Prefetch("photo", queryset=images_with_renditions(PORTRAIT_SPECS)))
                .order_by("blog_pages__sort_order")
            )
            for author in found:
                author.posts_url = context["blog_index"].get_author_url(author, request=request)
            return found

        # Fetched when the template's remembered fragment renders, not when it is remembered.
        context["authors"] = SimpleLazyObject(authors)
        context["related"] = SimpleLazyObject(self.get_related_pages)
        context["post_tags"] = SimpleLazyObject(lambda: list(self.tags.all()))
        context["blog_index"] = SimpleLazyObject(lambda: self.get_parent().specific)
        return context

    def get_json_ld(self, request=None):
        data = super().get_json_ld(request)
        published = json_ld_datetime(self.date, self.first_published_at)
        data.update(
            {
                "@type": "BlogPosting",
                "headline": self.title,
                "datePublished": published,
                "dateModified": json_ld_datetime(self.updated_on, self.last_published_at)
                if self.updated_on
                else published,
                "author": self._json_ld_authors(request),
                "publisher": self.json_ld_publisher(request),
                "mainEntityOfPage": self.get_full_url(request),
            }
        )
        image = self.json_ld_image(request)
        if image:
            data["image"] = image
        return data

    def _json_ld_authors(self, request):
        """Each author with the address of their own page on this blog (rich results want author.url)."""
        index = self.get_parent().specific if request is not None else None
        authors = []
        for link in self.blog_authors.select_related("author"):
            person = {"@type": "Person", "name": link.author.name, "jobTitle": link.author.role}
            if isinstance(index, BlogIndexPage):
                person["url"] = request.build_absolute_uri(index.get_author_url(link.author, request))
            authors.append(person)
        return authors


class Author(index.Indexed, models.Model):
    name = models.CharField(verbose_name=_("Namn"), max_length=120, help_text=_("För- och efternamn."))
    slug = models.SlugField(
        verbose_name=_("Adressnamn"),
        max_length=120,
        unique=True,
        help_text=_("Används i adressen till skribentens sida."),
    )
    role = models.CharField(
        verbose_name=_("Arbetar med"), max_length=200, help_text=_("Till exempel ”Utvecklare, landsbygdsfrågor”.")
    )
    bio = models.TextField(verbose_name=_("Kort presentation"), max_length=400, help_text=_("En eller två meningar."))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Porträtt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ett foto eller en illustration. Alternativtexten blir skribentens namn."),
    )

    panels = [NameFieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("Skribent")
        verbose_name_plural = _("Skribenter")
        ordering = ["name"]

    def __str__(self):
        return self.name
