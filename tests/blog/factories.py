import datetime

import factory
import wagtail_factories

from blog.models import Author, BlogIndexPage, BlogPage, BlogPageAuthor
from tests.factories import ImageFactory, publish


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Skribent Nummer{n}")
    slug = factory.Sequence(lambda n: f"skribent-{n}")
    role = "Utvecklare, landsbygdsfrågor"
    bio = "Skriver om lokal utveckling."
    photo = factory.SubFactory(ImageFactory)


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Blogg"
    slug = "blogg"
    lead = "Medarbetare skriver om landsbygdsutveckling."


class BlogPageFactory(wagtail_factories.PageFactory):
    """A blog post; `authors=[...]` and `tag_names=[...]` attach people and tags, `publish=True` publishes."""

    class Meta:
        model = BlogPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Blogginlägg {n}")
    lead = "En ingress som sammanfattar inlägget."
    date = datetime.date(2026, 11, 27)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        authors = kwargs.pop("authors", None) or []
        tag_names = kwargs.pop("tag_names", None) or []
        instance = model_class(**kwargs)
        # Clusterable relations are set before the first save, as the admin form does.
        for position, author in enumerate(authors):
            instance.blog_authors.add(BlogPageAuthor(author=author, sort_order=position))
        if tag_names:
            instance.tags.add(*tag_names)
        parent.add_child(instance=instance)
        return instance


def make_post(index, publish_now=True, **fields):
    post = BlogPageFactory(parent=index, **fields)
    return publish(post) if publish_now else post
