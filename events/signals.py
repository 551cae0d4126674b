"""Keep the page cache honest when an organiser's name or address changes: every page that shows it goes."""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from website.purge import paths_listing, purge

from .models import EventPage, Organiser


@receiver(post_save, sender=Organiser, dispatch_uid="events_purge_organiser")
def purge_organiser_events(sender, instance, created, **kwargs):
    if created:
        return
    events = EventPage.objects.live().filter(Q(organiser=instance) | Q(co_organisers__organiser=instance)).distinct()
    paths = set()
    for event in events:
        paths.update(paths_listing(event))
    purge(paths)
