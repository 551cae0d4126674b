"""Keep the page cache honest when an author's name, role or photo changes: every page that shows it goes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from website.purge import paths_listing, purge

from .models import Author, BlogPage


@receiver(post_save, sender=Author, dispatch_uid="blog_purge_author")
def purge_author_posts(sender, instance, created, **kwargs):
    if created:
        return
    paths = set()
    for post in BlogPage.objects.live().filter(blog_authors__author=instance).distinct():
        paths.update(paths_listing(post))
    purge(paths)
